// The zoo, healthy venvs: each maker of this machine (Debian's python3 -m venv with its flags, Debian's
// virtualenv), and the project's requires-python against the venv's Python.
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  cleanup,
  entry,
  judge,
  NEEDS_DEBIAN_VENV,
  NEEDS_VIRTUALENV,
  project,
  SYSTEM_PY,
  sh,
  venvModule,
  virtualenv,
  zooRoot,
} from './zoo.js';

let root = '';
beforeAll(() => {
  root = zooRoot('makers');
});
afterAll(() => cleanup(root));

const debian = NEEDS_DEBIAN_VENV;
const venvTool = NEEDS_VIRTUALENV;

describe('zoo: python3 -m venv with Debian 12 /usr/bin/python3', () => {
  entry('default (with pip): works', debian, async () => {
    const dir = await project(join(root, 'default'));
    await venvModule(SYSTEM_PY, '.venv', [], dir);
    await judge({ dir, python: SYSTEM_PY }, 'works');
  });

  entry('--copies (with pip): works', debian, async () => {
    const dir = await project(join(root, 'copies'));
    await venvModule(SYSTEM_PY, '.venv', ['--copies'], dir);
    await judge({ dir, python: SYSTEM_PY }, 'works');
  });

  entry('--symlinks --without-pip: runs, no pip', debian, async () => {
    const dir = await project(join(root, 'symlinks'));
    await venvModule(SYSTEM_PY, '.venv', ['--symlinks', '--without-pip'], dir);
    await judge({ dir, python: SYSTEM_PY }, 'no-pip');
  });

  entry('--without-pip: runs, no pip', debian, async () => {
    const dir = await project(join(root, 'without-pip'));
    await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], dir);
    await judge({ dir, python: SYSTEM_PY }, 'no-pip');
  });

  entry('--system-site-packages (with pip): works', debian, async () => {
    const dir = await project(join(root, 'system-site'));
    await venvModule(SYSTEM_PY, '.venv', ['--system-site-packages'], dir);
    await judge({ dir, python: SYSTEM_PY }, 'works');
  });

  // Not in the zoo: --upgrade-deps, which downloads pip and setuptools from PyPI (the suite runs offline).

  entry('an absolute path (python3 -m venv /abs/project/.venv, from elsewhere): works', debian, async () => {
    const dir = await project(join(root, 'absolute'));
    await venvModule(SYSTEM_PY, join(dir, '.venv'), ['--without-pip'], root);
    await judge({ dir, python: SYSTEM_PY }, 'no-pip');
  });
});

describe("zoo: Debian's virtualenv -p /usr/bin/python3", () => {
  entry('default (pip, setuptools, wheel): works', venvTool, async () => {
    const dir = await project(join(root, 'virtualenv'));
    await virtualenv(SYSTEM_PY, '.venv', [], dir);
    await judge({ dir, python: SYSTEM_PY }, 'works');
  });

  entry('--no-pip: runs, no pip', venvTool, async () => {
    const dir = await project(join(root, 'virtualenv-no-pip'));
    await virtualenv(SYSTEM_PY, '.venv', ['--no-pip'], dir);
    await judge({ dir, python: SYSTEM_PY }, 'no-pip');
  });

  entry('--copies: works', venvTool, async () => {
    const dir = await project(join(root, 'virtualenv-copies'));
    await virtualenv(SYSTEM_PY, '.venv', ['--copies'], dir);
    await judge({ dir, python: SYSTEM_PY }, 'works');
  });

  entry('named venv/ (the second default name), ignored by venv/: works', venvTool, async () => {
    const dir = await project(join(root, 'virtualenv-venv'), { gitignore: 'venv/\n' });
    await virtualenv(SYSTEM_PY, 'venv', [], dir);
    await judge({ dir, venv: 'venv', python: SYSTEM_PY }, 'works');
  });
});

describe("zoo: requires-python against the venv's Python (Debian's 3.11)", () => {
  entry(
    'requires-python ">=3.12": the venv runs (--no-pip), its Python does not meet the project',
    venvTool,
    async () => {
      const dir = await project(join(root, 'requires-3.12'), { requires: '>=3.12' });
      await virtualenv(SYSTEM_PY, '.venv', ['--no-pip'], dir);
      await judge({ dir, python: SYSTEM_PY, requires: '>=3.12' }, 'no-pip');
    },
  );

  entry('requires-python "~=3.11" (--no-pip): met', venvTool, async () => {
    const dir = await project(join(root, 'requires-3.11'), { requires: '~=3.11' });
    await virtualenv(SYSTEM_PY, '.venv', ['--no-pip'], dir);
    await judge({ dir, python: SYSTEM_PY, requires: '~=3.11' }, 'no-pip');
  });

  entry('no requires-python (--no-pip): runs, no pip', venvTool, async () => {
    const dir = await project(join(root, 'requires-none'), { requires: null });
    await virtualenv(SYSTEM_PY, '.venv', ['--no-pip'], dir);
    await judge({ dir, python: SYSTEM_PY, requires: null }, 'no-pip');
  });

  entry(
    'requires-python "<3.11": the venv runs (--no-pip), its Python does not meet the project',
    venvTool,
    async () => {
      const dir = await project(join(root, 'requires-lt-3.11'), { requires: '<3.11' });
      await virtualenv(SYSTEM_PY, '.venv', ['--no-pip'], dir);
      await judge({ dir, python: SYSTEM_PY, requires: '<3.11' }, 'no-pip');
    },
  );
});

describe('zoo: awkward paths', () => {
  entry(
    'a project path with a space (virtualenv with pip: pip writes its #!/bin/sh launcher): works',
    venvTool,
    async () => {
      const dir = await project(join(root, 'my project'));
      await virtualenv(SYSTEM_PY, '.venv', [], dir);
      await judge({ dir, python: SYSTEM_PY }, 'works');
    },
  );

  entry('a path with a space, moved: broken', venvTool, async () => {
    const before = await project(join(root, 'my project before'));
    await virtualenv(SYSTEM_PY, '.venv', [], before);
    const dir = join(root, 'my project after');
    await sh(`mv "${before}" "${dir}"`);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });

  // Linux reads at most 127 bytes of a #! line (BINPRM_BUF_SIZE 128 before 5.1, 256 since): pip writes the
  // /bin/sh launcher for an interpreter path longer than that.
  const deep = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(40)}`;
  entry('a path longer than a #! line may be (virtualenv with pip): works', venvTool, async () => {
    const dir = await project(join(root, deep, 'long'));
    await virtualenv(SYSTEM_PY, '.venv', [], dir);
    await judge({ dir, python: SYSTEM_PY }, 'works');
  });

  entry('a venv named with --venv envs/dev (python3 -m venv --without-pip): runs, no pip', debian, async () => {
    const dir = await project(join(root, 'venv-option'), { gitignore: 'envs/\n' });
    await venvModule(SYSTEM_PY, 'envs/dev', ['--without-pip'], dir);
    await judge({ dir, venv: 'envs/dev', venvOption: 'envs/dev', python: SYSTEM_PY }, 'no-pip');
  });
});
