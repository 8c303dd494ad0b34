/**
 * Bridges a callback producer (node-llama-cpp's `onTextChunk`) to an async iterable consumer.
 * Items are buffered only while the consumer is behind; `end` and `fail` finish the iteration.
 */
export class EventChannel<T> implements AsyncIterable<T> {
  readonly #buffer: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  #failWaiting: ((error: unknown) => void) | undefined;
  #done = false;
  #error: { value: unknown } | undefined;
  #onReturn: (() => void) | undefined;

  constructor(onReturn?: () => void) {
    this.#onReturn = onReturn;
  }

  push(item: T): void {
    if (this.#done) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = this.#failWaiting = undefined;
      resolve({ value: item, done: false });
    } else {
      this.#buffer.push(item);
    }
  }

  end(): void {
    this.#done = true;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = this.#failWaiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#error = { value: error };
    if (this.#failWaiting) {
      const reject = this.#failWaiting;
      this.#waiting = this.#failWaiting = undefined;
      reject(error);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.#buffer.length > 0) return Promise.resolve({ value: this.#buffer.shift()!, done: false });
        if (this.#error) return Promise.reject(this.#error.value);
        if (this.#done) return Promise.resolve({ value: undefined, done: true });
        return new Promise<IteratorResult<T>>((resolve, reject) => {
          this.#waiting = resolve;
          this.#failWaiting = reject;
        });
      },
      return: () => {
        // The consumer stopped early (break, or the client aborted): let the producer stop too.
        if (!this.#done) this.#onReturn?.();
        this.#done = true;
        this.#buffer.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
