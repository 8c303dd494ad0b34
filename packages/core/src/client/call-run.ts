import type { AttemptBill } from '../billing/bill-attempt.js';
import type { AttemptSettlement, BilledCall, BillingAdmission } from '../billing/client-billing.js';
import type { Cost } from '../billing/cost.js';
import type { EstimableRequest } from '../billing/estimate-usage.js';
import { SwitchyardError, isSwitchyardError } from '../errors/switchyard-error.js';
import type { BreakerPermit, BreakerTransition } from '../policy/circuit-breaker.js';
import { ComposedKeys } from '../policy/composed-keys.js';
import type { Operation } from '../policy/timeout-policy.js';
import { resolveTimeouts } from '../policy/timeout-policy.js';
import type { Admission } from '../routing/attempt-handle.js';
import type { Candidate } from '../routing/candidates.js';
import type { CallContext, ResolvedTimeouts } from '../spec/call-context.js';
import type { Task } from '../spec/tasks.js';
import { AttemptRun, startedEntry } from './attempt-run.js';
import type { AttemptHooks, AttemptRecorder, AttemptTicket } from './attempt-run.js';
import { AttemptContext } from './attempt-context.js';
import { AttemptScope } from './attempt-scope.js';
import { AttemptTransport } from './attempt-transport.js';
import type { CallEventBody, ClientEvent } from './client-events.js';
import type { CallOptions } from './client-options.js';
import type { ClientRuntime } from './client-runtime.js';
import type { AttemptTrace } from './trace-types.js';

/** What a call is, for its attempts. */
export interface CallSpec {
  operation: Operation;
  task: Task;
  /** The model the caller asked for (an alias or a model id). */
  requestedModel: string;
  idempotent: boolean;
  options: CallOptions;
  /** Aborts the whole call: the caller's signal, joined by `ChatStream.abort()` for streams. */
  signal: AbortSignal | undefined;
  /** The request, for billing's usage estimate. */
  request: EstimableRequest;
}

const MAX_REASON_LENGTH = 300;
const NO_WAITING = Object.freeze({ wait: false });

/**
 * One call's bookkeeping: its id, trace and events; admitting candidates (breaker, budget) and
 * starting attempts with their `CallContext`; recording each attempt's end in the trace, the
 * breaker, the latency averages, the meter and the budget.
 */
export class CallRun implements AttemptRecorder {
  readonly callId: number;
  readonly trace: AttemptTrace[] = [];
  readonly spec: CallSpec;
  readonly #runtime: ClientRuntime;
  /** For `call-end`'s duration, read only when someone listens. */
  readonly #startedMono: number;
  #timeouts: { providerId: string; timeouts: ResolvedTimeouts } | undefined;
  #billed: BilledCall | undefined;

  constructor(runtime: ClientRuntime, spec: CallSpec) {
    this.#runtime = runtime;
    this.spec = spec;
    this.callId = runtime.nextCallId();
    this.#startedMono = runtime.listening ? performance.now() : 0;
  }

