// The zoo, damaged venvs: moved, copied, made through a symbolic link, half-created, their base removed,
// activated (and the activation gone stale).
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  cleanup,
  entry,
  judge,
  NEEDS_DEBIAN_VENV,
  NEEDS_VIRTUALENV,
  project,
  run,
  SYSTEM_PY,
  sh,
  venvModule,
  virtualenv,
  zooRoot,
} from './zoo.js';

let root = '';
beforeAll(() => {
  root = zooRoot('damage');
});
afterAll(() => cleanup(root));

const debian = NEEDS_DEBIAN_VENV;
const venvTool = NEEDS_VIRTUALENV;

/** The variables `. .venv/bin/activate` sets, read from bash after sourcing it. */
async function activated(venv: string): Promise<Record<string, string>> {
  const r = await run(['bash', '-c', '. "$1/bin/activate" && printf "%s\\n%s" "$VIRTUAL_ENV" "$PATH"', 'bash', venv]);
  const [VIRTUAL_ENV = '', PATH = ''] = r.stdout.split('\n');
  return { VIRTUAL_ENV, PATH };
}

describe('zoo: moved and copied venvs', () => {
  entry('the project moved (mv project elsewhere), venv with pip: broken', debian, async () => {
    const before = await project(join(root, 'moved-before'));
    await venvModule(SYSTEM_PY, '.venv', [], before);
    const dir = join(root, 'moved-after');
    await sh(`mv "${before}" "${dir}"`);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });

  entry('the venv renamed inside the project (mv venv .venv), --without-pip: broken', debian, async () => {
    const dir = await project(join(root, 'renamed'));
    await venvModule(SYSTEM_PY, 'venv', ['--without-pip'], dir);
    await sh('mv venv .venv', dir);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });

  entry(
    "copied to another project (cp -a a/.venv b/.venv; a's venv still there), with pip: broken",
    debian,
    async () => {
      const a = await project(join(root, 'copy-a'));
      await venvModule(SYSTEM_PY, '.venv', [], a);
      const dir = await project(join(root, 'copy-b'));
      await sh(`cp -a "${a}/.venv" "${dir}/.venv"`);
      await judge({ dir, python: SYSTEM_PY }, 'broken');
    },
  );

  entry('copied elsewhere in the project (cp -a build-env .venv), --without-pip: broken', debian, async () => {
    const dir = await project(join(root, 'copy-inside'));
    await venvModule(SYSTEM_PY, 'build-env', ['--without-pip'], dir);
    await sh('cp -a build-env .venv', dir);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });

  entry('the whole project copied (cp -a project copy), virtualenv venv with pip: broken', venvTool, async () => {
    const original = await project(join(root, 'whole-original'));
    await virtualenv(SYSTEM_PY, '.venv', [], original);
    const dir = join(root, 'whole-copy');
    await sh(`cp -a "${original}" "${dir}"`);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });

  entry('moved, virtualenv --copies with pip: broken', venvTool, async () => {
    const before = await project(join(root, 'virtualenv-moved-before'));
    await virtualenv(SYSTEM_PY, '.venv', ['--copies'], before);
    const dir = join(root, 'virtualenv-moved-after');
    await sh(`mv "${before}" "${dir}"`);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });
});

describe('zoo: venvs made through a symbolically linked directory (not moved: they work)', () => {
  entry('cd link && python3 -m venv .venv (with pip): works', debian, async () => {
    await project(join(root, 'cd-real'));
    await sh(`ln -s cd-real "${root}/cd-link"`);
    const dir = join(root, 'cd-link');
    await venvModule(SYSTEM_PY, '.venv', [], dir);
    await judge({ dir, python: SYSTEM_PY }, 'works');
  });

  entry('python3 -m venv /abs/link/.venv (with pip): works', debian, async () => {
    await project(join(root, 'abs-real'));
    await sh(`ln -s abs-real "${root}/abs-link"`);
    const dir = join(root, 'abs-link');
    await venvModule(SYSTEM_PY, join(dir, '.venv'), [], root);
    await judge({ dir, python: SYSTEM_PY }, 'works');
  });

  entry('virtualenv /abs/link/.venv (with pip): works', venvTool, async () => {
    await project(join(root, 'venv-real'));
    await sh(`ln -s venv-real "${root}/venv-link"`);
    const dir = join(root, 'venv-link');
    await virtualenv(SYSTEM_PY, join(dir, '.venv'), [], root);
    await judge({ dir, python: SYSTEM_PY }, 'works');
  });

  entry(
    'a home directory through a link (/tmp/x/home -> real): the doctor run from the real path: runs, no pip',
    debian,
    async () => {
      await project(join(root, 'home-real/proj'));
      await sh(`ln -s home-real "${root}/home-link"`);
      await venvModule(SYSTEM_PY, join(root, 'home-link/proj/.venv'), ['--without-pip'], root);
      // The user runs the doctor from the real path this time (e.g. a new shell that resolved it).
      await judge({ dir: join(root, 'home-real/proj'), python: SYSTEM_PY }, 'no-pip');
    },
  );

  entry(
    'made through the link, activated there (. .venv/bin/activate), --without-pip: the active venv is it',
    debian,
    async () => {
      await project(join(root, 'act-real'));
      await sh(`ln -s act-real "${root}/act-link"`);
      const dir = join(root, 'act-link');
      await venvModule(SYSTEM_PY, join(dir, '.venv'), ['--without-pip'], root);
      await judge({ dir, python: SYSTEM_PY, env: await activated(join(dir, '.venv')) }, 'no-pip');
    },
  );
});

