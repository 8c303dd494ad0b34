import { defineConfig } from 'tsup';

export default defineConfig({
  // `billing` is the @switchyard/core/billing subpath: the billing machinery, kept out of the root
  // entry (issue 9: core under 25 kB). The client imports its Billing chunk on demand.
  // `zod-schemas` is the schema module (src/schemas): loaded with `require` only when a hand-written
  // check rejects an input (src/spec/load-schemas.ts), so it is an entry of its own, not a chunk of
  // the main entry. Both builds load the CommonJS file; the ESM one is not used.
  entry: { index: 'src/index.ts', billing: 'src/billing/index.ts', 'zod-schemas': 'src/schemas/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
});
