import { z, type ZodType } from 'zod';

/**
 * `schema` behind a hand-written check, as a zod schema for `HttpResponse.json()`: a value
 * `looksValid` accepts passes as it is (no walk of every field, no copy), anything else is parsed
 * by `schema`, whose issues (paths and messages) become this schema's, so a malformed answer
 * fails with the same `invalid-response` message as before. `looksValid` must accept nothing
 * `schema` rejects. Measured (bench/ollama-bench.ts profile): zod's loose-object parse of a chat
 * answer was most of the provider's own decoding time; the check is ~3 ns in a loop against ~320 ns.
 */
export function withFastPath<T>(looksValid: (value: unknown) => boolean, schema: ZodType<T>): ZodType<T> {
  return z.custom<T>().superRefine((value, context) => {
    if (looksValid(value)) return;
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) context.addIssue({ ...issue });
  });
}
