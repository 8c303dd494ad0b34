import { isString } from '../spec/fast-validate.js';
import { errorSchemas } from '../spec/load-schemas.js';
import { everyItem } from '../spec/request-checks.js';
import { validateInput } from '../spec/validate-input.js';

/** Response headers as undici returns them: lower-case names, repeated headers as arrays. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** {@link ResponseHeaders}, for the functions that take headers from callers. */
export const responseHeadersSchema = () => errorSchemas().responseHeaders;

/**
 * Headers {@link responseHeadersSchema} accepts, in the form undici returns them (a plain object
 * of string and string-array values): the precheck of `validateFast`, so that reading the request
 * id of every response skips a zod parse and copy of its headers. Anything else — a symbol key, a
 * class instance, a number — goes through the schema, which writes the message.
 */
export function looksLikeResponseHeaders(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const headers = value as Record<string, unknown>;
  // for…in also walks inherited keys: stricter than the schema, never looser.
  for (const name in headers) {
    const header = headers[name];
    if (typeof header !== 'string' && header !== undefined && !(Array.isArray(header) && everyItem(header, isString))) return false;
  }
  return Object.getOwnPropertySymbols(headers).length === 0;
}

/** The first value of a header (servers sometimes repeat one), or undefined. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long a server asked the caller to wait, in milliseconds, from `retry-after-ms` (OpenAI and
 * Azure send it alongside the coarser header) or `retry-after` as delta-seconds or an HTTP date.
 * Returns undefined when neither header is present or readable; never a negative number.
 *
 * @param now epoch milliseconds the HTTP-date form is measured from (default: `Date.now()`).
 */
export function parseRetryAfter(headers: ResponseHeaders, now: number = Date.now()): number | undefined {
  if (!looksLikeResponseHeaders(headers) || !Number.isFinite(now)) validateInput(() => errorSchemas().retryAfterInput, { headers, now }, 'parseRetryAfter() input');
  const milliseconds = headerValue(headers, 'retry-after-ms');
  if (milliseconds !== undefined) {
    const value = Number(milliseconds.trim());
    if (milliseconds.trim() !== '' && Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const retryAfter = headerValue(headers, 'retry-after')?.trim();
  if (!retryAfter) return undefined;
  // Delta-seconds per RFC 9110; some servers send fractions ("1.5"), which are harmless to honour.
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
  // Only an HTTP date past this point (Date.parse would read "-3" as a year).
  if (!/[a-z]/i.test(retryAfter)) return undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
