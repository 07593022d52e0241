// The attacks of an independent review (a reviewer with a fresh context, as root, on hostile trees), each
// kept as a test once fixed: F1 a version manager's fallback to the project's python3 through PATH, F2 a
// configured venv under a directory that leads out, F3 bin/ linking out of the venv, F4 a version file that
// hides a path from the guard, F5 a facts file whose version is not PEP 440, F6 the owner's name in a
// shared report, F7 environment paths echoed raw, F8 a dump through a committed directory link, F9 advice
// relative to the wrong directory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctor, IS_ROOT, json, NO_APT, type Sandbox, SYSTEM_PY, sandbox } from './hostile.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

/** A shim outside the project that, like pyenv's fallback to `system`, runs whatever python3 PATH gives. */
function shim(): string {
  const dir = join(box.outside, 'shims');
  // As pyenv's shims do, it leaves its own directory out of PATH before the lookup.
  const self = `PATH=$(printf %s "$PATH" | tr ':' '\\n' | grep -vx '${dir}' | paste -sd:)`;
  box.write(join(dir, 'python3'), `#!/bin/sh\n${self}\nexec python3 "$@"\n`, true);
  return dir;
}

describe('F1: programs venv-doctor starts never see the project on PATH', { timeout: 120_000 }, () => {
  it('a shim that looks python3 up on PATH finds the real one, in the diagnosis and in --fix', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    box.write('node_modules/.bin/python3', `${box.planted('project-python3')}exec ${SYSTEM_PY} "$@"\n`, true);
    box.write('python3', `${box.planted('cwd-python3')}exec ${SYSTEM_PY} "$@"\n`, true);
    const PATH = [join(box.dir, 'node_modules/.bin'), '', shim(), '/usr/bin', '/bin'].join(':');
    // Control: the shim, run with that PATH from the project, runs the project's python3.
    spawnSync(join(box.outside, 'shims/python3'), ['-c', '0'], { cwd: box.dir, env: { PATH } });
    expect(box.marks().sort()).toEqual(['project-python3']);
    spawnSync('/bin/sh', ['-c', `rm -f '${join(box.outside, 'marks')}'/*`]);

    const report = json(doctor(['--json'], { cwd: box.dir, env: { PATH } }));
    expect(report.python.resolved).toBe(join(box.outside, 'shims/python3'));
    expect(report.python.version).toMatch(/^3\./);
    // A half-made venv: --fix --yes runs `python3 -I -m venv --clear .venv` through the shim.
    mkdirSync(join(box.dir, '.venv/bin'), { recursive: true });
    writeFileSync(join(box.dir, '.venv/pyvenv.cfg'), 'home = /usr/bin\n');
    symlinkSync(SYSTEM_PY, join(box.dir, '.venv/bin/python'));
    const fixed = doctor(['--json', '--fix', '--yes', ...NO_APT], { cwd: box.dir, env: { PATH }, timeoutMs: 120_000 });
    expect(fixed.stderr).toContain('-I -m venv --clear .venv');
    expect(box.marks()).toEqual([]);
  });
});

