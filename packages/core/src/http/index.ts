// Public exports of core/http: explicit names only; the package index re-exports this list.
export { createTransport, DEFAULT_TRANSPORT_TIMEOUTS } from './create-transport.js';
export type { CreateTransportOptions } from './create-transport.js';
export { bindTransport } from './bind-transport.js';
export type { BoundTransportDefaults } from './bind-transport.js';
export { scopeCredential } from './scope-credential.js';
export type { ScopeCredentialOptions } from './scope-credential.js';
export { isLoopbackHost } from './is-loopback-host.js';
export { readSse } from './read-sse.js';
export { readNdjson } from './read-ndjson.js';

// Classification helpers from core/errors that belong to the transport's contract.
export { errorFromStatus, kindFromStatus } from '../errors/error-from-status.js';
export type { StatusErrorInput } from '../errors/error-from-status.js';
export { parseRetryAfter } from '../errors/parse-retry-after.js';
export type { ResponseHeaders } from '../errors/parse-retry-after.js';
export { requestIdFromHeaders } from '../errors/request-id.js';
export { defaultErrorBodyParser } from '../errors/default-error-body-parser.js';
export { redactSecrets, REDACTED } from '../errors/redact-secrets.js';
