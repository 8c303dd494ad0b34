import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { Billing } from './billing.js';
import type { AttemptSettlement, BilledCandidate, BillingAdmission, BillingTicket } from './client-billing.js';
import { Meter } from './meter.js';
import { UnpricedBilling } from './unpriced-billing.js';

const START = Date.parse('2025-03-10T12:00:00Z');
const candidate: BilledCandidate = { key: 'local', model: 'llama', provider: { id: 'local' } };
const chat = { task: 'chat' as const, estimate: { inputTokens: 100, outputTokens: 50 } };

function ticketOf(admission: BillingAdmission): BillingTicket {
  if (!admission.admitted) throw new Error(`expected admission, got: ${admission.reason}`);
  return admission.ticket;
}

// Every way an attempt ends that the client settles: what UnpricedBilling answers must be what
// Billing answers when nothing has a price, since the client picks one or the other by its options.
const SETTLEMENTS: Record<string, AttemptSettlement> = {
  'a success with usage': { outcome: 'success', usage: { inputTokens: 12, outputTokens: 40 } },
  'a success with a reported cost': { outcome: 'success', usage: { inputTokens: 12 }, reportedCost: { amount: 0.25, currency: 'USD' } },
  'a refused connection': { outcome: 'error', error: new SwitchyardError('network', 'refused', { networkPhase: 'pre-send', retryable: true }) },
  'an error status': { outcome: 'error', error: new SwitchyardError('server', 'boom', { status: 500, retryable: true }) },
  'a timeout after sending': { outcome: 'error', error: new SwitchyardError('timeout', 'slow', { timeoutPhase: 'total', retryable: true }) },
  'a cut stream with usage': { outcome: 'error', usage: { inputTokens: 3, outputTokens: 7 }, error: new SwitchyardError('network', 'cut', { retryable: true }) },
  'an abandoned hedge': { outcome: 'aborted' },
};

describe('UnpricedBilling', () => {
  for (const [name, settlement] of Object.entries(SETTLEMENTS)) {
    it(`prices and meters ${name} as Billing does without a price`, async () => {
      const billing = new Billing({ now: () => START });
      const meter = new Meter(() => START);
      const unpriced = new UnpricedBilling(meter);
      const expected = billing.finishNow(ticketOf(billing.admitNow(candidate, chat)), settlement);
      expect(unpriced.finishNow(ticketOf(unpriced.admitNow(candidate, chat)), settlement)).toEqual(expected);
      expect(meter.snapshot()).toEqual(billing.usage());
      // The promise-returning twins answer the same.
      const throughPromises = new UnpricedBilling(new Meter(() => START));
      expect(await throughPromises.finish(ticketOf(await throughPromises.admit(candidate, chat)), settlement)).toEqual(expected);
    });
  }

  it('admits every candidate with no price and no estimate, at once', () => {
    const unpriced = new UnpricedBilling(new Meter());
    expect(unpriced.answersNow).toBe(true);
    expect(unpriced.estimateCost()).toBeUndefined();
    expect(ticketOf(unpriced.admitNow(candidate, chat))).toEqual({ candidateKey: 'local', model: 'llama', task: 'chat', pricing: undefined, estimatedCostUsd: undefined });
  });

  it('refuses a malformed reported cost with the same error as Billing, metering nothing', () => {
    const billing = new Billing();
    const meter = new Meter();
    const unpriced = new UnpricedBilling(meter);
    const settlement = { outcome: 'success', reportedCost: { amount: -1, currency: 'USD' } } as AttemptSettlement;
    const expected = (() => {
      try {
        billing.finishNow(ticketOf(billing.admitNow(candidate, chat)), settlement);
      } catch (error) {
        return error as SwitchyardError;
      }
      throw new Error('Billing accepted a negative reported cost');
    })();
    expect(expected.kind).toBe('invalid-request');
    expect(() => unpriced.finishNow(ticketOf(unpriced.admitNow(candidate, chat)), settlement)).toThrow(expected.message);
    expect(meter.snapshot().totals.requests).toBe(0);
  });
});
