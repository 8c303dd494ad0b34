import type { AttemptBill } from '../billing/bill-attempt.js';
import type { BillingTicket } from '../billing/client-billing.js';
import type { Cost } from '../billing/cost.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { AttemptHandle } from '../routing/attempt-handle.js';
import type { Candidate } from '../routing/candidates.js';
import type { AttemptScope } from './attempt-scope.js';
import type { AttemptTrace } from './trace-types.js';

/** What a call admitted an attempt with: whether it is the breaker's probe, and its billing ticket (quota slot, budget reservation). */
export interface AttemptTicket {
  probe: boolean;
  billing: BillingTicket;
}

/** How an attempt's end is recorded (trace, breaker, meter, budget, events), supplied by the call. */
export interface AttemptRecorder {
  /** The attempt's cost: at once when the state is in this process, else once the stores answered. */
  record(run: AttemptRun<unknown>, result: AttemptBill | SwitchyardError): Cost | Promise<Cost>;
}

/** Hooks for the value an attempt wins with. */
export interface AttemptHooks<T> {
  /** The bill of a finished answer, or `undefined` while it is still running (a committed stream). */
  bill(value: T): AttemptBill | undefined;
  /** Closes a won value nobody will use (a hedge that committed a moment too late). */
  dispose?(value: T): void;
}

/**
 * One running attempt: its scope (signal and deadlines), its trace entry, and the promise the router
 * races. A failure is recorded before `won` rejects; an unstreamed answer before `won` resolves; a
 * committed stream is recorded when the stream ends, through {@link AttemptRun.finish}.
 */
export class AttemptRun<T> implements AttemptHandle<T> {
  readonly candidate: Candidate;
  readonly attempt: number;
  readonly hedge: boolean;
  readonly scope: AttemptScope;
  readonly ticket: AttemptTicket;
  readonly entry: AttemptTrace;
  readonly won: Promise<T>;
  readonly #recorder: AttemptRecorder;
  readonly #hooks: AttemptHooks<T>;
  #finished: Cost | Promise<Cost> | undefined;
  #value: { value: T } | undefined;

  constructor(
    candidate: Candidate,
    attempt: number,
    hedge: boolean,
    scope: AttemptScope,
    ticket: AttemptTicket,
    entry: AttemptTrace,
    recorder: AttemptRecorder,
    hooks: AttemptHooks<T>,
    work: (run: AttemptRun<T>) => Promise<T>,
  ) {
    this.candidate = candidate;
    this.attempt = attempt;
    this.hedge = hedge;
    this.scope = scope;
    this.ticket = ticket;
    this.entry = entry;
    this.#recorder = recorder;
    this.#hooks = hooks;
    // The work gets its run: a stream hands itself to the caller at its commit point, before `won` settles.
    let running: Promise<T>;
    try {
      running = work(this);
    } catch (error) {
      running = Promise.reject(error);
    }
    // Recorded before `won` settles; no extra promise when recording answers at once.
    this.won = this.scope.settle(
      running,
      (value) => {
        this.#value = { value };
        this.scope.markEvent(true);
        const bill = hooks.bill(value);
        const recorded = bill ? this.finish(bill) : undefined;
        return recorded instanceof Promise ? recorded.then(() => value) : value;
      },
      (failure) => {
        const recorded = this.finish(failure);
        if (recorded instanceof Promise) {
          return recorded.then(() => {
            throw failure;
          });
        }
        throw failure;
      },
    );
  }

  /** Records the attempt's end once (later calls return the first result): its cost. */
  finish(result: AttemptBill | SwitchyardError): Cost | Promise<Cost> {
    this.#finished ??= this.#recorder.record(this as AttemptRun<unknown>, result);
    return this.#finished;
  }

  abandon(reason: SwitchyardError): void {
    this.scope.abort(reason);
    if (this.#value && this.#finished === undefined) {
      // It committed just as another attempt won: close what it opened and record it as aborted.
      this.#hooks.dispose?.(this.#value.value);
      void this.finish(reason);
    } else if (this.#value) {
      this.entry.reason = `answered, but ${reason.message}`;
    }
  }
}

/** The trace entry of an attempt that just started. */
export function startedEntry(candidate: Candidate, attempt: number, hedge: boolean, startedAt: number): AttemptTrace {
  return {
    attempt,
    provider: candidate.key,
    model: candidate.model,
    outcome: 'aborted',
    startedAt,
    durationMs: 0,
    ...(hedge ? { hedge: true } : {}),
  };
}
