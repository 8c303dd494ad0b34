import { fault, refusedUrl, reply } from '@switchyard/testkit';
import type { TestServer } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { useLoopback } from '../client/loopback-harness.test-support.js';
import type { AttemptTrace } from '../client/trace-types.js';
import { ask, completion, leaksOf, wireProvider } from '../client/openai-wire-provider.test-support.js';

const { serve, client } = useLoopback();

describe('failover across providers', () => {
  it('moves on from a refused connection at once, without sleeping, and traces both attempts', async () => {
    const [healthy] = await serve(reply.json(completion('from b')));
    const { client: routed, events } = client({
      providers: [wireProvider({ id: 'a', baseUrl: await refusedUrl() }), wireProvider({ id: 'b', baseUrl: (healthy as TestServer).url })],
    });
    const response = await routed.chat(ask());
    expect(response).toMatchObject({ text: 'from b', provider: 'b' });
    const [refused, answered] = response.trace as [AttemptTrace, AttemptTrace];
    // The second attempt starts as soon as the first ends (the benchmark measures this precisely).
    expect(answered.startedAt - (refused.startedAt + refused.durationMs)).toBeLessThan(50);
    expect(response.trace).toMatchObject([
      { attempt: 1, provider: 'a', outcome: 'error', errorKind: 'network', networkPhase: 'pre-send', cost: { basis: 'not-billed' } },
      { attempt: 2, provider: 'b', outcome: 'success' },
    ]);
    expect(events.filter((event) => event.type === 'retry-scheduled')).toEqual([]);
    expect(events.find((event) => event.type === 'failover')).toMatchObject({ from: { provider: 'a' }, to: { provider: 'b' }, errorKind: 'network' });
    expect(events.map((event) => event.type)).toEqual(['call-start', 'attempt-start', 'attempt-end', 'failover', 'attempt-start', 'attempt-end', 'call-end']);
  });

  it('fails over on 429, 503 and 500 in configured order; all failing gives all-providers-failed listing every attempt', async () => {
    const [one, two, three] = await serve(
      fault.status(429, { retryAfter: 120 }),
      fault.status(503),
      fault.status(500, { body: { error: { message: 'boom' } } }),
    );
    const { client: routed } = client({
      providers: [one, two, three].map((server, index) => wireProvider({ id: `p${index}`, baseUrl: (server as TestServer).url })),
      retry: { maxRetries: 0 },
    });
    const error = await routed.chat(ask()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'all-providers-failed', retryable: true });
    const attempts = (error as { attempts: Array<Record<string, unknown>> }).attempts;
    expect(attempts.map((entry) => [entry.provider, entry.errorKind, entry.status])).toEqual([
      ['p0', 'rate-limit', 429],
      ['p1', 'overloaded', 503],
      ['p2', 'server', 500],
    ]);
    for (const entry of attempts) expect(entry.durationMs).toEqual(expect.any(Number));
    expect((error as Error).message).toMatch(/#1 p0 \(test-model\) rate-limit 429 after \d+ ms; #2 p1 .* overloaded 503 .*; #3 p2 .* server 500/);
    expect(leaksOf([error, attempts])).toEqual([]);
  });

  it('stops at once on invalid-request: the next provider is not tried', async () => {
    const [bad, good] = await serve(fault.status(400, { body: { error: { message: 'messages[0].content is required' } } }), reply.json(completion('x')));
    const { client: routed } = client({
      providers: [wireProvider({ id: 'a', baseUrl: (bad as TestServer).url }), wireProvider({ id: 'b', baseUrl: (good as TestServer).url })],
    });
    await expect(routed.chat(ask())).rejects.toMatchObject({ kind: 'invalid-request', provider: 'a', attempts: [expect.objectContaining({ provider: 'a' })] });
    expect((good as TestServer).requests).toHaveLength(0);
  });

  it('a pinned provider is retried but never failed over; its own error comes back', async () => {
    const [pinned, other] = await serve(fault.status(500), reply.json(completion('other')));
    const { client: routed } = client({
      providers: [wireProvider({ id: 'a', baseUrl: (pinned as TestServer).url }), wireProvider({ id: 'b', baseUrl: (other as TestServer).url })],
      retry: { baseDelayMs: 10 },
    });
    const error = await routed.chat(ask(), { provider: 'a' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'server', status: 500, provider: 'a' });
    expect((error as { attempts: unknown[] }).attempts).toHaveLength(3);
    expect((pinned as TestServer).requests).toHaveLength(3);
    expect((other as TestServer).requests).toHaveLength(0);
  });

  it('an ordered list fails over in the given order', async () => {
    const [first, second, third] = await serve(reply.json(completion('first')), fault.status(503), reply.json(completion('third')));
    const { client: routed } = client({
      providers: [first, second, third].map((server, index) => wireProvider({ id: `p${index}`, baseUrl: (server as TestServer).url })),
      retry: { maxRetries: 0 },
    });
    const response = await routed.chat(ask(), { provider: ['p1', 'p2', 'p0'] });
    expect(response.provider).toBe('p2');
    expect(response.trace.map((entry) => entry.provider)).toEqual(['p1', 'p2']);
    expect((first as TestServer).requests).toHaveLength(0);
  });

  it('does not fail over a request that may have been processed (reset after send) unless idempotent', async () => {
    const [resetting, healthy] = await serve(fault.resetBeforeHeaders(), reply.json(completion('b')));
    const providers = [wireProvider({ id: 'a', baseUrl: (resetting as TestServer).url }), wireProvider({ id: 'b', baseUrl: (healthy as TestServer).url })];
    const { client: routed } = client({ providers });
    const error = await routed.chat(ask()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'network', networkPhase: 'post-send', provider: 'a' });
    expect((healthy as TestServer).requests).toHaveLength(0);
    const response = await routed.chat(ask(), { idempotent: true });
    expect(response.provider).toBe('b');
  });

  it('maps model aliases to each provider, and skips providers without a mapping', async () => {
    const [a, b] = await serve(fault.status(503), reply.json(completion('b')));
    const { client: routed } = client({
      providers: [
        wireProvider({ id: 'a', baseUrl: (a as TestServer).url }),
        wireProvider({ id: 'b', baseUrl: (b as TestServer).url }),
        wireProvider({ id: 'c', baseUrl: await refusedUrl() }),
      ],
      models: { small: { a: 'a-small-1', b: 'b/small-2' } },
      retry: { maxRetries: 0 },
    });
    const response = await routed.chat(ask('small'));
    expect(response.trace.map((entry) => [entry.provider, entry.model])).toEqual([['a', 'a-small-1'], ['b', 'b/small-2']]);
    expect((b as TestServer).requests[0]?.json).toMatchObject({ model: 'b/small-2' });
    await expect(routed.chat(ask('small'), { provider: 'c' })).rejects.toMatchObject({ kind: 'model-not-found', message: expect.stringContaining('models["small"]') });
  });

  it('skips providers whose supportsModel says no, and says so when none serves the model', async () => {
    const [a] = await serve(reply.json(completion('a')));
    const { client: routed } = client({ providers: [wireProvider({ id: 'a', baseUrl: (a as TestServer).url, models: ['known'] })] });
    await expect(routed.chat(ask('unknown-model'))).rejects.toMatchObject({ kind: 'model-not-found', message: expect.stringContaining('"unknown-model"') });
    expect((await routed.chat(ask('known'))).text).toBe('a');
  });

  it('expands a multi-route provider into one candidate per route', async () => {
    const [upstream] = await serve(reply.json(completion('unused')));
    const server = upstream as TestServer;
    server.route('POST', '/fast/v1/chat/completions', fault.status(503));
    server.route('POST', '/cheap/v1/chat/completions', reply.json(completion('via cheap')));
    const { client: routed } = client({
      providers: [wireProvider({ id: 'hub', baseUrl: server.url, routes: [{ id: 'fast' }, { id: 'cheap', model: 'cheap-model' }] })],
      retry: { maxRetries: 0 },
    });
    const response = await routed.chat(ask());
    expect(response).toMatchObject({ text: 'via cheap', provider: 'hub' });
    expect(response.trace.map((entry) => [entry.provider, entry.model, entry.outcome])).toEqual([
      ['hub/fast', 'test-model', 'error'],
      ['hub/cheap', 'cheap-model', 'success'],
    ]);
  });
});
