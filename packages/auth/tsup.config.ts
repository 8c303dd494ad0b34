import { defineConfig } from 'tsup';

export default defineConfig({
  // Each cloud secret manager is its own entry point, so `@switchyard/auth` never loads an SDK.
  entry: {
    index: 'src/index.ts',
    'vault/index': 'src/vault/index.ts',
    'aws/index': 'src/aws/index.ts',
    'azure/index': 'src/azure/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
});
