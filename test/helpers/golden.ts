// Golden files (test/fixtures/golden/): the reviewed text and JSON of each scenario. A golden is compared
// exactly; a missing or different golden fails with how to re-record it. Nothing is ever written by a
// normal test run: re-recording is deliberate (`npm run goldens:record`, which sets
// VENV_DOCTOR_RECORD_GOLDENS=1), and its diff is reviewed before it is committed (docs/testing.md).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { FIXTURES, PROJECT } from './paths.js';

export const GOLDEN = join(FIXTURES, 'golden');
export const RECORDING = process.env.VENV_DOCTOR_RECORD_GOLDENS === '1';
const HOW =
  'If the change is intended, re-record with `npm run goldens:record` and review `git diff test/fixtures/golden`.';

/**
 * What differs from machine to machine or run to run, never from the facts: the kernel string, the
 * durations. The goldens hold the normalized text.
 */
export function normalize(text: string): string {
  return text
    .replace(/kernel [^\s",]+/g, 'kernel <kernel>')
    .replace(/\(\d+(\.\d+)? ms\)/g, '(<n> ms)')
    .replace(/Finished in \d+(\.\d+)? (ms|s)\./g, 'Finished in <n> ms.')
    .replace(/"durationMs": \d+(\.\d+)?/g, '"durationMs": "<n>"');
}

/** Compares `actual` (normalized) with the golden file `name`, or records it when recording deliberately. */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  const shown = relative(PROJECT, file);
  const text = normalize(actual);
  if (RECORDING) {
    if (process.env.CI) throw new Error('goldens are recorded by a person who reviews them, never in CI');
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(
      `the golden ${shown} is missing. Record it deliberately: \`npm run goldens:record\`, then review it.`,
    );
  }
  expect(text, `${shown} differs from the report. ${HOW}`).toBe(readFileSync(file, 'utf8'));
}
