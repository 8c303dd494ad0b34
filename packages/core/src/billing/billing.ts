import { SwitchyardError, isSwitchyardError } from '../errors/switchyard-error.js';
import { createMemoryStateStore, requireLocal } from '../policy/state-store.js';
import type { StateStore } from '../policy/state-store.js';
import type { Task } from '../spec/tasks.js';
import type { Usage } from '../spec/usage.js';
import { validateInput } from '../spec/validate-input.js';
import { neverSent, settleAttempt } from './bill-attempt.js';
import type { AttemptSettlement, BilledCall, BilledCandidate, BillingAdmission, BillingTicket, ClientBilling } from './client-billing.js';
import { checkAdmission } from './check-admission.js';
import { checkSettlement } from './check-settlement.js';
import { BudgetGuard } from './budget-guard.js';
import type { BudgetEvent, BudgetReservation, BudgetStatus } from './budget-guard.js';
import type { BudgetLimit } from './budget-limit.js';
import { baseProviderId } from './candidate-key.js';
import type { Cost, Pricing } from './cost.js';
import { estimatedTokens } from './estimate-usage.js';
import { Meter } from './meter.js';
import type { UsageSnapshot } from './meter.js';
import { callTokenCount, computeCost } from './compute-cost.js';
import type { SubscriptionState } from './compute-cost.js';
import { pricingConfigSchema } from './pricing-schema.js';
import type { PricingConfig } from './pricing-schema.js';
import { QuotaLimiter, quotaRefusalError } from './quota-limiter.js';
import type { QuotaAnswer, QuotaLease } from './quota-limiter.js';
import type { QuotaLimits } from './quota-limits.js';
import { resolvePricing } from './resolve-pricing.js';

/** The client's billing configuration. */
export interface BillingOptions {
  /** Prices per provider id (or route candidate key): one for every model, or one per model. */
  pricing?: PricingConfig;
  /** Spending limits per client or provider and window. */
  budget?: BudgetLimit | BudgetLimit[];
  /** Client-side rate limits per provider id (or route candidate key). */
  quotas?: Record<string, QuotaLimits>;
  /** Where budget and quota state lives. Default: in memory. */
  store?: StateStore;
  now?: () => number;
  /** Receives budget warnings; the client forwards them to `onEvent`. */
  onEvent?: (event: BudgetEvent) => void;
  /**
   * Where attempts are metered. Default: a new {@link Meter}. The client passes its own, so that
   * `client.usage()` answers while billing is still loading.
   */
  meter?: Meter;
}

interface OpenTicket {
  call: BilledCall;
  lease: QuotaLease;
  /** Without budgets there is nothing reserved. */
  reservation: BudgetReservation | undefined;
  cost?: Cost;
}

/**
 * A ticket as {@link Billing.admit} issues it: frozen, with its open state in a private field that
 * only an issued ticket has (a copy is refused). A private field rather than a `WeakMap` keyed by
 * ticket: entries the garbage collector must clear cost about 0.8 µs each in Node 20.
 */
class IssuedTicket implements BillingTicket {
  readonly candidateKey: string;
  readonly model: string;
  readonly task: Task;
  readonly pricing: Pricing | undefined;
  readonly estimatedCostUsd: number | undefined;
  readonly #open: OpenTicket;

  constructor(candidate: BilledCandidate, call: BilledCall, pricing: Pricing | undefined, estimatedCostUsd: number | undefined, open: OpenTicket) {
    this.candidateKey = candidate.key;
    this.model = candidate.model;
    this.task = call.task;
    this.pricing = pricing;
    this.estimatedCostUsd = estimatedCostUsd;
    this.#open = open;
    Object.freeze(this);
  }

  /** The open state of `ticket`, when `admit()` issued it. */
  static openOf(ticket: unknown): OpenTicket | undefined {
    return typeof ticket === 'object' && ticket !== null && #open in ticket ? (ticket as IssuedTicket).#open : undefined;
  }
}

