import { fault, reply } from '@switchyard/testkit';
import type { RouteHandler } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { useLoopback } from './loopback-harness.test-support.js';
import type { ClientOptions } from './client-options.js';
import { ask, chunks, completion } from './openai-wire-provider.test-support.js';
import type { StateStore } from '../policy/state-store.js';

const loopback = useLoopback();

async function setup(handlers: RouteHandler[], options: Partial<ClientOptions> = {}) {
  const servers = await loopback.serve(...handlers);
  return { ...loopback.client(options), servers };
}

describe('budgets and quotas in the client', () => {
  it('concurrent callers never commit more than the budget: the rest stop before sending, told which budget and how to raise it', async () => {
    const { client, events, servers: [server] } = await setup([fault.slowHeaders(50, reply.json(completion('paid')))], {
      pricing: { p0: { type: 'per-request', perRequest: 1 } },
      budget: { limitUsd: 5, window: 'total' },
    });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.chat(ask())));
    const succeeded = results.filter((result) => result.status === 'fulfilled');
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected').map((result) => result.reason as Record<string, unknown>);
    expect(succeeded).toHaveLength(5);
    expect(server?.requests).toHaveLength(5);
    expect(client.usage().totals.costUsd).toBe(5);
    expect(refused).toHaveLength(15);
    for (const error of refused) {
      expect(error).toMatchObject({ kind: 'budget-exceeded', message: expect.stringContaining('raise limitUsd') });
    }
    expect(events.some((event) => event.type === 'budget-warning' || event.type === 'budget-exhausted')).toBe(true);
  });

  it('auto skips a provider over its own budget and uses the next one; the trace says why', async () => {
    const { client, servers: [capped] } = await setup([reply.json(completion('capped')), reply.json(completion('free'))], {
      pricing: { p0: { type: 'per-request', perRequest: 1 } },
      budget: { limitUsd: 1, window: 'day', provider: 'p0' },
    });
    expect((await client.chat(ask())).provider).toBe('p0');
    const second = await client.chat(ask());
    expect(second.provider).toBe('p1');
    expect(second.trace[0]).toMatchObject({ provider: 'p0', outcome: 'skipped', errorKind: 'budget-exceeded' });
    expect(capped?.requests).toHaveLength(1);
  });

  it('auto routes around a provider at its client-side rate limit instead of collecting 429s', async () => {
    const { client, events, servers: [limited] } = await setup([reply.json(completion('limited')), reply.json(completion('spare'))], {
      quotas: { p0: { requestsPerMinute: 2 } },
    });
    const providers = [];
    for (let call = 0; call < 4; call++) providers.push((await client.chat(ask())).provider);
    expect(providers).toEqual(['p0', 'p0', 'p1', 'p1']);
    expect(limited?.requests).toHaveLength(2);
    expect(events.find((event) => event.type === 'candidate-skipped')).toMatchObject({ provider: 'p0', cause: 'quota' });
  });

  it('a pinned provider at its limit waits only within its deadline; beyond it, it fails at once saying which limit', async () => {
    const { client } = await setup([reply.json(completion('once'))], { quotas: { p0: { requestsPerMinute: 1 } } });
    await client.chat(ask(), { provider: 'p0' });
    const started = performance.now();
    const error = await client.chat(ask(), { provider: 'p0', timeouts: { totalMs: 2000 } }).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(500);
    expect(error).toMatchObject({ kind: 'rate-limit', retryAfterMs: expect.any(Number), message: expect.stringContaining('requestsPerMinute') });
  });

  it('meters every attempt, failed ones included, and prices each response', async () => {
    const { client } = await setup([fault.status(500), reply.json(completion('ok', { prompt_tokens: 1000, completion_tokens: 500 }))], {
      retry: { maxRetries: 0 },
      pricing: { p1: { type: 'per-token', inputPerMillion: 2, outputPerMillion: 4 } },
    });
    const response = await client.chat(ask());
    expect(response.cost).toEqual({ amount: 0.004, currency: 'USD', basis: 'per-token' });
    expect(response.trace[0]?.cost).toMatchObject({ amount: 0, basis: 'not-billed' });
    const usage = client.usage();
    expect(usage.totals).toMatchObject({ requests: 2, succeeded: 1, failed: 1, inputTokens: 1000, outputTokens: 500, costUsd: 0.004 });
    expect(usage.providers.p0?.totals.failed).toBe(1);
    expect(usage.providers.p1?.models['test-model']?.succeeded).toBe(1);
  });

  it('a stream whose billing answers at once is settled, cost and all, by the time its reader leaves the loop', async () => {
    const { client } = await setup([reply.sse(chunks(['Hel', 'lo']))], { pricing: { p0: { type: 'per-request', perRequest: 0.25 } } });
    const stream = client.streamChat(ask());
    let settled: unknown;
    void stream.response.then((response) => (settled = response));
    for await (const event of stream) void event;
    // One promise turn: the response was resolved before the loop's last `next()` answered.
    await Promise.resolve();
    expect(settled).toMatchObject({ text: 'Hello', cost: { amount: 0.25, basis: 'per-request' } });
  });

  it('a stream billed through a shared store (answers by promise) ends with its cost and its usage metered', async () => {
    const values = new Map<string, unknown>();
    // Not made by createMemoryStateStore: every read and update goes through a promise, as with Redis.
    const shared: StateStore = {
      get: async <T>(key: string) => values.get(key) as T | undefined,
      update: async <T>(key: string, transform: (current: T | undefined) => T | undefined) => {
        await new Promise((resolve) => setImmediate(resolve));
        const next = transform(values.get(key) as T | undefined);
        if (next === undefined) values.delete(key);
        else values.set(key, next);
        return next;
      },
    };
    const { client } = await setup([reply.sse(chunks(['Hel', 'lo', '!']))], {
      store: shared,
      pricing: { p0: { type: 'per-request', perRequest: 0.5 } },
      budget: { limitUsd: 10, window: 'total' },
    });
    const stream = client.streamChat(ask());
    const texts: string[] = [];
    for await (const event of stream) if (event.type === 'text') texts.push(event.text);
    expect(texts).toEqual(['Hel', 'lo', '!']);
    const response = await stream.response;
    expect(response).toMatchObject({ text: 'Hello!', provider: 'p0', cost: { amount: 0.5, currency: 'USD', basis: 'per-request' } });
    expect(response.trace[0]).toMatchObject({ outcome: 'success', cost: { amount: 0.5 } });
    expect(client.usage().totals).toMatchObject({ requests: 1, succeeded: 1, costUsd: 0.5 });
    expect(values.size).toBeGreaterThan(0);
  });
});
