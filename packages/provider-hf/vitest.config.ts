import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    // The test files share no state (each starts its own servers and transport): one module graph
    // per worker instead of one per file saves re-importing core and zod sixteen times.
    isolate: false,
    passWithNoTests: true,
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
