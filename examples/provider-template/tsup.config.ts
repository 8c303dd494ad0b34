import { defineConfig } from 'tsup';

export default defineConfig({
  // `conformance` is its own entry so the main one never loads @switchyard/testkit (an optional peer).
  entry: { index: 'src/index.ts', conformance: 'src/conformance/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
});
