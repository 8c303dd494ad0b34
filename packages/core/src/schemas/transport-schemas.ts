import type { Dispatcher } from 'undici';
import { HEADER_TOKEN } from '../http/header-token.js';
import { isByteSource } from '../http/is-byte-source.js';
import { isHttpUrl } from '../http/is-http-url.js';
import type { ZodModule } from '../spec/load-zod.js';
import type { ErrorBodyParser, ScopedCredential } from '../http/types.js';

// The transport's zod schemas, built together on first use: each entry checks its input by hand
// first (check-request-options.ts) and only needs these, and zod, for an input the check rejects.
export function buildTransportSchemas(z: ZodModule) {
  const milliseconds = z.custom<number>(
    (value) => typeof value === 'number' && value > 0,
    'expected a positive number of milliseconds, or Infinity for no deadline',
  );

  // `Partial<TransportTimeouts>`: each deadline a positive number of milliseconds or Infinity.
  const transportTimeouts = z.object({
    connectMs: milliseconds.optional(),
    headersMs: milliseconds.optional(),
    idleMs: milliseconds.optional(),
    totalMs: milliseconds.optional(),
  });

  const dispatcher = z.custom<Dispatcher>(
    (value) => typeof value === 'object' && value !== null && typeof (value as Dispatcher).dispatch === 'function',
    'expected an undici Dispatcher (an Agent, Pool, ProxyAgent, MockAgent…)',
  );

  // Options of `createTransport()`.
  const transportOptions = z.object({
    dispatcher: dispatcher.optional(),
    timeouts: transportTimeouts.optional(),
    proxy: z.union([z.literal('env'), z.literal(false)], { error: 'expected "env" or false' }).optional(),
    userAgent: z.string().min(1, 'userAgent must not be empty').optional(),
  });

  // An AbortSignal, recognised by shape so that signals from another realm or polyfill pass.
  const abortSignal = z.custom<AbortSignal>(
    (value) =>
      typeof value === 'object' && value !== null && typeof (value as AbortSignal).aborted === 'boolean' && typeof (value as AbortSignal).addEventListener === 'function',
    'expected an AbortSignal',
  );

  const scopedCredential = z.custom<ScopedCredential>(
    (value) => {
      const credential = value as ScopedCredential | null;
      return typeof credential === 'object' && credential !== null && Array.isArray(credential.origins) && typeof credential.header === 'string' && credential.value !== undefined;
    },
    'expected a credential made with scopeCredential(value, { origins })',
  );

  // `HttpRequestOptions` (the transport is a public entry too).
  const requestOptions = z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).optional(),
    url: z.string({ error: 'expected the request URL as a string' }),
    headers: z.record(z.string(), z.string({ error: 'header values must be strings' })).optional(),
    json: z.unknown().optional(),
    body: z.union([z.string(), z.instanceof(Uint8Array)], { error: 'expected a string or a Uint8Array body' }).optional(),
    credential: scopedCredential.optional(),
    signal: abortSignal.optional(),
    timeouts: transportTimeouts.optional(),
    idempotent: z.boolean().optional(),
    provider: z.string().optional(),
    model: z.string().optional(),
    parseErrorBody: z.custom<ErrorBodyParser>((value) => typeof value === 'function', 'expected a function').optional(),
    maxRedirects: z.number().int().min(0).max(20, 'follow at most 20 redirects').optional(),
    maxBodyBytes: z.number().int().positive().optional(),
  });

  // `bindTransport()` defaults.
  const boundDefaults = z.object({
    signal: abortSignal.optional(),
    timeouts: transportTimeouts.optional(),
    provider: z.string().optional(),
    model: z.string().optional(),
  });

  // Options of `scopeCredential()`.
  const scopeOptions = z.object({
    origins: z
      .array(z.string().refine(isHttpUrl, 'expected an http:// or https:// origin such as "https://api.openai.com"'))
      .min(1, 'list at least one origin the credential may be sent to'),
    header: z.string().regex(HEADER_TOKEN, 'expected an HTTP header name such as "authorization" or "x-api-key"').optional(),
    scheme: z.string().regex(HEADER_TOKEN, 'expected a single word such as "Bearer"').nullable().optional(),
  });

  // The body `readSse()` / `readNdjson()` read.
  const byteSource = z.custom<AsyncIterable<Uint8Array>>(isByteSource, 'expected an async iterable of Uint8Array chunks (a Node stream, a fetch body, an async generator)');

  // `isLoopbackHost()`'s argument.
  const hostname = z.string({ error: 'expected a host name such as URL.hostname' });

  return { transportTimeouts, transportOptions, abortSignal, requestOptions, boundDefaults, scopeOptions, byteSource, hostname };
}
