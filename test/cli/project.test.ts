// The project checks against real venvs made by this machine's interpreters in temporary directories:
// moved with mv, copied with cp -a, interpreter removed, half-created, wrong version, not ignored, made by
// virtualenv. The venvs are made with Debian's /usr/bin/python3 (--without-pip works without its venv
// package); what a test needs beyond it is in its title, "(needs ...)" (test/helpers/cli.ts).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import {
  CLI_ARGS,
  CLI_FILE,
  GIT,
  HAVE_SYSTEM_PY,
  NEEDS,
  pyenvPython,
  READY_SYSTEM_PY,
  SYSTEM_PY,
  systemPython,
  VIRTUALENV,
} from '../helpers/cli.js';

const PY312 = pyenvPython('3.12.1');
let work = '';

function sh(file: string, args: string[], cwd?: string) {
  const r = spawnSync(file, args, { encoding: 'utf8', cwd, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')}: ${r.error?.message ?? ''}${r.stderr}`);
  return r.stdout;
}

/** A project directory with a pyproject.toml; a git work tree when git is installed. */
function project(name: string, pyproject = '[project]\nname = "demo"\nrequires-python = ">=3.9"\n'): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), pyproject);
  if (GIT) sh(GIT, ['init', '-q', dir]);
  return dir;
}

