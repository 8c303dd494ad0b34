import { defineConfig } from 'tsup';

export default defineConfig({
  // `billing` is the @switchyard/core/billing subpath: the billing machinery, kept out of the root
  // entry (issue 9: core under 25 kB). The client imports its Billing chunk on demand.
  entry: { index: 'src/index.ts', billing: 'src/billing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
});
