import { defineConfig } from 'tsup';

// Builds the benchmark from source (bench/dist is git-ignored), so `pnpm bench` measures the
// provider as it is, whatever state the package's own dist/ is in.
export default defineConfig({
  entry: { 'ollama-bench': 'bench/ollama-bench.ts' },
  outDir: 'bench/dist',
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: false,
  clean: true,
  silent: true,
  // undici is a devDependency here, which tsup would otherwise bundle (and its CommonJS requires fail in ESM).
  external: ['undici'],
});