  /**
   * The call as billing sees it: task, requested model and the usage estimate. Built when billing
   * first asks — after `Billing` has loaded, with the estimator it brings (`UnpricedBilling` reads
   * no estimate, so a client without it never loads one).
   */
  get billed(): BilledCall {
    return (this.#billed ??= { task: this.spec.task, requestedModel: this.spec.requestedModel, estimate: this.#runtime.estimateUsage(this.spec.task, this.spec.request) });
  }

  emit(body: CallEventBody): void {
    if (this.#runtime.listening) this.#runtime.emit({ ...body, callId: this.callId, at: Date.now() } as ClientEvent);
  }

  /** Emits `call-end` with the outcome. */
  end(provider: string | undefined, error: SwitchyardError | undefined): void {
    if (!this.#runtime.listening) return;
    this.emit({
      type: 'call-end',
      outcome: error ? 'error' : 'success',
      ...(provider ? { provider } : {}),
      ...(error ? { errorKind: error.kind } : {}),
      durationMs: Math.round(performance.now() - this.#startedMono),
      attempts: this.trace.filter((entry) => entry.outcome !== 'skipped').length,
    });
  }

  /**
   * Checks the candidate's breaker, then its quota and budget (billing). A refusal carries the error
   * the call ends with if nothing else is left; a pinned call's full quota answers how long to wait,
   * when room frees within the attempt's total deadline. Answered at once when the breaker and
   * billing state are in this process (the default), through their stores otherwise.
   */
  admit(candidate: Candidate, pinned: boolean): Admission<AttemptTicket> | Promise<Admission<AttemptTicket>> {
    return this.#runtime.answersNow ? this.#admitNow(candidate, pinned) : this.#admitThroughStores(candidate, pinned);
  }

  #admitNow(candidate: Candidate, pinned: boolean): Admission<AttemptTicket> {
    const { breaker, billing } = this.#runtime;
    let probe = false;
    if (breaker) {
      const permit = breaker.acquireNow(breakerKey(candidate));
      if (!permit.allowed) return breakerRefusal(candidate, permit);
      probe = permit.probe;
    }
    let admission: BillingAdmission;
    try {
      admission = billing.admitNow(candidate, this.billed, this.#waitFor(candidate, pinned));
    } catch (error) {
      if (probe) breaker?.releaseNow(breakerKey(candidate));
      throw error;
    }
    if (admission.admitted) return { admitted: true, ticket: { probe, billing: admission.ticket } };
    if (probe) breaker?.releaseNow(breakerKey(candidate));
    return admission;
  }

  async #admitThroughStores(candidate: Candidate, pinned: boolean): Promise<Admission<AttemptTicket>> {
    const { breaker, billing } = this.#runtime;
    let probe = false;
    if (breaker) {
      const permit = await breaker.acquire(breakerKey(candidate));
      if (!permit.allowed) return breakerRefusal(candidate, permit);
      probe = permit.probe;
    }
    let admission: BillingAdmission;
    try {
      admission = await billing.admit(candidate, this.billed, this.#waitFor(candidate, pinned));
    } catch (error) {
      if (probe) await breaker?.release(breakerKey(candidate));
      throw error;
    }
    if (admission.admitted) return { admitted: true, ticket: { probe, billing: admission.ticket } };
    if (probe) await breaker?.release(breakerKey(candidate));
    return admission;
  }

  /**
   * Whether a full quota may be waited for: only by a pinned call, within the total deadline an
   * attempt starting now would have. Other calls skip the candidate (no clock read, no object).
   */
  #waitFor(candidate: Candidate, pinned: boolean): { wait?: boolean; deadline?: number } {
    return pinned ? { wait: true, deadline: Date.now() + this.#timeoutsFor(candidate).totalMs } : NO_WAITING;
  }

  /** Traces and reports a candidate that was not sent. */
  skipped(candidate: Candidate, skip: Extract<Admission<AttemptTicket>, { admitted: false }>): void {
    this.trace.push({
      attempt: 0,
      provider: candidate.key,
      model: candidate.model,
      outcome: 'skipped',
      errorKind: skip.error.kind,
      reason: shorten(skip.reason),
      startedAt: Date.now(),
      durationMs: 0,
    });
    this.emit({ type: 'candidate-skipped', provider: candidate.key, model: candidate.model, cause: skip.cause, reason: skip.reason });
  }

  /** Starts an attempt: builds its scope and `CallContext`, traces it, and runs `work`. */
  start<T>(
    candidate: Candidate,
    attempt: number,
    hedge: boolean,
    ticket: AttemptTicket,
    work: (context: CallContext, run: AttemptRun<T>) => Promise<T>,
    hooks: AttemptHooks<T>,
  ): AttemptRun<T> {
    const scope = this.scope(candidate, attempt);
    const context = this.context(scope, candidate);
    const entry = startedEntry(candidate, attempt, hedge, scope.startedAt);
    this.trace.push(entry);
    if (this.#runtime.listening) this.emit({ type: 'attempt-start', provider: candidate.key, model: candidate.model, attempt, hedge });
    return new AttemptRun(candidate, attempt, hedge, scope, ticket, entry, this, hooks, (run) => work(context, run));
  }

  /** The signal and deadlines of an attempt on `candidate`, starting now (also for asking a provider its routes). */
  scope(candidate: Pick<Candidate, 'key' | 'provider' | 'model'>, attempt: number): AttemptScope {
    return new AttemptScope({ provider: candidate.key, model: candidate.model, attempt }, this.#timeoutsFor(candidate), this.spec.signal);
  }

  /** The `CallContext` a provider gets for the attempt `scope` runs. */
  context(scope: AttemptScope, candidate: Pick<Candidate, 'key' | 'model' | 'route'>): CallContext {
    const attempt = scope.identity.attempt;
    const { connectMs, headersMs, idleMs, totalMs } = scope.timeouts;
    return new AttemptContext(scope, {
      http: new AttemptTransport(this.#runtime.transport, scope.abortState, { connectMs, headersMs, idleMs, totalMs }, candidate.key, candidate.model),
      task: this.spec.task,
      model: candidate.model,
      idempotent: this.spec.idempotent,
      route: candidate.route,
      emit: (progress) => {
        const { type: _type, ...details } = progress;
        this.emit({ type: 'progress', provider: candidate.key, model: candidate.model, attempt, ...details });
      },
    });
  }

  #timeoutsFor(candidate: Pick<Candidate, 'provider'>): ResolvedTimeouts {
    const providerId = candidate.provider.id;
    if (this.spec.options.timeouts === undefined) return this.#runtime.timeoutsFor(this.spec.operation, providerId);
    // Admitting and starting an attempt both ask, with the same answer for the whole call.
    if (this.#timeouts?.providerId !== providerId) {
      this.#timeouts = { providerId, timeouts: resolveTimeouts(this.spec.operation, providerId, this.#runtime.options.timeouts, this.spec.options.timeouts) };
    }
    return this.#timeouts.timeouts;
  }

  /**
   * Records the end of an attempt: its trace entry, its cost (billing and the meter), the latency
   * average, the breaker, and `attempt-end`. At once when the state is in this process; a billing
   * or breaker store that fails does not fail the call (the cost is then unknown).
   */
  record(run: AttemptRun<unknown>, result: AttemptBill | SwitchyardError): Cost | Promise<Cost> {
    const { scope, entry } = run;
    scope.dispose();
    const error = isSwitchyardError(result) ? result : undefined;
    const bill: AttemptBill = error ? { usage: error.partialUsage } : (result as AttemptBill);
    entry.durationMs = scope.elapsedMs();
    const firstToken = scope.timeToFirstTokenMs;
    if (firstToken !== undefined) entry.timeToFirstTokenMs = firstToken;
    if (bill.usage) entry.usage = bill.usage;
    if (error) describeFailure(entry, error);
    else entry.outcome = 'success';
    const settlement: AttemptSettlement = {
      outcome: entry.outcome as AttemptSettlement['outcome'],
      usage: bill.usage ? bill.usage : undefined,
      reportedCost: bill.reportedCost ? bill.reportedCost : undefined,
      error,
    };
    if (!this.#runtime.answersNow) return this.#recordThroughStores(run, settlement, error);
    const { billing, breaker } = this.#runtime;
    let cost: Cost;
    try {
      cost = billing.finishNow(run.ticket.billing, settlement);
    } catch (failure) {
      cost = unknownCost(failure);
    }
    const key = breaker ? breakerKey(run.candidate) : '';
    const transition = breaker ? (error ? breaker.recordFailureNow(key, error) : breaker.recordSuccessNow(key)) : undefined;
    this.#recorded(run, error, cost, transition);
    return cost;
  }

  async #recordThroughStores(run: AttemptRun<unknown>, settlement: AttemptSettlement, error: SwitchyardError | undefined): Promise<Cost> {
    const { billing, breaker } = this.#runtime;
    let cost: Cost;
    try {
      cost = await billing.finish(run.ticket.billing, settlement);
    } catch (failure) {
      cost = unknownCost(failure);
    }
    let transition: BreakerTransition | undefined;
    if (breaker) {
      const key = breakerKey(run.candidate);
      try {
        transition = await (error ? breaker.recordFailure(key, error) : breaker.recordSuccess(key));
      } catch {
        // A shared breaker store that fails must not fail the call the attempt belongs to.
      }
    }
    this.#recorded(run, error, cost, transition);
    return cost;
  }

  /** What follows an attempt's cost: the trace, the latency average, breaker and `attempt-end` events. */
  #recorded(run: AttemptRun<unknown>, error: SwitchyardError | undefined, cost: Cost, transition: BreakerTransition | undefined): void {
    const { entry, candidate } = run;
    const runtime = this.#runtime;
    entry.cost = cost;
    const firstToken = entry.timeToFirstTokenMs;
    if (!error) runtime.latency.record(latencyKey(candidate), firstToken ?? entry.durationMs);
    else if (error.kind === 'timeout' || error.kind === 'network' || error.kind === 'overloaded') runtime.latency.record(latencyKey(candidate), entry.durationMs);
    if (transition?.type === 'opened') {
      runtime.emit({ type: 'breaker-open', at: Date.now(), provider: candidate.key, model: candidate.model, until: transition.until, reason: transition.reason });
    } else if (transition?.type === 'closed') {
      runtime.emit({ type: 'breaker-close', at: Date.now(), provider: candidate.key, model: candidate.model });
    }
    if (runtime.listening) this.emit({
      type: 'attempt-end',
      provider: candidate.key,
      model: candidate.model,
      attempt: run.attempt,
      outcome: entry.outcome,
      ...(entry.errorKind ? { errorKind: entry.errorKind } : {}),
      ...(entry.status ? { status: entry.status } : {}),
      durationMs: entry.durationMs,
      ...(firstToken !== undefined ? { timeToFirstTokenMs: firstToken } : {}),
    });
  }

}

function breakerRefusal(candidate: Candidate, permit: Extract<BreakerPermit, { allowed: false }>): Admission<AttemptTicket> {
  const error = new SwitchyardError(
    'overloaded',
    `Provider "${candidate.key}" (model ${candidate.model}) was not called: its ${permit.reason}. Try again later, choose another provider, or tune the breaker option.`,
    { provider: candidate.key, model: candidate.model, retryAfterMs: permit.retryAfterMs, retryable: true },
  );
  return { admitted: false, cause: 'breaker', reason: permit.reason, error };
}

const CANDIDATE_KEYS = new ComposedKeys('');

/** Breaker state is per provider (or route) and model. */
export function breakerKey(candidate: Candidate): string {
  return CANDIDATE_KEYS.key(candidate.key, candidate.model);
}

/** Latency averages are per provider (or route) and model. */
export function latencyKey(candidate: Pick<Candidate, 'key' | 'model'>): string {
  return CANDIDATE_KEYS.key(candidate.key, candidate.model);
}

function describeFailure(entry: AttemptTrace, error: SwitchyardError): void {
  entry.outcome = error.kind === 'aborted' ? 'aborted' : 'error';
  entry.errorKind = error.kind;
  entry.reason = shorten(error.message);
  if (error.status !== undefined) entry.status = error.status;
  if (error.timeoutPhase !== undefined) entry.timeoutPhase = error.timeoutPhase;
  if (error.networkPhase !== undefined) entry.networkPhase = error.networkPhase;
  if (error.requestId !== undefined) entry.requestId = error.requestId;
}

function unknownCost(failure: unknown): Cost {
  const why = isSwitchyardError(failure) ? failure.message : 'billing failed';
  return { amount: undefined, currency: 'USD', basis: 'unknown', reason: `the attempt could not be billed: ${why}` };
}

function shorten(text: string): string {
  return text.length <= MAX_REASON_LENGTH ? text : `${text.slice(0, MAX_REASON_LENGTH - 1)}…`;
}
