import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Pricing } from './cost.js';
import { Billing } from './billing.js';
import type { BilledCandidate, BillingAdmission, BillingTicket } from './client-billing.js';
import type { BudgetEvent } from './budget-guard.js';
import { estimateUsage } from './estimate-usage.js';

const START = Date.parse('2025-03-10T12:00:00Z');
const groqPrice: Pricing = { type: 'per-token', inputPerMillion: 1_000, outputPerMillion: 2_000 };

function candidate(key: string, pricing?: Pricing, model = 'llama'): BilledCandidate {
  const id = key.split('/')[0] as string;
  return { key, model, provider: { id, ...(pricing ? { pricing: () => pricing } : {}) } };
}

function ticketOf(admission: BillingAdmission): BillingTicket {
  if (!admission.admitted) throw new Error(`expected admission, got: ${admission.reason}`);
  return admission.ticket;
}

const chat = { task: 'chat' as const, estimate: { inputTokens: 100, outputTokens: 50 } };

describe('Billing: admit and finish', () => {
  it('prices a success from the provider price, meters it and settles the budget', async () => {
    const billing = new Billing({ budget: { limitUsd: 1, window: 'day' }, now: () => START });
    const ticket = ticketOf(await billing.admit(candidate('groq', groqPrice), chat));
    // 100 × 1,000 + 50 × 2,000 per million
    expect(ticket.estimatedCostUsd).toBeCloseTo(0.2, 12);
    expect((await billing.budgetStatus())[0]).toMatchObject({ inFlightUsd: expect.closeTo(0.2, 12), spentUsd: 0 });
    const cost = await billing.finish(ticket, { outcome: 'success', usage: { inputTokens: 120, outputTokens: 10 } });
    expect(cost.basis).toBe('per-token');
    expect(cost.amount).toBeCloseTo(0.14, 12);
    expect((await billing.budgetStatus())[0]).toMatchObject({ inFlightUsd: 0, spentUsd: expect.closeTo(0.14, 12) });
    expect(billing.usage().providers.groq?.models.llama).toMatchObject({ requests: 1, succeeded: 1, inputTokens: 120, outputTokens: 10, costUsd: expect.closeTo(0.14, 12) });
  });

  it('lets configured prices win and says a cost is unknown when nobody has a price', async () => {
    const billing = new Billing({ pricing: { groq: { llama: { type: 'per-request', perRequest: 0.5 } } } });
    const configured = ticketOf(await billing.admit(candidate('groq', groqPrice), chat));
    expect(await billing.finish(configured, { outcome: 'success', usage: {} })).toEqual({ amount: 0.5, currency: 'USD', basis: 'per-request' });
    const unpriced = ticketOf(await billing.admit(candidate('ollama'), chat));
    expect(unpriced.estimatedCostUsd).toBeUndefined();
    expect(await billing.finish(unpriced, { outcome: 'success', usage: { inputTokens: 1, outputTokens: 1 } })).toMatchObject({
      amount: undefined,
      basis: 'unknown',
      reason: expect.stringContaining('no price is known for model "llama" on provider "ollama"'),
    });
    expect(billing.usage().totals).toMatchObject({ requests: 2, costUsd: 0.5, unknownCostRequests: 1 });
  });

  it('uses a cost the provider reported', async () => {
    const billing = new Billing();
    const ticket = ticketOf(await billing.admit(candidate('hf/together', groqPrice), chat));
    expect(await billing.finish(ticket, { outcome: 'success', usage: {}, reportedCost: { amount: 0.0031, currency: 'USD' } })).toEqual({ amount: 0.0031, currency: 'USD', basis: 'reported' });
  });

  it('bills nothing for a request that never left, or an error status without usage, and frees its slot', async () => {
    const billing = new Billing({ budget: { limitUsd: 1, window: 'day' }, quotas: { groq: { requestsPerMinute: 1 } }, now: () => START });
    const refused = ticketOf(await billing.admit(candidate('groq', groqPrice), chat));
    const connectionRefused = new SwitchyardError('network', 'refused', { networkPhase: 'pre-send' });
    expect(await billing.finish(refused, { outcome: 'error', error: connectionRefused })).toEqual({
      amount: 0,
      currency: 'USD',
      basis: 'not-billed',
      reason: 'the request never reached the provider (network)',
    });
    // The slot and the reservation came back: the next call is admitted.
    const rejected = ticketOf(await billing.admit(candidate('groq', groqPrice), chat));
    const serverError = new SwitchyardError('server', 'boom', { status: 503 });
    expect(await billing.finish(rejected, { outcome: 'error', error: serverError })).toMatchObject({ amount: 0, basis: 'not-billed', reason: expect.stringContaining('status 503') });
    // A 503 was sent: it keeps its per-minute slot.
    expect(await billing.admit(candidate('groq', groqPrice), chat)).toMatchObject({ admitted: false, cause: 'quota' });
    expect((await billing.budgetStatus())[0]).toMatchObject({ spentUsd: 0, inFlightUsd: 0 });
    expect(billing.usage().totals).toMatchObject({ requests: 2, failed: 2, costUsd: 0, unknownCostRequests: 0 });
  });

  it('prices the partial usage of a failed stream, and calls an unexplained post-send failure unknown', async () => {
    const billing = new Billing({ budget: { limitUsd: 10, window: 'day' } });
    const interrupted = ticketOf(await billing.admit(candidate('groq', groqPrice), chat));
    const cut = new SwitchyardError('stream-interrupted', 'cut', { committed: true });
    expect(await billing.finish(interrupted, { outcome: 'error', error: cut, usage: { inputTokens: 100, outputTokens: 20 } })).toMatchObject({ amount: expect.closeTo(0.14, 12), basis: 'per-token' });
    const abandoned = ticketOf(await billing.admit(candidate('groq', groqPrice), chat));
    const cost = await billing.finish(abandoned, { outcome: 'aborted' });
    expect(cost).toMatchObject({ amount: undefined, basis: 'unknown', reason: expect.stringContaining('the attempt failed (aborted) after the request was sent') });
    // The budget counts the unknown attempt at its estimate.
    expect((await billing.budgetStatus())[0]).toMatchObject({ spentUsd: expect.closeTo(0.14 + 0.2, 12), unknownCostCalls: 1 });
  });

  it('returns the same cost for a second finish and meters once', async () => {
    const billing = new Billing();
    const ticket = ticketOf(await billing.admit(candidate('groq', groqPrice), chat));
    const first = await billing.finish(ticket, { outcome: 'success', usage: { inputTokens: 1, outputTokens: 1 } });
    expect(await billing.finish(ticket, { outcome: 'error' })).toBe(first);
    expect(billing.usage().totals.requests).toBe(1);
    await expect(billing.finish({ ...ticket }, { outcome: 'success' })).rejects.toMatchObject({ kind: 'invalid-request' });
  });
});

