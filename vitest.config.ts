import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'test/unit/**/*.test.ts',
            'test/scenarios/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'test/security/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Real Debian roots, real apt: minutes, not milliseconds.
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
