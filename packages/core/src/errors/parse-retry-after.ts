import { z } from 'zod';
import { validateInput } from '../spec/validate-input.js';

/** Response headers as undici returns them: lower-case names, repeated headers as arrays. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** {@link ResponseHeaders}, for the functions that take headers from callers. */
export const responseHeadersSchema = z.record(
  z.string(),
  z.union([z.string(), z.array(z.string()), z.undefined()], { error: 'header values must be strings or arrays of strings' }),
  { error: 'expected response headers as an object of lower-case names to values' },
);

const retryAfterInput = z.object({ headers: responseHeadersSchema, now: z.number().finite() });

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
  validateInput(retryAfterInput, { headers, now }, 'parseRetryAfter() input');
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
