import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.mjs'],
    testTimeout: 30_000,
    // The JSON report is what scripts/test-summary.mjs sums after `turbo run test`.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
