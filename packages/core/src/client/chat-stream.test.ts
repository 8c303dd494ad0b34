import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';
import { ChatStream } from './chat-stream.js';
import type { StreamSource } from './chat-stream.js';

interface Result {
  text: string;
}

function makeStream(events: ChatStreamEvent[], failWith?: SwitchyardError) {
  const state = { cancelled: 0, cleanedUp: false, pulled: 0 };
  async function* source(): AsyncGenerator<ChatStreamEvent, Result, undefined> {
    try {
      let text = '';
      for (const event of events) {
        state.pulled++;
        if (event.type === 'text') text += event.text;
        yield event;
      }
      if (failWith) throw failWith;
      return { text };
    } finally {
      state.cleanedUp = true;
    }
  }
  const stream = new ChatStream<Result>(generatorSource(source(), () => void state.cancelled++));
  return { stream, state };
}

/** A `StreamSource` over a generator whose return value is the response, as a streaming call settles it. */
function generatorSource(generator: AsyncGenerator<ChatStreamEvent, Result, undefined>, cancel: () => void): StreamSource<Result> {
  const done = { done: true, value: undefined } as const;
  let ended = false;
  let settle!: { resolve: (response: Result) => void; reject: (error: unknown) => void };
  const response = new Promise<Result>((resolve, reject) => (settle = { resolve, reject }));
  return {
    response,
    cancel,
    next: () => {
      if (ended) return Promise.resolve(done);
      return generator.next().then(
        (result) => {
          if (!result.done) return result;
          ended = true;
          settle.resolve(result.value);
          return done;
        },
        (error: unknown) => {
          ended = true;
          settle.reject(error);
          throw error;
        },
      );
    },
    return: async () => {
      await generator.return(undefined as never).catch(() => undefined);
      if (!ended) settle.reject(new SwitchyardError('aborted', 'The stream was cancelled: its reader stopped before the end.', { retryable: false }));
      ended = true;
      return done;
    },
  };
}

const events: ChatStreamEvent[] = [
  { type: 'start', model: 'm' },
  { type: 'text', text: 'Hel' },
  { type: 'text', text: 'lo' },
  { type: 'finish', finishReason: 'stop' },
];

describe('ChatStream', () => {
  it('yields the events and resolves response and text() at the end', async () => {
    const { stream } = makeStream(events);
    const seen: ChatStreamEvent[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen).toEqual(events);
    expect(await stream.response).toEqual({ text: 'Hello' });
    expect(await stream.text()).toBe('Hello');
  });

  it('consumes itself when only text() or response is read', async () => {
    const { stream } = makeStream(events);
    expect(await stream.text()).toBe('Hello');
  });

  it('still hands every event to a loop that starts right after response was read', async () => {
    const { stream } = makeStream(events);
    const response = stream.response;
    const seen: ChatStreamEvent[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen).toHaveLength(4);
    expect(await response).toEqual({ text: 'Hello' });
  });

  it('pulls from the source only as fast as the reader reads', async () => {
    const { stream, state } = makeStream(events);
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(state.pulled).toBe(1);
    await iterator.return?.();
  });

  it('refuses a second iteration with a clear error', async () => {
    const { stream } = makeStream(events);
    stream[Symbol.asyncIterator]();
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/iterated only once/);
  });

  it('cancels the call when the loop breaks: source cleaned up, response rejects aborted', async () => {
    const { stream, state } = makeStream(events);
    for await (const event of stream) if (event.type === 'text') break;
    expect(state.cancelled).toBe(1);
    expect(state.cleanedUp).toBe(true);
    await expect(stream.response).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('throws the failure from the loop and rejects response with it; unread, it is not unhandled', async () => {
    const cut = new SwitchyardError('stream-interrupted', 'cut', { committed: true, partialText: 'Hello' });
    const { stream } = makeStream(events, cut);
    const seen: ChatStreamEvent[] = [];
    await expect(
      (async () => {
        for await (const event of stream) seen.push(event);
      })(),
    ).rejects.toBe(cut);
    expect(seen).toHaveLength(4);
    await expect(stream.response).rejects.toBe(cut);

    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const { stream: other } = makeStream(events, cut);
    await expect((async () => { for await (const _ of other); })()).rejects.toBe(cut);
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  it('encodes events as SSE for a browser, and a failure as an error event', async () => {
    const cut = new SwitchyardError('stream-interrupted', 'The stream was cut.', { committed: true });
    const { stream } = makeStream(events.slice(0, 2), cut);
    const body = await new Response(stream.toReadableStream()).text();
    expect(body).toBe(
      'data: {"type":"start","model":"m"}\n\n' +
        'data: {"type":"text","text":"Hel"}\n\n' +
        'event: error\ndata: {"kind":"stream-interrupted","message":"The stream was cut.","committed":true,"retryable":false}\n\n',
    );
  });

  it('encodes events as NDJSON', async () => {
    const { stream } = makeStream(events);
    const lines = (await new Response(stream.toReadableStream({ format: 'ndjson' })).text()).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as ChatStreamEvent)).toEqual(events);
  });

  it('aborts the call when the readable stream is cancelled', async () => {
    const { stream, state } = makeStream(events);
    const reader = stream.toReadableStream().getReader();
    await reader.read();
    await reader.cancel();
    expect(state.cancelled).toBe(1);
    expect(state.cleanedUp).toBe(true);
  });
});
