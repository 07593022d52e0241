// The registry: every check, in the order people read them. A check's id is its file name in checks/
// and its docs page in docs/checks/.
import { check as ensurepip } from '../../checks/ensurepip.js';
import { check as externallyManaged } from '../../checks/externally-managed.js';
import { check as gitignore } from '../../checks/gitignore.js';
import { check as os } from '../../checks/os.js';
import { check as pip } from '../../checks/pip.js';
import { check as projectTool } from '../../checks/project-tool.js';
import { check as projectVenv } from '../../checks/project-venv.js';
import { check as python } from '../../checks/python.js';
import { check as pythonVersion } from '../../checks/python-version.js';
import { check as venv } from '../../checks/venv.js';
import { check as venvActive } from '../../checks/venv-active.js';
import { check as venvCreate } from '../../checks/venv-create.js';
import { check as venvRelocated } from '../../checks/venv-relocated.js';
import type { Check } from '../types.js';

/** The system checks, then the project checks, then the ground truth of --deep. */
export const CHECKS: readonly Check[] = [
  os,
  python,
  externallyManaged,
  venv,
  ensurepip,
  pip,
  pythonVersion,
  projectTool,
  projectVenv,
  venvRelocated,
  gitignore,
  venvActive,
  venvCreate,
];
