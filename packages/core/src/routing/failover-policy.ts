import type { ErrorKind } from '../errors/error-kind.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import { mayHaveBeenProcessed } from '../policy/retry-decision.js';

// Failures that belong to the provider that produced them: another provider may well succeed.
const FAILOVER_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'network',
  'timeout',
  'rate-limit',
  'quota',
  'overloaded',
  'server',
  'model-not-found',
  'not-found',
  'auth',
  'permission',
  'invalid-response',
  'unsupported',
]);

/**
 * Whether a failed attempt may move on to the next candidate. Failures of that provider fail over
 * (network before send, timeouts before commit, rate limits, overload, server errors, a model or
 * credential it lacks, a garbled answer); failures of the request itself (`invalid-request`,
 * `context-length`, `content-filter`), the caller's abort and budgets stop at once. A request that
 * may already have been processed (network after send, 502/504) fails over only when the call is
 * idempotent: sending it elsewhere could do — and bill — the work twice.
 */
export function canFailover(error: SwitchyardError, idempotent: boolean): boolean {
  if (error.committed) return false;
  if (!FAILOVER_KINDS.has(error.kind)) return false;
  return idempotent || !mayHaveBeenProcessed(error);
}
