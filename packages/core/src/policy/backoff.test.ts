import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';
import { DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './retry-policy.js';

describe('backoffDelayMs', () => {
  it('grows ×2 from 500 ms and is capped at 8 s (upper edge of the jitter)', () => {
    const justBelowOne = () => 0.999_999;
    const ceilings = [1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelayMs(retry, DEFAULT_RETRY_POLICY, justBelowOne));
    expect(ceilings).toEqual([499, 999, 1999, 3999, 7999, 7999, 7999]);
  });

  it('draws the full jitter range from 0', () => {
    expect(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
    expect(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(1000);
  });

  it('spreads real random draws over the range', () => {
    const draws = Array.from({ length: 2000 }, () => backoffDelayMs(2, DEFAULT_RETRY_POLICY));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1000);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(mean).toBeGreaterThan(400);
    expect(mean).toBeLessThan(600);
  });

  it('honours a custom policy', () => {
    const policy = resolveRetryPolicy({ baseDelayMs: 100, multiplier: 3, maxDelayMs: 500 });
    expect([1, 2, 3].map((retry) => backoffDelayMs(retry, policy, () => 0.999_999))).toEqual([99, 299, 499]);
  });
});

describe('resolveRetryPolicy', () => {
  it('layers partial policies over the defaults, ignoring undefined fields', () => {
    const policy = resolveRetryPolicy({ maxRetries: 5 }, undefined, { maxRetries: undefined, baseDelayMs: 10 });
    expect(policy).toEqual({ ...DEFAULT_RETRY_POLICY, maxRetries: 5, baseDelayMs: 10 });
  });
});
