// The fix-point promise with several Pythons here (pyenv's), from a project whose requirement only a
// non-default Python meets: python3 on PATH is pyenv's shim for 3.11.7, the project requires >=3.12, and its
// .venv was made by pyenv's 3.12.1. Every printed fix, run as printed (--fix --yes), reaches "ready" within
// two rounds, never repeats, and the venv meets the requirement afterwards (ground truth: the venv's python).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import type { Report } from '../../src/types.js';
import { CLI_ARGS, CLI_FILE, onPath, PYENV_SHIM_FIRST, pyenvPython } from '../helpers/cli.js';
import { CLI, checkOf, cleanEnv, cleanup, entry, must, run, zooRoot } from './zoo.js';

const PY312 = pyenvPython('3.12.1', 'python3.12');
const root = zooRoot('several-pythons-fix');
afterAll(() => cleanup(root));
const NEEDS = existsSync(PY312) && PYENV_SHIM_FIRST ? null : '(needs pyenv 3.12.1 and its shim first on PATH)';

async function doctorFix(dir: string): Promise<{ report: Report; ran: string[] }> {
  const r = await run([CLI_FILE, ...CLI_ARGS, '--json', '--fix', '--yes', '--skip', 'ensurepip,venv', dir], {
    cwd: dir,
    env: cleanEnv({ PWD: dir }),
    timeout: 180_000,
  });
  const ran = [...r.stderr.matchAll(/^\$ (.*)$/gm)].map((m) => m[1] ?? '');
  return { report: JSON.parse(r.stdout) as Report, ran };
}

async function venvMinor(dir: string): Promise<number> {
  const r = await must([join(dir, '.venv/bin/python'), '-c', 'import sys; print(sys.version_info[1])']);
  return Number(r.stdout.trim());
}

describe(`the fixes, with several Pythons here (${CLI.endsWith('.cjs') ? 'npm build' : 'single file'})`, () => {
  for (const [title, damage] of [
    [
      'a 3.12 venv without pip',
      async (dir: string) => {
        for (const name of ['pip', 'pip3', 'pip3.12']) rmSync(join(dir, '.venv/bin', name), { force: true });
      },
    ],
    ['a 3.12 venv that was moved', async (_dir: string) => {}],
  ] as const) {
    entry(`${title}: remade with 3.12, never with python3 (3.11), ready in two rounds`, NEEDS, async () => {
      const base = join(root, title.replace(/\W+/g, '-'));
      const made = join(base, 'made-here');
      mkdirSync(made, { recursive: true });
      await must([PY312, '-m', 'venv', join(made, '.venv')]);
      let dir = made;
      if (title.includes('moved')) {
        dir = join(base, 'moved-here');
        await must(['/bin/mv', made, dir]);
      }
      writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "x"\nrequires-python = ">=3.12"\n');
      await damage(dir);
      const seen: string[] = [];
      let report: Report | null = null;
      for (let round = 0; round < 2; round++) {
        const { report: r, ran } = await doctorFix(dir);
        report = r;
        for (const command of ran) {
          expect(seen, `a fix was printed twice: ${command}`).not.toContain(command);
          expect(command, 'never python3 (3.11.7), which misses >=3.12').not.toMatch(/^python3 /);
          seen.push(command);
        }
        if (ran.length === 0) break;
      }
      expect(seen.length, 'a fix ran').toBeGreaterThan(0);
      expect(seen[0]).toMatch(
        /^\/root\/\.pyenv\/versions\/3\.1[2-9]\.\d+\/bin\/python3\.1[2-9] -I -m venv --clear \.venv$/,
      );
      expect(report?.exitCode).toBe(0);
      expect(checkOf(report as Report, 'project-venv')?.status).toBe('pass');
      expect(await venvMinor(dir)).toBe(12);
      expect(onPath('python3')).toMatch(/shims\/python3$/);
    });
  }
});
