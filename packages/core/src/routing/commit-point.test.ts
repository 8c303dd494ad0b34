import { fault, reply } from '@switchyard/testkit';
import type { RouteHandler, TestServer } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { useLoopback } from '../client/loopback-harness.test-support.js';
import { ask, chunks, wireProvider } from '../client/openai-wire-provider.test-support.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';

const loopback = useLoopback();

async function twoProviders(first: RouteHandler, second: RouteHandler) {
  const [a, b] = (await loopback.serve(first, second)) as [TestServer, TestServer];
  const { client, events } = loopback.client({
    providers: [wireProvider({ id: 'a', baseUrl: a.url }), wireProvider({ id: 'b', baseUrl: b.url })],
    retry: { maxRetries: 0 },
  });
  return { client, events, a, b };
}

async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<{ events: ChatStreamEvent[]; error: unknown }> {
  const events: ChatStreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

describe('the stream commit point', () => {
  it('fails over transparently before the first content event: the caller sees one clean stream', async () => {
    // a sends its headers and a role-only chunk (no content), then resets.
    const roleOnly = { id: 'x', choices: [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }] };
    const { client } = await twoProviders(fault.resetMidStream(reply.sse([roleOnly, ...chunks(['never'])]), { afterChunks: 1 }), reply.sse(chunks(['Hello', ' there'])));
    const { events, error } = await collect(client.streamChat(ask(), { idempotent: true }));
    expect(error).toBeUndefined();
    expect(events.filter((event) => event.type === 'start')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'text').map((event) => (event as { text: string }).text)).toEqual(['Hello', ' there']);
  });

  it('fails over before commit on a 500, and on a first-token timeout', async () => {
    const failing = await twoProviders(fault.status(500), reply.sse(chunks(['ok'])));
    const stream = failing.client.streamChat(ask());
    expect(await stream.text()).toBe('ok');
    expect((await stream.response).trace.map((entry) => [entry.provider, entry.outcome])).toEqual([['a', 'error'], ['b', 'success']]);

    const stalled = await twoProviders(fault.stall(reply.sse(chunks(['late'])), { afterChunks: 0 }), reply.sse(chunks(['fast'])));
    const second = stalled.client.streamChat(ask(), { timeouts: { firstTokenMs: 300 } });
    expect(await second.text()).toBe('fast');
  });

  it('after the first content event, a cut stream is stream-interrupted with the partial text and usage; never retried', async () => {
    const withUsage = [
      { id: 'x', choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }], usage: { prompt_tokens: 7, completion_tokens: 1 } },
      { id: 'x', choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: null }], usage: { prompt_tokens: 7, completion_tokens: 2 } },
      ...chunks(['never sent']),
    ];
    const { client, b } = await twoProviders(fault.resetMidStream(reply.sse(withUsage), { afterChunks: 2 }), reply.sse(chunks(['other'])));
    const { events, error } = await collect(client.streamChat(ask(), { idempotent: true }));
    expect(events.filter((event) => event.type === 'text').map((event) => (event as { text: string }).text)).toEqual(['Hel', 'lo']);
    expect(error).toMatchObject({
      kind: 'stream-interrupted',
      committed: true,
      partialText: 'Hello',
      partialUsage: { inputTokens: 7, outputTokens: 2 },
      provider: 'a',
      retryable: false,
    });
    expect((error as Error).message).toContain('partialText');
    expect(b.requests).toHaveLength(0);
  });

  it('a stream that ends without a finish event is reported as interrupted, not silently truncated', async () => {
    // The body ends cleanly after two chunks: no finish_reason, no [DONE].
    const cut = reply.sse(chunks(['Hel', 'lo']).slice(0, 2), { done: false });
    const { client } = await twoProviders(cut, reply.sse(chunks(['other'])));
    const { error } = await collect(client.streamChat(ask()));
    expect(error).toMatchObject({ kind: 'stream-interrupted', partialText: 'Hello', networkPhase: 'post-send' });
  });

  it('an error event inside a 200 stream before any content fails over; after content it interrupts', async () => {
    const before = await twoProviders(reply.sse([{ error: { message: 'model overloaded' } }]), reply.sse(chunks(['fine'])));
    expect(await before.client.streamChat(ask()).text()).toBe('fine');

    const after = await twoProviders(reply.sse([...chunks(['Hi']).slice(0, 1), { error: { message: 'upstream died' } }]), reply.sse(chunks(['other'])));
    await expect(after.client.streamChat(ask()).text()).rejects.toMatchObject({ kind: 'stream-interrupted', partialText: 'Hi' });
  });
});

const PRICING = { type: 'per-token', inputPerMillion: 1_000_000, outputPerMillion: 2_000_000 } as const;

function openSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

/** The open sockets once the count holds still (the previous test's connections close a moment after its clients). */
async function quietSockets(): Promise<number> {
  let count = openSockets();
  for (let still = 0; still < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = openSockets();
    still = now === count ? still + 1 : 0;
    count = now;
  }
  return count;
}

/** Polls until the open sockets are back to `expected` (both ends of a loopback connection close a moment apart). */
async function socketsBackTo(expected: number): Promise<number> {
  for (let waited = 0; waited < 1000 && openSockets() !== expected; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  return openSockets();
}

/** Two chunks of text, each with the running usage, as providers that report usage on every chunk send them. */
const TWO_CHUNKS_WITH_USAGE = [
  { id: 'x', choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }], usage: { prompt_tokens: 7, completion_tokens: 1 } },
  { id: 'x', choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: null }], usage: { prompt_tokens: 7, completion_tokens: 2 } },
  ...chunks(['never sent']),
];