describe('F2, F3, F8, F9: nothing outside the project is written or read through its links', {
  timeout: 60_000,
}, () => {
  it('F2: a configured venv under a directory that leads out is not created there by --fix', () => {
    box = sandbox();
    const victim = join(box.outside, 'victim');
    mkdirSync(victim);
    symlinkSync(victim, join(box.dir, 'envs'));
    box.write('pyproject.toml', '[project]\nname = "x"\n[tool.venv-doctor]\nvenv = "envs/.venv"\n');
    const report = json(
      doctor(['--json', '--fix', '--yes', ...NO_APT, '--python', SYSTEM_PY, box.dir], { timeoutMs: 60_000 }),
    );
    expect(readdirSync(victim)).toEqual([]);
    expect(report.fixes.filter((f) => f.manager === 'venv')).toEqual([]);
    expect(report.checks.find((c) => c.id === 'project-venv')?.message).toContain(
      `${victim}/.venv, outside the project`,
    );
  });

  it('F3: bin/ linking out of the venv: nothing in it is read, and it is a finding', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    const secret = join(box.outside, 'secret');
    box.write(join(secret, 'token'), '#!SECRET_TOKEN_abc123\n', true);
    box.write(join(secret, 'activate'), 'VIRTUAL_ENV="/SECRET_FROM_ACTIVATE"\n');
    box.write('.venv/pyvenv.cfg', 'home = /usr/bin\n');
    symlinkSync(secret, join(box.dir, '.venv/bin'));
    const dump = join(box.outside, 'facts.json');
    const run = doctor(['--json', '--verbose', '--no-redact', '--dump-facts', dump, '--python', SYSTEM_PY, box.dir]);
    expect(`${run.stdout}${readFileSync(dump, 'utf8')}`).not.toMatch(/SECRET/);
    expect(json(run).checks.find((c) => c.id === 'project-venv')?.message).toContain(
      `.venv/bin leads outside the venv (to ${secret})`,
    );
  });

  it('F8: --dump-facts into the project through a committed link out of it is refused', () => {
    box = sandbox();
    const victim = join(box.outside, 'victim');
    mkdirSync(victim);
    symlinkSync(victim, join(box.dir, 'reports'));
    const run = doctor(['--json', '--python', SYSTEM_PY, '--dump-facts', 'reports/facts.json'], { cwd: box.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('its directory is a symbolic link out of the project');
    expect(readdirSync(victim)).toEqual([]);
    // A dump anywhere else (here: a new file outside the project) is written.
    expect(
      doctor(['--json', '--python', SYSTEM_PY, '--dump-facts', join(box.outside, 'f.json')], { cwd: box.dir }).status,
    ).toBeLessThan(2);
  });

  it('F9: advice names the venv from where the user stands, not from the project', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\nrequires-python = "banana"\n');
    box.write('.venv/pyvenv.cfg', 'home = /usr/bin\n');
    const report = json(doctor(['--json', '--python', SYSTEM_PY, box.dir], { cwd: box.outside }));
    expect(report.advice.join('\n')).toContain(`-I -m venv --clear ${join(box.dir, '.venv')}`);
    expect(report.advice.join('\n')).not.toMatch(/--clear \.venv/);
  });
});

