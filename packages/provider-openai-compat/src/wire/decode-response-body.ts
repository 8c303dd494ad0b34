import { SwitchyardError } from '@switchyard/core';
import type { ZodType } from 'zod';
import { embeddedErrorFromPayload, isEmbeddedError } from './embedded-error.js';
import { isJsonObject } from './json-fields.js';

/**
 * Validates a 200 response body against a loose schema (unknown fields pass). An error object sent
 * with `200 OK` becomes its typed error; a body of the wrong shape becomes `invalid-response` naming
 * what was wrong.
 *
 * @param what what the body should be, for the message: `"chat completion"`.
 */
export function decodeResponseBody<T>(schema: ZodType<T>, json: unknown, what: string): T {
  if (isJsonObject(json) && isEmbeddedError(json)) throw embeddedErrorFromPayload(json, 'body');
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 4).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new SwitchyardError('invalid-response', `The server's answer is not a valid ${what}: ${problems.join('; ')}.`);
}
