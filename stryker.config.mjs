// Mutation testing: how many deliberate bugs in the judge, the checks, the planner, the report, the
// renderers and the parsers the in-process tests catch. `npm run test:mutation` (scripts/mutation.mjs installs
// StrykerJS on demand and runs it on Node 22, which it needs). docs/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false: a static mutant (a module-level table or description) runs every test file, not only
  // the ones vitest's module graph relates to the mutated file (the scenario tests judge at collection).
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'checks/*.ts',
    'src/judge/derived.ts',
    'src/judge/remedies.ts',
    'src/judge/skip-reasons.ts',
    'src/judge/run-checks.ts',
    'src/report.ts',
    'src/fixes/plan.ts',
    'src/render/plain.ts',
    'src/render/json.ts',
    'src/render/github.ts',
    'src/render/junit.ts',
    'src/render/markdown.ts',
    'src/render/wrap.ts',
    'src/facts/os-release.ts',
    'src/systems/*.ts',
    'src/facts/probe.ts',
    'src/facts/venv-files.ts',
    'src/facts/pyproject.ts',
    'src/facts/marker.ts',
    'src/config.ts',
    'src/neutralize.ts',
    'src/redact.ts',
    'src/quote.ts',
    'src/paths.ts',
  ],
  ignorePatterns: ['dist', '.stryker-tmp*', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The results of the last full run, committed (test/mutation/): a run re-tests only the mutants whose source
  // or covering tests changed since (CI's budget on a 2-core machine has no room for a full run beside the
  // e2e suite). `npm run test:mutation -- --force` runs everything and rewrites the file.
  incremental: true,
  incrementalFile: 'test/mutation/incremental.json',
  // Static mutants (code that runs when a module loads: the package systems' tables in src/systems/, the
  // checks' titles) re-run every test each: 168 of 5,900 took 84% of the run, an estimated 1 h 40 min of a
  // run on this 2-core machine, past CI's budget. They are not run (StrykerJS reports them "ignored", out of
  // the score); the tables they would mutate are pinned by table tests (test/unit/systems.test.ts ...).
  ignoreStatic: true,
  thresholds: { high: 90, low: 85, break: 85 },
  concurrency: 2,
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
};