describe('F4: the version file guard reads what the version manager reads', { timeout: 60_000 }, () => {
  /**
   * Where pyenv was told to look (PYENV_DIR), what it was handed (PYENV_VERSION) and where the interpreter
   * started, told by a wrapper outside, for a project laid out by `lay`.
   */
  function probedIn(lay: (project: Sandbox) => void): { pyenvDir: string; version: string } {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    lay(box);
    const where = join(box.outside, 'cwd');
    const wrapper = box.write(
      join(box.outside, 'py'),
      `#!/bin/sh\necho "$PYENV_DIR|\${PYENV_VERSION-unset}|$(pwd)" > '${where}'\nexec ${SYSTEM_PY} "$@"\n`,
      true,
    );
    json(doctor(['--json', '--python', wrapper, box.dir], { env: { PYENV_VERSION: undefined } }));
    const [pyenvDir, version, cwd] = readFileSync(where, 'utf8').trim().split('|');
    // The interpreter itself always starts in /, so that nothing of the project's directory is at hand.
    expect(cwd).toBe('/');
    return { pyenvDir: pyenvDir ?? '', version: version ?? '' };
  }
  const probed = (versionFile: string) => probedIn((project) => project.write('.python-version', versionFile));
  const probeCwd = (versionFile: string) => probed(versionFile).pyenvDir;
  const VERSIONS_17 = Array.from({ length: 17 }, (_, i) => `3.99.${i}`);
  it('plain versions (and comment lines): the project directory, so pyenv answers for it', () => {
    expect(probeCwd('# the version\n3.11\n')).toBe(box.dir);
  });
  // pyenv is handed the versions it would read itself (the first word of each line), so that it never reads
  // the project's file: not after a swap, and not by an older pyenv's rules (no comments, no path check).
  it.each([
    ['# the version\n3.11\n', '3.11'],
    ['3.12 3.11\n3.10 # and this one\n', '3.12:3.10'],
    ['3.11 ../../../../tmp/evil\n', '3.11'],
    // pyenv-virtualenv's names: a plain path below $PYENV_ROOT/versions, which pyenv selects.
    ['3.12.1/envs/web\n3.12.1/\n', '3.12.1/envs/web:3.12.1/'],
    ['# nothing but a comment\n', 'system'],
    // Every version, however many: pyenv goes on to the 17th when none of the first 16 is installed.
    [`${VERSIONS_17.join('\n')}\n`, VERSIONS_17.join(':')],
  ])('%j: pyenv asked for the project directory with PYENV_VERSION=%s', (text, version) => {
    expect(probed(text)).toEqual({ pyenvDir: box.dir, version });
  });
  // A path among the words pyenv reads is left out (pyenv 2.3.3+ ignores it too) and pyenv is handed the rest:
  // it never reads the file, so an older pyenv cannot follow the path (CVE-2022-35861).
  it.each([
    ['a path after a "#" inside a word', 'x#/../../../../tmp/evil\n', 'system'],
    ['a path after 4 KiB of comment', `${'#'.repeat(5000)}\n../../../../tmp/evil\n`, 'system'],
    [
      'a path 1,024 characters into a line (pyenv reads it as a line of its own)',
      `${'#'.repeat(1024)}../evil\n`,
      'system',
    ],
    ['a relative path', '../evil\n', 'system'],
    ['an absolute path', '/tmp/evil\n', 'system'],
    ['a path through ..', '3.12.1/../../../tmp/evil\n', 'system'],
    ['a path, then a version', '../../../../tmp/evil\n3.11\n', '3.11'],
    ['a name that is no version, then a version', '3.11;touch /tmp/x\n\ufeff3.12\n3.10\n', '3.10'],
  ])('%s: pyenv handed PYENV_VERSION=%s, never the path', (_what, text, version) => {
    expect(probed(text)).toEqual({ pyenvDir: box.dir, version });
  });
  it("asdf's .tool-versions, whatever it holds (a comment, asdf's ref:), leaves pyenv's answer alone", () => {
    const handed = probedIn((project) => {
      project.write('.tool-versions', 'nodejs 20.11.0 # LTS\nruby ref:v3.3.0\nterraform ../../../tmp/evil\n');
      project.write('.python-version', '3.12\n');
    });
    expect(handed).toEqual({ pyenvDir: box.dir, version: '3.12' });
  });
  it('a .python-version that is a link out of the project: not read, so pyenv is asked from /, handed nothing', () => {
    const handed = probedIn((project) => {
      symlinkSync(project.write(join(project.outside, 'version'), '3.11\n'), join(project.dir, '.python-version'));
    });
    expect(handed).toEqual({ pyenvDir: '/', version: 'unset' });
  });
});

describe('F5, F6, F7: replayed facts, shared reports, echoed paths', { timeout: 60_000 }, () => {
  it('F5: a facts file whose version is not a version is refused with the field, not a crash', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\nrequires-python = ">=9.9"\n');
    const dump = join(box.outside, 'facts.json');
    doctor(['--json', '--python', SYSTEM_PY, '--no-redact', '--dump-facts', dump, box.dir]);
    const facts = JSON.parse(readFileSync(dump, 'utf8'));
    facts.python.others = [{ name: 'python3.99', path: '/usr/bin/python3.99', version: 'abc' }];
    writeFileSync(dump, JSON.stringify(facts));
    const run = doctor(['--facts', dump]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/python\.others\[0\]\.version must match pattern/);
  });

  it.runIf(IS_ROOT)("F6: as root in another user's project, no user name is gathered or shared (needs root)", () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    spawnSync('/bin/chown', ['-R', '65534:65534', box.dir]);
    const dump = join(box.outside, 'facts.json');
    const md = doctor(['--format', 'markdown', '--python', SYSTEM_PY, box.dir]);
    doctor(['--json', '--python', SYSTEM_PY, '--no-redact', '--dump-facts', dump, box.dir]);
    expect(JSON.parse(readFileSync(dump, 'utf8')).project.owner).toEqual({ uid: 65534 });
    expect(`${md.stdout}${readFileSync(dump, 'utf8')}`).not.toContain('nobody');
  });

  it('F7: a step-summary path from the environment is echoed escaped', () => {
    box = sandbox();
    const loop = join(box.outside, 'loop1');
    symlinkSync(join(box.outside, 'loop2'), loop);
    symlinkSync(loop, join(box.outside, 'loop2'));
    const run = doctor(['--format', 'github', '--python', SYSTEM_PY, box.dir], {
      env: { GITHUB_STEP_SUMMARY: `${loop}/\u001b]0;TITLE\u0007\u001b[41mX` },
    });
    expect(run.stderr).toContain('cannot write the step summary');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(existsSync(join(box.outside, 'loop1'))).toBe(false);
  });
});

