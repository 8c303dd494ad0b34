// The schema module: every zod schema core builds, as builders that take zod. Not part of the entry:
// tsup emits it as its own file (dist/zod-schemas.cjs), which spec/load-schemas.ts requires the first
// time a hand-written check rejects an input. Keeping the schema definitions out of the entry keeps
// them out of the bundle every process parses at start-up and out of `pnpm size`'s entry figure.
export { buildBillingSchemas } from './billing-schemas.js';
export { buildClientSchemas } from './client-schemas.js';
export { buildErrorSchemas } from './error-schemas.js';
export { buildRequestSchemas } from './request-schemas.js';
export { buildTransportSchemas } from './transport-schemas.js';