describe('zoo: half-created venvs', () => {
  entry('bin/python deleted: broken', debian, async () => {
    const dir = await project(join(root, 'no-python'));
    await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], dir);
    await sh('rm .venv/bin/python', dir);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });

  entry('bin/python, python3, python3.11 all deleted: broken', debian, async () => {
    const dir = await project(join(root, 'no-pythons'));
    await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], dir);
    await sh('rm .venv/bin/python*', dir);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });

  entry('pyvenv.cfg deleted: broken (python runs as the base Python)', debian, async () => {
    const dir = await project(join(root, 'no-cfg'));
    await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], dir);
    await sh('rm .venv/pyvenv.cfg', dir);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });

  entry(
    'ensurepip failed (what python3 -m venv leaves without python3-venv: no pip, no activate): broken',
    debian,
    async () => {
      const dir = await project(join(root, 'ensurepip-failed'));
      await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], dir);
      await sh('rm .venv/bin/activate*  .venv/bin/Activate.ps1 2>/dev/null || true', dir);
      await judge({ dir, python: SYSTEM_PY }, 'broken');
    },
  );

  entry('an empty .venv directory (mkdir .venv): broken', debian, async () => {
    const dir = await project(join(root, 'empty-dir'));
    await sh('mkdir .venv', dir);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });
});

describe('zoo: the base interpreter removed', () => {
  entry('made with a copy of /usr/bin/python3.11 in a temporary directory, since deleted: broken', debian, async () => {
    const base = join(root, 'tmp-python');
    await sh(`mkdir -p "${base}/bin" && cp "$(readlink -f ${SYSTEM_PY})" "${base}/bin/python3"`);
    const dir = await project(join(root, 'tmp-python-venv'));
    await venvModule(join(base, 'bin/python3'), '.venv', ['--without-pip'], dir);
    await sh(`rm -rf "${base}"`);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });

  entry('made through a symbolic link to /usr/bin/python3 that was since removed: broken', debian, async () => {
    // python -m venv resolves nothing: bin/python -> the link; removed, the venv's interpreter is gone.
    const base = join(root, 'link-python');
    await sh(`mkdir -p "${base}" && ln -s ${SYSTEM_PY} "${base}/python3"`);
    const dir = await project(join(root, 'link-python-venv'));
    await venvModule(join(base, 'python3'), '.venv', ['--without-pip'], dir);
    await sh(`rm -rf "${base}"`);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });
});

describe('zoo: activated venvs ($VIRTUAL_ENV from . .venv/bin/activate)', () => {
  entry('the project venv, activated: the active venv is it', debian, async () => {
    const dir = await project(join(root, 'active'));
    await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], dir);
    await judge({ dir, python: SYSTEM_PY, env: await activated(join(dir, '.venv')) }, 'no-pip');
  });

  entry('activated, then the project moved: broken, and the activation is stale', debian, async () => {
    const before = await project(join(root, 'stale-before'));
    await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], before);
    const env = await activated(join(before, '.venv'));
    const dir = join(root, 'stale-after');
    await sh(`mv "${before}" "${dir}"`);
    await judge({ dir, python: SYSTEM_PY, env }, 'broken');
  });

  entry("another project's venv activated: the active venv is not the project's", debian, async () => {
    const other = await project(join(root, 'other-active'));
    await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], other);
    const dir = await project(join(root, 'this-project'));
    await venvModule(SYSTEM_PY, '.venv', ['--without-pip'], dir);
    await judge({ dir, python: SYSTEM_PY, env: await activated(join(other, '.venv')) }, 'no-pip');
  });
});
