import type { ChatStreamEvent, SseMessage } from '@switchyard/core';
import type { ChatStreamDecoder } from './chat-stream-decoder.js';
import { embeddedErrorFromPayload, isEmbeddedError } from './embedded-error.js';
import { isJsonObject } from './json-fields.js';
import { malformedChunkError } from './malformed-chunk.js';

/**
 * Reads an OpenAI-compatible Server-Sent Events stream (`response.sse()` of the core transport)
 * through a decoder: one `JSON.parse` per message, `[DONE]` ends it (a stream without it, like
 * TGI's, ends with the body), an `event: error` message or error object becomes its typed error,
 * and a message that is not JSON is `invalid-response` (semantic-kernel
 * `openai/chat_completion_invalid_streaming_test_response.txt`).
 *
 * It behaves as an async generator looping `for await` over `messages` would: leaving early
 * (`break`, `return()`) or a decoding error closes `messages`.
 */
export function decodeChatCompletionStream(messages: AsyncIterable<SseMessage>, decoder: ChatStreamDecoder): AsyncGenerator<ChatStreamEvent, void, undefined> {
  return new ChatCompletionEvents(() => ({ messages, decoder }));
}

/** What {@link openChatCompletionStream} reads: the messages of a response and the decoder for them. */
export interface ChatCompletionStreamSource {
  messages: AsyncIterable<SseMessage>;
  decoder: ChatStreamDecoder;
}

/**
 * {@link decodeChatCompletionStream} over a source opened by the first `next()` (the provider's
 * request is sent then, as it would be by an async generator that starts with it), so that a
 * provider's `streamChat` is one iterator rather than a generator delegating to another.
 */
export function openChatCompletionStream(open: () => Promise<ChatCompletionStreamSource>): AsyncGenerator<ChatStreamEvent, void, undefined> {
  return new ChatCompletionEvents(open);
}

/**
 * The events of one SSE message (not `[DONE]`): one `JSON.parse`, then the decoder. An
 * `event: error` message or an error object is its typed error; text that is not JSON is
 * `invalid-response`.
 */
export function decodeSseMessage(message: SseMessage, decoder: ChatStreamDecoder): readonly ChatStreamEvent[] {
  const data = message.data;
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch (cause) {
    if (message.event === 'error') throw embeddedErrorFromPayload({ error: data }, 'stream');
    throw malformedChunkError(data, cause);
  }
  if (message.event === 'error' && !(isJsonObject(chunk) && isEmbeddedError(chunk))) {
    throw embeddedErrorFromPayload({ error: chunk }, 'stream');
  }
  return decoder.push(chunk);
}

type EventResult = IteratorResult<ChatStreamEvent, void>;

const DONE: EventResult = Object.freeze({ value: undefined, done: true });
const NO_EVENTS: readonly ChatStreamEvent[] = Object.freeze([]);

/**
 * The event stream as a hand-written iterator. Two nested async generators (the provider's
 * `streamChat` delegating to a decoding loop) cost about six promises per streamed chunk on top of
 * the transport's two (bench `count-promises`, measured on the provider called directly: 1,648 per
 * 200-chunk stream against 426 for the transport alone); this costs one per chunk, and its
 * callbacks are bound once per stream.
 */
class ChatCompletionEvents implements AsyncGenerator<ChatStreamEvent, void, undefined> {
  #open: (() => Promise<ChatCompletionStreamSource> | ChatCompletionStreamSource) | undefined;
  #messages: AsyncIterator<SseMessage> | undefined;
  #decoder: ChatStreamDecoder | undefined;
  #events: readonly ChatStreamEvent[] = NO_EVENTS;
  #position = 0;
  #done = false;
  /** The `next()` still deciding its result; another call waits for it, as calls to a generator queue. */
  #running: Promise<EventResult> | undefined;

