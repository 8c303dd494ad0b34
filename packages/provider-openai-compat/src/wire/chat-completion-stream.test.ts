import type { ChatStreamEvent, SseMessage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decodeChatCompletionStream, decodeSseMessage, openChatCompletionStream } from './chat-completion-stream.js';
import { createChatStreamDecoder, type ChatStreamDecoder } from './chat-stream-decoder.js';

// decodeChatCompletionStream is a hand-written iterator standing in for the async generator it used
// to be (one promise per chunk instead of several). These tests run each scenario through both and
// require the same events, the same errors and the same handling of the messages it reads.

/** The loop the iterator replaced, kept as the reference for its behaviour. */
async function* referenceStream(messages: AsyncIterable<SseMessage>, decoder: ChatStreamDecoder): AsyncGenerator<ChatStreamEvent, void, undefined> {
  for await (const message of messages) {
    if (message.data === '[DONE]') break;
    yield* decodeSseMessage(message, decoder);
  }
  yield* decoder.end();
}

/** SSE messages as the transport's `sse()` hands them out, recording what the reader did with them. */
class RecordedMessages implements AsyncIterableIterator<SseMessage> {
  readonly log: string[] = [];
  #index = 0;
  constructor(
    readonly messages: SseMessage[],
    readonly failAfter?: number,
  ) {}
  [Symbol.asyncIterator](): this {
    this.log.push('open');
    return this;
  }
  async next(): Promise<IteratorResult<SseMessage>> {
    if (this.failAfter !== undefined && this.#index === this.failAfter) {
      this.log.push('fail');
      throw new Error('connection reset');
    }
    const message = this.messages[this.#index++];
    this.log.push(message === undefined ? 'end' : `read ${message.data.slice(0, 12)}`);
    return message === undefined ? { value: undefined, done: true } : { value: message, done: false };
  }
  async return(): Promise<IteratorResult<SseMessage>> {
    this.log.push('return');
    return { value: undefined, done: true };
  }
}

const message = (data: string, event?: string): SseMessage => ({ event, data, id: undefined });
const chunk = (delta: Record<string, unknown>): SseMessage => message(JSON.stringify({ model: 'm', choices: [{ index: 0, delta, finish_reason: null }] }));
const TEXT_STREAM: SseMessage[] = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Hel' }),
  chunk({ content: 'lo' }),
  message(JSON.stringify({ model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })),
  message(JSON.stringify({ model: 'm', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } })),
  message('[DONE]'),
  message('never read'),
];

type Outcome = { events: ChatStreamEvent[]; error?: string; log: string[] };
type Consume = (stream: AsyncGenerator<ChatStreamEvent, void, undefined>, outcome: Outcome) => Promise<void>;

async function drain(stream: AsyncIterable<ChatStreamEvent>, outcome: Outcome): Promise<void> {
  for await (const event of stream) outcome.events.push(event);
}

/** Runs one scenario through the iterator and the reference generator; both must do the same. */
async function bothWays(messages: () => RecordedMessages, consume: Consume = drain): Promise<Outcome> {
  const run = async (make: (messages: AsyncIterable<SseMessage>, decoder: ChatStreamDecoder) => AsyncGenerator<ChatStreamEvent, void, undefined>) => {
    const source = messages();
    const outcome: Outcome = { events: [], log: source.log };
    try {
      await consume(make(source, createChatStreamDecoder()), outcome);
    } catch (error) {
      outcome.error = `${(error as { kind?: string }).kind ?? 'plain'}: ${(error as Error).message}`;
    }
    return outcome;
  };
  const actual = await run(decodeChatCompletionStream);
  const reference = await run(referenceStream);
  expect(actual).toEqual(reference);
  return actual;
}

