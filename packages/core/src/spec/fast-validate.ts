import type { ZodType } from 'zod';
import type { SchemaGetter } from './lazy-schema.js';
import { validateInput } from './validate-input.js';

/**
 * {@link validateInput} with a fast path for per-attempt calls: a value `looksValid` accepts is
 * returned as is (no parse, no copy); anything else goes through the zod schema, which throws the
 * `invalid-request` error naming the field. `looksValid` must accept nothing the schema rejects.
 * Pass the schema as a getter ({@link lazySchema}) so that zod loads only for a rejected value.
 */
export function validateFast<T>(value: unknown, looksValid: (value: unknown) => boolean, schema: ZodType<T> | SchemaGetter<ZodType<T>>, what: string): T {
  return looksValid(value) ? (value as T) : validateInput(schema, value, what);
}

/** A finite, non-negative number. */
export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A whole, non-negative number (a safe integer, as zod's `int()` requires). */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A non-empty string. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** A string (for `everyItem` and other checks that take a predicate). */
export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A record `z.record` accepts as it is: a plain object (prototype `Object.prototype` or null), no
 * symbol key, no own `__proto__` key.
 */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.getOwnPropertySymbols(value).length === 0 && !Object.prototype.hasOwnProperty.call(value, '__proto__');
}
