import type { CallEventBody } from '../client/client-events.js';
import type { AttemptTrace } from '../client/trace-types.js';
import { SwitchyardError, isSwitchyardError } from '../errors/switchyard-error.js';
import { abortReasonError } from '../policy/abort-error.js';
import { abortableSleep } from '../policy/abortable-sleep.js';
import { decideRetry } from '../policy/retry-decision.js';
import type { RetryPolicy } from '../policy/retry-policy.js';
import { exhaustedError } from './all-providers-failed.js';
import type { Admission, AttemptHandle } from './attempt-handle.js';
import type { Candidate, SelectionMode } from './candidates.js';
import { canFailover } from './failover-policy.js';

/** Everything the failover loop needs; the client supplies how to admit and start attempts. */
export interface RouteCallSetup<T, Ticket> {
  /** In the order they should be tried. */
  candidates: readonly Candidate[];
  mode: SelectionMode;
  /** For messages: the method called and the model asked for. */
  operation: string;
  requestedModel: string;
  idempotent: boolean;
  retry: RetryPolicy;
  /** Start the next candidate too when the running one has no first token after this long. */
  hedgeDelayMs: number | undefined;
  /** The call's signal: aborts every attempt and every wait. */
  signal?: AbortSignal | undefined;
  /** The call's trace, attached to the final error. */
  trace: AttemptTrace[];
  random?: () => number;
  /** Breaker, budget and quota checks before sending (at once when their state is in this process). */
  admit(candidate: Candidate, pinned: boolean): Admission<Ticket> | Promise<Admission<Ticket>>;
  start(candidate: Candidate, attempt: number, hedge: boolean, ticket: Ticket): AttemptHandle<T>;
  skipped(candidate: Candidate, admission: Extract<Admission<Ticket>, { admitted: false }>): void;
  emit(event: CallEventBody): void;
}

/** The router's bookkeeping of one candidate. */
export interface CandidateState {
  candidate: Candidate;
  failures: number;
  /** Epoch ms before which a retry of this candidate must not start. */
  readyAt: number;
  out: boolean;
  lastAttempt: number;
  lastError: SwitchyardError | undefined;
  fromRetryAfter: boolean;
}

// Hedging is its own chunk, imported by the first hedged call: a client that never hedges does not
// load it (issue 9: core under 25 kB).
let hedgeRace: Promise<typeof import('./hedge-race.js')> | undefined;
const loadHedgeRace = () => (hedgeRace ??= import('./hedge-race.js'));

/**
 * Runs a call across its candidates until one wins. After a failure that may fail over, the next
 * ready candidate goes at once — no sleeping while a healthy candidate waits; a failed candidate is
 * retried, after its backoff or `Retry-After`, when no other is ready. A failure that must not fail
 * over (`invalid-request`, `aborted`, a request that may have been processed…) ends the call at once.
 * With hedging, a candidate without a first token after `hedgeDelayMs` gets company: the next
 * candidate starts too, the first to win is kept and the other abandoned.
 *
 * Resolves with the winning attempt; rejects with the error that ended the call, carrying `attempts`:
 * a stop error as is, a pinned provider's last error, or `all-providers-failed`.
 */
export function routeCall<T, Ticket>(setup: RouteCallSetup<T, Ticket>): Promise<{ value: T; handle: AttemptHandle<T> }> {
  return new RouteRun(setup).run();
}

class RouteRun<T, Ticket> {
  readonly #setup: RouteCallSetup<T, Ticket>;
  readonly #states: CandidateState[];
  readonly #pinned: boolean;
  #attempts = 0;
  #skipErrors: SwitchyardError[] = [];

