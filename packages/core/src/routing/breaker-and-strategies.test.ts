import { fault, reply } from '@switchyard/testkit';
import type { RouteHandler } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { useLoopback } from '../client/loopback-harness.test-support.js';
import type { ClientOptions } from '../client/client-options.js';
import { ask, completion } from '../client/openai-wire-provider.test-support.js';

const loopback = useLoopback();

async function setup(handlers: RouteHandler[], options: Partial<ClientOptions> = {}) {
  const servers = await loopback.serve(...handlers);
  return { ...loopback.client({ retry: { maxRetries: 0 }, ...options }), servers };
}

describe('circuit breaker', () => {
  it('opens after consecutive failures so auto skips the provider (traced), then lets one probe through and closes on success', async () => {
    const { client, events, servers: [flaky] } = await setup(
      [[fault.status(500), fault.status(500), reply.json(completion('recovered'))], reply.json(completion('backup'))],
      { breaker: { failureThreshold: 2, cooldownMs: 300 } },
    );
    expect((await client.chat(ask())).provider).toBe('p1');
    expect((await client.chat(ask())).provider).toBe('p1');
    expect(events.find((event) => event.type === 'breaker-open')).toMatchObject({ provider: 'p0', model: 'test-model', reason: expect.stringContaining('2 consecutive failures') });

    const skipped = await client.chat(ask());
    expect(skipped.provider).toBe('p1');
    expect(skipped.trace[0]).toMatchObject({ provider: 'p0', outcome: 'skipped', attempt: 0, reason: expect.stringContaining('circuit open') });
    expect(events.find((event) => event.type === 'candidate-skipped')).toMatchObject({ provider: 'p0', cause: 'breaker' });
    expect(flaky?.requests).toHaveLength(2);

    await new Promise((resolve) => setTimeout(resolve, 320));
    const probe = await client.chat(ask());
    expect(probe).toMatchObject({ provider: 'p0', text: 'recovered' });
    expect(events.find((event) => event.type === 'breaker-close')).toMatchObject({ provider: 'p0' });
  });

  it("opens at once on a 429 for its Retry-After, so auto routes around the rate-limited provider", async () => {
    const { client, servers: [limited] } = await setup([fault.status(429, { retryAfter: 30 }), reply.json(completion('ok'))]);
    expect((await client.chat(ask())).provider).toBe('p1');
    for (let call = 0; call < 3; call++) expect((await client.chat(ask())).provider).toBe('p1');
    expect(limited?.requests).toHaveLength(1);
  });

  it('a pinned call to an open breaker fails fast with overloaded and the remaining cooldown', async () => {
    const { client, servers: [down] } = await setup([fault.status(503)], { breaker: { failureThreshold: 1, cooldownMs: 10_000 } });
    await expect(client.chat(ask(), { provider: 'p0' })).rejects.toMatchObject({ kind: 'overloaded', status: 503 });
    const error = await client.chat(ask(), { provider: 'p0' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'overloaded', retryAfterMs: expect.any(Number), message: expect.stringContaining('circuit open') });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(9000);
    expect(down?.requests).toHaveLength(1);
  });
});

describe('auto strategies, through real calls', () => {
  it('latency: measures every candidate once, then prefers the lowest moving average of time to first token', async () => {
    const { client, events } = await setup([fault.slowHeaders(120, reply.json(completion('slow'))), reply.json(completion('fast'))], { routing: { strategy: 'latency' } });
    expect((await client.chat(ask())).provider).toBe('p0');
    expect((await client.chat(ask())).provider).toBe('p1');
    expect((await client.chat(ask())).provider).toBe('p1');
    const lastStart = events.filter((event) => event.type === 'call-start').at(-1);
    expect(lastStart).toMatchObject({ strategy: 'latency', candidates: [{ provider: 'p1', score: expect.any(Number) }, { provider: 'p0', score: expect.any(Number) }] });
  });

  it('round-robin rotates the first candidate per call', async () => {
    const { client } = await setup([reply.json(completion('a')), reply.json(completion('b')), reply.json(completion('c'))], { routing: { strategy: 'round-robin' } });
    const providers = [];
    for (let call = 0; call < 4; call++) providers.push((await client.chat(ask())).provider);
    expect(providers).toEqual(['p0', 'p1', 'p2', 'p0']);
  });

  it('cost: the cheapest known price goes first, unknown prices last', async () => {
    const { client } = await setup([reply.json(completion('unpriced')), reply.json(completion('pricey')), reply.json(completion('cheap'))], {
      routing: { strategy: 'cost' },
      pricing: { p1: { type: 'per-token', inputPerMillion: 5, outputPerMillion: 15 }, p2: { type: 'per-request', perRequest: 0.0001 } },
    });
    const response = await client.chat(ask());
    expect(response.provider).toBe('p2');
    expect(response.cost).toEqual({ amount: 0.0001, currency: 'USD', basis: 'per-request' });
  });

  it('weighted: leads with each candidate in proportion to its weight', async () => {
    let draw = 0;
    const draws = [0.1, 0.9, 0.5];
    const { client } = await setup([reply.json(completion('a')), reply.json(completion('b'))], {
      routing: { strategy: 'weighted', weights: { p0: 1, p1: 1 }, random: () => draws[draw++ % draws.length] as number },
    });
    expect((await client.chat(ask())).provider).toBe('p0');
    expect((await client.chat(ask())).provider).toBe('p1');
  });
});
