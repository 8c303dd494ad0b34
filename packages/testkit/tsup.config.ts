import { defineConfig } from 'tsup';

export default defineConfig({
  // The conformance suite imports vitest, so it is a separate entry that the main one never loads.
  entry: { index: 'src/index.ts', conformance: 'src/conformance/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  // Gives `import.meta.url` (used by sharedPath to search from this module's folder) a value in the CommonJS build.
  shims: true,
});
