import type { SwitchyardError } from '../errors/switchyard-error.js';
import { AbortEmitter } from '../http/abort-emitter.js';

/**
 * The abort state of one attempt (or of one streamed call). In Node 20 making an `AbortSignal`
 * costs 5-10 µs (measured in the client benchmark: a tenth of a loopback chat), and most attempts
 * never need one: the client's own waits and the transport listen here instead, through the part
 * of the `AbortSignal` interface they use (`aborted`, `reason`, `addEventListener('abort')`,
 * `removeEventListener`). A real `AbortSignal` is made only when someone asks
 * for {@link AttemptAbort.signal} (a provider reading `ctx.signal`), and it aborts with the same
 * reason. The listener list is the transport's {@link AbortEmitter} (the EventEmitter form undici
 * takes), with the DOM listener methods on top.
 */
export class AttemptAbort<Reason = SwitchyardError> extends AbortEmitter {
  declare reason: Reason | undefined;
  #controller: AbortController | undefined;

  /** A DOM `AbortSignal` tied to this state, made on first use. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  /** Whether {@link AttemptAbort.signal} was made (another signal that is not it needs combining). */
  isOwnSignal(signal: AbortSignal): boolean {
    return this.#controller !== undefined && this.#controller.signal === signal;
  }

  /** Runs `listener` once, when the attempt aborts (`type` is always `'abort'`). */
  addEventListener(type: 'abort', listener: () => void): void {
    if (!this.aborted) this.on(type, listener);
  }

  removeEventListener(type: 'abort', listener: () => void): void {
    this.removeListener(type, listener);
  }

  /** Aborts once with `reason`: listeners run in the order they were added, then the DOM signal's. */
  override abort(reason: Reason): void {
    if (this.aborted) return;
    super.abort(reason);
    this.#controller?.abort(reason);
  }

  /**
   * This state where code of this package expects an `AbortSignal` and reads only `aborted`,
   * `reason` and the two listener methods: the transport's request lifecycle (which recognises a
   * signal by that shape), the attempt scope's caller signal, abortable sleeps. No DOM signal is
   * made for them. Never hand it to code outside the package: use {@link AttemptAbort.signal}.
   */
  asSignal(): AbortSignal {
    return this as unknown as AbortSignal;
  }
}
