import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../errors/switchyard-error.js';
import type { Pricing } from './cost.js';
import { callTokenCount } from './compute-cost.js';
import { priceCall } from './price-call.js';

const perToken: Pricing = { type: 'per-token', inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3 };

describe('priceCall: per-token', () => {
  it('prices input and output per million tokens', () => {
    const cost = priceCall({ type: 'per-token', inputPerMillion: 0.15, outputPerMillion: 0.6 }, { inputTokens: 1000, outputTokens: 500 }, { task: 'chat' });
    expect(cost.basis).toBe('per-token');
    expect(cost.amount).toBeCloseTo(0.00045, 12);
  });

  it('prices cached input tokens at the cached price, the rest at the input price', () => {
    const cost = priceCall(perToken, { inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 100 }, { task: 'chat' });
    // 2,000 × 3 + 8,000 × 0.3 + 100 × 15, per million
    expect(cost.amount).toBeCloseTo((2_000 * 3 + 8_000 * 0.3 + 100 * 15) / 1e6, 12);
  });

  it('prices cached tokens at the input price when there is no cached price', () => {
    const cost = priceCall({ type: 'per-token', inputPerMillion: 2, outputPerMillion: 4 }, { inputTokens: 1_000, cachedInputTokens: 600, outputTokens: 0 }, { task: 'chat' });
    expect(cost.amount).toBeCloseTo(0.002, 12);
  });

  it('derives a missing count from totalTokens', () => {
    const cost = priceCall(perToken, { inputTokens: 100, totalTokens: 150 }, { task: 'chat' });
    expect(cost.amount).toBeCloseTo((100 * 3 + 50 * 15) / 1e6, 12);
  });

  it('needs no output tokens for embeddings', () => {
    const cost = priceCall({ type: 'per-token', inputPerMillion: 0.02, outputPerMillion: 0 }, { inputTokens: 5_000_000 }, { task: 'embed' });
    expect(cost).toEqual({ amount: 0.1, currency: 'USD', basis: 'per-token' });
  });

  it('is an explicit unknown, never zero, when the provider reported no tokens', () => {
    const cost = priceCall(perToken, {}, { task: 'chat' });
    expect(cost.amount).toBeUndefined();
    expect(cost.basis).toBe('unknown');
    expect(cost.basis === 'unknown' && cost.reason).toMatch(/no token counts/);
    expect(priceCall(perToken, { inputTokens: 10 }, { task: 'chat' }).basis).toBe('unknown');
  });
});

describe('priceCall: per-request and compute-time', () => {
  it('charges a flat price per request whatever the usage', () => {
    expect(priceCall({ type: 'per-request', perRequest: 0.004 }, {}, { task: 'text-to-image' })).toEqual({ amount: 0.004, currency: 'USD', basis: 'per-request' });
  });

  it('charges compute seconds at the per-second price', () => {
    const cost = priceCall({ type: 'compute-time', perSecond: 0.0012 }, { computeSeconds: 2.5 }, { task: 'text-to-image' });
    expect(cost.basis).toBe('compute-time');
    expect(cost.amount).toBeCloseTo(0.003, 12);
  });

  it('is unknown when the provider reported no compute time', () => {
    const cost = priceCall({ type: 'compute-time', perSecond: 0.0012 }, { inputTokens: 5, outputTokens: 5 }, { task: 'chat' });
    expect(cost).toMatchObject({ amount: undefined, basis: 'unknown', reason: expect.stringMatching(/no compute time/) });
  });
});

