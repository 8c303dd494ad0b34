import type { RetryPolicy } from './retry-policy.js';

/**
 * The wait before retry number `retryNumber` (1 for the first retry): "full jitter", a uniform draw
 * in `[0, min(maxDelayMs, baseDelayMs × multiplier^(retryNumber-1))]`. Full jitter spreads clients
 * that failed together (a provider blip) so they do not come back in lockstep.
 *
 * @param random a source in `[0, 1)`; injectable so tests can pin the draw.
 */
export function backoffDelayMs(
  retryNumber: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'multiplier' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, retryNumber - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.multiplier ** exponent);
  return Math.floor(random() * ceiling);
}
