import { createRequire } from 'node:module';
import type * as Zod from 'zod';

/** zod's module namespace, as `import * as z from 'zod'` gives it. */
export type ZodModule = typeof Zod;

let zod: ZodModule | undefined;

/**
 * zod, loaded on first use, synchronously. Importing zod costs 90–150 ms (measured with
 * `await import('zod')` in a fresh Node 20 process, ESM and CJS alike), more than the rest of a
 * cold start, so nothing imports it at module evaluation: a well-formed input passes a hand-written
 * check and never needs it; the first input a check rejects (or the first use of an exported
 * schema) loads it here and lets the schema write the error message.
 *
 * Synchronous because the public entries that validate (`createClient`, the provider factories)
 * are synchronous: `require` through `createRequire` (tsup rewrites `import.meta.url` to the file's
 * URL in the CommonJS build). It loads zod's CommonJS build even from ESM. A caller's own ESM zod is then
 * a second instance, which is harmless: nothing in Switchyard checks a caller's schema with
 * `instanceof` (schemas are only called: `safeParse`), and zod's own `instanceof` checks compare
 * traits, not classes.
 */
export function loadZod(): ZodModule {
  return (zod ??= createRequire(import.meta.url)('zod') as ZodModule);
}