describe('priceCall: subscription', () => {
  const plan: Pricing = {
    type: 'subscription',
    monthlyFee: 9,
    includedRequests: 100,
    includedTokens: 1_000,
    overage: { type: 'per-token', inputPerMillion: 10, outputPerMillion: 30 },
  };

  it('costs nothing while the call fits in the included quota', () => {
    const cost = priceCall(plan, { inputTokens: 100, outputTokens: 100 }, { task: 'chat', subscriptionState: { requestsUsed: 10, tokensUsed: 500 } });
    expect(cost).toEqual({ amount: 0, currency: 'USD', basis: 'subscription' });
  });

  it('charges the overage once the included requests are used up', () => {
    const cost = priceCall(plan, { inputTokens: 100, outputTokens: 100 }, { task: 'chat', subscriptionState: { requestsUsed: 100, tokensUsed: 0 } });
    expect(cost.basis).toBe('per-token');
    expect(cost.amount).toBeCloseTo((100 * 10 + 100 * 30) / 1e6, 12);
  });

  it('charges the overage once the included tokens are used up', () => {
    const cost = priceCall(plan, { inputTokens: 100, outputTokens: 100 }, { task: 'chat', subscriptionState: { requestsUsed: 1, tokensUsed: 1_000 } });
    expect(cost.amount).toBeCloseTo((100 * 10 + 100 * 30) / 1e6, 12);
  });

  it('charges overage only for the tokens beyond the included quota', () => {
    // 50 tokens left, the call uses 200: three quarters of it is overage.
    const cost = priceCall(plan, { inputTokens: 100, outputTokens: 100 }, { task: 'chat', subscriptionState: { requestsUsed: 1, tokensUsed: 950 } });
    expect(cost.basis).toBe('per-token');
    expect(cost.amount).toBeCloseTo(((100 * 10 + 100 * 30) / 1e6) * 0.75, 12);
  });

  it('charges a per-request overage whole when a call crosses the token line', () => {
    const requestPlan: Pricing = { type: 'subscription', monthlyFee: 20, includedTokens: 1_000, overage: { type: 'per-request', perRequest: 0.01 } };
    const cost = priceCall(requestPlan, { inputTokens: 100, outputTokens: 100 }, { task: 'chat', subscriptionState: { requestsUsed: 0, tokensUsed: 950 } });
    expect(cost).toEqual({ amount: 0.01, currency: 'USD', basis: 'per-request' });
  });

  it('includes everything when the plan has no included limits', () => {
    const unlimited: Pricing = { type: 'subscription', monthlyFee: 20, overage: { type: 'per-request', perRequest: 1 } };
    expect(priceCall(unlimited, {}, { task: 'chat' })).toEqual({ amount: 0, currency: 'USD', basis: 'subscription' });
  });

  it('is unknown without the usage so far, or without the call\'s token count', () => {
    expect(priceCall(plan, { inputTokens: 1, outputTokens: 1 }, { task: 'chat' })).toMatchObject({ basis: 'unknown', reason: expect.stringMatching(/subscriptionState/) });
    expect(priceCall(plan, {}, { task: 'chat', subscriptionState: { requestsUsed: 0, tokensUsed: 0 } })).toMatchObject({
      basis: 'unknown',
      reason: expect.stringMatching(/included tokens/),
    });
  });

  it('needs no token count when only requests are included', () => {
    const requestsOnly: Pricing = { type: 'subscription', monthlyFee: 5, includedRequests: 2, overage: { type: 'per-request', perRequest: 0.5 } };
    expect(priceCall(requestsOnly, {}, { task: 'chat', subscriptionState: { requestsUsed: 1, tokensUsed: 0 } }).amount).toBe(0);
    expect(priceCall(requestsOnly, {}, { task: 'chat', subscriptionState: { requestsUsed: 2, tokensUsed: 0 } }).amount).toBe(0.5);
  });
});

describe('priceCall: reported cost and missing price', () => {
  it('uses the provider-reported cost over any configured price', () => {
    expect(priceCall(perToken, { inputTokens: 1, outputTokens: 1 }, { task: 'chat', reportedCost: { amount: 0.0123, currency: 'USD' } })).toEqual({
      amount: 0.0123,
      currency: 'USD',
      basis: 'reported',
    });
    expect(priceCall(undefined, {}, { task: 'chat', reportedCost: { amount: 0, currency: 'USD' } }).basis).toBe('reported');
  });

  it('is unknown with a reason saying what to configure when there is no price', () => {
    const cost = priceCall(undefined, { inputTokens: 1, outputTokens: 1 }, { task: 'chat', provider: 'groq', model: 'llama-3.1-8b-instant' });
    expect(cost.amount).toBeUndefined();
    expect(cost.basis === 'unknown' && cost.reason).toContain('pricing: { "groq": { "llama-3.1-8b-instant"');
  });
});

describe('priceCall: input validation', () => {
  it('rejects a malformed price with a message naming the field', () => {
    const bad = { type: 'per-token', inputPerMillion: -1, outputPerMillion: 1 } as Pricing;
    let caught: unknown;
    try {
      priceCall(bad, {}, { task: 'chat' });
    } catch (error) {
      caught = error;
    }
    expect(isSwitchyardError(caught) && caught.kind).toBe('invalid-request');
    expect((caught as Error).message).toBe('Invalid pricing: inputPerMillion: inputPerMillion must be >= 0.');
  });

  it('rejects an unknown task and negative usage', () => {
    expect(() => priceCall(perToken, {}, { task: 'speech' as never })).toThrow(/task must be one of "chat"/);
    expect(() => priceCall(perToken, { inputTokens: -3 }, { task: 'chat' })).toThrow(/Invalid usage: inputTokens/);
  });
});

describe('callTokenCount', () => {
  it('adds input and output, or reads the total', () => {
    expect(callTokenCount({ inputTokens: 3, outputTokens: 4 }, 'chat')).toBe(7);
    expect(callTokenCount({ totalTokens: 9, inputTokens: 2 }, 'chat')).toBe(9);
    expect(callTokenCount({ outputTokens: 4 }, 'chat')).toBeUndefined();
  });
});