describe('decodeChatCompletionStream behaves as the async generator it replaced', () => {
  it('reads to [DONE], closes the messages there, then gives the closing events', async () => {
    const outcome = await bothWays(() => new RecordedMessages(TEXT_STREAM));
    expect(outcome.events.map((event) => event.type)).toEqual(['start', 'text', 'text', 'usage', 'finish']);
    expect(outcome.log.slice(-2)).toEqual(['read [DONE]', 'return']);
    expect(outcome.error).toBeUndefined();
  });

  it('ends with the messages when no [DONE] comes (TGI), without closing them', async () => {
    const outcome = await bothWays(() => new RecordedMessages(TEXT_STREAM.slice(0, 5)));
    expect(outcome.events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    expect(outcome.log.at(-1)).toBe('end');
  });

  it('closes the messages when the caller leaves early', async () => {
    const outcome = await bothWays(
      () => new RecordedMessages(TEXT_STREAM),
      async (stream, outcome) => {
        for await (const event of stream) {
          outcome.events.push(event);
          if (event.type === 'text') break;
        }
      },
    );
    expect(outcome.events.map((event) => event.type)).toEqual(['start', 'text']);
    expect(outcome.log).toEqual(['open', 'read {"model":"m"', 'read {"model":"m"', 'return']);
  });

  it('closes the messages and throws invalid-response for a chunk that is not JSON', async () => {
    const outcome = await bothWays(() => new RecordedMessages([TEXT_STREAM[0]!, message('{"choices": ['), ...TEXT_STREAM.slice(1)]));
    expect(outcome.error).toMatch(/^invalid-response: The server sent a stream chunk that is not valid JSON/);
    expect(outcome.log.at(-1)).toBe('return');
  });

  it('throws the typed error of an error object or an event: error message', async () => {
    const embedded = await bothWays(() => new RecordedMessages([TEXT_STREAM[0]!, message(JSON.stringify({ error: { message: 'Rate limit reached', code: 429 } }))]));
    expect(embedded.error).toMatch(/^rate-limit: The server reported an error inside the response stream: Rate limit reached/);
    const event = await bothWays(() => new RecordedMessages([message('overloaded, try later', 'error')]));
    expect(event.error).toMatch(/^\w[\w-]*: The server reported an error inside the response stream: overloaded, try later/);
  });

  it('passes a failure of the messages through without closing them', async () => {
    const outcome = await bothWays(() => new RecordedMessages(TEXT_STREAM, 2));
    expect(outcome.error).toBe('plain: connection reset');
    expect(outcome.log.at(-1)).toBe('fail');
    expect(outcome.events.map((event) => event.type)).toEqual(['start', 'text']);
  });

  it('throws invalid-response for a stream that held no chunk', async () => {
    const outcome = await bothWays(() => new RecordedMessages([message('[DONE]')]));
    expect(outcome.error).toBe('invalid-response: The server answered 200 but its event stream held no chunk.');
  });

  it('hands out events in order to next() calls made before the earlier ones settled', async () => {
    const outcome = await bothWays(
      () => new RecordedMessages(TEXT_STREAM),
      async (stream, outcome) => {
        const results = await Promise.all([stream.next(), stream.next(), stream.next(), stream.next(), stream.next(), stream.next(), stream.next()]);
        for (const result of results) if (!result.done) outcome.events.push(result.value);
        expect(results.map((result) => result.done)).toEqual([false, false, false, false, false, true, true]);
      },
    );
    expect(outcome.events.map((event) => event.type)).toEqual(['start', 'text', 'text', 'usage', 'finish']);
  });

  it('return() and throw() after the end change nothing; throw() mid-stream closes the messages and rejects', async () => {
    const outcome = await bothWays(
      () => new RecordedMessages(TEXT_STREAM),
      async (stream, outcome) => {
        const first = await stream.next();
        if (!first.done) outcome.events.push(first.value);
        await expect(stream.throw(new Error('caller gave up'))).rejects.toThrow('caller gave up');
        expect(await stream.next()).toEqual({ value: undefined, done: true });
        expect(await stream.return()).toEqual({ value: undefined, done: true });
      },
    );
    expect(outcome.log).toEqual(['open', 'read {"model":"m"', 'return']);
  });
});

describe('openChatCompletionStream', () => {
  it('opens its source on the first next(), not before, and never when returned first', async () => {
    let opened = 0;
    const open = async () => {
      opened++;
      return { messages: new RecordedMessages(TEXT_STREAM), decoder: createChatStreamDecoder() };
    };
    const unused = openChatCompletionStream(open);
    expect(await unused.return()).toEqual({ value: undefined, done: true });
    expect(await unused.next()).toEqual({ value: undefined, done: true });
    expect(opened).toBe(0);

    const stream = openChatCompletionStream(open);
    expect(opened).toBe(0);
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(opened).toBe(1);
    expect(types).toEqual(['start', 'text', 'text', 'usage', 'finish']);
  });

  it('rejects the first next() with the error of opening, then is done', async () => {
    const stream = openChatCompletionStream(async () => {
      throw new Error('refused');
    });
    await expect(stream.next()).rejects.toThrow('refused');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('closes the messages of a source that opened after return() was called', async () => {
    const messages = new RecordedMessages(TEXT_STREAM);
    let release!: () => void;
    const stream = openChatCompletionStream(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { messages, decoder: createChatStreamDecoder() };
    });
    const first = stream.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await stream.return()).toEqual({ value: undefined, done: true });
    release();
    expect(await first).toEqual({ value: undefined, done: true });
    expect(messages.log).toEqual(['open', 'return']);
  });
});
