// Nothing from the project is executed: not its venv's interpreter (a committed script, or a real link
// whose site-packages holds a .pth), not a program on a PATH entry the project controls, not a command its
// git config names, not a module that shadows venv or pip. Each test plants a program that leaves a mark
// outside the project, runs the real CLI on it, and asserts there is no mark; where the planted thing is a
// trap for git or Python themselves, a control run shows that the trap does work when sprung directly.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctor, GIT, json, type Sandbox, SYSTEM_PY, sandbox } from './hostile.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

const PY_MINOR = spawnSync(SYSTEM_PY, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
  encoding: 'utf8',
}).stdout.trim();

/** A venv-looking directory whose bin/python is the planted script. */
function scriptVenv(name: string, mark: string) {
  box.write(`${name}/pyvenv.cfg`, `home = /usr/bin\nversion = ${PY_MINOR}.0\n`);
  box.write(`${name}/bin/python`, box.planted(mark), true);
  box.write(`${name}/bin/activate`, `VIRTUAL_ENV="${join(box.dir, name)}"\n`);
  box.write(`${name}/bin/pip`, `#!${join(box.dir, name)}/bin/python\n`, true);
}

describe('the project venv is judged from its files', { timeout: 120_000 }, () => {
  it.each(['.venv', 'venv'])('a committed %s/bin/python script never runs, in any mode', (name) => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    scriptVenv(name, 'venv-python');
    // (--deep runs nothing of the project either: see the --deep tests below.)
    for (const args of [[], ['--only', 'os'], ['--format', 'markdown'], ['--fix', '--dry-run']]) {
      const format = args.includes('--format') ? [] : ['--json'];
      const run = doctor([...format, '--python', SYSTEM_PY, ...args, box.dir], { timeoutMs: 120_000 });
      expect(run.error, args.join(' ')).toBeUndefined();
    }
    expect(box.marks()).toEqual([]);
    const report = json(doctor(['--json', '--verbose', '--python', SYSTEM_PY, box.dir]));
    const venvCheck = report.checks.find((c) => c.id === 'project-venv');
    expect(venvCheck?.details.join('\n')).toMatch(/not run: its interpreter .* is inside the project/);
  });

  it('a configured venv path outside the project is refused (exit 2), and nothing there runs', () => {
    box = sandbox();
    for (const venv of [join(box.outside, 'v'), '/usr', '../outside/v', '.']) {
      box.write('pyproject.toml', `[project]\nname = "x"\n[tool.venv-doctor]\nvenv = ${JSON.stringify(venv)}\n`);
      const run = doctor(['--python', SYSTEM_PY, box.dir]);
      expect(run.status, venv).toBe(2);
      expect(run.stderr).toMatch(/venv/);
    }
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    const flag = doctor(['--python', SYSTEM_PY, '--venv', '/usr', box.dir]);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/--venv "\/usr" is outside the project/);
  });

  it('a genuine link to the system python runs without site: no .pth of the venv runs, yet the venv is judged', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    const made = spawnSync(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(box.dir, '.venv')], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const site = join(box.dir, `.venv/lib/python${PY_MINOR}/site-packages`);
    writeFileSync(join(site, 'evil.pth'), `import os; os.system("touch ${join(box.outside, 'marks', 'pth')}")\n`);
    // Control: the venv's own python does run the .pth.
    spawnSync(join(box.dir, '.venv/bin/python'), ['-c', '0']);
    expect(box.marks()).toEqual(['pth']);
    spawnSync('/bin/rm', [join(box.outside, 'marks', 'pth')]);

    const report = json(doctor(['--json', '--python', SYSTEM_PY, box.dir]));
    expect(box.marks()).toEqual([]);
    expect(report.checks.find((c) => c.id === 'project-venv')?.message).toMatch(/has no pip|complete venv/);
  });

  it("pyvenv.cfg's home pointing into the project cannot load a planted standard library", () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    const made = spawnSync(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(box.dir, '.venv')], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const fake = join(box.dir, 'fake');
    box.write(
      `fake/lib/python${PY_MINOR}/encodings/__init__.py`,
      `import os\nos.system("touch ${join(box.outside, 'marks', 'stdlib')}")\n`,
    );
    box.write(`fake/lib/python${PY_MINOR}/os.py`, `import sys\nsys.exit("planted os")\n`);
    box.write('.venv/pyvenv.cfg', `home = ${fake}/bin\nversion = ${PY_MINOR}.0\n`);
    json(doctor(['--json', '--python', SYSTEM_PY, box.dir]));
    expect(box.marks()).toEqual([]);
  });

  it('--python naming a program inside the project is not run', () => {
    box = sandbox();
    box.write('tools/python3', box.planted('python-flag'), true);
    const report = json(doctor(['--json', '--python', join(box.dir, 'tools/python3'), box.dir]));
    expect(box.marks()).toEqual([]);
    expect(report.checks.find((c) => c.id === 'python')?.message).toMatch(/inside the project/);
  });
});

