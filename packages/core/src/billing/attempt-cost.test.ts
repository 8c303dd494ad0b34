import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { attemptCost } from './attempt-cost.js';
import type { Pricing } from './cost.js';

const perToken: Pricing = { type: 'per-token', inputPerMillion: 1, outputPerMillion: 2 };
const perRequest: Pricing = { type: 'per-request', perRequest: 0.01 };
const context = { task: 'chat' as const, provider: 'groq', model: 'llama' };

describe('attemptCost', () => {
  it('prices a success by its usage', () => {
    expect(attemptCost(perToken, { usage: { inputTokens: 1_000_000, outputTokens: 0 } }, undefined, context)).toEqual({ amount: 1, currency: 'USD', basis: 'per-token' });
  });

  it('bills nothing for a request that never left: refused connection or connect timeout', () => {
    const refused = new SwitchyardError('network', 'refused', { networkPhase: 'pre-send' });
    const connect = new SwitchyardError('timeout', 'connect', { timeoutPhase: 'connect' });
    expect(attemptCost(perRequest, {}, refused, context)).toEqual({ amount: 0, currency: 'USD', basis: 'not-billed', reason: 'the request never reached the provider (network)' });
    expect(attemptCost(perRequest, {}, connect, context)).toMatchObject({ basis: 'not-billed', reason: 'the request never reached the provider (timeout in phase connect)' });
  });

  it('bills nothing for an error status without usage', () => {
    const limited = new SwitchyardError('rate-limit', '429', { status: 429 });
    expect(attemptCost(perRequest, {}, limited, context)).toMatchObject({ amount: 0, basis: 'not-billed', reason: expect.stringContaining('status 429') });
  });

  it('prices a failure that reported usage or a cost', () => {
    const cut = new SwitchyardError('stream-interrupted', 'cut', { committed: true });
    expect(attemptCost(perToken, { usage: { inputTokens: 500_000, outputTokens: 250_000 } }, cut, context)).toEqual({ amount: 1, currency: 'USD', basis: 'per-token' });
    expect(attemptCost(perToken, { reportedCost: { amount: 0.5, currency: 'USD' } }, cut, context)).toEqual({ amount: 0.5, currency: 'USD', basis: 'reported' });
  });

  it('is unknown, never zero, for a post-send failure without usage, even on a per-request price', () => {
    const headers = new SwitchyardError('timeout', 'headers', { timeoutPhase: 'headers' });
    expect(attemptCost(perRequest, {}, headers, context)).toEqual({
      amount: undefined,
      currency: 'USD',
      basis: 'unknown',
      reason: 'the attempt failed (timeout) after the request was sent and the provider reported no usage; it may still bill the work it did',
    });
  });

  it('prices a subscription with the usage so far', () => {
    const plan: Pricing = { type: 'subscription', monthlyFee: 1, includedRequests: 1, overage: perRequest };
    expect(attemptCost(plan, { usage: {} }, undefined, { ...context, subscriptionState: { requestsUsed: 0, tokensUsed: 0 } })).toMatchObject({ amount: 0, basis: 'subscription' });
    expect(attemptCost(plan, { usage: {} }, undefined, { ...context, subscriptionState: { requestsUsed: 1, tokensUsed: 0 } })).toMatchObject({ amount: 0.01, basis: 'per-request' });
  });
});
