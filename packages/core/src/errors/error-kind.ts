/**
 * Every way a Switchyard call can fail. The router decides what to do from the kind alone, so a
 * provider maps each failure it sees onto exactly one of these.
 */
export const ERROR_KINDS = [
  'invalid-request',
  'auth',
  'permission',
  'not-found',
  'model-not-found',
  'rate-limit',
  'quota',
  'overloaded',
  'server',
  'timeout',
  'network',
  'invalid-response',
  'stream-interrupted',
  'content-filter',
  'context-length',
  'budget-exceeded',
  'unsupported',
  'aborted',
  'all-providers-failed',
] as const;

/** A discriminant of {@link SwitchyardError}. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Which deadline fired, for `timeout` errors. */
export type TimeoutPhase = 'connect' | 'headers' | 'first-token' | 'idle' | 'total';

/**
 * For `network` errors: `pre-send` means the request provably never reached the server (refused,
 * DNS failure, TLS failure), so any call may be retried; `post-send` means it may have been processed.
 */
export type NetworkPhase = 'pre-send' | 'post-send';

/** Kinds that are worth another attempt (subject to the commit point and idempotency). */
export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'rate-limit',
  'overloaded',
  'server',
  'timeout',
  'network',
]);