/**
 * Billing for the attempt loop in one object: prices (config, route, provider), budgets and quotas
 * checked before an attempt is sent ({@link admit}), cost computed, budgets and quotas settled and the
 * attempt metered when it ends ({@link finish}), and {@link usage} for `client.usage()`.
 *
 * @example
 * const billing = new Billing({ pricing: { groq: { type: 'per-token', inputPerMillion: 0.05, outputPerMillion: 0.08 } },
 *   budget: { limitUsd: 5, window: 'day' }, quotas: { groq: { requestsPerMinute: 30 } } });
 * const admission = await billing.admit(candidate, { task: 'chat', estimate: estimateUsage('chat', request) });
 * if (admission.admitted) {
 *   const result = await provider.chat(request, context);
 *   response.cost = await billing.finish(admission.ticket, { outcome: 'success', usage: result.usage, reportedCost: result.reportedCost });
 * }
 */
export class Billing implements ClientBilling {
  readonly meter: Meter;
  readonly budgets: BudgetGuard | undefined;
  readonly quotas: QuotaLimiter;
  readonly #pricing: PricingConfig | undefined;
  readonly #now: () => number;
  // The last monthly usage seen per provider, for ranking by cost without a store round trip.
  readonly #lastSubscriptionState = new Map<string, SubscriptionState>();

