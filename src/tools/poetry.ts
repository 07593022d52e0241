// Poetry (python-poetry.org/docs: "Managing environments"): `poetry env use PYTHON` makes (or selects) the
// project's venv with that interpreter, `poetry env remove --all` removes its venvs, `poetry install` fills it.
// Poetry makes venvs with virtualenv, which bundles its own pip: no ensurepip is needed. Debian and Ubuntu
// package it as python3-poetry.
import type { ProjectTool } from './types.js';

export const poetry: ProjectTool = {
  name: 'poetry',
  makesVenvsWith: 'virtualenv (which brings its own pip)',
  needsEnsurepip: false,
  command: (python, remake) =>
    `${remake ? 'poetry env remove --all && ' : ''}poetry env use ${python ?? 'python3'} && poetry install`,
  install: {
    packages: { apt: 'python3-poetry', pacman: 'python-poetry' },
    elsewhere: 'pipx install poetry',
  },
};