  constructor(setup: RouteCallSetup<T, Ticket>) {
    this.#setup = setup;
    this.#pinned = setup.mode === 'pinned';
    this.#states = setup.candidates.map((candidate) => ({
      candidate, failures: 0, readyAt: 0, out: false, lastAttempt: 0, lastError: undefined, fromRetryAfter: false,
    }));
  }

  async run(): Promise<{ value: T; handle: AttemptHandle<T> }> {
    const setup = this.#setup;
    // Loads while the first attempt is admitted and sent, so the race is ready when it starts.
    if (setup.hedgeDelayMs !== undefined && !this.#pinned) loadHedgeRace().catch(() => undefined);
    let previous: CandidateState | undefined;
    try {
      for (;;) {
        this.#throwIfAborted();
        const state = this.#next();
        if (!state) throw exhaustedError(setup, this.#states.map((entry) => entry.lastError), this.#skipErrors, this.#states.length === 1);
        if (state.failures > 0 && state.lastError) {
          setup.emit({
            type: 'retry-scheduled', provider: state.candidate.key, model: state.candidate.model, attempt: state.lastAttempt,
            errorKind: state.lastError.kind, delayMs: Math.max(0, state.readyAt - Date.now()), fromRetryAfter: state.fromRetryAfter,
          });
          await sleepUntil(state.readyAt, setup.signal);
        } else if (previous?.lastError && previous !== state) {
          setup.emit({
            type: 'failover',
            from: { provider: previous.candidate.key, model: previous.candidate.model },
            to: { provider: state.candidate.key, model: state.candidate.model },
            errorKind: previous.lastError.kind,
          });
        }
        const started = this.#admitAndStart(state, false);
        const primary = started instanceof Promise ? await started : started;
        if (!primary) continue;
        if (setup.hedgeDelayMs === undefined || this.#pinned) {
          // No hedge can start: the attempt alone decides, awaited here without the race's bookkeeping.
          try {
            return { value: await primary.won, handle: primary };
          } catch (error) {
            this.#onFailure(state, primary, asError(error));
          }
        } else {
          // The primary may fail while hedging loads: its rejection is handled here, read by the race.
          primary.won.catch(() => undefined);
          const { raceWithHedges } = await loadHedgeRace();
          const winner = await raceWithHedges(primary, state, {
            hedgeDelayMs: setup.hedgeDelayMs,
            states: this.#states,
            emit: setup.emit,
            admitAndStart: (target) => this.#admitAndStart(target, true),
            onFailure: (failed, handle, error) => this.#onFailure(failed, handle, error),
            asError,
            lostRace,
          });
          if (winner) return winner;
        }
        previous = this.#states.reduce((latest, entry) => (entry.lastAttempt > latest.lastAttempt ? entry : latest), state);
      }
    } catch (error) {
      const final = asError(error);
      throw final.attempts ? final : final.withContext({ attempts: setup.trace });
    }
  }

  /** The first candidate in order that is ready now, else the one that will be ready soonest. */
  #next(): CandidateState | undefined {
    const now = Date.now();
    let soonest: CandidateState | undefined;
    for (const state of this.#states) {
      if (state.out) continue;
      if (state.readyAt <= now) return state;
      if (!soonest || state.readyAt < soonest.readyAt) soonest = state;
    }
    return soonest;
  }

  /** Admits and starts an attempt on `state`'s candidate: at once when admission answers at once. */
  #admitAndStart(state: CandidateState, hedge: boolean): AttemptHandle<T> | undefined | Promise<AttemptHandle<T> | undefined> {
    const admission = this.#setup.admit(state.candidate, this.#pinned);
    if (!(admission instanceof Promise) && admission.admitted) return this.#setup.start(state.candidate, ++this.#attempts, hedge, admission.ticket);
    return this.#admitWaiting(state, hedge, admission);
  }

  async #admitWaiting(state: CandidateState, hedge: boolean, first: Admission<Ticket> | Promise<Admission<Ticket>>): Promise<AttemptHandle<T> | undefined> {
    const setup = this.#setup;
    let admission = await first;
    for (;;) {
      if (admission.admitted) return setup.start(state.candidate, ++this.#attempts, hedge, admission.ticket);
      if (admission.waitMs !== undefined && !hedge) {
        setup.emit({ type: 'quota-wait', provider: state.candidate.key, model: state.candidate.model, waitMs: admission.waitMs, reason: admission.reason });
        await abortableSleep(admission.waitMs, setup.signal);
        admission = await setup.admit(state.candidate, this.#pinned);
        continue;
      }
      state.out = true;
      this.#skipErrors.push(admission.error);
      setup.skipped(state.candidate, admission);
      return undefined;
    }
  }

  /** Records a failed attempt: schedules its retry or takes it out; throws when the call must end now. */
  #onFailure(state: CandidateState, handle: AttemptHandle<T>, error: SwitchyardError): void {
    state.lastAttempt = handle.attempt;
    state.lastError = error;
    this.#throwIfAborted();
    const decision = decideRetry(error, {
      retryNumber: state.failures + 1,
      policy: this.#setup.retry,
      idempotent: this.#setup.idempotent,
      committed: false,
      ...(this.#setup.random ? { random: this.#setup.random } : {}),
    });
    state.failures += 1;
    if (decision.retry) {
      state.readyAt = Date.now() + decision.delayMs;
      state.fromRetryAfter = decision.fromRetryAfter;
    } else {
      state.out = true;
    }
    if (canFailover(error, this.#setup.idempotent)) return;
    // The failure is about the request, or it may already have been processed: no other provider gets it.
    if (!decision.retry) throw error;
    for (const other of this.#states) if (other !== state) other.out = true;
  }

  #throwIfAborted(): void {
    const signal = this.#setup.signal;
    if (signal?.aborted) throw abortReasonError(signal.reason);
  }
}

/** Sleeps until the epoch ms `readyAt`; a timer may fire a millisecond early, so it checks the clock. */
async function sleepUntil(readyAt: number, signal: AbortSignal | undefined): Promise<void> {
  for (let remaining = readyAt - Date.now(); remaining > 0; remaining = readyAt - Date.now()) {
    await abortableSleep(remaining, signal);
  }
}

function asError(error: unknown): SwitchyardError {
  if (isSwitchyardError(error)) return error;
  return new SwitchyardError('invalid-response', 'The call failed unexpectedly inside the router.', { retryable: false, cause: error });
}

function lostRace<T>(loser: AttemptHandle<T>, winner: AttemptHandle<T>): SwitchyardError {
  return new SwitchyardError('aborted', `Attempt ${loser.attempt} on "${loser.candidate.key}" lost the hedge race to attempt ${winner.attempt} on "${winner.candidate.key}" and was cancelled.`, {
    provider: loser.candidate.key, model: loser.candidate.model, attempt: loser.attempt, retryable: false,
  });
}