  constructor(options: BillingOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#pricing = options.pricing === undefined ? undefined : validateInput(pricingConfigSchema, options.pricing, 'pricing option');
    const store = options.store ?? createMemoryStateStore();
    this.meter = options.meter ?? new Meter(this.#now);
    this.budgets =
      options.budget === undefined
        ? undefined
        : new BudgetGuard({ budgets: options.budget, store, now: this.#now, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
    // Without a quotas option the limiter has no limits to check (and so no reason to load zod).
    this.quotas = new QuotaLimiter({ ...(options.quotas === undefined ? {} : { limits: options.quotas }), store, now: this.#now });
  }

  /** The price of a call on `candidate` (config, then route, then provider), or `undefined`. */
  pricingFor(candidate: BilledCandidate, call: Pick<BilledCall, 'task' | 'requestedModel'>): Pricing | undefined {
    // One literal (unset fields undefined, which resolvePricing reads as absent): cheaper than spreads.
    return resolvePricing(this.#pricing, {
      providerId: candidate.provider.id,
      candidateId: candidate.key === candidate.provider.id ? undefined : candidate.key,
      model: candidate.model,
      requestedModel: call.requestedModel,
      task: call.task,
      route: candidate.route,
      provider: candidate.provider,
    });
  }

  /** The estimated USD cost of the call on `candidate`, for the `cost` strategy; `undefined` when unknown. */
  estimateCost(candidate: BilledCandidate, call: BilledCall): number | undefined {
    const subscriptionState = this.#lastSubscriptionState.get(baseProviderId(candidate.key)) ?? { requestsUsed: 0, tokensUsed: 0 };
    return estimateAmount(this.pricingFor(candidate, call), call, subscriptionState);
  }

  /**
   * True when no budget is set and the quota counters are in this process (the default store):
   * {@link Billing.admitNow} and {@link Billing.finishNow} then answer without a promise.
   */
  get answersNow(): boolean {
    return this.budgets === undefined && this.quotas.answersNow;
  }

  /**
   * Checks quotas and budgets before an attempt is sent and, when both have room, takes a quota slot
   * and reserves the estimated cost. With `wait` (a pinned provider), a full quota that frees before
   * `deadline` answers `waitMs` so the caller can sleep and ask again.
   */
  async admit(candidate: BilledCandidate, call: BilledCall, options: { wait?: boolean; deadline?: number } = {}): Promise<BillingAdmission> {
    checkAdmission(candidate, call);
    const tokens = { tokens: Math.ceil(estimatedTokens(call.estimate)) };
    const answer = this.quotas.answersNow ? this.quotas.tryAcquireNow(candidate.key, tokens) : await this.quotas.tryAcquire(candidate.key, tokens);
    if (!answer.ok) return this.#refused(candidate.key, answer, options);
    const lease = answer.lease;
    const pricing = this.#pricingOnGrant(candidate, call, lease);
    const estimatedCostUsd = estimateAmount(pricing, call, lease.subscriptionState);
    if (this.budgets === undefined) return admitted(candidate, call, pricing, estimatedCostUsd, { call, lease, reservation: undefined });
    let reservation: BudgetReservation;
    try {
      reservation = await this.budgets.reserve(candidate.key, estimatedCostUsd ?? 0);
    } catch (error) {
      await this.quotas.release(lease);
      if (isSwitchyardError(error) && error.kind === 'budget-exceeded') {
        return { admitted: false, cause: 'budget', reason: error.message, error: error.withContext({ model: candidate.model }) };
      }
      throw error;
    }
    return admitted(candidate, call, pricing, estimatedCostUsd, { call, lease, reservation });
  }

  /** {@link Billing.admit} at once, when {@link Billing.answersNow} (no budget to reserve in a store). */
  admitNow(candidate: BilledCandidate, call: BilledCall, options: { wait?: boolean; deadline?: number } = {}): BillingAdmission {
    this.#requireNow('admitNow');
    checkAdmission(candidate, call);
    const answer = this.quotas.tryAcquireNow(candidate.key, { tokens: Math.ceil(estimatedTokens(call.estimate)) });
    if (!answer.ok) return this.#refused(candidate.key, answer, options);
    const lease = answer.lease;
    const pricing = this.#pricingOnGrant(candidate, call, lease);
    return admitted(candidate, call, pricing, estimateAmount(pricing, call, lease.subscriptionState), { call, lease, reservation: undefined });
  }

  /**
   * Ends an admitted attempt: prices it, settles (or, when the request never left, releases) its
   * budget reservation and quota slot, meters it, and returns its cost. Calling it again for the same
   * ticket returns the same cost and changes nothing.
   */
  async finish(ticket: BillingTicket, settlement: AttemptSettlement): Promise<Cost> {
    const open = openTicket(ticket, settlement);
    if (open.cost !== undefined) return open.cost;
    const cost = this.#price(ticket, open, settlement);
    if (this.answersNow) {
      this.#closeNow(ticket, open, settlement, cost);
      return cost;
    }
    const budgets = this.budgets;
    const reservation = open.reservation as BudgetReservation;
    if (wasSent(settlement)) {
      const settled = this.quotas.settle(open.lease, usedTokens(settlement, ticket.task));
      await (budgets ? Promise.all([budgets.settle(reservation, cost.amount), settled]) : settled);
    } else {
      const released = this.quotas.release(open.lease);
      await (budgets ? Promise.all([budgets.release(reservation), released]) : released);
    }
    if (ticket.pricing?.type === 'subscription') {
      this.#lastSubscriptionState.set(baseProviderId(ticket.candidateKey), await this.quotas.subscriptionState(ticket.candidateKey));
    }
    this.#meter(ticket, settlement, cost);
    return cost;
  }

  /** {@link Billing.finish} at once, when {@link Billing.answersNow}. */
  finishNow(ticket: BillingTicket, settlement: AttemptSettlement): Cost {
    this.#requireNow('finishNow');
    const open = openTicket(ticket, settlement);
    if (open.cost !== undefined) return open.cost;
    const cost = this.#price(ticket, open, settlement);
    this.#closeNow(ticket, open, settlement, cost);
    return cost;
  }

  #refused(candidateKey: string, answer: Extract<QuotaAnswer, { ok: false }>, options: { wait?: boolean; deadline?: number }): BillingAdmission {
    const now = this.#now();
    const canWait = options.wait === true && answer.freesAt !== undefined;
    if (canWait && (options.deadline === undefined || (answer.freesAt as number) <= options.deadline)) {
      return { admitted: false, cause: 'quota', reason: answer.reason, error: quotaRefusalError(candidateKey, answer, now), waitMs: Math.max(1, (answer.freesAt as number) - now) };
    }
    return { admitted: false, cause: 'quota', reason: answer.reason, error: quotaRefusalError(candidateKey, answer, now, { afterDeadline: canWait }) };
  }

  /** The price of an attempt that just got its quota slot (whose month usage the `cost` strategy remembers). */
  #pricingOnGrant(candidate: BilledCandidate, call: BilledCall, lease: QuotaLease): Pricing | undefined {
    this.#lastSubscriptionState.set(baseProviderId(candidate.key), lease.subscriptionState);
    return this.pricingFor(candidate, call);
  }

  #price(ticket: BillingTicket, open: OpenTicket, settlement: AttemptSettlement): Cost {
    const cost = settleAttempt(ticket.pricing, settlement, {
      task: ticket.task,
      provider: ticket.candidateKey,
      model: ticket.model,
      subscriptionState: open.lease.subscriptionState,
    }, computeCost);
    open.cost = cost;
    return cost;
  }

  /** Settles or releases the quota slot and meters the attempt, when all of it is in this process. */
  #closeNow(ticket: BillingTicket, open: OpenTicket, settlement: AttemptSettlement, cost: Cost): void {
    if (wasSent(settlement)) this.quotas.settleNow(open.lease, usedTokens(settlement, ticket.task));
    else this.quotas.releaseNow(open.lease);
    if (ticket.pricing?.type === 'subscription') {
      this.#lastSubscriptionState.set(baseProviderId(ticket.candidateKey), this.quotas.subscriptionStateNow(ticket.candidateKey));
    }
    this.#meter(ticket, settlement, cost);
  }

