import type { ZodType } from 'zod';
import { SwitchyardError } from '../errors/switchyard-error.js';

/**
 * Validates a public input and returns the parsed value, or throws an `invalid-request` error whose
 * message names every offending field and what it should be:
 * `Invalid chat request: messages[0].role: expected one of "system" | "user" | … (got "bot")`.
 *
 * @param what a noun phrase for the message, e.g. `"chat request"` or `"ollama() options"`.
 */
export function validateInput<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
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
