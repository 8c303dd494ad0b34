import { validateInput } from '../spec/validate-input.js';
import { requestOptionsSchema } from './transport-schemas.js';
import type { HttpRequestOptions } from './types.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);
const TIMEOUT_NAMES = new Set(['connectMs', 'headersMs', 'idleMs', 'totalMs']);

/**
 * `http.request()` options, validated. A hand-written check accepts the shapes providers send on
 * every call and returns the caller's object as is (the transport only reads the known fields, so
 * the unknown keys zod would strip are never seen); anything it does not accept goes through
 * {@link requestOptionsSchema}, so a bad input gets the same message as before. Why: zod's
 * `safeParse` of this 14-field object was the largest single cost of `http.request()` in
 * `profile-client.mjs switchyard chat` (it allocates the parsed copy and every optional wrapper).
 */
export function checkRequestOptions(options: unknown): HttpRequestOptions {
  if (acceptsFast(options)) return options;
  return validateInput(requestOptionsSchema, options, 'http.request() options');
}

function acceptsFast(value: unknown): value is HttpRequestOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  if (typeof o.url !== 'string') return false;
  if (o.method !== undefined && !(typeof o.method === 'string' && METHODS.has(o.method))) return false;
  if (o.headers !== undefined && !isStringRecord(o.headers)) return false;
  if (o.body !== undefined && typeof o.body !== 'string' && !(o.body instanceof Uint8Array)) return false;
  if (o.credential !== undefined && !isScopedCredential(o.credential)) return false;
  if (o.signal !== undefined && !isAbortSignal(o.signal)) return false;
  if (o.timeouts !== undefined && !isTimeouts(o.timeouts)) return false;
  if (o.idempotent !== undefined && typeof o.idempotent !== 'boolean') return false;
  if (o.provider !== undefined && typeof o.provider !== 'string') return false;
  if (o.model !== undefined && typeof o.model !== 'string') return false;
  if (o.parseErrorBody !== undefined && typeof o.parseErrorBody !== 'function') return false;
  if (o.maxRedirects !== undefined && !(Number.isInteger(o.maxRedirects) && (o.maxRedirects as number) >= 0 && (o.maxRedirects as number) <= 20)) return false;
  if (o.maxBodyBytes !== undefined && !(Number.isInteger(o.maxBodyBytes) && (o.maxBodyBytes as number) > 0)) return false;
  return true;
}

/** A plain object of string values; anything else (a Map, an array, a number value) goes to zod. */
function isStringRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const name in value) if (typeof (value as Record<string, unknown>)[name] !== 'string') return false;
  return true;
}

// The same shape tests as the custom schemas in transport-schemas.ts.
function isScopedCredential(value: unknown): boolean {
  const c = value as { origins?: unknown; header?: unknown; value?: unknown } | null;
  return typeof c === 'object' && c !== null && Array.isArray(c.origins) && typeof c.header === 'string' && c.value !== undefined;
}

/** An AbortSignal by shape, as `abortSignalSchema` checks it. */
export function isAbortSignal(value: unknown): boolean {
  const s = value as { aborted?: unknown; addEventListener?: unknown } | null;
  return typeof s === 'object' && s !== null && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function';
}

/** Only the four known deadlines, each a positive number (Infinity included), on a plain object. */
export function isTimeouts(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const name in value) {
    const ms = (value as Record<string, unknown>)[name];
    if (!TIMEOUT_NAMES.has(name)) return false;
    if (ms !== undefined && !(typeof ms === 'number' && ms > 0)) return false;
  }
  return true;
}
