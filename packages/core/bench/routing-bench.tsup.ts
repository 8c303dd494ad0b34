import { defineConfig } from 'tsup';

// Builds the routing benchmark from source next to the transport benchmark (bench/dist is
// git-ignored). No `clean`: the transport benchmark's build, which runs first, already cleaned it.
export default defineConfig({
  entry: { 'routing-bench': 'bench/routing-bench.ts' },
  outDir: 'bench/dist',
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: false,
  clean: false,
  silent: true,
});
