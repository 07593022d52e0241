// The zoo, pyenv's Pythons: a venv of each installed version (Python 2.7 through virtualenv, which is how
// 2.7 venvs are made), and venvs whose base interpreter was removed or replaced under them.
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { NEEDS, READY_SYSTEM_PY } from '../helpers/cli.js';
import {
  cleanup,
  entry,
  judge,
  project,
  pyenvBin,
  pyenvVersions,
  removablePython,
  SYSTEM_PY,
  sh,
  VIRTUALENV,
  venvModule,
  virtualenv27,
  zooRoot,
} from './zoo.js';

let root = '';
beforeAll(() => {
  root = zooRoot('pyenv');
});
afterAll(() => cleanup(root));

const versions = pyenvVersions();
const py3 = versions.filter((v) => v.startsWith('3.'));
const py27 = versions.find((v) => v.startsWith('2.7.'));
const newest = py3.at(-1);
const older = py3.filter((v) => v.split('.')[1] !== newest?.split('.')[1]).at(-1);

// With pip for the oldest and the newest (ensurepip takes seconds); --without-pip for those between.
describe("zoo: pyenv's Pythons, python -m venv", () => {
  if (py3.length === 0) entry('a pyenv Python 3', NEEDS.pyenv('3.x'), async () => {});
  for (const version of py3) {
    const pip = version === py3[0] || version === newest;
    entry(`Python ${version}${pip ? ' (with pip): works' : ' --without-pip: runs, no pip'}`, null, async () => {
      const dir = await project(join(root, `pyenv-${version}`));
      await venvModule(pyenvBin(version), '.venv', pip ? [] : ['--without-pip'], dir);
      await judge({ dir, python: pyenvBin(version) }, pip ? 'works' : 'no-pip');
    });
  }
});

describe('zoo: Python 2.7', () => {
  const needs = !py27
    ? '(needs a Python 2.7: pyenv install 2.7.18)'
    : !VIRTUALENV
      ? NEEDS.virtualenv
      : !READY_SYSTEM_PY
        ? NEEDS.readySystemPython
        : null;
  entry(
    `Python ${py27 ?? '2.7'} by virtualenv --no-seed + its own ensurepip, no requires-python: works`,
    needs,
    async () => {
      const dir = await project(join(root, 'py27'), { requires: null });
      await virtualenv27(pyenvBin(py27 ?? ''), join(dir, '.venv'));
      // The user diagnoses the machine's python3; the project's venv is 2.7.
      await judge({ dir, python: SYSTEM_PY, requires: null }, 'works');
    },
  );
});

describe('zoo: the base interpreter removed or replaced under the venv', () => {
  const needs = !newest ? NEEDS.pyenv('3.x') : !READY_SYSTEM_PY ? NEEDS.readySystemPython : null;

  entry(`made with a Python ${newest ?? '3.x'} that was then removed (pyenv uninstall): broken`, needs, async () => {
    const base = join(root, 'removed-base');
    const python = await removablePython(newest ?? '', base);
    const dir = await project(join(root, 'removed'));
    await venvModule(python, '.venv', ['--without-pip'], dir);
    await sh(`rm -rf "${base}"`);
    await judge({ dir, python: SYSTEM_PY }, 'broken');
  });

  // The copied interpreter does not need its base: with `home` gone it finds the standard library where its
  // build put it (pyenv's own directory, still there), so it runs.
  entry(
    `--copies --without-pip, made with a copy of Python ${newest ?? '3.x'} that was then removed: still runs`,
    needs,
    async () => {
      const base = join(root, 'removed-copies-base');
      const python = await removablePython(newest ?? '', base);
      const dir = await project(join(root, 'removed-copies'));
      await venvModule(python, '.venv', ['--copies', '--without-pip'], dir);
      await sh(`rm -rf "${base}"`);
      await judge({ dir, python: SYSTEM_PY }, 'no-pip');
    },
  );

  const both =
    !newest || !older ? NEEDS.pyenv('3.x and an older 3.y') : !READY_SYSTEM_PY ? NEEDS.readySystemPython : null;
  entry(
    `made with Python ${older ?? '3.y'} (with pip), whose place now holds Python ${newest ?? '3.x'} (an upgrade): broken`,
    both,
    async () => {
      const base = join(root, 'upgraded-base');
      const python = await removablePython(older ?? '', base);
      const dir = await project(join(root, 'upgraded'));
      await venvModule(python, '.venv', [], dir);
      await sh(`rm -rf "${base}"`);
      await removablePython(newest ?? '', base);
      await judge({ dir, python: SYSTEM_PY }, 'broken');
    },
  );
});
