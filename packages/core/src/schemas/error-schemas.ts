import { ERROR_KINDS } from '../errors/error-kind.js';
import type { ZodModule } from '../spec/load-zod.js';

// The error helpers' zod schemas (errorFromStatus, defaultErrorBodyParser, parseRetryAfter,
// requestIdFromHeaders, redactSecrets), built together on first use: each helper checks its input
// by hand first and only needs these, and zod, for an input the check rejects.
export function buildErrorSchemas(z: ZodModule) {
  // `ResponseHeaders`, for the functions that take headers from callers.
  const responseHeaders = z.record(
    z.string(),
    z.union([z.string(), z.array(z.string()), z.undefined()], { error: 'header values must be strings or arrays of strings' }),
    { error: 'expected response headers as an object of lower-case names to values' },
  );
  const status = z.number().int().min(100, 'expected an HTTP status (100–599)').max(599, 'expected an HTTP status (100–599)');

  const statusErrorInput = z.object({
    method: z.string().min(1, 'expected the request method'),
    url: z.union([z.string(), z.instanceof(URL)], { error: 'expected the request URL as a string or URL' }),
    status,
    statusText: z.string().optional(),
    headers: responseHeaders,
    body: z.object({ message: z.string().optional(), code: z.string().optional(), kind: z.enum(ERROR_KINDS).optional() }).optional(),
    provider: z.string().optional(),
    model: z.string().optional(),
    secrets: z.array(z.string()).optional(),
  });

  const errorBodyInput = z.object({
    text: z.string({ error: 'expected the body text as a string' }),
    json: z.unknown(),
    contentType: z.string({ error: "expected the content type as a string ('' when absent)" }),
    status: z.number(),
    headers: z.record(z.string(), z.unknown()),
  });

  const retryAfterInput = z.object({ headers: responseHeaders, now: z.number().finite() });

  const redactInput = z.object({
    text: z.string({ error: 'expected the text to redact as a string' }),
    secrets: z.array(z.string(), { error: 'expected the secret values as an array of strings' }),
  });

  return { responseHeaders, status, statusErrorInput, errorBodyInput, retryAfterInput, redactInput };
}
