// Where the shared corpus is: ../shared beside the project (as on CI), or VENV_DOCTOR_SHARED.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const PROJECT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
export const SHARED = process.env.VENV_DOCTOR_SHARED ?? resolve(PROJECT, '../shared');
export const CORPUS = resolve(SHARED, 'corpus');
export const FIXTURES = resolve(PROJECT, 'test/fixtures');

if (!existsSync(CORPUS)) {
  throw new Error(`The shared corpus is not at ${CORPUS}: put ../shared beside the project or set VENV_DOCTOR_SHARED.`);
}
