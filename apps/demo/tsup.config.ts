import { defineConfig } from 'tsup';

export default defineConfig({
  // src/cli.ts starts with a shebang: tsup keeps it and marks dist/cli.js executable.
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The workspace packages stay imports resolved from node_modules at run time, so the CLI runs the
  // same built code library users get; node-llama-cpp loads only when the embedded model runs.
});
