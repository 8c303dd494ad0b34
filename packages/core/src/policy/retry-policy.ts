import { clientSchemas } from '../spec/load-schemas.js';

/** How a call retries failed attempts. Every field has a default; see {@link DEFAULT_RETRY_POLICY}. */
export interface RetryPolicy {
  /** Further attempts after the first one, per candidate (0 disables retries). */
  maxRetries: number;
  /** The backoff ceiling of the first retry; each later retry multiplies it by `multiplier`. */
  baseDelayMs: number;
  multiplier: number;
  /** No computed backoff waits longer than this. */
  maxDelayMs: number;
  /**
   * The longest `Retry-After` the client will wait for. A server that asks for more gets no retry:
   * the error surfaces at once with its `retryAfterMs` (or the call fails over to another candidate).
   */
  maxRetryAfterMs: number;
}

/** 2 retries, 500 ms base, ×2, 8 s cap, `Retry-After` honoured up to 60 s. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 2,
  baseDelayMs: 500,
  multiplier: 2,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
});

/** Validates a partial {@link RetryPolicy} (client, provider or call level); built on first use. */
export const retryPolicySchema = () => clientSchemas().retryPolicy;

/** Layers partial policies over the defaults; later layers win, `undefined` fields are ignored. */
export function resolveRetryPolicy(...layers: Array<Partial<RetryPolicy> | undefined>): RetryPolicy {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of Object.keys(layer) as Array<keyof RetryPolicy>) {
      const value = layer[key];
      if (value !== undefined) policy[key] = value;
    }
  }
  return policy;
}