  constructor(open: () => Promise<ChatCompletionStreamSource> | ChatCompletionStreamSource) {
    this.#open = open;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<EventResult> {
    if (this.#position < this.#events.length) return Promise.resolve({ value: this.#events[this.#position++]!, done: false });
    if (this.#done) return Promise.resolve(DONE);
    if (this.#running !== undefined) return this.#running.then(this.#nextAfterRunning, this.#nextAfterRunning);
    // Cleared by whichever callback decides the result (#deliver, #end, the failure paths).
    this.#running = this.#messages === undefined ? this.#start() : this.#pull();
    return this.#running;
  }

  return(): Promise<EventResult> {
    return this.#stop().then(() => DONE);
  }

  throw(error: unknown): Promise<EventResult> {
    // A throw at a generator's `yield` inside its `for await` closes the messages, ignoring how.
    return this.#stop().then(
      () => Promise.reject(error),
      () => Promise.reject(error),
    );
  }

  readonly #nextAfterRunning = (): Promise<EventResult> => this.next();

  /** The first `next()`: opens the source (sends the request), then reads. */
  async #start(): Promise<EventResult> {
    const open = this.#open!;
    this.#open = undefined;
    try {
      const source = await open();
      this.#decoder = source.decoder;
      this.#messages = source.messages[Symbol.asyncIterator]();
    } catch (error) {
      this.#running = undefined;
      this.#done = true;
      throw error;
    }
    if (this.#done) {
      // return() came while the request was on its way: close the body it brought.
      this.#running = undefined;
      return this.#stop().then(() => DONE);
    }
    return this.#pull();
  }

  #pull(): Promise<EventResult> {
    return this.#messages!.next().then(this.#onMessage, this.#onReadError);
  }

  readonly #onMessage = (result: IteratorResult<SseMessage>): EventResult | Promise<EventResult> => {
    if (this.#done) {
      // return() was called while this message was on its way.
      this.#running = undefined;
      return DONE;
    }
    if (result.done) return this.#end();
    if (result.value.data === '[DONE]') return this.#closeMessages().then(this.#end, this.#failed);
    let events: readonly ChatStreamEvent[];
    try {
      events = decodeSseMessage(result.value, this.#decoder!);
    } catch (error) {
      return this.#fail(error);
    }
    // A chunk without events (a role-only first chunk, a usage chunk): read on, still for this next().
    if (events.length === 0) return this.#pull();
    return this.#deliver(events);
  };

  readonly #onReadError = (error: unknown): never => {
    // The messages failed on their own: nothing to close (a `for await` does not close them either).
    this.#messages = undefined;
    return this.#failed(error);
  };

  readonly #failed = (error: unknown): never => {
    this.#running = undefined;
    this.#done = true;
    throw error;
  };

  /** Hands out the first of `events` now and keeps the rest for the next calls. */
  #deliver(events: readonly ChatStreamEvent[]): EventResult {
    this.#running = undefined;
    this.#events = events;
    this.#position = 1;
    return { value: events[0]!, done: false };
  }

  /** After the last message: the decoder's closing events (tool calls, usage, finish). */
  readonly #end = (): EventResult => {
    this.#messages = undefined;
    if (this.#done) {
      // return() was called while the messages were closing after `[DONE]`.
      this.#running = undefined;
      return DONE;
    }
    let events: readonly ChatStreamEvent[];
    try {
      events = this.#decoder!.end();
    } catch (error) {
      return this.#failed(error);
    }
    this.#done = true;
    if (events.length > 0) return this.#deliver(events);
    this.#running = undefined;
    return DONE;
  };

  /** A decoding error: the messages are closed first and how that went is ignored, as `for await` does. */
  #fail(error: unknown): Promise<never> {
    this.#running = undefined;
    this.#done = true;
    return this.#closeMessages().then(
      () => Promise.reject(error),
      () => Promise.reject(error),
    );
  }

  /** Ends the stream from outside (`return()`, `throw()`): buffered events are dropped, the messages closed. */
  #stop(): Promise<unknown> {
    this.#done = true;
    this.#open = undefined;
    this.#events = NO_EVENTS;
    this.#position = 0;
    return this.#closeMessages();
  }

  /** Closes the messages (`return()`, which destroys the response body); never throws, only rejects. */
  #closeMessages(): Promise<unknown> {
    const messages = this.#messages;
    this.#messages = undefined;
    if (messages?.return === undefined) return Promise.resolve();
    try {
      return Promise.resolve(messages.return());
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
