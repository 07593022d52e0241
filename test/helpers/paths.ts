// Where the test data is: all of it inside the repository (test/fixtures/), so that a clone alone runs the
// tests. test/fixtures/README.md says where each part came from, with its licence.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = resolve(PROJECT, 'test/fixtures');
/** Real data written by others: os-release files of ~200 distributions, recorded outputs of Debian roots. */
export const CORPUS = resolve(FIXTURES, 'corpus');
/** Exact texts of distributions and tools: EXTERNALLY-MANAGED files, venv and pip errors, pyenv's messages. */
export const TEXTS = resolve(FIXTURES, 'texts');