function doctor(args: string[], env: Record<string, string | undefined> = {}): Report {
  const r = spawnSync(CLI_FILE, [...CLI_ARGS, '--json', '--python', SYSTEM_PY, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined, ...env },
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);
const venvFix = (dir: string) => [SYSTEM_PY, '-I', '-m', 'venv', '--clear', join(dir, '.venv')];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-project-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!HAVE_SYSTEM_PY)(`project checks on real venvs ${NEEDS.systemPython}`, { timeout: 60_000 }, () => {
  it.skipIf(!READY_SYSTEM_PY)(
    `moved with mv: says from where to where, and recreates it in place ${NEEDS.readySystemPython}`,
    () => {
      const dir = project('moved');
      sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(work, 'elsewhere-venv')]);
      sh('mv', [join(work, 'elsewhere-venv'), join(dir, '.venv')]);
      const r = doctor([dir]);
      expect(r.exitCode).toBe(1);
      expect(check(r, 'venv-relocated')?.status).toBe('fail');
      expect(check(r, 'venv-relocated')?.message).toContain(
        `it was made in ${join(work, 'elsewhere-venv')}, and is now in ${join(dir, '.venv')}`,
      );
      expect(r.fixes.map((f) => f.argv)).toEqual([venvFix(dir)]);
      expect(r.notes).toEqual([
        `--clear empties ${join(dir, '.venv')}: reinstall the project with ${join(dir, '.venv')}/bin/python -m pip install -e .`,
      ]);
    },
  );

  it('copied with cp -a: the copy is caught, the original is not touched', () => {
    const dir = project('copied');
    const original = join(work, 'original-venv');
    sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', original]);
    sh('cp', ['-a', original, join(dir, '.venv')]);
    const before = [readdirSync(join(original, 'bin')), readFileSync(join(original, 'pyvenv.cfg'), 'utf8')];
    const r = doctor([dir]);
    expect(check(r, 'venv-relocated')?.status).toBe('fail');
    expect(check(r, 'venv-relocated')?.message).toContain(
      `it was made in ${original}, and is now in ${join(dir, '.venv')}`,
    );
    expect([readdirSync(join(original, 'bin')), readFileSync(join(original, 'pyvenv.cfg'), 'utf8')]).toEqual(before);
  });

  it.skipIf(!READY_SYSTEM_PY)(
    `interpreter removed (made from an interpreter that is then deleted, as an OS upgrade does) ${NEEDS.readySystemPython}`,
    () => {
      const dir = project('interpreter-gone');
      // /usr/bin/python3.10 vanishing in an upgrade, in small: the venv is made from an interpreter in a
      // directory of its own (a link to Debian's python3), and that directory is then removed.
      const copy = join(work, 'py-copy');
      mkdirSync(join(copy, 'bin'), { recursive: true });
      symlinkSync(SYSTEM_PY, join(copy, 'bin/python3'));
      sh(join(copy, 'bin/python3'), ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
      rmSync(copy, { recursive: true, force: true });
      const r = doctor([dir]);
      expect(check(r, 'project-venv')?.status).toBe('fail');
      expect(check(r, 'project-venv')?.message).toContain(
        `leads to ${join(copy, 'bin/python3')}, which does not exist`,
      );
      expect(r.exitCode).toBe(1);
      expect(r.fixes.map((f) => f.argv)).toEqual([venvFix(dir)]);
    },
  );

  it('half-created (no activate, no pip) is a failure; --without-pip is a warning', () => {
    const dir = project('half');
    sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
    const noPip = doctor([dir]);
    expect(check(noPip, 'project-venv')).toMatchObject({
      status: 'warn',
      message: '.venv has no pip (made with --without-pip, or pip was removed).',
    });
    for (const f of readdirSync(join(dir, '.venv/bin'))) {
      if (/^activate|^Activate/.test(f)) rmSync(join(dir, '.venv/bin', f));
    }
    const half = doctor([dir]);
    expect(check(half, 'project-venv')).toMatchObject({
      status: 'fail',
      message:
        '.venv is half-created: it has no activate script and no pip (a `python -m venv` that failed, usually for want of ensurepip).',
    });
  });

  it.skipIf(!existsSync(PY312) || !READY_SYSTEM_PY || systemPython?.xy === '3.12')(
    `wrong version: a venv of 3.12 for a project that needs <3.12 is recreated with the interpreter that fits ${NEEDS.pyenv('3.12.1')} ${NEEDS.readySystemPython}`,
    () => {
      const dir = project('wrong-version', '[project]\nname = "demo"\nrequires-python = ">=3.10,<3.12"\n');
      writeFileSync(join(dir, '.gitignore'), '.venv/\n');
      sh(PY312, ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
      const r = doctor([dir]);
      expect(check(r, 'python-version')?.status).toBe('fail');
      expect(check(r, 'python-version')?.message).toMatch(
        /^\.venv runs Python 3\.12\.1; this project requires >=3\.10,<3\.12/,
      );
      expect(r.fixes.map((f) => f.argv)).toEqual([venvFix(dir)]);
    },
  );

  it.skipIf(!READY_SYSTEM_PY)(
    `the interpreter misses requires-python: found vs required, and no venv fix with the wrong one ${NEEDS.readySystemPython}`,
    () => {
      const dir = project('needs-new', '[project]\nname = "demo"\nrequires-python = "~=3.99"\n');
      writeFileSync(join(dir, '.gitignore'), '.venv/\n');
      const r = doctor([dir]);
      expect(r.exitCode).toBe(1);
      expect(check(r, 'python-version')).toMatchObject({
        status: 'fail',
        message: `Python ${systemPython?.version} found; this project requires ~=3.99 (requires-python in pyproject.toml).`,
      });
      expect(r.fixes).toEqual([]);
      expect(r.advice).toEqual([
        // Not "pyenv install 3": that would install a Python that does not meet ~=3.99 either.
        'No released Python from 3.8 to 3.15 meets ~=3.99: check the requirement (requires-python in pyproject.toml), or install a Python that meets it by hand.',
      ]);
    },
  );

  it.skipIf(!GIT)(`not ignored by git: a warning with the line to add (git itself is asked) ${NEEDS.git}`, () => {
    const dir = project('not-ignored');
    sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
    const r = doctor([dir]);
    expect(check(r, 'gitignore')).toMatchObject({
      status: 'warn',
      message:
        'git does not ignore .venv/: its thousands of files would show up in `git status` and could be committed.',
    });
    expect(r.advice).toEqual([`Add this line to ${dir}/.gitignore: .venv/`]);
  });

  it.skipIf(!VIRTUALENV || !GIT)(
    `a venv made by virtualenv (pip without ensurepip), in place and ignored: every project check passes ${NEEDS.virtualenv} ${NEEDS.git}`,
    () => {
      const dir = project('virtualenv');
      writeFileSync(join(dir, '.gitignore'), '.venv/\n');
      sh(VIRTUALENV ?? 'virtualenv', ['-q', '-p', SYSTEM_PY, '--no-setuptools', '--no-wheel', join(dir, '.venv')]);
      const r = doctor([dir]);
      expect(check(r, 'project-venv')).toMatchObject({
        status: 'pass',
        message: `.venv is a complete venv of Python ${systemPython?.version}.`,
      });
      expect(check(r, 'python-version')?.status).toBe('pass');
      expect(check(r, 'venv-relocated')).toMatchObject({ status: 'pass' });
      expect(check(r, 'venv-relocated')?.message).toMatch(/^\.venv is where it was made \(\d+ scripts checked\)\.$/);
      expect(check(r, 'gitignore')).toMatchObject({ status: 'pass', message: 'git ignores .venv/.' });
    },
  );

  it.skipIf(!VIRTUALENV)(`a venv made by virtualenv, then moved: caught as moved ${NEEDS.virtualenv}`, () => {
    const dir = project('virtualenv-moved');
    const made = join(work, 'virtualenv-elsewhere');
    sh(VIRTUALENV ?? 'virtualenv', ['-q', '-p', SYSTEM_PY, '--no-setuptools', '--no-wheel', made]);
    sh('mv', [made, join(dir, '.venv')]);
    const r = doctor([dir]);
    expect(check(r, 'venv-relocated')?.status).toBe('fail');
    expect(check(r, 'venv-relocated')?.message).toContain(
      `it was made in ${made}, and is now in ${join(dir, '.venv')}`,
    );
  });

  it('VIRTUAL_ENV naming a venv that is gone: stale activation', () => {
    const dir = project('stale');
    const gone = join(work, 'gone-venv');
    const r = doctor([dir], { VIRTUAL_ENV: gone });
    expect(check(r, 'venv-active')).toMatchObject({
      status: 'warn',
      message: `VIRTUAL_ENV names ${gone}, which does not exist: the activation is stale (that venv was removed or moved).`,
    });
    expect(r.advice).toContain('Run `deactivate`, or open a new shell.');
  });

  it('not a Python project and no venv: project checks are skipped with the reason', () => {
    const dir = join(work, 'not-python');
    mkdirSync(dir);
    const r = doctor([dir]);
    const reason = `Skipped: ${dir} is not a Python project (none of pyproject.toml, requirements.txt, setup.py, setup.cfg, Pipfile ...) and has no venv.`;
    for (const id of ['python-version', 'project-venv', 'venv-relocated', 'gitignore']) {
      expect(check(r, id), id).toMatchObject({ status: 'skip', message: reason });
    }
  });

  describe('bad input', () => {
    it.each([
      [
        'an empty pyvenv.cfg',
        (v: string) => writeFileSync(join(v, 'pyvenv.cfg'), ''),
        () => '.venv is not a usable venv: pyvenv.cfg is empty.',
      ],
      [
        'a binary pyvenv.cfg',
        (v: string) => writeFileSync(join(v, 'pyvenv.cfg'), Buffer.from([0, 1, 2, 0xff])),
        () => '.venv is not a usable venv: pyvenv.cfg is not a text file.',
      ],
      [
        'a pyvenv.cfg without home',
        (v: string) => writeFileSync(join(v, 'pyvenv.cfg'), 'version = 3.11.2\n'),
        () => '.venv is not a usable venv: pyvenv.cfg has no "home" line.',
      ],
      [
        'a symlink loop as bin/python',
        (v: string) => {
          rmSync(join(v, 'bin/python'));
          symlinkSync('python', join(v, 'bin/python'));
        },
        (v: string) =>
          `.venv's interpreter is gone: ${v}/bin/python leads to ${v}/bin/python (a loop of symbolic links), which does not exist (an OS upgrade or a removed Python).`,
      ],
    ])('%s: a failure that says why, never a crash', (what, spoil, message) => {
      const dir = project(`bad-${what.replace(/\W+/g, '-')}`);
      const venv = join(dir, '.venv');
      sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', venv]);
      spoil(venv);
      const r = doctor([dir]);
      expect(r.checks.filter((c) => c.status === 'crash')).toEqual([]);
      expect(check(r, 'project-venv')).toMatchObject({ status: 'fail', message: message(venv) });
    });

    // KNOWN BUG, reported: Python refuses to start with a pyvenv.cfg over 32 KiB ("cannot read file larger
    // than 32KB during initialization"), yet the doctor, reading its first 64 KiB, only says the venv has
    // no pip (a warning). When it is fixed, this becomes a plain `it` with the exact message.
    it('a huge pyvenv.cfg (Python will not start with it): a failure, never a crash', () => {
      const dir = project('bad-huge-pyvenv-cfg');
      const venv = join(dir, '.venv');
      sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', venv]);
      writeFileSync(join(venv, 'pyvenv.cfg'), `home = /usr/bin\n${'x = y\n'.repeat(200_000)}`);
      expect(spawnSync(join(venv, 'bin/python'), ['-c', 'pass']).status).not.toBe(0);
      const r = doctor([dir]);
      expect(r.checks.filter((c) => c.status === 'crash')).toEqual([]);
      expect(check(r, 'project-venv')).toMatchObject({
        status: 'fail',
        message:
          '.venv is not a usable venv: pyvenv.cfg is larger than 32 KiB, which Python 3.11 and newer refuse to start with.',
      });
    });

    it('.venv that is a file', () => {
      const dir = project('venv-file');
      writeFileSync(join(dir, '.venv'), 'oops');
      expect(check(doctor([dir]), 'project-venv')).toMatchObject({
        status: 'fail',
        message: '.venv is a file, not a venv.',
      });
    });

    it('pyproject.toml that is not TOML, and a requires-python that is not PEP 440', () => {
      const broken = project('bad-toml', '[project\nname = \n');
      expect(check(doctor([broken]), 'python-version')?.message).toMatch(/^pyproject\.toml is not valid TOML/);
      const notPep440 = project('bad-spec', '[project]\nrequires-python = ">=3.x"\n');
      expect(check(doctor([notPep440]), 'python-version')?.message).toBe(
        'requires-python in pyproject.toml ">=3.x" is not a valid PEP 440 version specifier.',
      );
    });
  });
});

describe('the project directory argument', () => {
  const usage = (target: string) => {
    const r = spawnSync(CLI_FILE, [...CLI_ARGS, target], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  it('one that does not exist: usage error, exit 2, says so', () => {
    const missing = join(work, 'nope');
    expect(usage(missing)).toEqual({
      code: 2,
      stdout: '',
      stderr: `venv-doctor: the project directory ${missing} does not exist\n`,
    });
  });
  it('one that is a file: usage error, exit 2, says so', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'not a directory\n');
    expect(usage(file)).toEqual({
      code: 2,
      stdout: '',
      stderr: `venv-doctor: ${file} is not a directory\n`,
    });
  });
});
