import { SwitchyardError } from '@switchyard/core';
import type { ErrorBodyParser, ErrorKind } from '@switchyard/core';
import { acmeFailureSchema } from './acme-schemas.js';

// Acme's error codes that say more than the HTTP status does. The status alone already gives
// 401 → auth, 404 → not-found, 429 → rate-limit, 5xx → server; these refine it.
const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  bad_key: 'auth',
  no_such_model: 'model-not-found',
  slow_down: 'rate-limit',
  over_quota: 'quota',
  busy: 'overloaded',
  context_too_long: 'context-length',
  filtered: 'content-filter',
  bad_request: 'invalid-request',
};

/** The kind an Acme error code implies, when it implies one. */
export function kindOfAcmeCode(code: string | undefined): ErrorKind | undefined {
  return code === undefined ? undefined : KIND_BY_CODE[code];
}

/**
 * Reads Acme's error body, `{"failure": {"code": "no_such_model", "message": "…"}}`, for the core
 * transport, which turns it into a `SwitchyardError` with the status, `Retry-After` and request id.
 * Bodies of any other shape (a proxy's HTML page) fall back to the transport's own reading.
 */
export const parseAcmeErrorBody: ErrorBodyParser = ({ json }) => {
  const failure = acmeFailureSchema.safeParse((json as { failure?: unknown } | undefined)?.failure);
  if (!failure.success || (failure.data.code === undefined && failure.data.message === undefined)) return undefined;
  const { code, message } = failure.data;
  const kind = kindOfAcmeCode(code);
  return { ...(message ? { message } : {}), ...(code ? { code } : {}), ...(kind ? { kind } : {}) };
};

/** A `failure` event inside a 200 stream, as a typed error (retryable when its kind is). */
export function streamFailureError(data: unknown, context: { provider: string; model: string }): SwitchyardError {
  const failure = acmeFailureSchema.safeParse(data);
  const code = failure.success ? failure.data.code : undefined;
  const message = failure.success && failure.data.message ? failure.data.message : 'no message';
  return new SwitchyardError(kindOfAcmeCode(code) ?? 'server', `Acme Inference failed during the stream: ${message}${code ? ` (${code})` : ''}.`, {
    ...context,
    ...(code ? { code } : {}),
  });
}
