import { SwitchyardError, lazySchema, type ZodModule } from '@switchyard/core';
import type { ZodType } from 'zod';
import { embeddedErrorFromPayload, isEmbeddedError } from './embedded-error.js';
import { isJsonObject, type JsonObject } from './json-fields.js';

/**
 * What a 200 response body must look like: a hand-written check that recognises the well-formed
 * shape cheaply, and the loose zod schema that decides (and explains) everything the check does
 * not recognise. Make one with {@link responseShape}.
 */
export interface ResponseShape<T> {
  /** What the body should be, for the message: `"chat completion"`. */
  readonly what: string;
  /**
   * True only for bodies the schema accepts unchanged (the schema transforms nothing), so that the
   * body can be used as it is. It may reject a body the schema accepts: the schema then decides.
   */
  readonly accepts: (body: JsonObject) => boolean;
  /** The zod schema, built (and zod loaded) on first use. */
  readonly schema: () => ZodType<T>;
}

/**
 * Defines a {@link ResponseShape}. The schema is built on the first body the check rejects, not at
 * import, and zod is loaded then (core's `lazySchema`): building the package's five zod schemas,
 * and importing zod at all (90–150 ms), is start-up time every process would pay for a path
 * well-formed answers never take.
 */
export function responseShape<T>(what: string, accepts: (body: JsonObject) => boolean, buildSchema: (z: ZodModule) => ZodType<T>): ResponseShape<T> {
  return { what, accepts, schema: lazySchema(buildSchema) };
}

/**
 * Validates a 200 response body (unknown fields pass). An error object sent with `200 OK` becomes
 * its typed error; a well-formed body is returned as it is, without a zod pass (a `safeParse` copies
 * every object it validates: the largest part of decoding a short chat answer, and about 20 µs on a
 * 768-float embedding); anything else goes through the schema, so a body of the wrong shape becomes
 * `invalid-response` naming what was wrong, word for word as the schema says it.
 */
export function decodeResponseBody<T>(shape: ResponseShape<T>, json: unknown): T {
  if (isJsonObject(json)) {
    if (isEmbeddedError(json)) throw embeddedErrorFromPayload(json, 'body');
    if (shape.accepts(json)) return json as T;
  }
  const result = shape.schema().safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 4).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new SwitchyardError('invalid-response', `The server's answer is not a valid ${shape.what}: ${problems.join('; ')}.`);
}
