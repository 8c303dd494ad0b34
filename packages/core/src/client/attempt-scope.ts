import type { TimeoutPhase } from '../errors/error-kind.js';
import { SwitchyardError, isSwitchyardError } from '../errors/switchyard-error.js';
import type { ResolvedTimeouts } from '../spec/call-context.js';
import { abortReasonError } from '../policy/abort-error.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';
import { isContentEvent } from '../spec/stream-events.js';
import { AttemptAbort } from './attempt-abort.js';

/** Who and what an attempt is, for error context. */
export interface AttemptIdentity {
  provider: string;
  model: string;
  attempt: number;
}

/**
 * One attempt's signal and deadlines. The signal aborts when the caller aborts, when the first-token
 * deadline passes before the first content event (or, unstreamed, before the answer), when the
 * stream goes idle for longer than `idleMs` after that, when the attempt's total deadline passes,
 * or when the router abandons it (a lost hedge). The abort reason is always a `SwitchyardError`
 * naming what happened, so every layer below reports the same phase.
 *
 * One timer serves every deadline: it is re-armed only when it fires early, so a stream of
 * thousands of events costs one timer, not one per event.
 */
export class AttemptScope {
  /** Epoch milliseconds when the attempt started. */
  readonly startedAt: number;
  /** Epoch milliseconds of the total deadline. */
  readonly deadline: number;
  readonly identity: AttemptIdentity;
  readonly timeouts: ResolvedTimeouts;
  /** The abort state; a DOM `AbortSignal` is made only when a provider asks for `signal`. */
  readonly abortState = new AttemptAbort();
  readonly #startedMono: number;
  readonly #callerSignal: AbortSignal | undefined;
  #firstContentMono: number | undefined;
  #lastEventMono: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() at which the armed timer fires. */
  #timerAt = Infinity;
  #disposed = false;

  constructor(identity: AttemptIdentity, timeouts: ResolvedTimeouts, callerSignal: AbortSignal | undefined) {
    this.identity = identity;
    this.timeouts = timeouts;
    this.startedAt = Date.now();
    this.#startedMono = performance.now();
    this.#lastEventMono = this.#startedMono;
    this.deadline = this.startedAt + timeouts.totalMs;
    this.#callerSignal = callerSignal;
    if (callerSignal?.aborted) {
      this.abortState.abort(abortReasonError(callerSignal.reason, identity));
      return;
    }
    callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    this.#arm(this.#startedMono);
  }

  /** Aborts with the attempt: `CallContext.signal` (made on first use, see {@link AttemptAbort}). */
  get signal(): AbortSignal {
    return this.abortState.signal;
  }

  /** Milliseconds from the start of the attempt to the first content event or answer, once there was one. */
  get timeToFirstTokenMs(): number | undefined {
    return this.#firstContentMono === undefined ? undefined : Math.round(this.#firstContentMono - this.#startedMono);
  }

