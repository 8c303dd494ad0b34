import type { z } from 'zod';
import { loadZod, schemaOnFirstUse, lazySchema, validateInput, type BaseRequest } from '@switchyard/core';
import { keepAliveSchema } from './keep-alive.js';

// Built on first use (lazySchema), like the response schemas: most requests carry no
// `providerOptions.ollama` and never need them, and building them at import cost cold start.

const strict = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `unknown key(s) ${(issue.keys ?? []).map((key) => `"${key}"`).join(', ')} for this task: other Ollama model parameters go under options: { ... }`
      : undefined,
};

/** The keys every task takes (called only while a schema is built). */
function sharedShape() {
  const z = loadZod();
  return {
    /** Context window in tokens (Ollama `options.num_ctx`). */
    num_ctx: z.number().int('num_ctx must be a whole number of tokens').positive('num_ctx must be > 0').optional(),
    keep_alive: keepAliveSchema.optional(),
    /** Any other Modelfile parameter (`min_p`, `repeat_penalty`, `mirostat`…), passed as-is. */
    options: z
      .record(
        z.string(),
        z.union([z.number(), z.string(), z.boolean(), z.array(z.string())], {
          error: 'Ollama option values are numbers, strings, booleans or string arrays',
        }),
      )
      .optional(),
  };
}

function thinkSchema() {
  const z = loadZod();
  return z
    .union([z.boolean(), z.enum(['low', 'medium', 'high', 'max'])], { error: 'think must be true, false, "low", "medium", "high" or "max"' })
    .optional();
}

/** `providerOptions.ollama` for chat: `num_ctx`, `keep_alive`, `think`, `options`. */
export const ollamaChatOptionsSchema = schemaOnFirstUse(lazySchema((z) => z.strictObject({ ...sharedShape(), think: thinkSchema() }, strict)));

/** `providerOptions.ollama` for completion: chat's keys plus `system`, `template`, `raw`, `format`. */
export const ollamaGenerateOptionsSchema = schemaOnFirstUse(lazySchema((z) =>
  z.strictObject(
    {
      ...sharedShape(),
      think: thinkSchema(),
      system: z.string().optional(),
      template: z.string().optional(),
      raw: z.boolean().optional(),
      format: z.union([z.literal('json'), z.record(z.string(), z.unknown())], { error: 'format must be "json" or a JSON schema object' }).optional(),
    },
    strict,
  ),
));

/** `providerOptions.ollama` for embeddings: `num_ctx`, `keep_alive`, `options`, `truncate`. */
export const ollamaEmbedOptionsSchema = schemaOnFirstUse(lazySchema((z) => z.strictObject({ ...sharedShape(), truncate: z.boolean().optional() }, strict)));

/** Ollama-specific settings of a chat request, in Ollama's own names. */
export type OllamaChatOptions = z.infer<typeof ollamaChatOptionsSchema>;
/** Ollama-specific settings of a completion request. */
export type OllamaGenerateOptions = z.infer<typeof ollamaGenerateOptionsSchema>;
/** Ollama-specific settings of an embedding request. */
export type OllamaEmbedOptions = z.infer<typeof ollamaEmbedOptionsSchema>;

const NO_OPTIONS: object = Object.freeze({});

/**
 * Reads and validates a request's Ollama settings: `providerOptions.ollama`, overlaid by
 * `providerOptions[providerId]` when the provider was created with another id. Strict, so a
 * misspelt key is an `invalid-request` error rather than a setting silently ignored.
 */
export function readOllamaRequestOptions<T extends object>(request: BaseRequest, providerId: string, schema: z.ZodType<T>): T {
  const all = request.providerOptions;
  // The common case: nothing to read, and no fresh empty object per call (the builders only read it).
  if (all === undefined) return NO_OPTIONS as T;
  const common = all.ollama;
  const own = providerId === 'ollama' ? undefined : all[providerId];
  if (common === undefined && own === undefined) return NO_OPTIONS as T;
  const merged = own === undefined ? common : common === undefined ? own : { ...common, ...own };
  return validateInput(schema, merged, own === undefined ? 'providerOptions.ollama' : `providerOptions.${providerId}`);
}
