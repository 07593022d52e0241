// uv (docs.astral.sh/uv: "Project environments"): the venv is the project's .venv (UV_PROJECT_ENVIRONMENT
// moves it); `uv sync` makes or repairs it with a Python that meets requires-python (and .python-version),
// `--python` chooses one. uv makes venvs itself: no ensurepip is needed. Its installer is a script from the
// web: advice only, never run.
import type { ProjectTool } from './types.js';

export const uv: ProjectTool = {
  name: 'uv',
  makesVenvsWith: "uv's own venv code (no ensurepip, no pip in the venv unless asked)",
  needsEnsurepip: false,
  command: (python, remake) => `uv sync${python ? ` --python ${python}` : ''}${remake ? ' --reinstall' : ''}`,
  install: { packages: { pacman: 'uv' }, elsewhere: 'pipx install uv (or the installer on docs.astral.sh/uv)' },
};
