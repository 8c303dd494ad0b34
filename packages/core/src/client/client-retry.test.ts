import { fault, reply } from '@switchyard/testkit';
import type { RouteHandler, TestServer } from '@switchyard/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLoopback, warmUpTransport } from './loopback-harness.test-support.js';
import type { ClientOptions } from './client-options.js';
import { ask, completion, wireProvider } from './openai-wire-provider.test-support.js';
import type { AttemptTrace } from './trace-types.js';

const loopback = useLoopback();
/** The server of the latest pinnedClient. */
let server: TestServer;

// The first request of a process loads undici: warm it so the timings below measure only waits.
beforeAll(warmUpTransport);

async function pinnedClient(handler: RouteHandler, options: Partial<ClientOptions> = {}) {
  [server] = (await loopback.serve(handler)) as [TestServer];
  return loopback.client({ providers: [wireProvider({ id: 'p', baseUrl: server.url })], ...options });
}

/** Milliseconds between the end of one attempt and the start of the next. */
function gapsOf(trace: readonly AttemptTrace[]): number[] {
  return trace.slice(1).map((entry, index) => entry.startedAt - ((trace[index] as AttemptTrace).startedAt + (trace[index] as AttemptTrace).durationMs));
}

describe('retries', () => {
  it('honours Retry-After from a 429: the measured sleep is within 10 % of the header', async () => {
    const { client, events } = await pinnedClient([fault.status(429, { retryAfter: 1 }), reply.json(completion('after the wait'))]);
    const response = await client.chat(ask());
    expect(response.text).toBe('after the wait');
    expect(response.trace).toMatchObject([{ outcome: 'error', errorKind: 'rate-limit', status: 429 }, { outcome: 'success' }]);
    const [gap] = gapsOf(response.trace) as [number];
    expect(gap).toBeGreaterThanOrEqual(1000 * 0.95);
    expect(gap).toBeLessThanOrEqual(1000 * 1.1);
    expect(events.find((event) => event.type === 'retry-scheduled')).toMatchObject({ errorKind: 'rate-limit', fromRetryAfter: true, delayMs: expect.any(Number) });
  });

  it('honours retry-after-ms, and fails at once when Retry-After exceeds maxRetryAfterMs', async () => {
    const { client } = await pinnedClient([fault.status(503, { headers: { 'retry-after-ms': '300' } }), reply.json(completion('ok'))]);
    const response = await client.chat(ask());
    const [gap] = gapsOf(response.trace) as [number];
    expect(gap).toBeGreaterThanOrEqual(285);
    expect(gap).toBeLessThanOrEqual(330);

    const capped = await pinnedClient(fault.status(429, { retryAfter: 120 }), { retry: { maxRetryAfterMs: 1000 } });
    const started = performance.now();
    const error = await capped.client.chat(ask()).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(500);
    expect(error).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: 120_000 });
    expect(server.requests).toHaveLength(1);
  });

  it('backs off exponentially with full jitter between retries of a 500', async () => {
    const { client } = await pinnedClient([fault.status(500), fault.status(500), reply.json(completion('third time'))], {
      retry: { baseDelayMs: 200, maxRetries: 2 },
      // A draw of 0.5 makes full jitter land on half the ceiling: 100 ms, then 200 ms.
      routing: { random: () => 0.5 },
    });
    const response = await client.chat(ask());
    expect(response.text).toBe('third time');
    const [first, second] = gapsOf(response.trace) as [number, number];
    expect(first).toBeGreaterThanOrEqual(95);
    expect(first).toBeLessThan(140);
    expect(second).toBeGreaterThanOrEqual(195);
    expect(second).toBeLessThan(250);
  });

  it('gives up after maxRetries with the last error and every attempt', async () => {
    const { client } = await pinnedClient(fault.status(500), { retry: { baseDelayMs: 1, maxRetries: 2 } });
    const error = await client.chat(ask()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    expect((error as { attempts: AttemptTrace[] }).attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
  });

  it('never retries a request that may have been processed (reset after sending, 502) unless idempotent', async () => {
    const reset = await pinnedClient([fault.resetBeforeHeaders(), reply.json(completion('second'))], { retry: { baseDelayMs: 1 } });
    await expect(reset.client.chat(ask())).rejects.toMatchObject({ kind: 'network', networkPhase: 'post-send', message: expect.any(String) });
    expect(server.requests).toHaveLength(1);
    expect((await reset.client.chat(ask(), { idempotent: true })).text).toBe('second');

    const gateway = await pinnedClient([fault.status(502), reply.json(completion('after 502'))], { retry: { baseDelayMs: 1 } });
    await expect(gateway.client.chat(ask())).rejects.toMatchObject({ kind: 'server', status: 502 });
    expect(server.requests).toHaveLength(1);
    expect((await gateway.client.chat(ask(), { idempotent: true })).text).toBe('after 502');
  });

  it('never retries invalid requests, and per-call retry settings override the client', async () => {
    const invalid = await pinnedClient(fault.status(400), { retry: { baseDelayMs: 1 } });
    await expect(invalid.client.chat(ask())).rejects.toMatchObject({ kind: 'invalid-request' });
    expect(server.requests).toHaveLength(1);

    const overridden = await pinnedClient(fault.status(500), { retry: { baseDelayMs: 1, maxRetries: 5 } });
    await expect(overridden.client.chat(ask(), { retry: { maxRetries: 1 } })).rejects.toMatchObject({ kind: 'server' });
    expect(server.requests).toHaveLength(2);
  });
});
