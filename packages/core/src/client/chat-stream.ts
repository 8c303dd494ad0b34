import { SwitchyardError } from '../errors/switchyard-error.js';
import type { ChatResponse } from '../spec/responses.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';
import { encodeStreamError, encodeStreamEvent } from './stream-encoding.js';
import type { StreamEncoding } from './stream-encoding.js';

/**
 * What a {@link ChatStream} reads: the call's events, and its response settled before `next()`
 * answers done.
 * @internal Implemented by the client's streaming calls.
 */
export interface StreamSource<TResponse> {
  /** The next event; after the end (or a failure), `done`. */
  next(): Promise<IteratorResult<ChatStreamEvent, undefined>>;
  /** The reader stopped early (after `cancel`): closes what is open; `response` rejects with `aborted` unless it settled. */
  return(): Promise<IteratorResult<ChatStreamEvent, undefined>>;
  /** Aborts the call: every attempt and every wait. */
  cancel(reason?: unknown): void;
  /** The final response, once the stream has ended. */
  readonly response: Promise<TResponse>;
}

/**
 * A streaming answer. Iterate it (once) for events; `text()` and `response` resolve when it ends —
 * reading either without iterating consumes the stream in the background. Nothing is requested
 * until it is iterated or one of them is read, and events are pulled from the provider only as fast
 * as they are consumed (a slow reader does not make the client buffer the answer).
 *
 * Failures before the first content event were already retried or failed over by the client;
 * a failure after it surfaces as a `stream-interrupted` error carrying `partialText` and
 * `partialUsage`. Breaking out of a `for await` loop cancels the request and closes its socket.
 */
export class ChatStream<TResponse extends { text: string } = ChatResponse> implements AsyncIterable<ChatStreamEvent> {
  readonly #source: StreamSource<TResponse>;
  #claimed = false;
  #drainScheduled = false;

  /**
   * @param source the call's events and its final response.
   * @internal Created by the client's `streamChat` / `streamComplete`.
   */
  constructor(source: StreamSource<TResponse>) {
    this.#source = source;
    // Callers that only iterate never look at `response`: its rejection must not be "unhandled".
    source.response.catch(() => undefined);
  }

  /** The final response (usage, cost, trace…), once the stream has ended. */
  get response(): Promise<TResponse> {
    this.#scheduleDrain();
    return this.#source.response;
  }

  /** The whole generated text, once the stream has ended. */
  text(): Promise<string> {
    return this.response.then((response) => response.text);
  }

  /** Cancels the call: the request is aborted, iteration and `response` reject with `aborted`. */
  abort(): void {
    this.#source.cancel();
    this.#scheduleDrain();
  }

  [Symbol.asyncIterator](): AsyncIterator<ChatStreamEvent> {
    this.#claim();
    // The source's own reads, not a layer over them: one promise per event between the provider and the caller.
    const source = this.#source;
    return {
      next: () => source.next(),
      return: () => {
        source.cancel();
        return source.return();
      },
    };
  }

  /**
   * A web `ReadableStream` of the events, encoded for a browser:
   * - `'sse'` (default): Server-Sent Events, one `data: <ChatStreamEvent JSON>` message per event;
   *   a failure is sent as `event: error` with `{ kind, message, committed, retryable }` as data; the
   *   stream ends after the `finish` event (no `[DONE]` sentinel). Serve it with
   *   `content-type: text/event-stream`.
   * - `'ndjson'`: one event JSON per line; a failure is a line `{ "type": "error", "error": {...} }`.
   *   Serve it with `content-type: application/x-ndjson`.
   * Cancelling the readable stream (the browser went away) aborts the call.
   */
  toReadableStream(options: { format?: StreamEncoding } = {}): ReadableStream<Uint8Array> {
    const format = options.format ?? 'sse';
    const iterator = this[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          try {
            const result = await iterator.next();
            if (result.done) {
              controller.close();
              return;
            }
            controller.enqueue(encoder.encode(encodeStreamEvent(result.value, format)));
          } catch (error) {
            controller.enqueue(encoder.encode(encodeStreamError(error, format)));
            controller.close();
          }
        },
        cancel: async () => {
          await iterator.return?.();
        },
      },
      // One event at a time: the provider is read only as fast as the browser takes events.
      { highWaterMark: 0 },
    );
  }

  #claim(): void {
    if (this.#claimed) {
      throw new SwitchyardError(
        'invalid-request',
        'A ChatStream can be iterated only once (and not after reading response or text() started consuming it); read stream.response or stream.text() for the result.',
        { retryable: false },
      );
    }
    this.#claimed = true;
  }

  #scheduleDrain(): void {
    if (this.#claimed || this.#drainScheduled) return;
    this.#drainScheduled = true;
    // Deferred so that `const done = stream.response; for await (const event of stream)` — reading
    // `response` first, iterating right after — still hands the events to the loop.
    setImmediate(() => {
      if (this.#claimed) return;
      this.#claimed = true;
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    try {
      while (!(await this.#source.next()).done);
    } catch {
      // Already delivered through `response`.
    }
  }
}
