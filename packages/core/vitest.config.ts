import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The sources have no built zod-schemas.cjs to require: register the schema module instead.
    setupFiles: ['src/schemas/register-for-tests.ts'],
    testTimeout: 20_000,
    passWithNoTests: true,
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
