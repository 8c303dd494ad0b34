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
