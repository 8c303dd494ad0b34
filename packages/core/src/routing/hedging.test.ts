import { fault, reply } from '@switchyard/testkit';
import type { RouteHandler, TestServer } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { useLoopback } from '../client/loopback-harness.test-support.js';
import { ask, chunks, completion, wireProvider } from '../client/openai-wire-provider.test-support.js';
import type { Provider } from '../spec/provider.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';
import { isContentEvent } from '../spec/stream-events.js';

const loopback = useLoopback();

function openSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function hedgedPair(slow: RouteHandler, fast: RouteHandler) {
  const [a, b] = (await loopback.serve(slow, fast)) as [TestServer, TestServer];
  const { client, events } = loopback.client({
    providers: [wireProvider({ id: 'primary', baseUrl: a.url }), wireProvider({ id: 'backup', baseUrl: b.url })],
    hedge: { delayMs: 150 },
  });
  return { client, events, a, b };
}

describe('hedging', () => {
  it('starts the next candidate when the first has no token after the delay; the winner is kept, the loser aborted and its socket closed', async () => {
    const { client, events } = await hedgedPair(fault.stall(reply.sse(chunks(['slow'])), { afterChunks: 0 }), reply.sse(chunks(['fast', ' answer'])));
    const socketsBefore = openSockets();
    const stream = client.streamChat(ask());
    expect(await stream.text()).toBe('fast answer');
    const response = await stream.response;
    expect(response.provider).toBe('backup');
    expect(response.trace).toMatchObject([
      { attempt: 1, provider: 'primary', outcome: 'aborted', reason: expect.stringContaining('lost the hedge race') },
      { attempt: 2, provider: 'backup', outcome: 'success', hedge: true },
    ]);
    const hedgeStart = events.find((event) => event.type === 'hedge-start');
    expect(hedgeStart).toMatchObject({ provider: 'backup', attempt: 2, afterMs: 150 });
    expect(events.find((event) => event.type === 'hedge-win')).toMatchObject({ provider: 'backup', loser: { provider: 'primary', attempt: 1 } });
    const backupStarted = response.trace[1]?.startedAt ?? 0;
    expect(backupStarted - (response.trace[0]?.startedAt ?? 0)).toBeGreaterThanOrEqual(145);
    // Both attempts are metered.
    expect(client.usage().totals).toMatchObject({ requests: 2, succeeded: 1, failed: 1 });
    // Only the winner's keep-alive connection (client and server ends) stays open.
    await waitFor(() => openSockets() <= socketsBefore + 2);
    expect(openSockets()).toBeLessThanOrEqual(socketsBefore + 2);
  });

  it('does not hedge when the first token comes before the delay', async () => {
    const { client, events, b } = await hedgedPair(reply.sse(chunks(['quick'])), reply.sse(chunks(['unused'])));
    expect(await client.streamChat(ask()).text()).toBe('quick');
    expect(events.some((event) => event.type === 'hedge-start')).toBe(false);
    expect(b.requests).toHaveLength(0);
  });

  it('hedges unstreamed calls: the first answer wins', async () => {
    const { client } = await hedgedPair(fault.slowHeaders(5000, reply.json(completion('slow'))), reply.json(completion('fast')));
    const started = performance.now();
    const response = await client.chat(ask());
    expect(performance.now() - started).toBeLessThan(1500);
    expect(response).toMatchObject({ text: 'fast', provider: 'backup' });
    expect(response.trace.map((entry) => entry.outcome)).toEqual(['aborted', 'success']);
  });

  it('when the hedge fails, the primary can still win', async () => {
    const slowButFine = fault.slowHeaders(400, reply.sse(chunks(['primary wins'])));
    const { client } = await hedgedPair(slowButFine, fault.status(500));
    const stream = client.streamChat(ask());
    expect(await stream.text()).toBe('primary wins');
    expect((await stream.response).trace.map((entry) => [entry.provider, entry.outcome])).toEqual([['primary', 'success'], ['backup', 'error']]);
  });

  it('when both attempts reach their first content in the same turn, the first to claim the call is the stream; the other is abandoned, its events never seen', async () => {
    const [a, b] = (await loopback.serve(reply.sse(chunks(['from', ' primary'])), reply.sse(chunks(['from', ' backup'])))) as [TestServer, TestServer];
    // Each provider holds its first content event until both have one, then both resume in one
    // promise turn: the two attempts reach their commit points back to back.
    let arrived = 0;
    let release!: () => void;
    const bothReady = new Promise<void>((resolve) => (release = resolve));
    const heldAtFirstContent = (inner: Provider): Provider => ({
      ...inner,
      async *streamChat(request, context) {
        let first = true;
        for await (const event of (inner.streamChat as NonNullable<Provider['streamChat']>).call(inner, request, context) as AsyncIterable<ChatStreamEvent>) {
          if (first && isContentEvent(event)) {
            first = false;
            if (++arrived === 2) release();
            await bothReady;
          }
          yield event;
        }
      },
    });
    const { client, events } = loopback.client({
      providers: [heldAtFirstContent(wireProvider({ id: 'primary', baseUrl: a.url })), heldAtFirstContent(wireProvider({ id: 'backup', baseUrl: b.url }))],
      hedge: { delayMs: 30 },
    });
    const stream = client.streamChat(ask());
    const seen: ChatStreamEvent[] = [];
    for await (const event of stream) seen.push(event);
    const response = await stream.response;
    expect(arrived).toBe(2);
    expect(response.provider).toBe('primary');
    expect(seen.filter((event) => event.type === 'start')).toHaveLength(1);
    expect(seen.flatMap((event) => (event.type === 'text' ? [event.text] : []))).toEqual(['from', ' primary']);
    expect(response.text).toBe('from primary');
    expect(response.trace).toMatchObject([
      { attempt: 1, provider: 'primary', outcome: 'success' },
      { attempt: 2, provider: 'backup', outcome: 'aborted', hedge: true, reason: expect.stringContaining('lost the hedge race') },
    ]);
    expect(events.find((event) => event.type === 'hedge-win')).toMatchObject({ provider: 'primary', loser: { provider: 'backup', attempt: 2 } });
    expect(client.usage().totals).toMatchObject({ requests: 2, succeeded: 1, failed: 1 });
  });
});
