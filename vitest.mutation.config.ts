// The tests StrykerJS runs against each mutant: the ones that exercise the sources in-process (the CLI
// tests run the built dist/, which mutants never reach). See stryker.config.mjs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/scenarios/**/*.test.ts', 'test/security/redaction.test.ts'],
  },
});
