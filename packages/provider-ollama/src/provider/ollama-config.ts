import { z } from 'zod';
import { scopeCredential, validateInput, type ScopedCredential } from '@switchyard/core';
import { keepAliveSchema, type KeepAlive } from '../wire/keep-alive.js';
import { ollamaBaseUrlFromEnv } from '../ollama-base-url-from-env.js';

function baseUrlSchema() {
  return z
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

/** The options `ollama()` accepts; see the README for each. Built on the first `ollama()` call, not at import. */
export const ollamaOptionsSchema = z.lazy(() =>
  z.strictObject(
    {
      id: z
        .string({ error: 'id must be a string' })
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'id must be 1-64 letters, digits, ".", "_" or "-" (it keys providerOptions and the trace)')
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
);

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
  const parsed = validateInput(ollamaOptionsSchema, options ?? {}, 'ollama() options');
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
