import type { ZodType } from 'zod';

/**
 * Thrown when a testkit function is called with arguments it cannot use. Testkit does not load
 * `@switchyard/core` at runtime (it is a peer dependency used only by the conformance suite), so its own
 * input errors are a `TypeError` subclass rather than a `SwitchyardError`.
 */
export class TestkitInputError extends TypeError {
  override readonly name = 'TestkitInputError';
}

/**
 * Parses `value` with `schema` and returns the result, or throws a {@link TestkitInputError} whose
 * message names each offending field: `Invalid reply.json() options: status: expected an integer…`.
 */
export function checkInput<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 6).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  throw new TestkitInputError(`Invalid ${what}: ${problems.join('; ')}.`);
}
