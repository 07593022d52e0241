// PDM (pdm-project.org: "Working with virtual environments"): the venv is the project's .venv by default;
// `pdm use PYTHON` selects the interpreter (written to .pdm-python), `pdm venv create` and `pdm install` make
// and fill it. PDM's default venv backend is virtualenv: no ensurepip is needed.
import type { ProjectTool } from './types.js';

export const pdm: ProjectTool = {
  name: 'pdm',
  makesVenvsWith: 'virtualenv (its default backend)',
  needsEnsurepip: false,
  command: (python, remake) =>
    `${remake ? 'pdm venv remove -y in-project && ' : ''}pdm use -f ${python ?? 'python3'} && pdm install`,
  install: { packages: { pacman: 'python-pdm' }, elsewhere: 'pipx install pdm' },
};
