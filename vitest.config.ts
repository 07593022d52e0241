import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two workers on a 2-core machine: most CLI tests wait on a child process, so the cores stay busy
    // (one worker: ~44 s, two: ~25 s here).
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        test: {
          // `npm test`: the judge, the checks, the planner, the renderers and the parsers, in process, on
          // recorded and composed facts (and the few real processes they need); no build, seconds.
          name: 'unit',
          testTimeout: 60_000,
          setupFiles: ['test/helpers/yield-between-tests.ts'],
          include: ['test/unit/**/*.test.ts', 'test/scenarios/**/*.test.ts'],
        },
      },
      {
        test: {
          // `npm run test:cli`: the built command on this machine (CLI, security, the Action, a real
          // terminal): hundreds of starts of it, two minutes on 2 cores.
          name: 'cli',
          // A hang guard, not a speed target (those live in the benchmark): on a loaded 2-core machine (CI's
          // mutation run beside a root's own npm test) tests that start the CLI passed 5 s.
          testTimeout: 60_000,
          // Builds dist/ from the tree first (skipped with VENV_DOCTOR_CLI): the CLI tests run the build.
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/helpers/yield-between-tests.ts'],
          include: ['test/cli/**/*.test.ts', 'test/security/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          // dist/, then the single file compiled from it (the roots without Node run that).
          globalSetup: ['test/global-setup.ts', 'test/e2e/global-setup.ts'],
          setupFiles: ['test/helpers/yield-between-tests.ts'],
          include: ['test/e2e/**/*.test.ts'],
          // Real Debian roots, real apt: minutes, not milliseconds.
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
      {
        test: {
          name: 'zoo',
          // Real venvs made by the real tools on this machine, broken the ways users break them, each judged
          // by the doctor against ground truth found by running the venv (test/zoo/zoo.ts).
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/helpers/yield-between-tests.ts'],
          include: ['test/zoo/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
