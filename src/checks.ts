// The registry: every check, in the order people read them. A check's id is its file name in checks/
// and its docs page in docs/checks/.
import { check as ensurepip } from '../checks/ensurepip.js';
import { check as externallyManaged } from '../checks/externally-managed.js';
import { check as os } from '../checks/os.js';
import { check as pip } from '../checks/pip.js';
import { check as python } from '../checks/python.js';
import { check as venv } from '../checks/venv.js';
import type { Check } from './types.js';

export const CHECKS: readonly Check[] = [os, python, externallyManaged, venv, ensurepip, pip];
