import { createRequire } from 'node:module';
import { lazySchema } from './lazy-schema.js';

/** The schema module's exports (src/schemas/index.ts). */
export type SchemaModule = typeof import('../schemas/index.js');

let schemas: SchemaModule | undefined;

/**
 * The schema module, loaded synchronously on first use. In the published package it is its own
 * CommonJS file, `zod-schemas.cjs`, next to the entry (ESM and CJS builds alike load it with
 * `require`, as they load zod): the schema definitions are most of what a process would otherwise
 * parse for nothing, since well-formed inputs pass hand-written checks and never use them. Run from
 * source (tests), there is no such file: the test setup registers the TypeScript module instead.
 */
export function loadSchemas(): SchemaModule {
  return (schemas ??= createRequire(import.meta.url)('./zod-schemas.cjs') as SchemaModule);
}

/** For running from source (the vitest setup file): the schema module to use instead of the built file. */
export function registerSchemas(module: SchemaModule): void {
  schemas = module;
}

/** The client's schemas (options, call options, policies), built on first use. */
export const clientSchemas = lazySchema((z) => loadSchemas().buildClientSchemas(z));
/** The request schemas, built on first use. */
export const requestSchemas = lazySchema((z) => loadSchemas().buildRequestSchemas(z));
/** Billing's schemas (prices, metered attempts, settlements), built on first use. */
export const billingSchemas = lazySchema((z) => loadSchemas().buildBillingSchemas(z));
/** The error helpers' schemas, built on first use. */
export const errorSchemas = lazySchema((z) => loadSchemas().buildErrorSchemas(z));
/** The transport's schemas, built on first use. */
export const transportSchemas = lazySchema((z) => loadSchemas().buildTransportSchemas(z));