  /** Milliseconds since the attempt started. */
  elapsedMs(): number {
    return Math.round(performance.now() - this.#startedMono);
  }

  /** A stream event arrived; content ends the first-token wait and every event resets the idle wait. */
  markEvent(content: boolean): void {
    const now = performance.now();
    this.#lastEventMono = now;
    if (!content || this.#firstContentMono !== undefined) return;
    this.#firstContentMono = now;
    // The idle deadline now applies; it may come before the first-token one the timer waits for.
    if (this.#timer !== undefined && now + this.timeouts.idleMs < this.#timerAt) {
      this.#clearTimer();
      this.#arm(now);
    }
  }

  /** Abandons the attempt with `reason` (its signal aborts; pending reads reject with it). */
  abort(reason: SwitchyardError): void {
    this.abortState.abort(reason);
    this.#clearTimer();
  }

  /** Stops every timer and unlinks the caller's signal. Idempotent. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#clearTimer();
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }

  /**
   * The error that ended the attempt: the abort reason when the scope aborted (a deadline, the
   * caller, a lost hedge), otherwise `raw` with this attempt's context, or — for anything a
   * provider threw that is not a `SwitchyardError` — an `invalid-response` naming the provider.
   */
  errorFrom(raw: unknown): SwitchyardError {
    const abort = this.abortState;
    if (abort.aborted && abort.reason !== undefined) return abort.reason;
    const { provider, model, attempt } = this.identity;
    if (isSwitchyardError(raw)) return raw.withContext({ provider, model, attempt });
    const name = raw instanceof Error ? raw.name : typeof raw;
    return new SwitchyardError(
      'invalid-response',
      `Provider "${provider}" failed with an unexpected ${name} instead of a SwitchyardError (model ${model}); this is a bug in the provider package.`,
      { provider, model, attempt, retryable: false, cause: raw },
    );
  }

  /** Settles with `promise`, or rejects as soon as the attempt aborts, whichever is first. */
  guard<T>(promise: Promise<T>): Promise<T> {
    return this.settle(promise, identity, rethrow);
  }

  /**
   * {@link AttemptScope.guard} with the handlers of a `.then` built in: `onValue` with the value,
   * `onError` with the attempt's error (also when the attempt aborts first), one promise in all
   * rather than two. An abort reaches `onError` a microtask later, as through a `.then`.
   */
  settle<T, R>(promise: Promise<T>, onValue: (value: T) => R | PromiseLike<R>, onError: (error: SwitchyardError) => R | PromiseLike<R>): Promise<R> {
    return this.#settle(promise, onValue, onError, false);
  }

  /**
   * Reads the next event of a provider's stream under this scope's deadlines, with the handlers of
   * a `.then` as in {@link AttemptScope.settle}: the event marks progress (first token, idle) before
   * `onResult` sees it, and the read rejects as soon as the scope aborts even if the provider ignores
   * its signal. One promise per event: a committed stream's reader is this and nothing more.
   */
  read<R>(
    events: AsyncIterator<ChatStreamEvent>,
    onResult: (result: IteratorResult<ChatStreamEvent>) => R | PromiseLike<R>,
    onError: (error: SwitchyardError) => R | PromiseLike<R>,
  ): Promise<R> {
    let pending: Promise<IteratorResult<ChatStreamEvent>> = NOT_READ;
    if (!this.abortState.aborted) {
      try {
        pending = events.next();
      } catch (error) {
        pending = Promise.reject(error);
      }
    }
    return this.#settle(pending, onResult, onError, true);
  }

  #settle<T, R>(promise: Promise<T>, onValue: (value: T) => R | PromiseLike<R>, onError: (error: SwitchyardError) => R | PromiseLike<R>, marks: boolean): Promise<R> {
    const abort = this.abortState;
    if (abort.aborted) {
      promise.catch(() => undefined);
      const failure = this.errorFrom(undefined);
      return Promise.resolve().then(() => onError(failure));
    }
    return new Promise<R>((resolve, reject) => {
      // The abort decides the outcome the moment it happens, even if the promise settles before
      // the deferred handler runs.
      let aborted = false;
      const finish = <A>(handler: (argument: A) => R | PromiseLike<R>, argument: A) => {
        try {
          resolve(handler(argument));
        } catch (thrown) {
          reject(thrown);
        }
      };
      const onAbort = () => {
        aborted = true;
        queueMicrotask(() => finish(onError, this.errorFrom(undefined)));
      };
      abort.addEventListener('abort', onAbort);
      promise.then(
        (value) => {
          if (aborted) return;
          abort.removeEventListener('abort', onAbort);
          if (marks) {
            const result = value as IteratorResult<ChatStreamEvent>;
            if (!result.done) this.markEvent(isContentEvent(result.value));
          }
          finish(onValue, value);
        },
        (error: unknown) => {
          if (aborted) return;
          abort.removeEventListener('abort', onAbort);
          finish(onError, this.errorFrom(error));
        },
      );
    });
  }

  readonly #onCallerAbort = (): void => {
    this.abort(abortReasonError(this.#callerSignal?.reason, this.identity));
  };

  /** Arms the timer for the next deadline; `now` is performance.now() (the caller often just read it). */
  #arm(now: number): void {
    const totalAt = this.#startedMono + this.timeouts.totalMs;
    const phaseAt =
      this.#firstContentMono === undefined ? this.#startedMono + this.timeouts.firstTokenMs : this.#lastEventMono + this.timeouts.idleMs;
    this.#timerAt = Math.min(totalAt, phaseAt);
    this.#timer = setTimeout(this.#onTimer, Math.max(0, this.#timerAt - now));
  }

  readonly #onTimer = (): void => {
    this.#timer = undefined;
    if (this.#disposed || this.abortState.aborted) return;
    const now = performance.now();
    if (now >= this.#startedMono + this.timeouts.totalMs) return this.abort(this.#timeoutError('total'));
    if (this.#firstContentMono === undefined) {
      if (now >= this.#startedMono + this.timeouts.firstTokenMs) return this.abort(this.#timeoutError('first-token'));
    } else if (now >= this.#lastEventMono + this.timeouts.idleMs) {
      return this.abort(this.#timeoutError('idle'));
    }
    this.#arm(now);
  };

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #timeoutError(phase: 'first-token' | 'idle' | 'total'): SwitchyardError {
    const { provider, model, attempt } = this.identity;
    const where = `provider "${provider}" (model ${model})`;
    const messages: Record<typeof phase, string> = {
      'first-token': `No first token from ${where} within ${this.timeouts.firstTokenMs} ms. If the model is slow to start (a cold load), raise timeouts.firstTokenMs, for example per provider with timeouts.byProvider["${provider}"].firstTokenMs.`,
      idle: `The stream from ${where} stalled: nothing for ${this.timeouts.idleMs} ms between events. Raise timeouts.idleMs if the server pauses that long on purpose.`,
      total: `The attempt on ${where} ran past its total deadline of ${this.timeouts.totalMs} ms. Raise timeouts.totalMs for long generations.`,
    };
    return new SwitchyardError('timeout', messages[phase], { provider, model, attempt, timeoutPhase: phase satisfies TimeoutPhase });
  }
}

// What `read` settles with when the scope aborted before it could ask (the abort decides the outcome).
const NOT_READ: Promise<IteratorResult<ChatStreamEvent>> = Promise.resolve({ done: true, value: undefined });

function identity<T>(value: T): T {
  return value;
}

function rethrow(error: SwitchyardError): never {
  throw error;
}
