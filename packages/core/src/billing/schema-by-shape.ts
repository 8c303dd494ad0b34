import type { z } from 'zod';
import { loadZod } from '../spec/load-zod.js';

/**
 * A schema that picks the schema to apply from the value's shape, so a wrong value gets the precise
 * messages of the schema it was meant for instead of a union's "matched none of the options".
 */
export function schemaByShape<T>(choose: (value: unknown) => z.ZodType<T>): z.ZodType<T> {
  // Called only while a schema is built (inside lazySchema), when zod is loaded.
  const z = loadZod();
  return z.unknown().transform((value, context) => {
    const result = choose(value).safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  }) as unknown as z.ZodType<T>;
}

/**
 * An object schema's `error` option that replaces only the "expected object" message, keeping zod's
 * own precise messages for the rest (such as `Unrecognized key: "rpm"`).
 */
export function notAnObject(message: string): (issue: { code?: string }) => string | undefined {
  return (issue) => (issue.code === 'invalid_type' ? message : undefined);
}
