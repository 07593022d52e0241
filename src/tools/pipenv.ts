// Pipenv (pipenv.pypa.io: "Virtualenv management"): `pipenv --python PYTHON` makes the project's venv with that
// interpreter, `pipenv --rm` removes it, `pipenv install` fills it. Pipenv makes venvs with virtualenv (its
// own pip): no ensurepip is needed. Debian and Ubuntu package it as pipenv.
import type { ProjectTool } from './types.js';

export const pipenv: ProjectTool = {
  name: 'pipenv',
  makesVenvsWith: 'virtualenv (which brings its own pip)',
  needsEnsurepip: false,
  command: (python, remake) =>
    `${remake ? 'pipenv --rm && ' : ''}pipenv --python ${python ?? 'python3'} && pipenv install`,
  install: { packages: { apt: 'pipenv', pacman: 'python-pipenv' }, elsewhere: 'pipx install pipenv' },
};
