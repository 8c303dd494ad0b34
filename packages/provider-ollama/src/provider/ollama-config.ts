import type { z } from 'zod';
import { loadZod, schemaOnFirstUse, lazySchema, scopeCredential, validateInput, type ScopedCredential } from '@switchyard/core';
import { isKeepAlive, keepAliveSchema, type KeepAlive } from '../wire/keep-alive.js';
import { ollamaBaseUrlFromEnv } from '../ollama-base-url-from-env.js';

/** Called only while the options schema is built. */
function baseUrlSchema() {
  return loadZod()
    .url({ protocol: /^https?$/, error: 'baseURL must be an absolute http:// or https:// URL such as "http://127.0.0.1:11434"' })
    .refine((value) => {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    }, 'baseURL must not contain a user name or password (they would travel in every log line); pass headers: { authorization } instead')
    .refine((value) => {
      const url = new URL(value);
      return url.search === '' && url.hash === '';
    }, 'baseURL must not have a query or fragment')
    .refine(
      (value) => !/\/(?:v1|api)\/?$/.test(new URL(value).pathname),
      'baseURL is the server root (e.g. "http://127.0.0.1:11434"), without "/api" or "/v1": this provider adds "/api/…" itself and speaks the native API, not the OpenAI-compatible "/v1" layer',
    );
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const OPTION_NAMES: ReadonlySet<string> = new Set(['id', 'baseURL', 'headers', 'keepAlive', 'autoPull']);

/**
 * `ollama()` options checked by hand, so that an ordinary `ollama()` or `ollama({ baseURL })` never
 * loads zod (90–150 ms of a cold start). It accepts nothing `ollamaOptionsSchema` rejects, and the
 * schema changes nothing it accepts (a strict object: no defaults, nothing stripped), so the value
 * is used as it is; anything else goes to the schema, which writes the message.
 */
export function looksLikeOllamaOptions(value: unknown): value is OllamaOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const options = value as Record<string, unknown>;
  for (const key in options) if (!OPTION_NAMES.has(key)) return false;
  const { id, baseURL, headers, keepAlive, autoPull } = options;
  return (
    (id === undefined || (typeof id === 'string' && ID.test(id))) &&
    (baseURL === undefined || isPlainBaseUrl(baseURL)) &&
    (headers === undefined || isHeaderRecord(headers)) &&
    (keepAlive === undefined || isKeepAlive(keepAlive)) &&
    (autoPull === undefined || typeof autoPull === 'boolean')
  );
}

/**
 * A base URL `baseUrlSchema` accepts unchanged: zod's `z.url()` trims the value and drops tabs and
 * line breaks from it, so only a value with none of those is taken here; then the same rules.
 */
function isPlainBaseUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value !== value.trim() || /[\t\n\r]/.test(value) || !/^https?:\/\//i.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    !/\/(?:v1|api)\/?$/.test(url.pathname)
  );
}

/** A plain object of HTTP-token names to string values, which the schema's `z.record` returns as an equal copy. */
function isHeaderRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  // Only Object.prototype: zod's record also takes a null-prototype object, but returns a plain copy.
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0) return false;
  for (const name of Object.keys(value)) if (name === '__proto__' || !HEADER_NAME.test(name) || typeof (value as Record<string, unknown>)[name] !== 'string') return false;
  return true;
}

/** The options `ollama()` accepts; see the README for each. Built on the first `ollama()` call, not at import. */
export const ollamaOptionsSchema = schemaOnFirstUse(lazySchema((z) =>
  z.strictObject(
    {
      id: z
        .string({ error: 'id must be a string' })
        .regex(ID, 'id must be 1-64 letters, digits, ".", "_" or "-" (it keys providerOptions and the trace)')
        .optional(),
      baseURL: baseUrlSchema().optional(),
      headers: z
        .record(z.string().regex(HEADER_NAME, 'header names are HTTP tokens such as "x-api-key"'), z.string({ error: 'header values must be strings' }), {
          error: 'headers must be an object of strings',
        })
        .optional(),
      keepAlive: keepAliveSchema.optional(),
      autoPull: z.boolean({ error: 'autoPull must be true or false' }).optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown option(s) ${issue.keys.join(', ')}; known: id, baseURL, headers, keepAlive, autoPull` : undefined) },
  ),
));

/** Options of {@link ollama}. */
export interface OllamaOptions {
  /** Provider id within a client (default `'ollama'`); also a key of `providerOptions`. */
  id?: string;
  /** The server root (default: `OLLAMA_HOST` read by {@link ollamaBaseUrlFromEnv}, else `http://127.0.0.1:11434`). */
  baseURL?: string;
  /**
   * Headers for every request, e.g. for a reverse proxy in front of Ollama. An `authorization`
   * header is handled as a credential: sent only to the base URL's origin, never across a redirect,
   * and refused for a plain `http://` base URL that is not loopback.
   */
  headers?: Record<string, string>;
  /** How long the server keeps a model loaded after a call (`"10m"`, `"1h"`, `0`, `-1` = forever); default: the server's (5 minutes). */
  keepAlive?: KeepAlive;
  /** On `model-not-found`, pull the model (progress through `onEvent`) and try the call once more. Default false. */
  autoPull?: boolean;
}

/** The validated, resolved configuration every task of one provider shares. */
export interface OllamaConfig {
  readonly id: string;
  /** Without a trailing slash. */
  readonly baseURL: string;
  /** The headers to send, without `authorization` (that travels as {@link OllamaConfig.credential}). */
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly credential: ScopedCredential | undefined;
  readonly keepAlive: KeepAlive | undefined;
  readonly autoPull: boolean;
}

/** Validates `ollama()`'s options and resolves the defaults (reading `OLLAMA_HOST` only when no `baseURL` is given). */
export function resolveOllamaConfig(options: unknown): OllamaConfig {
  const given = options ?? {};
  const parsed = looksLikeOllamaOptions(given) ? given : validateInput(ollamaOptionsSchema, given, 'ollama() options');
  const baseURL = (parsed.baseURL ?? ollamaBaseUrlFromEnv()).replace(/\/+$/, '');
  let headers: Record<string, string> | undefined;
  let credential: ScopedCredential | undefined;
  for (const [name, value] of Object.entries(parsed.headers ?? {})) {
    if (name.toLowerCase() === 'authorization') {
      // The whole header value is the credential ("Bearer …", "Basic …"): no scheme is added.
      credential = scopeCredential(value, { origins: [baseURL], header: 'authorization', scheme: null });
    } else {
      (headers ??= {})[name.toLowerCase()] = value;
    }
  }
  return {
    id: parsed.id ?? 'ollama',
    baseURL,
    headers,
    credential,
    keepAlive: parsed.keepAlive,
    autoPull: parsed.autoPull ?? false,
  };
}
