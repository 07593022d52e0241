// Scenarios: recorded facts (real roots and this machine) and Ubuntu/uv facts derived from them ->
// the report, as JSON and as the text a person reads.
//
// Each scenario is checked twice, independently:
//  - against its expectations, written by hand from its facts (expectations.ts): verdict and exit code,
//    every check that does not pass, the messages that decide, the exact fixes, advice and notes;
//  - against its golden files (test/fixtures/golden/), the whole report as reviewed, compared exactly
//    (test/helpers/golden.ts: a missing or different golden fails; `npm run goldens:record` re-records).
// Every report is also validated against the published schema (docs/schema/report.v1.json).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/render/json.js';
import { renderPlain } from '../../src/render/plain.js';
import { expectGolden, GOLDEN, normalize } from '../helpers/golden.js';
import { PROJECT } from '../helpers/paths.js';
import { EXPECTED } from './expectations.js';
import { diagnose, recordings, SCENARIOS } from './scenario-list.js';
import { uvFacts } from './ubuntu.js';

const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(PROJECT, 'docs/schema/report.v1.json'), 'utf8')),
);

describe('the scenarios', () => {
  it('has the recordings of the three Debian suites and of this machine', () => {
    const suites = ['bullseye', 'bookworm', 'trixie'].flatMap((suite) =>
      ['python3-only', 'healthy', 'empty-lists', 'no-python', 'pip-only', 'non-root-no-sudo', 'non-root-sudo'].map(
        (scenario) => `${suite}/${scenario}`,
      ),
    );
    expect(recordings).toEqual(expect.arrayContaining([...suites, 'this-machine/pyenv-shim']));
  });
  it('every scenario states its expectations, and every expectation has its scenario', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(SCENARIOS.map(([name]) => name).sort());
  });
  it('every golden file belongs to a scenario, and every scenario has both of its goldens', () => {
    const goldens = readdirSync(GOLDEN).sort();
    expect(goldens).toEqual(SCENARIOS.flatMap(([name]) => [`${name}.json`, `${name}.txt`]).sort());
  });
});

describe.each(SCENARIOS)('%s', (name, factsOf) => {
  // Judged inside each test, not at collection: a mutant of a check is then covered by the tests that
  // see it (StrykerJS would count code run at collection as static, and rerun every test for it).
  const judged = () => diagnose(factsOf());
  const expected = EXPECTED[name];

  it('says what its facts mean: verdict, statuses, messages, fixes, advice and notes', () => {
    const report = judged();
    if (!expected) throw new Error(`${name} has no expectations in test/scenarios/expectations.ts`);
    expect(report.exitCode).toBe(expected.exitCode);
    expect(report.ok).toBe(expected.exitCode === 0);
    const notPassing = Object.fromEntries(
      report.checks.filter((c) => c.status !== 'pass').map((c) => [c.id, c.status]),
    );
    expect(notPassing).toEqual(expected.notPassing);
    for (const [id, message] of Object.entries(expected.messages)) {
      expect(report.checks.find((c) => c.id === id)?.message, id).toBe(message);
    }
    expect(report.fixes.map((f) => f.argv)).toEqual(expected.fixes);
    // Nothing here needs quoting: the command a person copies is the argv, space-separated.
    expect(report.fixes.map((f) => f.command)).toEqual(expected.fixes.map((argv) => argv.join(' ')));
    expect(report.advice).toEqual(expected.advice);
    expect(report.notes).toEqual(expected.notes);
  });

  it('reads the same to a person: the verdict line, and each fix command exactly once', () => {
    const report = judged();
    if (!expected) throw new Error(`${name} has no expectations in test/scenarios/expectations.ts`);
    const text = renderPlain(report, { color: false, verbose: false });
    expect(text.split('\n')).toContain(expected.verdict);
    for (const argv of expected.fixes) expect(text.split(`    ${argv.join(' ')}\n`).length - 1, argv.join(' ')).toBe(1);
    if (expected.fixes.length === 0) expect(text).not.toContain('To fix it');
  });

  it('matches its golden text and JSON, and the JSON is valid against the schema', () => {
    const report = judged();
    const json = renderJson(report);
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
    expectGolden(`${name}.txt`, renderPlain(report, { color: false, verbose: true }));
    expectGolden(`${name}.json`, json);
  });
});

describe('golden normalization', () => {
  it('takes out the kernel string and the durations, and nothing else', () => {
    const text = 'platform: linux x64, kernel 6.1.0-18-amd64\nok      os  Debian. (12 ms)\nFinished in 1.5 ms.\n';
    expect(normalize(text)).toBe(
      'platform: linux x64, kernel <kernel>\nok      os  Debian. (<n> ms)\nFinished in <n> ms.\n',
    );
    expect(normalize('"kernel 6.1.0",\n"durationMs": 12.5,\n"version": "3.11.2"')).toBe(
      '"kernel <kernel>",\n"durationMs": "<n>",\n"version": "3.11.2"',
    );
  });
});

describe('derived scenarios beyond the goldens', () => {
  it('a uv Python without ensurepip: uv advice, no apt', () => {
    const f = uvFacts();
    if (!f.python.probe) throw new Error('the uv facts have a probe');
    f.python.probe.ensurepipMain = false;
    const report = diagnose(f);
    expect(report.checks.find((c) => c.id === 'ensurepip')?.status).toBe('fail');
    expect(report.fixes).toEqual([]);
    expect(report.advice).toEqual(['This interpreter is managed by uv; create the environment with: uv venv']);
  });
  it('the uv marker is quoted as uv wrote it', () => {
    const report = diagnose(uvFacts());
    expect(report.python).toMatchObject({ source: 'uv', externallyManaged: true });
    expect(report.checks.find((c) => c.id === 'externally-managed')?.details.join('\n')).toMatch(/managed by uv/);
  });
});
