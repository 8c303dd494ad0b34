import type { SwitchyardError } from '../errors/switchyard-error.js';
import { backoffDelayMs } from './backoff.js';
import type { RetryPolicy } from './retry-policy.js';

/** Whether, and after how long, a failed attempt is tried again on the same candidate. */
export type RetryDecision =
  | {
      retry: true;
      delayMs: number;
      /** True when the wait is the server's `Retry-After`, false for computed backoff. */
      fromRetryAfter: boolean;
    }
  | { retry: false; reason: string };

/** What {@link decideRetry} needs to know about the call besides the error. */
export interface RetryState {
  /** The retry this would be: 1 for the first retry of the candidate. */
  retryNumber: number;
  policy: RetryPolicy;
  /** The caller said sending the request twice is harmless. */
  idempotent: boolean;
  /** Content already reached the caller (a stream past its commit point). */
  committed: boolean;
  /** Source in `[0, 1)` for the jitter. */
  random?: () => number;
}

/**
 * True when the failed request may already have been processed by the server and repeating it is
 * not known to be safe: a network failure after the request was sent, or a 502/504 (a gateway gave
 * up waiting, the upstream may still be generating — and billing — the answer).
 */
export function mayHaveBeenProcessed(error: SwitchyardError): boolean {
  if (error.kind === 'network') return error.networkPhase !== 'pre-send';
  return error.kind === 'server' && (error.status === 502 || error.status === 504);
}

/**
 * Decides whether to retry an attempt that failed with `error`: only retryable kinds, never past
 * the commit point, never a request that may have been processed unless the call is idempotent,
 * never more than `maxRetries` times, and never when the server asks to wait longer than
 * `maxRetryAfterMs`. The wait is the server's `Retry-After` when it sent one, else full-jitter backoff.
 */
export function decideRetry(error: SwitchyardError, state: RetryState): RetryDecision {
  if (state.committed || error.committed) return { retry: false, reason: 'content already reached the caller' };
  if (!error.retryable) return { retry: false, reason: `${error.kind} errors are not retried` };
  if (!state.idempotent && mayHaveBeenProcessed(error)) {
    return { retry: false, reason: 'the request may already have been processed; mark the call idempotent to retry it' };
  }
  if (state.retryNumber > state.policy.maxRetries) {
    return { retry: false, reason: `retries exhausted (maxRetries ${state.policy.maxRetries})` };
  }
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > state.policy.maxRetryAfterMs) {
      return {
        retry: false,
        reason: `the server asked to wait ${error.retryAfterMs} ms, more than retry.maxRetryAfterMs (${state.policy.maxRetryAfterMs} ms)`,
      };
    }
    return { retry: true, delayMs: Math.max(0, error.retryAfterMs), fromRetryAfter: true };
  }
  return { retry: true, delayMs: backoffDelayMs(state.retryNumber, state.policy, state.random), fromRetryAfter: false };
}