// The second review round, against the fixes of the first.
describe('second round: PATH through links, loader paths, the fix and ancestors, dump paths, GitHub', {
  timeout: 120_000,
}, () => {
  it('G1: a PATH entry that is a link into the project is the project', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    box.write('bin/python3', `${box.planted('linked-python3')}exec ${SYSTEM_PY} "$@"\n`, true);
    symlinkSync(box.dir, join(box.outside, 'plink'));
    const PATH = [shim(), join(box.outside, 'plink/bin'), '/usr/bin', '/bin'].join(':');
    spawnSync(join(box.outside, 'shims/python3'), ['-c', '0'], { env: { PATH } });
    expect(box.marks()).toEqual(['linked-python3']);
    spawnSync('/bin/sh', ['-c', `rm -f '${join(box.outside, 'marks')}'/*`]);
    json(doctor(['--json'], { cwd: join(box.outside, 'plink'), env: { PATH } }));
    expect(box.marks()).toEqual([]);
  });

  it.runIf(existsSync('/usr/bin/gcc'))(
    'G2: an empty LD_LIBRARY_PATH entry cannot load a library of the project (needs gcc)',
    () => {
      box = sandbox();
      box.write('pyproject.toml', '[project]\nname = "x"\n');
      const source = box.write(
        join(box.outside, 'evil.c'),
        `#include <stdio.h>\n__attribute__((constructor)) static void p(void){FILE*f=fopen("${join(box.outside, 'marks', 'ld')}","a");if(f)fclose(f);}\n`,
      );
      const libz = [
        '/lib/x86_64-linux-gnu/libz.so.1',
        '/usr/lib/x86_64-linux-gnu/libz.so.1',
        '/lib/aarch64-linux-gnu/libz.so.1',
      ].find(existsSync);
      const built = spawnSync('/usr/bin/gcc', [
        '-shared',
        '-fPIC',
        '-o',
        join(box.dir, 'libz.so.1'),
        source,
        '-Wl,--no-as-needed',
        libz ?? '-lz',
      ]);
      expect(built.status, String(built.stderr)).toBe(0);
      // Control: a Python started in the project with that LD_LIBRARY_PATH loads it.
      spawnSync(SYSTEM_PY, ['-c', 'import zlib'], { cwd: box.dir, env: { LD_LIBRARY_PATH: ':/nonexistent' } });
      expect(box.marks()).toEqual(['ld']);
      spawnSync('/bin/sh', ['-c', `rm -f '${join(box.outside, 'marks')}'/*`]);
      json(doctor(['--json', '--python', SYSTEM_PY], { cwd: box.dir, env: { LD_LIBRARY_PATH: ':/nonexistent' } }));
      json(doctor(['--json', '--python', SYSTEM_PY, box.dir], { env: { LD_LIBRARY_PATH: `${box.dir}:/x` } }));
      expect(box.marks()).toEqual([]);
    },
  );

  /** A wrapper interpreter outside the project that logs what pyenv would be told. */
  function pyenvLog(): { wrapper: string; log: () => string[] } {
    const where = join(box.outside, 'pyenv-dir');
    const wrapper = box.write(
      join(box.outside, 'py'),
      `#!/bin/sh\necho "$PYENV_DIR|\${PYENV_VERSION-unset}" >> '${where}'\nexec ${SYSTEM_PY} "$@"\n`,
      true,
    );
    return { wrapper, log: () => (existsSync(where) ? readFileSync(where, 'utf8').trim().split('\n') : []) };
  }

  it('G3: a version file that names a path: pyenv is handed PYENV_VERSION=system, and the fix runs the judged interpreter itself', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    box.write('.python-version', '../../../../tmp/evil\n');
    mkdirSync(join(box.dir, '.venv/bin'), { recursive: true });
    writeFileSync(join(box.dir, '.venv/pyvenv.cfg'), 'home = /usr/bin\n');
    const { wrapper, log } = pyenvLog();
    symlinkSync(SYSTEM_PY, join(box.dir, '.venv/bin/python'));
    const run = doctor(['--json', '--fix', '--yes', ...NO_APT, '--python', wrapper], {
      cwd: box.dir,
      timeoutMs: 120_000,
      env: { PYENV_VERSION: undefined },
    });
    // The fix runs the interpreter that was judged, by its own path: no shim decides again where it runs.
    expect(run.stderr).toContain(`$ ${SYSTEM_PY} -I -m venv --clear .venv\n`);
    // The probe and the second diagnosis: each handed "system" (pyenv's answer for a file that names no
    // version), never the path, so pyenv never reads the file.
    expect(log()).toEqual([`${box.dir}|system`, `${box.dir}|system`]);
  });

  it('G4: a version file above the project directory counts too (pyenv walks up)', () => {
    box = sandbox();
    box.write('.python-version', '../../../../tmp/evil\n');
    box.write('services/api/pyproject.toml', '[project]\nname = "x"\n');
    const { wrapper, log } = pyenvLog();
    json(doctor(['--json', '--python', wrapper, join(box.dir, 'services/api')], { env: { PYENV_VERSION: undefined } }));
    expect(log()).toEqual([`${join(box.dir, 'services/api')}|system`]);
  });

  it('G5: --dump-facts sub/../x.json, where sub links out, is refused', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    mkdirSync(join(box.outside, 'a/b'), { recursive: true });
    symlinkSync(join(box.outside, 'a/b'), join(box.dir, 'sub'));
    const run = doctor(['--json', '--python', SYSTEM_PY, '--dump-facts', 'sub/../facts.json'], { cwd: box.dir });
    expect(run.status).toBe(2);
    expect(readdirSync(join(box.outside, 'a'))).toEqual(['b']);
  });

  it('G6: under --format github, the --fix section and stderr carry no workflow command', () => {
    box = sandbox();
    const name = '##[error]pwned ::warning::x';
    box.write('pyproject.toml', `[project]\nname = "x"\n[tool.venv-doctor]\nvenv = "${name}"\n`);
    box.write(`${name}/pyvenv.cfg`, 'home = /usr/bin\n');
    const run = doctor(['--format', 'github', '--fix', '--dry-run', '--python', SYSTEM_PY, box.dir]);
    expect(run.stdout).toContain('--fix will run');
    let stopped: string | null = null;
    for (const line of run.stdout.split(/\r\n|\r|\n/)) {
      const trimmed = line.trimStart();
      if (stopped) {
        if (trimmed === `::${stopped}::`) stopped = null;
        continue;
      }
      const stop = /^::stop-commands::(.+)$/.exec(trimmed);
      if (stop?.[1]) {
        stopped = stop[1];
        continue;
      }
      expect(line).not.toContain('##[');
      if (trimmed.startsWith('::')) expect(trimmed).toMatch(/^::(error|warning)( [^:]*)?::/);
    }
    expect(run.stderr).not.toContain('##[');
    // A usage error that quotes the project's settings: on stderr, which the runner reads too.
    box.write('pyproject.toml', '[project]\nname = "x"\n[tool.venv-doctor]\nvenv = "../##[add-mask]x"\n');
    const refused = doctor(['--format', 'github', '--python', SYSTEM_PY, box.dir]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('is outside the project');
    expect(refused.stderr).not.toContain('##[');
  });
});
