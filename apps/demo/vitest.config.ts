import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test-support/build-cli.global-setup.ts'],
    // The test processes mostly wait on CLI subprocesses: running the files side by side (vitest
    // would use one worker on two cores) keeps the suite short without starving the machine.
    maxWorkers: 3,
    // The end-to-end tests run the built CLI as a subprocess (the embedded model's load included):
    // bounds that allow for a loaded machine; each run is also killed by runCli's own deadline.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    passWithNoTests: true,
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