describe('Billing: refusals', () => {
  it('refuses over budget with budget-exceeded and gives the quota slot back', async () => {
    const events: BudgetEvent[] = [];
    const billing = new Billing({
      budget: { limitUsd: 0.24, window: 'hour', provider: 'groq' },
      quotas: { groq: { requestsPerMinute: 2 } },
      now: () => START,
      onEvent: (event) => events.push(event),
    });
    await billing.finish(ticketOf(await billing.admit(candidate('groq', groqPrice), chat)), { outcome: 'success', usage: { inputTokens: 100, outputTokens: 50 } });
    expect(events.map((event) => event.type)).toEqual(['budget-warning']);
    const refused = await billing.admit(candidate('groq', groqPrice), chat);
    expect(refused).toMatchObject({ admitted: false, cause: 'budget', error: { kind: 'budget-exceeded', provider: 'groq', model: 'llama' } });
    expect(!refused.admitted && refused.reason).toContain('the budget for provider "groq" of $0.2400 per hour (UTC) has $0.2000 spent');
    // The refused call took no quota slot: one of the two per-minute slots is still free.
    expect((await billing.admit(candidate('groq'), chat)).admitted).toBe(true);
  });

  it('answers waitMs for a pinned call whose slot frees within the deadline, and an error otherwise', async () => {
    let now = START;
    const billing = new Billing({ quotas: { groq: { requestsPerMinute: 1 } }, now: () => now });
    ticketOf(await billing.admit(candidate('groq'), chat));
    now += 15_000;
    expect(await billing.admit(candidate('groq'), chat, { wait: true, deadline: now + 50_000 })).toMatchObject({ admitted: false, cause: 'quota', waitMs: 45_000 });
    const late = await billing.admit(candidate('groq'), chat, { wait: true, deadline: now + 30_000 });
    expect(late).toMatchObject({ admitted: false, cause: 'quota', error: { kind: 'rate-limit', retryAfterMs: 45_000 } });
    expect('waitMs' in late).toBe(false);
    expect(!late.admitted && late.error.message).toContain("after this call's deadline");
    const auto = await billing.admit(candidate('groq'), chat);
    expect(auto).toMatchObject({ admitted: false, cause: 'quota', reason: 'provider "groq" is at its limit of 1 request per minute; the next slot frees in 45.0 s' });
    expect('waitMs' in auto).toBe(false);
  });
});

describe('Billing: subscriptions', () => {
  it('charges nothing within the included quota and overage beyond it, counting every route of the provider', async () => {
    const plan: Pricing = { type: 'subscription', monthlyFee: 9, includedRequests: 2, overage: { type: 'per-request', perRequest: 0.01 } };
    const billing = new Billing({ pricing: { hf: plan } });
    const costs = [];
    for (const key of ['hf/together', 'hf/novita', 'hf/together']) {
      const ticket = ticketOf(await billing.admit(candidate(key), chat));
      costs.push(await billing.finish(ticket, { outcome: 'success', usage: { inputTokens: 1, outputTokens: 1 } }));
    }
    expect(costs).toEqual([
      { amount: 0, currency: 'USD', basis: 'subscription' },
      { amount: 0, currency: 'USD', basis: 'subscription' },
      { amount: 0.01, currency: 'USD', basis: 'per-request' },
    ]);
    // Ranking by cost sees the included quota used up.
    expect(billing.estimateCost(candidate('hf/novita'), chat)).toBe(0.01);
  });
});

describe('Billing: estimates for the cost strategy', () => {
  it('estimates from estimateUsage and the resolved price; unknown without a price', () => {
    const billing = new Billing({ pricing: { cheap: { type: 'per-token', inputPerMillion: 1, outputPerMillion: 1 } } });
    const call = { task: 'chat' as const, estimate: estimateUsage('chat', { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(400) }], maxTokens: 100 }) };
    expect(billing.estimateCost(candidate('cheap'), call)).toBeCloseTo((100 + 4 + 100) / 1e6, 12);
    expect(billing.estimateCost(candidate('other'), call)).toBeUndefined();
  });

  it('rejects malformed calls with messages naming the field', async () => {
    const billing = new Billing();
    await expect(billing.admit(candidate('p'), { task: 'speech' as never, estimate: {} })).rejects.toThrow(/Invalid billed call: task: task must be one of "chat"/);
    await expect(billing.admit({ key: '', model: 'm', provider: { id: 'p' } }, chat)).rejects.toThrow(/Invalid billing candidate: key/);
    expect(() => new Billing({ pricing: { p: { type: 'free' } as never } })).toThrow(/Invalid pricing option: p.type/);
  });
});
