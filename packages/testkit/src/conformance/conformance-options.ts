import type { Provider } from '@switchyard/core';
import { z } from 'zod';
import type { ConformanceClientFactory } from './conformance-client.js';
import type { ConformanceModels, CustomDialect } from './conformance-scenarios.js';
import type { DialectName } from './dialects.js';

/** Options of `describeProviderConformance` (from `@switchyard/testkit/conformance`). */
export interface ProviderConformanceOptions {
  /** Shown in the suite's title. */
  name: string;
  /**
   * Makes the provider under test, pointed at the suite's server. `apiKey` is a generated fake
   * credential the suite then looks for in every error, event and trace.
   */
  createProvider: (setup: { baseURL: string; apiKey: string }) => Provider;
  /** The wire format to script: a built-in dialect's name, or the provider's own {@link CustomDialect}. */
  dialect: DialectName | CustomDialect;
  /** The model id to use per task; a task without one is not tested. */
  models: ConformanceModels;
  /** `createClient` from `@switchyard/core`. */
  createClient: ConformanceClientFactory;
  /** Where the list of scenarios that do not apply is written (default `console.info`). */
  log?: (message: string) => void;
}

const dialectSchema = z.union([
  z.enum(['openai', 'ollama', 'hf']),
  z.custom<CustomDialect>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as CustomDialect).name === 'string' &&
      typeof (value as CustomDialect).baseURL === 'function' &&
      typeof (value as CustomDialect).endpoint === 'function' &&
      typeof (value as CustomDialect).error === 'function',
    'a custom dialect needs name, baseURL(), endpoint() and error()',
  ),
]);
const functionSchema = (what: string) => z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', `${what} must be a function`);
/** Validates {@link ProviderConformanceOptions}. */
export const conformanceOptionsSchema = z
  .object({
    name: z.string().min(1, 'name the provider (it titles the suite)'),
    createProvider: functionSchema('createProvider'),
    dialect: dialectSchema,
    models: z
      .object({ chat: z.string().min(1), completion: z.string().min(1), embedding: z.string().min(1), image: z.string().min(1) })
      .partial()
      .strict(),
    createClient: functionSchema('createClient (pass createClient from @switchyard/core)'),
    log: functionSchema('log').optional(),
  })
  .strict();
