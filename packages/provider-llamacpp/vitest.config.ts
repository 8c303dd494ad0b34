import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Loading llama.cpp and the model takes seconds on a busy 2-core machine.
    testTimeout: 60_000,
    passWithNoTests: true,
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
