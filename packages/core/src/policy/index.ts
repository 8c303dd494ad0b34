// Public exports of core/policy: explicit names only; the package index re-exports this list.
export { DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './retry-policy.js';
export type { RetryPolicy } from './retry-policy.js';
export { backoffDelayMs } from './backoff.js';
export { abortableSleep } from './abortable-sleep.js';
export { decideRetry, mayHaveBeenProcessed } from './retry-decision.js';
export type { RetryDecision, RetryState } from './retry-decision.js';
export { DEFAULT_TIMEOUTS, resolveTimeouts } from './timeout-policy.js';
export type { Operation, TimeoutOptions, TimeoutOverrides } from './timeout-policy.js';
export { createMemoryStateStore } from './state-store.js';
export type { StateStore } from './state-store.js';
export { CircuitBreaker, DEFAULT_BREAKER_OPTIONS } from './circuit-breaker.js';
export type { BreakerOptions, BreakerPermit, BreakerRecord, BreakerTransition } from './circuit-breaker.js';
