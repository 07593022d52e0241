// The tools that make projects' venvs, by name (one file each beside this one).
import type { ProjectToolName } from '../types.js';
import { conda } from './conda.js';
import { hatch } from './hatch.js';
import { pdm } from './pdm.js';
import { pipenv } from './pipenv.js';
import { poetry } from './poetry.js';
import type { ProjectTool } from './types.js';
import { uv } from './uv.js';

export type { ProjectTool } from './types.js';

export const TOOLS: Record<ProjectToolName, ProjectTool> = { uv, poetry, pipenv, pdm, hatch, conda };