describe('PATH entries the project controls are never used', () => {
  it('empty, relative and in-project entries (npx puts ./node_modules/.bin first) cannot supply python3 or git', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    for (const where of ['node_modules/.bin', 'relbin', '.']) {
      box.write(`${where}/python3`, box.planted(`python3-${where.replaceAll('/', '_')}`), true);
      box.write(`${where}/git`, box.planted(`git-${where.replaceAll('/', '_')}`), true);
      box.write(`${where}/dpkg-query`, box.planted(`dpkg-${where.replaceAll('/', '_')}`), true);
    }
    const PATH = [join(box.dir, 'node_modules/.bin'), '', 'relbin', '.', '/usr/bin', '/bin'].join(':');
    const report = json(doctor(['--json'], { cwd: box.dir, env: { PATH } }));
    expect(box.marks()).toEqual([]);
    expect(report.python.resolved).toBe('/usr/bin/python3');
  });
});

describe.skipIf(!GIT)('git cannot run what the repository configures (needs git)', () => {
  const git = GIT ?? '';
  it('core.fsmonitor in the repository config', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    const monitor = box.write(join(box.outside, 'monitor.sh'), box.planted('fsmonitor'), true);
    spawnSync(git, ['init', '-q', box.dir]);
    spawnSync(git, ['-C', box.dir, 'config', 'core.fsmonitor', monitor]);
    // Control: a plain check-ignore runs it.
    spawnSync(git, ['-C', box.dir, 'check-ignore', '-q', '--', '.venv/pyvenv.cfg']);
    expect(box.marks()).toEqual(['fsmonitor']);
    spawnSync('/bin/rm', [join(box.outside, 'marks', 'fsmonitor')]);

    const report = json(doctor(['--json', '--python', SYSTEM_PY, box.dir]));
    expect(box.marks()).toEqual([]);
    expect(report.checks.find((c) => c.id === 'gitignore')?.status).toBe('warn');
  });

  it('an embedded bare repository (committed HEAD, objects/, refs/, config) is not used implicitly', () => {
    box = sandbox();
    const monitor = box.write(join(box.outside, 'monitor.sh'), box.planted('bare'), true);
    const sub = join(box.dir, 'sub');
    mkdirSync(sub);
    spawnSync(git, ['init', '-q', '--bare', sub]);
    for (const [key, value] of [
      ['core.bare', 'false'],
      ['core.worktree', '.'],
      ['core.fsmonitor', monitor],
    ]) {
      spawnSync(git, ['-C', sub, 'config', key ?? '', value ?? '']);
    }
    box.write('sub/pyproject.toml', '[project]\nname = "x"\n');
    spawnSync(git, ['-C', sub, 'check-ignore', '-q', '--', 'x']);
    expect(box.marks()).toEqual(['bare']);
    spawnSync('/bin/rm', [join(box.outside, 'marks', 'bare')]);

    const run = doctor(['--json', '--python', SYSTEM_PY, sub]);
    expect(run.status).toBeLessThan(2);
    expect(box.marks()).toEqual([]);
  });
});

describe('--deep is not shadowed by the project', { timeout: 120_000 }, () => {
  it('a venv.py, ensurepip/ and pip/ where the user stands do not run', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    box.write('venv.py', `import os\nos.system("touch ${join(box.outside, 'marks', 'venv-py')}")\n`);
    box.write('venv/__main__.py', `import os\nos.system("touch ${join(box.outside, 'marks', 'venv-pkg')}")\n`);
    box.write('pip/__init__.py', `import os\nos.system("touch ${join(box.outside, 'marks', 'pip')}")\n`);
    box.write('pip/__main__.py', `import os\nos.system("touch ${join(box.outside, 'marks', 'pip-main')}")\n`);
    box.write('ensurepip/__init__.py', `import os\nos.system("touch ${join(box.outside, 'marks', 'ensurepip')}")\n`);
    scriptVenv('.venv', 'venv-python');
    // Control: the plain command, from here, runs the project's module.
    spawnSync(SYSTEM_PY, ['-m', 'venv', '--help'], { cwd: box.dir });
    expect(box.marks().length).toBeGreaterThan(0);
    spawnSync('/bin/sh', ['-c', `rm -f '${join(box.outside, 'marks')}'/*`]);

    doctor(['--json', '--deep', '--python', SYSTEM_PY], { cwd: box.dir, timeoutMs: 120_000 });
    expect(box.marks()).toEqual([]);
  });

  it('the printed venv fix is isolated (-I): run as printed from the project, it does not import the project', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    box.write('.venv/pyvenv.cfg', 'home = /usr/bin\n');
    symlinkSync(SYSTEM_PY, box.write('.venv/bin/.keep', '').replace('.keep', 'python'));
    const report = json(doctor(['--json', '--python', SYSTEM_PY], { cwd: box.dir }));
    const fix = report.fixes.find((f) => f.manager === 'venv');
    expect(fix?.argv.slice(0, 4)).toEqual([SYSTEM_PY, '-I', '-m', 'venv']);
  });
});
