import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../spec/provider.js';
import { parseClientOptionsFast } from './client-options-check.js';
import { clientOptionsSchema } from './client-options.js';
import { providerProblem } from './provider-problem.js';
import { wireProvider } from './openai-wire-provider.test-support.js';

const providerA: Provider = wireProvider({ id: 'a', baseUrl: 'http://127.0.0.1:9' });
const providerB: Provider = wireProvider({ id: 'b', baseUrl: 'http://127.0.0.1:9' });
const store = { get: async () => undefined, update: async () => undefined };
const dispatcher = { dispatch: () => true };
const onEvent = () => {};

// Values every field may take: the valid ones it usually takes, and edges either side of each bound.
const edge = fc.constantFrom<unknown>(undefined, null, '', 'x', 0, -1, 0.5, 1, 20, 21, 86_400_000, 86_400_001, Number.NaN, Infinity, true, false, [], {}, { a: 1 }, () => 1);
const mostly = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: valid, weight: 20 }, { arbitrary: edge, weight: 1 });
const number = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 10 }), weight: 10 }, { arbitrary: fc.integer({ min: -2, max: 100_000 }), weight: 3 }, { arbitrary: fc.constantFrom(0.5, 1.5, 10, 11, 20, 21, 86_400_000, 86_400_001, Number.NaN, Infinity), weight: 2 });
const fields = (names: readonly string[]) => fc.dictionary(fc.constantFrom(...names), mostly(number), { maxKeys: 3 });
const key = fc.oneof({ arbitrary: fc.constantFrom('a', 'b', 'a/x', 'b/y'), weight: 12 }, { arbitrary: fc.constantFrom('c', '', '__proto__'), weight: 1 });
const record = <T>(value: fc.Arbitrary<T>) => fc.dictionary(key, value, { maxKeys: 3 });

const options = fc.record(
  {
    providers: mostly(fc.constantFrom([providerA], [providerA, providerB], [providerB, providerA], [providerA, providerA], [], [() => providerA], [{ ...providerA, id: 'auto' }])),
    models: mostly(fc.dictionary(fc.constantFrom('small', 'large', ''), mostly(record(mostly(fc.constantFrom('m', 'llama3.2:3b', '')))), { maxKeys: 2 })),
    routing: mostly(
      fc.record(
        {
          strategy: mostly(fc.constantFrom('priority', 'latency', 'cost', 'round-robin', 'weighted', 'fastest')),
          weights: mostly(record(mostly(number))),
          random: mostly(fc.constant(() => 0.5)),
        },
        { requiredKeys: [] },
      ),
    ),
    timeouts: mostly(fields(['connectMs', 'headersMs', 'firstTokenMs', 'idleMs', 'totalMs', 'connectMs', 'totalMs', 'firstTokenMS'])),
    retry: mostly(fields(['maxRetries', 'baseDelayMs', 'multiplier', 'maxDelayMs', 'maxRetryAfterMs', 'retries'])),
    breaker: mostly(fc.oneof(fc.constant(false), fields(['failureThreshold', 'cooldownMs', 'maxCooldownMs']))),
    hedge: mostly(fc.oneof(fc.constant(false), fc.record({ delayMs: mostly(number) }))),
    store: mostly(fc.constant(store)),
    onEvent: mostly(fc.constant(onEvent)),
    dispatcher: mostly(fc.constant(dispatcher)),
  },
  { requiredKeys: ['providers'] },
);

describe('createClient options: the hand-written check gives exactly what the zod schema gives', () => {
  it('on thousands of configurations, accepts nothing the schema rejects and returns the same value', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: options, weight: 9 }, { arbitrary: fc.anything(), weight: 1 }), (value) => {
        const fast = parseClientOptionsFast(value, providerProblem);
        if (fast === undefined) return;
        accepted += 1;
        const parsed = clientOptionsSchema().safeParse(value);
        expect(parsed.success).toBe(true);
        // Same keys (an explicit undefined too), same values, and new containers like zod's.
        expect(fast).toStrictEqual(parsed.data);
        expect(fast).not.toBe(value);
      }),
      { numRuns: 4_000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('accepts the ordinary configurations, so they never load zod', () => {
    const ordinary: unknown[] = [
      { providers: [providerA] },
      { providers: [providerA, providerB], models: { small: { a: 'm-1', b: 'm-2' } }, routing: { strategy: 'latency' } },
      { providers: [providerA], retry: { maxRetries: 3, baseDelayMs: 250 }, timeouts: { firstTokenMs: 10_000, totalMs: 60_000 }, breaker: false },
      { providers: [providerA, providerB], routing: { strategy: 'weighted', weights: { a: 3, b: 1 } }, hedge: { delayMs: 500 }, onEvent, store, dispatcher },
    ];
    for (const value of ordinary) {
      const fast = parseClientOptionsFast(value, providerProblem);
      expect(fast).toStrictEqual(clientOptionsSchema().parse(value));
    }
  });

  it('copies as zod does: the client keeps its own containers, the caller keeps theirs', () => {
    const value = { providers: [providerA], models: { small: { a: 'm' } }, routing: { weights: { a: 1 } }, retry: { maxRetries: 1 } };
    const fast = parseClientOptionsFast(value, providerProblem)!;
    expect(fast.providers).not.toBe(value.providers);
    expect(fast.providers[0]).toBe(providerA);
    expect(fast.models).not.toBe(value.models);
    expect(fast.models?.small).not.toBe(value.models.small);
    expect(fast.routing?.weights).not.toBe(value.routing.weights);
    expect(fast.retry).not.toBe(value.retry);
  });

  it('leaves budgets, prices, quotas and per-provider timeouts to the schema', () => {
    expect(parseClientOptionsFast({ providers: [providerA], budget: { limitUsd: 5, window: 'day' } }, providerProblem)).toBeUndefined();
    expect(parseClientOptionsFast({ providers: [providerA], pricing: {} }, providerProblem)).toBeUndefined();
    expect(parseClientOptionsFast({ providers: [providerA], quotas: {} }, providerProblem)).toBeUndefined();
    expect(parseClientOptionsFast({ providers: [providerA], timeouts: { byProvider: {} } }, providerProblem)).toBeUndefined();
  });
});
