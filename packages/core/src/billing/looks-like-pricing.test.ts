import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikePricing } from './looks-like-pricing.js';
import { pricingSchema } from './pricing-schema.js';

const amount = fc.oneof({ arbitrary: fc.double({ min: 0, max: 100, noNaN: true }), weight: 8 }, { arbitrary: fc.constantFrom(-1, -0, Number.NaN, Infinity, '1', undefined, null), weight: 1 });
const field = fc.constantFrom('inputPerMillion', 'outputPerMillion', 'cachedInputPerMillion', 'perRequest', 'perSecond', 'monthlyFee', 'extra');
const pricing = fc.record({ type: fc.constantFrom('per-token', 'per-request', 'compute-time', 'subscription', 'free', 1) }).chain((base) =>
  fc.dictionary(field, amount, { maxKeys: 4 }).map((fields) => ({ ...fields, ...base })),
);

describe('looksLikePricing', () => {
  it('accepts nothing pricingSchema rejects, and the common prices', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: pricing, weight: 9 }, { arbitrary: fc.anything(), weight: 1 }), (value) => {
        if (!looksLikePricing(value)) return;
        accepted += 1;
        expect(pricingSchema.safeParse(value).success).toBe(true);
      }),
      { numRuns: 4_000 },
    );
    expect(accepted).toBeGreaterThan(20);
    for (const price of [
      { type: 'per-token', inputPerMillion: 0.15, outputPerMillion: 0.6 },
      { type: 'per-token', inputPerMillion: 1, outputPerMillion: 2, cachedInputPerMillion: 0.5 },
      { type: 'per-request', perRequest: 0.002 },
      { type: 'compute-time', perSecond: 0.0001 },
    ]) {
      expect(looksLikePricing(price)).toBe(true);
    }
  });
});
