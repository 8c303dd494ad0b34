import { describe, expect, it } from 'vitest';
import type { Cost } from './cost.js';
import { Meter } from './meter.js';

const perToken = (amount: number): Cost => ({ amount, currency: 'USD', basis: 'per-token' });
const unknownCost: Cost = { amount: undefined, currency: 'USD', basis: 'unknown', reason: 'no price' };

describe('Meter', () => {
  it('sums requests, tokens, seconds and cost per provider, per model and in total', () => {
    const meter = new Meter(() => 1_000);
    meter.record({ provider: 'groq', model: 'llama', outcome: 'success', usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 4 }, cost: perToken(0.25) });
    meter.record({ provider: 'groq', model: 'llama', outcome: 'success', usage: { inputTokens: 1, outputTokens: 2, reasoningTokens: 1 }, cost: perToken(0.5) });
    meter.record({ provider: 'groq', model: 'qwen', outcome: 'error', cost: { amount: 0, currency: 'USD', basis: 'not-billed', reason: 'refused' } });
    meter.record({ provider: 'ollama', model: 'llama3.2:3b', outcome: 'aborted', usage: { computeSeconds: 1.5, outputTokens: 3 }, cost: unknownCost });

    const snapshot = meter.snapshot();
    expect(snapshot.since).toBe(1_000);
    expect(snapshot.totals).toEqual({
      requests: 4,
      succeeded: 2,
      failed: 2,
      inputTokens: 11,
      outputTokens: 10,
      cachedInputTokens: 4,
      reasoningTokens: 1,
      computeSeconds: 1.5,
      costUsd: 0.75,
      unknownCostRequests: 1,
    });
    expect(snapshot.providers.groq?.totals).toMatchObject({ requests: 3, succeeded: 2, failed: 1, costUsd: 0.75, unknownCostRequests: 0 });
    expect(snapshot.providers.groq?.models.llama).toMatchObject({ requests: 2, inputTokens: 11, outputTokens: 7 });
    expect(snapshot.providers.groq?.models.qwen).toMatchObject({ requests: 1, failed: 1, costUsd: 0 });
    expect(snapshot.providers.ollama?.models['llama3.2:3b']).toMatchObject({ computeSeconds: 1.5, unknownCostRequests: 1, costUsd: 0 });
  });

  it('returns plain data that later records do not change', () => {
    const meter = new Meter();
    meter.record({ provider: 'p', model: 'm', outcome: 'success', cost: perToken(1) });
    const first = meter.snapshot();
    meter.record({ provider: 'p', model: 'm', outcome: 'success', cost: perToken(1) });
    expect(first.totals.requests).toBe(1);
    expect(first.providers.p?.models.m?.requests).toBe(1);
    expect(JSON.parse(JSON.stringify(meter.snapshot()))).toEqual(meter.snapshot());
  });

  it('keeps model ids such as "__proto__" as plain keys', () => {
    const meter = new Meter();
    meter.record({ provider: '__proto__', model: '__proto__', outcome: 'success', cost: perToken(1) });
    const snapshot = meter.snapshot();
    expect(Object.keys(snapshot.providers)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(snapshot.providers, '__proto__')?.value.models).toHaveProperty(['__proto__']);
    expect(({} as Record<string, unknown>).requests).toBeUndefined();
  });

  it('ignores counts that are not finite and positive', () => {
    const meter = new Meter();
    meter.record({ provider: 'p', model: 'm', outcome: 'success', usage: { inputTokens: Number.NaN, outputTokens: -4, computeSeconds: Infinity }, cost: perToken(0) });
    expect(meter.snapshot().totals).toMatchObject({ inputTokens: 0, outputTokens: 0, computeSeconds: 0 });
  });

  it('starts from zero after reset', () => {
    let now = 5;
    const meter = new Meter(() => now);
    meter.record({ provider: 'p', model: 'm', outcome: 'success', cost: perToken(1) });
    now = 9;
    meter.reset();
    expect(meter.snapshot()).toEqual({ since: 9, totals: expect.objectContaining({ requests: 0, costUsd: 0 }), providers: {} });
  });

  it('rejects a malformed record with a message naming the field', () => {
    const meter = new Meter();
    expect(() => meter.record({ provider: '', model: 'm', outcome: 'success', cost: perToken(1) })).toThrow(
      'Invalid metered attempt: provider: provider must be a non-empty candidate key.',
    );
    expect(() => meter.record({ provider: 'p', model: 'm', outcome: 'skipped' as never, cost: perToken(1) })).toThrow(/outcome must be/);
  });
});
