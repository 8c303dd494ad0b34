import { defineConfig } from 'tsup';

// Builds the benchmark from source (bench/dist is git-ignored), so `pnpm bench` measures the
// code as it is, whatever state the package's own dist/ is in.
export default defineConfig({
  entry: { 'transport-bench': 'bench/transport-bench.ts' },
  outDir: 'bench/dist',
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: false,
  clean: true,
  silent: true,
});
