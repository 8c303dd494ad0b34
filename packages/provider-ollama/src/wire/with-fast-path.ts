import type { ResponseSchema } from '@switchyard/core';
import type { ZodType } from 'zod';

/**
 * `schema` behind a hand-written check, for `HttpResponse.json()`: a value `looksValid` accepts
 * passes as it is (no walk of every field, no copy, and the schema is never built: zod is not even
 * loaded); anything else is parsed by `schema`, whose issues (paths and messages) are this
 * schema's, so a malformed answer fails with the same `invalid-response` message as before.
 * `looksValid` must accept nothing `schema` rejects. Measured (bench/ollama-bench.ts profile): zod's
 * loose-object parse of a chat answer was most of the provider's own decoding time; the check is
 * ~3 ns in a loop against ~320 ns. An answer the schema accepts is returned as it came, as the
 * `z.custom().superRefine()` this used to be returned it.
 */
export function withFastPath<T>(looksValid: (value: unknown) => boolean, schema: ZodType<T>): ResponseSchema<T> {
  return {
    safeParse(value) {
      if (looksValid(value)) return { success: true, data: value as T };
      const result = schema.safeParse(value);
      return result.success ? { success: true, data: value as T } : result;
    },
  };
}
