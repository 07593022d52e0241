// The zoo, .venv as a symbolic link (to a venv elsewhere in the project, to nothing), the ways a venv is
// or is not ignored by git (judged by `git status --porcelain`, never by a reading of .gitignore), and a
// second venv beside the first.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { NEEDS } from '../helpers/cli.js';
import {
  cleanup,
  entry,
  GIT,
  judge,
  NEEDS_DEBIAN_VENV,
  NEEDS_VIRTUALENV,
  project,
  reportText,
  SYSTEM_PY,
  sh,
  venvModule,
  virtualenv,
  zooRoot,
} from './zoo.js';

let root = '';
beforeAll(() => {
  root = zooRoot('links-git');
});
afterAll(() => cleanup(root));

const debian = NEEDS_DEBIAN_VENV;
const venvTool = NEEDS_VIRTUALENV;
const withGit = (needs: string | null) => needs ?? (GIT ? null : NEEDS.git);

describe('zoo: .venv a symbolic link', () => {
  entry('.venv -> envs/py311, a venv made there (with pip): works', withGit(venvTool), async () => {
    const dir = await project(join(root, 'link-to-venv'), { gitignore: '.venv\nenvs/\n' });
    await virtualenv(SYSTEM_PY, 'envs/py311', [], dir);
    await sh('ln -s envs/py311 .venv', dir);
    await judge({ dir, venvs: ['.venv', 'envs'], python: SYSTEM_PY }, 'works');
  });

  // python3 -m venv refuses a link ("Unable to create directory"); virtualenv makes the venv where it leads.
  entry(
    '.venv -> envs/py311, the venv made through the link (virtualenv --no-pip .venv): runs, no pip',
    withGit(venvTool),
    async () => {
      const dir = await project(join(root, 'made-through-link'), { gitignore: '.venv\nenvs/\n' });
      await sh('mkdir -p envs/py311 && ln -s envs/py311 .venv', dir);
      await virtualenv(SYSTEM_PY, '.venv', ['--no-pip'], dir);
      await judge({ dir, venvs: ['.venv', 'envs'], python: SYSTEM_PY }, 'no-pip');
    },
  );

  entry('.venv -> envs/gone, a dangling link (the venv it named was deleted): broken', withGit(debian), async () => {
    const dir = await project(join(root, 'dangling'), { gitignore: '.venv\nenvs/\n' });
    await venvModule(SYSTEM_PY, 'envs/gone', ['--without-pip'], dir);
    await sh('ln -s envs/gone .venv && rm -rf envs/gone', dir);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });
});

describe('zoo: .gitignore and a .venv directory (truth: git status --porcelain)', () => {
  const cases: [string, string | null, boolean][] = [
    ['.venv/', '.venv/\n', true],
    ['.venv', '.venv\n', true],
    ['/.venv/', '/.venv/\n', true],
    ['*', '*\n', true],
    ['.venv/* (its contents)', '.venv/*\n', true],
    ['a .gitignore that does not name it', '__pycache__/\n', false],
    ['no .gitignore at all', null, false],
  ];
  for (const [what, gitignore, ignored] of cases) {
    entry(`${what}: ${ignored ? 'ignored' : 'not ignored'}`, withGit(debian), async () => {
      const dir = await project(join(root, `gi-dir-${cases.findIndex((c) => c[0] === what)}`), { gitignore });
      await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], dir);
      await judge({ dir, python: SYSTEM_PY }, 'no-pip');
    });
  }

  entry('.venv/ in .git/info/exclude, no .gitignore: ignored', withGit(debian), async () => {
    const dir = await project(join(root, 'gi-exclude'), { gitignore: null });
    await sh('echo .venv/ >> .git/info/exclude', dir);
    await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], dir);
    await judge({ dir, python: SYSTEM_PY }, 'no-pip');
  });

  entry('not in a git work tree: nothing to ignore', debian, async () => {
    const dir = await project(join(root, 'no-git'), { git: false, gitignore: null });
    await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], dir);
    await judge({ dir, python: SYSTEM_PY }, 'no-pip');
  });
});

describe('zoo: .gitignore and a .venv symbolic link to envs/py311 (envs/ ignored)', () => {
  const cases: [string, string][] = [
    ['.venv/ (a pattern for directories: it does not match a link)', '.venv/\nenvs/\n'],
    ['.venv', '.venv\nenvs/\n'],
    ['*', '*\n'],
  ];
  for (const [what, gitignore] of cases) {
    entry(`${what}`, withGit(debian), async () => {
      const dir = await project(join(root, `gi-link-${cases.findIndex((c) => c[0] === what)}`), { gitignore });
      await venvModule(SYSTEM_PY, 'envs/py311', ['--without-pip'], dir);
      await sh('ln -s envs/py311 .venv', dir);
      await judge({ dir, venvs: ['.venv', 'envs'], python: SYSTEM_PY }, 'no-pip');
    });
  }
});

/** The report names the venv `name` of `dir` as a path: "venv/", "./venv", "dir/venv", or `venv` quoted. */
function namesVenv(text: string, dir: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const path = new RegExp(`(^|[\\s'"\`(])(\\./)?${escaped}/(?=$|[\\s'"\`),.:;])`, 'm');
  const quoted = new RegExp(`['"\`]${escaped}['"\`]`);
  return text.includes(`${dir}/${name}`) || path.test(text) || quoted.test(text);
}

describe('zoo: a second venv (venv/ beside .venv)', () => {
  entry(
    'both made (with pip), both ignored: both work, and the report names the second',
    withGit(venvTool),
    async () => {
      const dir = await project(join(root, 'two-venvs'), { gitignore: '.venv/\nvenv/\n' });
      await virtualenv(SYSTEM_PY, '.venv', [], dir);
      await virtualenv(SYSTEM_PY, 'venv', [], dir);
      const { report } = await judge({ dir, venvs: ['.venv', 'venv'], python: SYSTEM_PY }, 'works');
      expect
        .soft(
          namesVenv(reportText(report), dir, 'venv'),
          `the second venv venv/ is named nowhere in the report:\n${reportText(report)}`,
        )
        .toBe(true);
    },
  );

  entry(
    '.venv by virtualenv --no-pip, venv/ by python3 -m venv --without-pip, only .venv/ ignored: git status shows venv/, and the report names it',
    withGit(venvTool),
    async () => {
      const dir = await project(join(root, 'two-venvs-one-ignored'), { gitignore: '.venv/\n' });
      // python3 -m venv (3.11) writes no .gitignore into the venv; virtualenv (and venv from 3.13) write `*`.
      await virtualenv(SYSTEM_PY, '.venv', ['--no-pip'], dir);
      await venvModule(SYSTEM_PY, 'venv', ['--without-pip'], dir);
      const { report } = await judge({ dir, venvs: ['.venv', 'venv'], python: SYSTEM_PY }, 'no-pip');
      expect
        .soft(
          namesVenv(reportText(report), dir, 'venv'),
          `the second venv venv/ is named nowhere in the report:\n${reportText(report)}`,
        )
        .toBe(true);
    },
  );
});