async function pricedClient(handler: RouteHandler, options: Parameters<typeof loopback.client>[0] = {}) {
  const [server] = (await loopback.serve(handler)) as [TestServer];
  const { client, events } = loopback.client({ providers: [wireProvider({ id: 'p', baseUrl: server.url, pricing: PRICING })], ...options });
  return { server, client, events };
}

describe('a committed stream (from its first content event on)', () => {
  it('cut by the server mid-way: the caller gets every event up to the cut, then stream-interrupted; the attempt is settled with its partial usage and cost', async () => {
    const { server, client, events } = await pricedClient(fault.resetMidStream(reply.sse(TWO_CHUNKS_WITH_USAGE), { afterChunks: 2 }), { retry: { maxRetries: 2 } });
    const before = await quietSockets();
    const stream = client.streamChat(ask(), { idempotent: true });
    const { events: seen, error } = await collect(stream);

    expect(seen.map((event) => (event.type === 'text' ? `text:${event.text}` : event.type))).toEqual(['start', 'usage', 'text:Hel', 'usage', 'text:lo']);
    expect(error).toMatchObject({
      kind: 'stream-interrupted', committed: true, retryable: false, provider: 'p', partialText: 'Hello', partialUsage: { inputTokens: 7, outputTokens: 2 },
    });
    await expect(stream.response).rejects.toBe(error);
    // Never retried: that would repeat the prefix the caller already has.
    expect(server.requests).toHaveLength(1);

    const [entry] = (error as { attempts: Array<Record<string, unknown>> }).attempts;
    expect(entry).toMatchObject({ provider: 'p', outcome: 'error', usage: { inputTokens: 7, outputTokens: 2 } });
    expect((entry?.cost as { amount: number }).amount).toBeCloseTo(7 + 2 * 2, 9);
    expect(client.usage().totals).toMatchObject({ requests: 1, succeeded: 0, failed: 1, inputTokens: 7, outputTokens: 2 });
    expect(client.usage().totals.costUsd).toBeCloseTo(11, 9);
    expect(events.filter((event) => event.type === 'attempt-end')).toMatchObject([{ provider: 'p', outcome: 'error' }]);
    expect(events.filter((event) => event.type === 'call-end')).toMatchObject([{ outcome: 'error', errorKind: 'stream-interrupted' }]);
    expect(await socketsBackTo(before)).toBe(before);
  });

  it('stalled mid-way: the idle deadline ends it as stream-interrupted and the client closes the socket itself', async () => {
    const { client, events } = await pricedClient(fault.stall(reply.sse(TWO_CHUNKS_WITH_USAGE), { afterChunks: 2 }), { timeouts: { idleMs: 200 } });
    const before = await quietSockets();
    const stream = client.streamChat(ask());
    const { events: seen, error } = await collect(stream);

    expect(seen.filter((event) => event.type === 'text')).toHaveLength(2);
    expect(error).toMatchObject({ kind: 'stream-interrupted', timeoutPhase: 'idle', partialText: 'Hello', partialUsage: { inputTokens: 7, outputTokens: 2 } });
    expect(client.usage().totals).toMatchObject({ requests: 1, failed: 1, outputTokens: 2 });
    expect(events.filter((event) => event.type === 'attempt-end')).toMatchObject([{ outcome: 'error', errorKind: 'timeout' }]);
    // The server never ends this response: only the client closing its socket brings the count back.
    expect(await socketsBackTo(before)).toBe(before);
  });

  it('a reader that stops mid-way closes the socket and settles the attempt as aborted, with the usage so far', async () => {
    const { client, events } = await pricedClient(fault.stall(reply.sse(TWO_CHUNKS_WITH_USAGE), { afterChunks: 2 }));
    const before = await quietSockets();
    const stream = client.streamChat(ask());
    for await (const event of stream) if (event.type === 'text') break;

    await expect(stream.response).rejects.toMatchObject({ kind: 'aborted', committed: true, partialText: 'Hel', partialUsage: { inputTokens: 7, outputTokens: 1 } });
    expect(client.usage().totals).toMatchObject({ requests: 1, failed: 1, inputTokens: 7, outputTokens: 1 });
    expect(events.filter((event) => event.type === 'attempt-end')).toMatchObject([{ outcome: 'aborted', errorKind: 'aborted' }]);
    expect(events.filter((event) => event.type === 'call-end')).toMatchObject([{ outcome: 'error', errorKind: 'aborted' }]);
    expect(await socketsBackTo(before)).toBe(before);
  });

  it('answers reads issued before the commit in order: the held events first, then the provider’s', async () => {
    const { client } = await pricedClient(reply.sse(chunks(['Hel', 'lo'])));
    const stream = client.streamChat(ask());
    const iterator = stream[Symbol.asyncIterator]();
    const early = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
    expect(early.map((result) => result.value)).toEqual([
      { type: 'start' },
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo' },
    ]);
    const rest: string[] = [];
    for (let result = await iterator.next(); !result.done; result = await iterator.next()) rest.push(result.value.type);
    expect(rest).toEqual(['finish', 'usage']);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    const response = await stream.response;
    expect(response).toMatchObject({ text: 'Hello', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 2 } });
    expect(response.cost.amount).toBeCloseTo(10 + 2 * 2, 9);
  });

  it('a stream with no content commits at its end: the caller gets its events and an empty answer', async () => {
    const { client } = await pricedClient(reply.sse(chunks([])));
    const stream = client.streamChat(ask());
    const { events: seen, error } = await collect(stream);
    expect(error).toBeUndefined();
    expect(seen.map((event) => event.type)).toEqual(['start', 'finish', 'usage']);
    expect(await stream.response).toMatchObject({ text: '', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 0 } });
  });
});
