// Why a check has nothing to look at. Pure; shared by the checks.

import type { Facts } from '../types.js';
import { projectRequirement, venvInterpreter } from './derived.js';

/** Files that make a directory a Python project. */
export const PROJECT_MARKERS = [
  'pyproject.toml',
  'requirements.txt',
  'setup.py',
  'setup.cfg',
  'Pipfile',
  'poetry.lock',
  'uv.lock',
  '.python-version',
  'pdm.lock',
  'hatch.toml',
  'environment.yml',
  'environment.yaml',
];

/** Why a project check cannot run, or null. */
export function projectSkipReason(facts: Facts): string | null {
  const project = facts.project;
  if (!project) return 'no project directory was examined';
  if (project.markers.length === 0 && !project.venv) {
    return `${project.dir} is not a Python project (none of ${PROJECT_MARKERS.slice(0, 5).join(', ')} ...) and has no venv`;
  }
  return null;
}

/** Why a check of the project's venv cannot run, or null. */
export function venvSkipReason(facts: Facts): string | null {
  const project = projectSkipReason(facts);
  if (project) return project;
  const venv = facts.project?.venv;
  if (!venv) return `there is no venv (looked for ${facts.project?.venvSearched.join(', ')})`;
  if (venv.kind !== 'dir') return `${venv.name} is not a directory (see project-venv)`;
  return null;
}

/** The interpreter checks need a working interpreter: the one the project's venv is made with. */
export function interpreterSkipReason(facts: Facts): string | null {
  if (!facts.python.probe) return 'no working interpreter to inspect (see python)';
  if (!venvInterpreter(facts)) {
    // Said whole here: the python-version row may say ok (the project's venv meets the requirement).
    const spec = projectRequirement(facts)?.spec;
    return `${facts.python.command} does not meet the project's requirement${spec ? ` (${spec})` : ''}, and no other python3.X on PATH does`;
  }
  return null;
}
