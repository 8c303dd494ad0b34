import { notAnObject } from '../billing/schema-by-shape.js';
import { lazySchema } from '../spec/lazy-schema.js';

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
export const retryPolicySchema = lazySchema((z) => {
  const milliseconds = (what: string) =>
    z.number({ error: `${what} must be a number of milliseconds` }).int(`${what} must be whole milliseconds`).nonnegative(`${what} must be >= 0`);
  return z.strictObject(
    {
      maxRetries: z.number().int('maxRetries must be a whole number').min(0, 'maxRetries must be >= 0').max(20, 'maxRetries must be <= 20').optional(),
      baseDelayMs: milliseconds('baseDelayMs').optional(),
      multiplier: z.number().min(1, 'multiplier must be >= 1').max(10, 'multiplier must be <= 10').optional(),
      maxDelayMs: milliseconds('maxDelayMs').optional(),
      maxRetryAfterMs: milliseconds('maxRetryAfterMs').optional(),
    },
    { error: notAnObject('retry must be an object such as { maxRetries: 2, baseDelayMs: 500 }') },
  );
});

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
