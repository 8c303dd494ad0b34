import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The README example imports the package by name; test it against the sources, so it does not
    // depend on this package's own dist/ being built first.
    alias: [
      { find: /^@switchyard\/testkit$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^@switchyard\/testkit\/conformance$/, replacement: fileURLToPath(new URL('./src/conformance/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    passWithNoTests: true,
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
