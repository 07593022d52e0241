// Hatch (hatch.pypa.io: "Environments"): environments live in Hatch's data directory, not the project's;
// `hatch env prune` removes them, `hatch env create` makes the default one again. Hatch makes them with
// virtualenv: no ensurepip is needed. Not judged here: where each is depends on Hatch's own settings.
import type { ProjectTool } from './types.js';

export const hatch: ProjectTool = {
  name: 'hatch',
  makesVenvsWith: 'virtualenv, in its own data directory',
  needsEnsurepip: false,
  command: (_python, remake) => `${remake ? 'hatch env prune && ' : ''}hatch env create`,
  install: { packages: { pacman: 'hatch' }, elsewhere: 'pipx install hatch' },
};
