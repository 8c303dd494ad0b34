// Servers that speak "OpenAI-compatible" disagree on types (numeric tool-call ids from old TGI,
// `null` where OpenAI omits a field, objects where OpenAI sends strings), so the decoders read each
// field through these narrowing helpers instead of trusting a declared shape.

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a non-empty string. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** True for a finite number: what zod's `z.number()` accepts. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** True for a string, `null` or `undefined`: what zod's `z.string().nullish()` accepts. */
export function isNullishString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

/** The value when it is a finite number. */
export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A string or a number as a string (old TGI sends numeric tool-call ids); otherwise `''`. */
export function stringOrNumberText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}