  #meter(ticket: BillingTicket, settlement: AttemptSettlement, cost: Cost): void {
    this.meter.record({ provider: ticket.candidateKey, model: ticket.model, outcome: settlement.outcome, usage: settlement.usage, cost });
  }

  #requireNow(method: string): void {
    if (!this.answersNow) requireLocal(undefined, `Billing.${method}`);
  }

  /** Requests, tokens, seconds and cost of every attempt so far, per provider and model. */
  usage(): UsageSnapshot {
    return this.meter.snapshot();
  }

  /** Every budget's state in its current window (empty without budgets). */
  async budgetStatus(): Promise<BudgetStatus[]> {
    return this.budgets === undefined ? [] : this.budgets.status();
  }
}

function estimateAmount(pricing: Pricing | undefined, call: BilledCall, subscriptionState: SubscriptionState): number | undefined {
  if (pricing === undefined) return undefined;
  return computeCost(pricing, call.estimate, { task: call.task, subscriptionState }).amount;
}

function admitted(candidate: BilledCandidate, call: BilledCall, pricing: Pricing | undefined, estimatedCostUsd: number | undefined, open: OpenTicket): BillingAdmission {
  return { admitted: true, ticket: new IssuedTicket(candidate, call, pricing, estimatedCostUsd, open) };
}


/** The open state of an issued ticket, with the settlement checked. */
function openTicket(ticket: BillingTicket, settlement: AttemptSettlement): OpenTicket {
  checkSettlement(settlement);
  const open = IssuedTicket.openOf(ticket);
  if (open === undefined) throw new SwitchyardError('invalid-request', 'finish() takes the ticket that admit() returned.', { retryable: false });
  return open;
}

/** Whether the attempt's request may have reached the provider (and so counts against its limits). */
function wasSent(settlement: AttemptSettlement): boolean {
  return settlement.error === undefined || !neverSent(settlement.error);
}

function usedTokens(settlement: AttemptSettlement, task: Task): number | undefined {
  const used = settlement.usage === undefined ? undefined : callTokenCount(settlement.usage, task);
  return used === undefined ? undefined : Math.round(used);
}
