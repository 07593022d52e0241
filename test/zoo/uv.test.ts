// uv projects. uv itself cannot be installed here (no network but npm and Debian's archive, which has no
// uv): its venv and its managed Python are built from its documentation with real interpreters, and these
// tests are labelled so. docs.astral.sh/uv: a project's venv is `.venv`, made without pip, its pyvenv.cfg
// with a `uv = VERSION` line; managed Pythons live in `~/.local/share/uv/python/cpython-X.Y.Z-linux-x86_64-gnu/`.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { pyenvPython } from '../helpers/cli.js';
import { checkOf, cleanup, doctor, entry, must, zooRoot } from './zoo.js';

const PY312 = pyenvPython('3.12.1', 'python3.12');
const root = zooRoot('uv');
afterAll(() => cleanup(root));
const NEEDS = existsSync(PY312) ? null : '(needs pyenv 3.12.1)';

/** A uv project as `uv sync` leaves it, with uv's managed CPython 3.12.1 (a real build, in uv's layout). */
async function uvProject(name: string): Promise<{ dir: string; home: string; managed: string }> {
  const home = join(root, `${name}-home`);
  const install = join(home, '.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu');
  mkdirSync(join(install, 'bin'), { recursive: true });
  // uv's layout, by links to pyenv's real build: a prefix of its own would need a copy of the whole stdlib.
  const managed = join(install, 'bin/python3.12');
  symlinkSync(PY312, managed);
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "uv-app"\nrequires-python = ">=3.12"\n');
  writeFileSync(join(dir, 'uv.lock'), 'version = 1\nrequires-python = ">=3.12"\n');
  await must([managed, '-m', 'venv', '--without-pip', join(dir, '.venv')]);
  const cfg = join(dir, '.venv/pyvenv.cfg');
  writeFileSync(cfg, `${readFileSync(cfg, 'utf8')}uv = 0.5.11\n`);
  return { dir, home, managed };
}

describe("uv projects (composed from uv's documentation: uv is not installable here)", () => {
  entry('a uv venv without pip is complete; the machine needs no ensurepip for it', NEEDS, async () => {
    const { dir, home } = await uvProject('healthy');
    const report = await doctor(dir, '/usr/bin/python3', [], { HOME: home });
    expect(report.project?.tool).toMatchObject({ name: 'uv', evidence: ['uv.lock'] });
    expect(checkOf(report, 'project-venv')?.status).toBe('pass');
    expect(checkOf(report, 'project-venv')?.message).toContain('without pip as uv makes them');
    // python3 (Debian's 3.11) misses >=3.12, but the venv meets it: the project is fine.
    expect(checkOf(report, 'python-version')?.status).toBe('pass');
  });
  entry(
    "a uv venv whose interpreter is gone: uv's own fix, with a Python that meets the requirement",
    NEEDS,
    async () => {
      const { dir, home } = await uvProject('gone');
      for (const name of ['python', 'python3', 'python3.12']) {
        const link = join(dir, '.venv/bin', name);
        await must(['/bin/rm', '-f', link]);
        symlinkSync(join(home, 'removed/python3.12'), link);
      }
      const report = await doctor(dir, 'python3', [], { HOME: home });
      expect(checkOf(report, 'project-venv')?.status).toBe('fail');
      expect(report.fixes.filter((f) => f.manager === 'venv')).toEqual([]);
      const advice = report.advice.find((a) => a.includes('uv sync'));
      expect(advice).toMatch(/uv sync --python \/\S+python3\.1[2-9] --reinstall$/);
    },
  );
});
