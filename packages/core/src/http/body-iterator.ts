import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { ChunkDecoder } from './chunk-decoder.js';
import type { ResponseBody } from './exchange.js';

/** Decoded items held before the body is paused; bounds memory when the consumer is slow. */
const MAX_QUEUED_ITEMS = 64;

/** How a {@link BodyIterator} reports the end of its body to its owner. */
export interface BodyIteratorHooks {
  /**
   * Turns anything the body threw (`fromDecoder` false) or the decoder rejected (`fromDecoder`
   * true) into the typed error the consumer receives.
   */
  toError(error: unknown, fromDecoder: boolean): SwitchyardError;
  /** Called once when the body is done with (read to the end, failed, or abandoned). */
  finish(): void;
}

/**
 * Pull-based iteration over an undici response body through a {@link ChunkDecoder}: chunks are
 * decoded as they arrive and handed out on `next()`, and the body is paused once
 * {@link MAX_QUEUED_ITEMS} items wait unread (Node then stops reading the socket), so a slow
 * consumer never makes this buffer the whole response. A consumer that stops early (`break`,
 * `return`) destroys the body; a stream that announces its own end (`data: [DONE]`) has the rest
 * of its body drained in the background so the connection can be reused.
 *
 * Written as a plain iterator over `data` events rather than an async generator over the stream:
 * it costs one promise per item instead of several per chunk, which is most of the transport's
 * overhead on a token stream.
 */
export class BodyIterator<T> implements AsyncIterableIterator<T> {
  readonly #body: ResponseBody;
  readonly #decoder: ChunkDecoder<T>;
  readonly #hooks: BodyIteratorHooks;
  #items: T[] = [];
  #head = 0;
  #state: 'reading' | 'ended' | 'failed' | 'closed' = 'reading';
  #error: SwitchyardError | undefined;
  #waiter: { resolve: (result: IteratorResult<T>) => void; reject: (error: SwitchyardError) => void } | undefined;
  #paused = false;

  constructor(body: ResponseBody, decoder: ChunkDecoder<T>, hooks: BodyIteratorHooks) {
    this.#body = body;
    this.#decoder = decoder;
    this.#hooks = hooks;
    if (body.destroyed) {
      this.#fail(body.errored ?? new Error('The response body was closed before it was read.'));
      return;
    }
    body.on('data', this.#onData);
    body.on('end', this.#onEnd);
    body.on('error', this.#fail);
    body.on('close', this.#onClose);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#head < this.#items.length) return Promise.resolve({ value: this.#take(), done: false });
    switch (this.#state) {
      case 'reading':
        return new Promise((resolve, reject) => {
          this.#waiter = { resolve, reject };
        });
      case 'ended':
        this.#close();
        return Promise.resolve({ value: undefined, done: true });
      case 'failed': {
        this.#state = 'closed';
        return Promise.reject(this.#error);
      }
      case 'closed':
        return Promise.resolve({ value: undefined, done: true });
    }
  }

  return(): Promise<IteratorResult<T>> {
    if (this.#state === 'reading') {
      this.#detach();
      this.#body.on('error', ignore);
      this.#body.destroy();
    }
    this.#close();
    return Promise.resolve({ value: undefined, done: true });
  }

  #take(): T {
    const item = this.#items[this.#head++]!;
    if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
      if (this.#paused) {
        this.#paused = false;
        this.#body.resume();
      }
    }
    return item;
  }

  #onData = (chunk: Buffer): void => {
    let finished: boolean;
    try {
      finished = this.#decoder.write(chunk, this.#items);
    } catch (error) {
      this.#fail(error, true);
      this.#body.on('error', ignore);
      this.#body.destroy();
      return;
    }
    if (finished) {
      this.#state = 'ended';
      this.#detach();
      this.#hooks.finish();
      // Drain what follows `[DONE]` (usually just the chunked-encoding terminator) so the socket is reused.
      this.#body.dump().catch(ignore);
    } else if (!this.#paused && this.#items.length - this.#head >= MAX_QUEUED_ITEMS) {
      this.#paused = true;
      this.#body.pause();
    }
    this.#wake();
  };

  #onEnd = (): void => {
    if (this.#state !== 'reading') return;
    try {
      this.#decoder.end(this.#items);
    } catch (error) {
      this.#fail(error, true);
      return;
    }
    this.#state = 'ended';
    this.#detach();
    this.#hooks.finish();
    this.#wake();
  };

  #onClose = (): void => {
    if (this.#state === 'reading') this.#fail(this.#body.errored ?? new Error('The response body was closed before it ended.'));
  };

  #fail = (error: unknown, fromDecoder = false): void => {
    if (this.#state !== 'reading') return;
    this.#state = 'failed';
    this.#error = this.#hooks.toError(error, fromDecoder);
    this.#detach();
    this.#hooks.finish();
    this.#wake();
  };

  #wake(): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    if (this.#head < this.#items.length) {
      this.#waiter = undefined;
      waiter.resolve({ value: this.#take(), done: false });
    } else if (this.#state === 'ended') {
      this.#waiter = undefined;
      this.#close();
      waiter.resolve({ value: undefined, done: true });
    } else if (this.#state === 'failed') {
      this.#waiter = undefined;
      this.#state = 'closed';
      waiter.reject(this.#error!);
    }
  }

  #close(): void {
    this.#state = 'closed';
    this.#items.length = 0;
    this.#head = 0;
    this.#hooks.finish();
  }

  #detach(): void {
    this.#body.off('data', this.#onData);
    this.#body.off('end', this.#onEnd);
    this.#body.off('error', this.#fail);
    this.#body.off('close', this.#onClose);
  }
}

function ignore(): void {}
