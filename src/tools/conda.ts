// conda (docs.conda.io: "Managing environments"): environment.yml names the environment and its Python;
// `conda env create -f environment.yml` makes it, `conda env update -f environment.yml --prune` brings an
// existing one back to the file. conda's Python is conda's: no apt package repairs it.
import type { ProjectTool } from './types.js';

export const conda: ProjectTool = {
  name: 'conda',
  makesVenvsWith: "conda's own environments (not venvs)",
  needsEnsurepip: false,
  command: (_python, remake) =>
    remake ? 'conda env update -f environment.yml --prune' : 'conda env create -f environment.yml',
  install: { packages: {}, elsewhere: 'Miniforge (conda-forge.org/download)' },
};
