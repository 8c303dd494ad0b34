import type { ZodType } from 'zod';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SchemaGetter } from './lazy-schema.js';

/**
 * Validates a public input and returns the parsed value, or throws an `invalid-request` error whose
 * message names every offending field and what it should be:
 * `Invalid chat request: messages[0].role: expected one of "system" | "user" | … (got "bot")`.
 *
 * @param schema the zod schema, or a getter that builds it ({@link lazySchema}): then the schema,
 *   and zod, are only loaded when this is called.
 * @param what a noun phrase for the message, e.g. `"chat request"` or `"ollama() options"`.
 */
export function validateInput<T>(schema: ZodType<T> | SchemaGetter<ZodType<T>>, value: unknown, what: string): T {
  // A zod schema is an object, never a function.
  const result = (typeof schema === 'function' ? schema() : schema).safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 8).map((issue) => {
    const path = issue.path.length ? formatPath(issue.path) : '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = result.error.issues.length > 8 ? ` (and ${result.error.issues.length - 8} more)` : '';
  return fail(`Invalid ${what}: ${problems.join('; ')}${more}.`);
}

function fail(message: string): never {
  throw new SwitchyardError('invalid-request', message, { retryable: false });
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
