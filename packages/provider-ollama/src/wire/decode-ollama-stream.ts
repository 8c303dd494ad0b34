import type { ChatStreamEvent } from '@switchyard/core';
import { OllamaStreamDecoder, type OllamaStreamContext } from './ollama-stream-decoder.js';

export type { OllamaStreamContext } from './ollama-stream-decoder.js';

/** A stream once its request has been answered: the parsed lines, and a first event to give out. */
export interface OpenedOllamaStream {
  lines: AsyncIterator<unknown>;
  start?: ChatStreamEvent;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The stream events of an Ollama NDJSON answer, as an async iterator that opens the request on the
 * first `next()`. A plain class rather than nested async generators: each generator layer costs a
 * promise round per token (about half the decoding CPU of a 200-line stream). Stopping early
 * (`return()`, `break`) and every error release the underlying response.
 */
export class OllamaEventStream implements AsyncIterableIterator<ChatStreamEvent, undefined> {
  readonly #open: () => Promise<OpenedOllamaStream>;
  readonly #decoder: OllamaStreamDecoder;
  readonly #pending: ChatStreamEvent[] = [];
  #nextIndex = 0;
  #lines: AsyncIterator<unknown> | undefined;
  #finished = false;

  constructor(open: () => Promise<OpenedOllamaStream>, context: OllamaStreamContext) {
    this.#open = open;
    this.#decoder = new OllamaStreamDecoder(context);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
    if (this.#nextIndex < this.#pending.length) return { done: false, value: this.#pending[this.#nextIndex++] as ChatStreamEvent };
    if (this.#finished) return DONE;
    try {
      if (this.#lines === undefined) {
        const opened = await this.#open();
        this.#lines = opened.lines;
        if (opened.start !== undefined) return { done: false, value: opened.start };
      }
      this.#pending.length = 0;
      this.#nextIndex = 0;
      while (this.#pending.length === 0) {
        const result = await this.#lines.next();
        if (result.done === true) this.#decoder.end();
        if (this.#decoder.decode(result.value, this.#pending)) {
          // The final line: nothing after it matters, so the connection is released now.
          this.#finished = true;
          await this.#lines.return?.();
        }
      }
    } catch (error) {
      this.#finished = true;
      await this.#release();
      throw error;
    }
    return { done: false, value: this.#pending[this.#nextIndex++] as ChatStreamEvent };
  }

  async return(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
    this.#finished = true;
    this.#pending.length = 0;
    await this.#release();
    return DONE;
  }

  async #release(): Promise<void> {
    const lines = this.#lines;
    if (lines?.return === undefined) return;
    try {
      await lines.return();
    } catch {
      // The reader already failed (the error being thrown says why); releasing it cannot add more.
    }
  }
}

/**
 * Turns the parsed lines of an Ollama NDJSON stream (what the transport's `ndjson()` yields) into
 * stream events: see {@link OllamaStreamDecoder}. A stream that ends without its `"done": true`
 * line throws `stream-interrupted`.
 */
export function decodeOllamaStream(lines: AsyncIterable<unknown>, context: OllamaStreamContext): AsyncIterableIterator<ChatStreamEvent, undefined> {
  return new OllamaEventStream(async () => ({ lines: lines[Symbol.asyncIterator]() }), context);
}
