import { fault, reply } from '@switchyard/testkit';
import type { RouteHandler, TestServer } from '@switchyard/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './create-client.js';
import { useLoopback, warmUpTransport } from './loopback-harness.test-support.js';
import type { ClientOptions } from './client-options.js';
import { ask, chunks, completion, wireProvider } from './openai-wire-provider.test-support.js';
import type { AttemptTrace } from './trace-types.js';

const loopback = useLoopback();

// The first request of a process loads undici (~100 ms of blocking work): not what these tests time.
beforeAll(warmUpTransport);

async function serve(handler: RouteHandler): Promise<TestServer> {
  const [server] = await loopback.serve(handler);
  return server as TestServer;
}

function client(options: Partial<ClientOptions>): Client {
  return loopback.client({ retry: { maxRetries: 0 }, ...options }).client;
}

function within10Percent(measured: number, expected: number): void {
  expect(measured).toBeGreaterThanOrEqual(expected * 0.95);
  expect(measured).toBeLessThanOrEqual(expected * 1.1);
}

describe('deadlines enforced by the client', () => {
  it('abandons a provider that accepts and never answers at its first-token timeout, within 10 %, and fails over', async () => {
    const silent = await serve(fault.slowHeaders(60_000, reply.sse(chunks(['never']))));
    const healthy = await serve(reply.sse(chunks(['Hi'])));
    const routed = client({
      providers: [wireProvider({ id: 'silent', baseUrl: silent.url }), wireProvider({ id: 'healthy', baseUrl: healthy.url })],
      timeouts: { firstTokenMs: 1000 },
    });
    const stream = routed.streamChat(ask());
    expect(await stream.text()).toBe('Hi');
    const [abandoned, answered] = (await stream.response).trace as [AttemptTrace, AttemptTrace];
    expect(abandoned).toMatchObject({ provider: 'silent', outcome: 'error', errorKind: 'timeout', timeoutPhase: 'first-token' });
    within10Percent(abandoned.durationMs, 1000);
    expect(answered).toMatchObject({ provider: 'healthy', outcome: 'success' });
  });

  it('does not count keep-alive comments as progress before the first token', async () => {
    const keepAlive = await serve(reply.sseRaw(Array.from({ length: 40 }, () => ': keep-alive\n\n'), { delayMs: 40 }));
    const routed = client({ providers: [wireProvider({ id: 'chatty', baseUrl: keepAlive.url })], timeouts: { firstTokenMs: 300 } });
    const error = await routed.streamChat(ask()).text().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'first-token', provider: 'chatty' });
    // The comments keep coming for 1.6 s: had they counted as progress, nothing would fire before then.
    expect((error as { attempts: AttemptTrace[] }).attempts[0]?.durationMs).toBeGreaterThanOrEqual(295);
    expect((error as { attempts: AttemptTrace[] }).attempts[0]?.durationMs).toBeLessThan(1000);
  });

  it('fires the idle deadline between events after the first token: stream-interrupted with the partial text', async () => {
    const stalling = await serve(fault.stall(reply.sse(chunks(['Hel', 'lo'])), { afterChunks: 1 }));
    const routed = client({ providers: [wireProvider({ id: 'stalls', baseUrl: stalling.url })], timeouts: { idleMs: 500 } });
    const stream = routed.streamChat(ask());
    const texts: string[] = [];
    const error = await (async () => {
      for await (const event of stream) if (event.type === 'text') texts.push(event.text);
    })().catch((caught: unknown) => caught);
    expect(texts).toEqual(['Hel']);
    expect(error).toMatchObject({ kind: 'stream-interrupted', committed: true, partialText: 'Hel', timeoutPhase: 'idle', provider: 'stalls' });
    const [attempt] = (error as { attempts: AttemptTrace[] }).attempts as [AttemptTrace];
    expect(attempt).toMatchObject({ outcome: 'error', errorKind: 'timeout', timeoutPhase: 'idle' });
    // The only content event was the first token: the idle wait ran from it to the end of the attempt.
    const idleWait = attempt.durationMs - (attempt.timeToFirstTokenMs ?? 0);
    expect(idleWait).toBeGreaterThanOrEqual(490);
    expect(idleWait).toBeLessThan(750);
  });

  it('bounds an unstreamed answer by the first-token deadline too', async () => {
    const silent = await serve(fault.slowHeaders(60_000, reply.json(completion('late'))));
    const routed = client({ providers: [wireProvider({ id: 'silent', baseUrl: silent.url })], timeouts: { firstTokenMs: 1000 } });
    const error = await routed.chat(ask()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'first-token' });
    within10Percent((error as { attempts: AttemptTrace[] }).attempts[0]?.durationMs ?? 0, 1000);
  });

  it('layers timeouts: per provider over the client, per request over both', async () => {
    const silent = await serve(fault.slowHeaders(60_000, reply.json(completion('late'))));
    const routed = client({
      providers: [wireProvider({ id: 'slow', baseUrl: silent.url })],
      timeouts: { firstTokenMs: 5000, byProvider: { slow: { firstTokenMs: 200 } } },
    });
    const byProvider = (await routed.chat(ask()).catch((caught: unknown) => caught)) as { attempts: AttemptTrace[] };
    // Which layer won shows in when the deadline fired: 200 ms, not the client's 5 s.
    expect(byProvider).toMatchObject({ kind: 'timeout', timeoutPhase: 'first-token' });
    expect(byProvider.attempts[0]?.durationMs).toBeGreaterThanOrEqual(195);
    expect(byProvider.attempts[0]?.durationMs).toBeLessThan(2000);
    const byRequest = (await routed.chat(ask(), { timeouts: { firstTokenMs: 350 } }).catch((caught: unknown) => caught)) as { attempts: AttemptTrace[] };
    expect(byRequest).toMatchObject({ kind: 'timeout' });
    expect(byRequest.attempts[0]?.durationMs).toBeGreaterThanOrEqual(345);
    expect(byRequest.attempts[0]?.durationMs).toBeLessThan(2000);
  });

  it("reports the caller's abort as aborted and stops at once, mid-stream too", async () => {
    const stalling = await serve(fault.stall(reply.sse(chunks(['Hel', 'lo'])), { afterChunks: 1 }));
    const routed = client({ providers: [wireProvider({ id: 'p', baseUrl: stalling.url })] });
    const controller = new AbortController();
    const stream = routed.streamChat(ask(), { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    while ((await iterator.next()).value?.type !== 'text');
    const started = performance.now();
    setTimeout(() => controller.abort(), 20);
    await expect(iterator.next()).rejects.toMatchObject({ kind: 'aborted', committed: true, partialText: 'Hel' });
    expect(performance.now() - started).toBeLessThan(200);
    await expect(stream.response).rejects.toMatchObject({ kind: 'aborted' });

    await expect(routed.chat(ask(), { signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('ChatStream.abort() cancels a stream before its first token', async () => {
    const silent = await serve(fault.slowHeaders(60_000, reply.sse(chunks(['x']))));
    const routed = client({ providers: [wireProvider({ id: 'p', baseUrl: silent.url })] });
    const stream = routed.streamChat(ask());
    const pending = stream.text();
    setTimeout(() => stream.abort(), 30);
    const started = performance.now();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('breaking out of a loop cancels the request and records the attempt as aborted', async () => {
    const stalling = await serve(fault.stall(reply.sse(chunks(['a', 'b'])), { afterChunks: 1 }));
    const routed = client({ providers: [wireProvider({ id: 'p', baseUrl: stalling.url })] });
    const stream = routed.streamChat(ask());
    for await (const event of stream) if (event.type === 'text') break;
    await expect(stream.response).rejects.toMatchObject({ kind: 'aborted' });
    expect(routed.usage().totals).toMatchObject({ requests: 1, failed: 1 });
  });
});
