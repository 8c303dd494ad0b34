import type { SwitchyardError } from '../errors/switchyard-error.js';
import { AbortEmitter } from './abort-emitter.js';
import { abortedError, errorFromNetworkFailure, timeoutError, type FailureContext } from './transport-errors.js';
import type { TransportTimeouts } from './types.js';

/** setTimeout treats delays above this as 1 ms; longer deadlines are simply not armed. */
const MAX_TIMER_MS = 2_147_483_647;

/** What a {@link RequestLifecycle} starts from. */
export interface RequestStart {
  method: string;
  url: URL;
  timeouts: TransportTimeouts;
  signal: AbortSignal | undefined;
  provider: string | undefined;
  model: string | undefined;
  /**
   * The connect timeout the dispatcher enforces itself (the transport's own agent), or undefined
   * for an injected dispatcher. A request whose deadline is not shorter relies on it: undici then
   * fails the connection and every request queued on it, and no timer per request is needed.
   */
  dispatcherConnectMs: number | undefined;
}

/**
 * The state of one `request()` from start to the end of its body: the abort signal handed to
 * undici, the connect and total deadlines (undici itself enforces headers and idle), the caller's
 * signal, whether the request reached a socket, and the credential values to scrub. Every failure
 * of the request, at any stage, becomes a typed error through {@link RequestLifecycle.toError}.
 */
export class RequestLifecycle implements FailureContext {
  readonly method: string;
  url: URL;
  sent = false;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly secrets: string[] = [];
  readonly timeouts: TransportTimeouts;
  readonly #abortSignal = new AbortEmitter();
  readonly #callerSignal: AbortSignal | undefined;
  #reason: SwitchyardError | undefined;
  #totalTimer: NodeJS.Timeout | undefined;
  #connectTimer: NodeJS.Timeout | undefined;
  /**
   * Rejects what the request is waiting on (an exchange, a credential source), so a deadline is
   * honoured even while undici still waits for a socket or a source hangs.
   */
  #rejectPending: ((error: SwitchyardError) => void) | undefined;
  #finished = false;
  /** Whether this request needs its own connect timer (see {@link RequestStart.dispatcherConnectMs}). */
  readonly #ownConnectTimer: boolean;

  constructor({ method, url, timeouts, signal, provider, model, dispatcherConnectMs }: RequestStart) {
    this.method = method;
    this.url = url;
    this.timeouts = timeouts;
    this.provider = provider;
    this.model = model;
    this.#ownConnectTimer = dispatcherConnectMs === undefined || timeouts.connectMs < dispatcherConnectMs;
    this.#callerSignal = signal;
    if (signal?.aborted) throw abortedError(signal.reason, this);
    signal?.addEventListener('abort', this.#onCallerAbort);
    this.#totalTimer = startTimer(timeouts.totalMs, () => this.abort(timeoutError('total', timeouts.totalMs, this)));
  }

  /** The signal undici watches: aborted by the caller's signal or a deadline, with the typed error as reason. */
  get signal(): AbortEmitter {
    return this.#abortSignal;
  }

  /** Starts a new exchange (the first, or after a redirect / credential refresh): arms the connect deadline. */
  beginExchange(url: URL, rejectExchange: (error: SwitchyardError) => void): void {
    if (this.#reason) throw this.#reason;
    this.url = url;
    this.sent = false;
    this.#rejectPending = rejectExchange;
    if (!this.#ownConnectTimer) return;
    clearTimeout(this.#connectTimer);
    this.#connectTimer = startTimer(this.timeouts.connectMs, () => this.abort(timeoutError('connect', this.timeouts.connectMs, this)));
  }

  /** undici gave the request a connected socket and is about to write it. */
  markSent(): void {
    this.sent = true;
    clearTimeout(this.#connectTimer);
    this.#connectTimer = undefined;
  }

  /** Response headers arrived: the exchange can no longer be rejected from outside. */
  endExchange(): void {
    this.#rejectPending = undefined;
    clearTimeout(this.#connectTimer);
    this.#connectTimer = undefined;
  }

  /** Stops the request with `error` (a deadline passed or the caller aborted). */
  abort(error: SwitchyardError): void {
    if (this.#finished || this.#reason) return;
    this.#reason = error;
    this.#clear();
    this.#abortSignal.abort(error);
    const reject = this.#rejectPending;
    this.#rejectPending = undefined;
    reject?.(error);
  }

  /** `work`'s outcome, or the abort error as soon as a deadline passes or the caller aborts. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.#reason) {
      work.catch(() => undefined);
      return Promise.reject(this.#reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.#rejectPending = reject;
      work.then(
        (value) => {
          this.#rejectPending = undefined;
          resolve(value);
        },
        (error: unknown) => {
          this.#rejectPending = undefined;
          reject(error);
        },
      );
    });
  }

  /** Whatever went wrong, as the typed error to throw: the abort reason wins over what undici reports after it. */
  toError(error: unknown): SwitchyardError {
    return this.#reason ?? errorFromNetworkFailure(error, this, this.timeouts);
  }

  /** The request is over (body read, discarded or failed): releases timers and the caller's signal. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#clear();
  }

  #onCallerAbort = (): void => {
    this.abort(abortedError(this.#callerSignal?.reason, this));
  };

  #clear(): void {
    clearTimeout(this.#totalTimer);
    clearTimeout(this.#connectTimer);
    this.#totalTimer = undefined;
    this.#connectTimer = undefined;
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }
}

function startTimer(ms: number, onTimeout: () => void): NodeJS.Timeout | undefined {
  if (!(ms > 0 && ms <= MAX_TIMER_MS)) return undefined;
  const timer = setTimeout(onTimeout, ms);
  // A deadline must not keep a process alive by itself; the socket it guards does that while needed.
  timer.unref();
  return timer;
}
