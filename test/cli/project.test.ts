// The project checks against real venvs made by this machine's interpreters in temporary directories:
// moved with mv, copied with cp -a, interpreter removed, half-created, wrong version, not ignored.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { PROJECT } from '../helpers/paths.js';

const CLI = join(PROJECT, 'dist/cli.mjs');
const SYSTEM_PY = '/usr/bin/python3';
const PY312 = '/root/.pyenv/versions/3.12.1/bin/python3';
let work = '';

function sh(file: string, args: string[], cwd?: string) {
  const r = spawnSync(file, args, { encoding: 'utf8', cwd, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A project directory with a pyproject.toml, in a fresh git work tree. */
function project(name: string, pyproject = '[project]\nname = "demo"\nrequires-python = ">=3.9"\n'): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), pyproject);
  sh('git', ['init', '-q', dir]);
  return dir;
}

function doctor(args: string[], env: Record<string, string | undefined> = {}): Report {
  const r = spawnSync(process.execPath, [CLI, '--json', '--python', SYSTEM_PY, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined, ...env },
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-project-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(existsSync(SYSTEM_PY))('project checks on real venvs', { timeout: 60_000 }, () => {
  it('moved with mv: says from where to where, and recreates it in place', () => {
    const dir = project('moved');
    sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(work, 'elsewhere-venv')]);
    sh('mv', [join(work, 'elsewhere-venv'), join(dir, '.venv')]);
    const r = doctor([dir]);
    expect(r.exitCode).toBe(1);
    expect(check(r, 'venv-relocated')?.status).toBe('fail');
    expect(check(r, 'venv-relocated')?.message).toContain(
      `it was made in ${join(work, 'elsewhere-venv')}, and is now in ${join(dir, '.venv')}`,
    );
    expect(r.fixes.map((f) => f.argv)).toEqual([[SYSTEM_PY, '-I', '-m', 'venv', '--clear', join(dir, '.venv')]]);
    expect(r.notes.join(' ')).toMatch(/--clear empties .*reinstall the project/);
  });

  it('copied with cp -a: the copy is caught, the original is not touched', () => {
    const dir = project('copied');
    const original = join(work, 'original-venv');
    sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', original]);
    sh('cp', ['-a', original, join(dir, '.venv')]);
    const r = doctor([dir]);
    expect(check(r, 'venv-relocated')?.status).toBe('fail');
    expect(check(r, 'venv-relocated')?.message).toContain(original);
  });

  it('interpreter removed (made from an interpreter that is then deleted, as an OS upgrade does)', () => {
    if (!existsSync(PY312)) return;
    const dir = project('interpreter-gone');
    // /usr/bin/python3.10 vanishing in an upgrade, in small: the venv is made from an interpreter in a
    // directory of its own (a link to a real one), and that directory is then removed.
    const copy = join(work, 'py-copy');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    symlinkSync(PY312, join(copy, 'bin/python3'));
    sh(join(copy, 'bin/python3'), ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
    rmSync(copy, { recursive: true, force: true });
    const r = doctor([dir]);
    expect(check(r, 'project-venv')?.status).toBe('fail');
    expect(check(r, 'project-venv')?.message).toContain(`leads to ${join(copy, 'bin/python3')}, which does not exist`);
    expect(r.fixes.at(-1)?.argv).toEqual([SYSTEM_PY, '-I', '-m', 'venv', '--clear', join(dir, '.venv')]);
  });

  it('half-created (no activate, no pip) is a failure; --without-pip is a warning', () => {
    const dir = project('half');
    sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
    const noPip = doctor([dir]);
    expect(check(noPip, 'project-venv')).toMatchObject({ status: 'warn' });
    for (const f of readdirSync(join(dir, '.venv/bin'))) {
      if (/^activate|^Activate/.test(f)) rmSync(join(dir, '.venv/bin', f));
    }
    const half = doctor([dir]);
    expect(check(half, 'project-venv')?.status).toBe('fail');
    expect(check(half, 'project-venv')?.message).toMatch(/half-created: it has no activate script and no pip/);
  });

  it('wrong version: a venv of 3.12 for a project that needs <3.12 is recreated with the interpreter that fits', () => {
    if (!existsSync(PY312)) return;
    const dir = project('wrong-version', '[project]\nname = "demo"\nrequires-python = ">=3.10,<3.12"\n');
    writeFileSync(join(dir, '.gitignore'), '.venv/\n');
    sh(PY312, ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
    const r = doctor([dir]);
    expect(check(r, 'python-version')?.message).toMatch(
      /^\.venv runs Python 3\.12\.1; this project requires >=3\.10,<3\.12/,
    );
    expect(r.fixes.map((f) => f.argv)).toEqual([[SYSTEM_PY, '-I', '-m', 'venv', '--clear', join(dir, '.venv')]]);
  });

  it('the interpreter misses requires-python: found vs required, and no venv fix with the wrong one', () => {
    const dir = project('needs-new', '[project]\nname = "demo"\nrequires-python = "~=3.99"\n');
    const r = doctor([dir]);
    expect(check(r, 'python-version')?.status).toBe('fail');
    expect(check(r, 'python-version')?.message).toMatch(/^Python 3\.\d+\.\d+ found; this project requires ~=3\.99/);
    expect(r.fixes).toEqual([]);
  });

  it('not ignored by git: a warning with the line to add (git itself is asked)', () => {
    const dir = project('not-ignored');
    sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
    const r = doctor([dir]);
    expect(check(r, 'gitignore')).toMatchObject({ status: 'warn' });
    expect(r.advice).toContain(`Add this line to ${dir}/.gitignore: .venv/`);
  });

  it('VIRTUAL_ENV naming a venv that is gone: stale activation', () => {
    const dir = project('stale');
    const r = doctor([dir], { VIRTUAL_ENV: join(work, 'gone-venv') });
    expect(check(r, 'venv-active')?.message).toMatch(/does not exist: the activation is stale/);
  });

  it('not a Python project and no venv: project checks are skipped with the reason', () => {
    const dir = join(work, 'not-python');
    mkdirSync(dir);
    const r = doctor([dir]);
    expect(check(r, 'project-venv')?.status).toBe('skip');
    expect(check(r, 'project-venv')?.message).toMatch(/is not a Python project/);
  });

  describe('bad input', () => {
    it.each([
      ['an empty pyvenv.cfg', (v: string) => writeFileSync(join(v, 'pyvenv.cfg'), ''), /pyvenv\.cfg is empty/],
      [
        'a binary pyvenv.cfg',
        (v: string) => writeFileSync(join(v, 'pyvenv.cfg'), Buffer.from([0, 1, 2, 0xff])),
        /not a text file/,
      ],
      [
        'a pyvenv.cfg without home',
        (v: string) => writeFileSync(join(v, 'pyvenv.cfg'), 'version = 3.11.2\n'),
        /no "home" line/,
      ],
      // Python itself refuses to start with it; the doctor reads only the first 64 KiB and says so.
      [
        'a huge pyvenv.cfg',
        (v: string) => writeFileSync(join(v, 'pyvenv.cfg'), `home = /usr/bin\n${'x = y\n'.repeat(200_000)}`),
        /interpreter does not work|has no pip/,
      ],
      [
        'a symlink loop as bin/python',
        (v: string) => {
          rmSync(join(v, 'bin/python'));
          symlinkSync('python', join(v, 'bin/python'));
        },
        /interpreter is gone|loop/,
      ],
    ])('%s: a clear finding, never a crash', (_what, spoil, message) => {
      const dir = project(`bad-${_what.replace(/\W+/g, '-')}`);
      sh(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
      spoil(join(dir, '.venv'));
      const r = doctor([dir]);
      expect(r.checks.every((c) => c.status !== 'crash')).toBe(true);
      expect(check(r, 'project-venv')?.message).toMatch(message);
    });

    it('.venv that is a file', () => {
      const dir = project('venv-file');
      writeFileSync(join(dir, '.venv'), 'oops');
      expect(check(doctor([dir]), 'project-venv')?.message).toBe('.venv is a file, not a venv.');
    });

    it('pyproject.toml that is not TOML, and a requires-python that is not PEP 440', () => {
      const broken = project('bad-toml', '[project\nname = \n');
      expect(check(doctor([broken]), 'python-version')?.message).toMatch(/^pyproject\.toml is not valid TOML/);
      const notPep440 = project('bad-spec', '[project]\nrequires-python = ">=3.x"\n');
      expect(check(doctor([notPep440]), 'python-version')?.message).toBe(
        'requires-python in pyproject.toml ">=3.x" is not a valid PEP 440 version specifier.',
      );
    });

    it('a project directory that does not exist, or is a file: usage error, exit 2', () => {
      for (const target of [join(work, 'nope'), join(work, 'healthy/pyproject.toml')]) {
        const r = spawnSync(process.execPath, [CLI, target], { encoding: 'utf8' });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/does not exist|is not a directory/);
      }
    });
  });
});
