import { z } from 'zod';
import { SwitchyardError, isSwitchyardError } from '../errors/switchyard-error.js';
import { createMemoryStateStore } from '../policy/state-store.js';
import type { StateStore } from '../policy/state-store.js';
import type { Provider, ProviderRoute } from '../spec/provider.js';
import { TASKS } from '../spec/tasks.js';
import type { Task } from '../spec/tasks.js';
import type { Usage } from '../spec/usage.js';
import { validateInput } from '../spec/validate-input.js';
import { attemptCost, neverSent } from './attempt-cost.js';
import { BudgetGuard } from './budget-guard.js';
import type { BudgetEvent, BudgetLimit, BudgetReservation, BudgetStatus } from './budget-guard.js';
import { baseProviderId } from './candidate-key.js';
import type { Cost, Pricing } from './cost.js';
import { estimatedTokens } from './estimate-usage.js';
import { isAmount, isId, isRecord, validateFast } from '../spec/fast-validate.js';
import { Meter } from './meter.js';
import type { UsageSnapshot } from './meter.js';
import { callTokenCount, computeCost } from './price-call.js';
import type { SubscriptionState } from './price-call.js';
import { pricingConfigSchema } from './pricing-schema.js';
import type { PricingConfig } from './pricing-schema.js';
import { QuotaLimiter, quotaRefusalError } from './quota-limiter.js';
import type { QuotaLease, QuotaLimits } from './quota-limiter.js';
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
}

/** Where an attempt goes, as billing needs it (the router's candidate fits this shape). */
export interface BilledCandidate {
  /** The provider id, or `"<provider id>/<route id>"` for a route. */
  key: string;
  provider: Pick<Provider, 'id' | 'pricing'>;
  /** The provider's own model id. */
  model: string;
  route?: ProviderRoute;
}

/** The call an attempt belongs to. */
export interface BilledCall {
  task: Task;
  /** The model name the caller asked for (an alias, say), for per-model prices keyed by it. */
  requestedModel?: string;
  /** A pre-send guess of the usage, from {@link estimateUsage}. */
  estimate: Usage;
}

/** What {@link Billing.admit} answers: the same shape as the router's admission. */
export type BillingAdmission =
  | { admitted: true; ticket: BillingTicket }
  | {
      admitted: false;
      cause: 'budget' | 'quota';
      /** For the trace and the `candidate-skipped` event. */
      reason: string;
      /** The error the call ends with when no other candidate is left. */
      error: SwitchyardError;
      /** Set when the caller may wait (`wait: true`) and the quota frees within the deadline. */
      waitMs?: number;
    };

/** An admitted attempt: hand it back to {@link Billing.finish} exactly once. */
export interface BillingTicket {
  readonly candidateKey: string;
  readonly model: string;
  readonly task: Task;
  readonly pricing: Pricing | undefined;
  /** The estimate reserved against budgets (`undefined` when no price was known). */
  readonly estimatedCostUsd: number | undefined;
}

/** How an admitted attempt ended. */
export interface AttemptSettlement {
  outcome: 'success' | 'error' | 'aborted';
  /** What the provider reported (for a failure: the usage known when it failed, if any). */
  usage?: Usage;
  reportedCost?: { amount: number; currency: 'USD' };
  /** For failures: the error, to tell a request that never left from one the provider may bill. */
  error?: SwitchyardError;
}

const countSchema = z.number().finite().nonnegative();
const billedCallSchema = z.object({
  task: z.enum(TASKS, { error: `task must be one of ${TASKS.map((task) => `"${task}"`).join(', ')}` }),
  requestedModel: z.string().optional(),
  estimate: z.object(
    { inputTokens: countSchema.optional(), outputTokens: countSchema.optional(), computeSeconds: countSchema.optional() },
    { error: 'estimate must be a Usage such as estimateUsage(task, request) returns' },
  ),
});
const candidateSchema = z.object(
  {
    key: z.string().min(1, 'key must be a provider id or "<provider id>/<route id>"'),
    provider: z.object({ id: z.string().min(1, 'provider.id must not be empty') }, { error: 'provider must be the Provider object' }),
    model: z.string().min(1, 'model must be the provider\'s model id'),
  },
  { error: 'candidate must be { key, provider, model, route? }' },
);
const settlementSchema = z.object(
  {
    outcome: z.enum(['success', 'error', 'aborted'], { error: 'outcome must be "success", "error" or "aborted"' }),
    usage: z.object({}).loose().optional(),
    reportedCost: z.object({ amount: countSchema, currency: z.literal('USD') }).optional(),
    error: z.custom<SwitchyardError>(isSwitchyardError, 'error must be a SwitchyardError').optional(),
  },
  { error: 'settlement must be { outcome, usage?, reportedCost?, error? }' },
);

const TASK_NAMES: ReadonlySet<string> = new Set(TASKS);
const OUTCOMES: ReadonlySet<string> = new Set(['success', 'error', 'aborted']);

function looksLikeCandidate(value: unknown): boolean {
  return isRecord(value) && isId(value.key) && isId(value.model) && isRecord(value.provider) && isId(value.provider.id);
}

function looksLikeCall(value: unknown): boolean {
  if (!isRecord(value) || !TASK_NAMES.has(value.task as string) || !isRecord(value.estimate)) return false;
  if (value.requestedModel !== undefined && typeof value.requestedModel !== 'string') return false;
  const { inputTokens, outputTokens, computeSeconds } = value.estimate;
  return [inputTokens, outputTokens, computeSeconds].every((count) => count === undefined || isAmount(count));
}

function looksLikeSettlement(value: unknown): boolean {
  if (!isRecord(value) || !OUTCOMES.has(value.outcome as string)) return false;
  if (value.usage !== undefined && !isRecord(value.usage)) return false;
  if (value.error !== undefined && !isSwitchyardError(value.error)) return false;
  const reported = value.reportedCost;
  return reported === undefined || (isRecord(reported) && isAmount(reported.amount) && reported.currency === 'USD');
}

interface OpenTicket {
  call: BilledCall;
  lease: QuotaLease;
  reservation: BudgetReservation;
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
export class Billing {
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
    this.meter = new Meter(this.#now);
    this.budgets =
      options.budget === undefined
        ? undefined
        : new BudgetGuard({ budgets: options.budget, store, now: this.#now, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
    this.quotas = new QuotaLimiter({ limits: options.quotas ?? {}, store, now: this.#now });
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
   * Checks quotas and budgets before an attempt is sent and, when both have room, takes a quota slot
   * and reserves the estimated cost. With `wait` (a pinned provider), a full quota that frees before
   * `deadline` answers `waitMs` so the caller can sleep and ask again.
   */
  async admit(candidate: BilledCandidate, call: BilledCall, options: { wait?: boolean; deadline?: number } = {}): Promise<BillingAdmission> {
    validateFast(candidate, looksLikeCandidate, candidateSchema, 'billing candidate');
    validateFast(call, looksLikeCall, billedCallSchema, 'billed call');
    const answer = await this.quotas.tryAcquire(candidate.key, { tokens: Math.ceil(estimatedTokens(call.estimate)) });
    if (!answer.ok) {
      const now = this.#now();
      const canWait = options.wait === true && answer.freesAt !== undefined;
      if (canWait && (options.deadline === undefined || (answer.freesAt as number) <= options.deadline)) {
        return { admitted: false, cause: 'quota', reason: answer.reason, error: quotaRefusalError(candidate.key, answer, now), waitMs: Math.max(1, (answer.freesAt as number) - now) };
      }
      return { admitted: false, cause: 'quota', reason: answer.reason, error: quotaRefusalError(candidate.key, answer, now, { afterDeadline: canWait }) };
    }
    const lease = answer.lease;
    this.#lastSubscriptionState.set(baseProviderId(candidate.key), lease.subscriptionState);
    const pricing = this.pricingFor(candidate, call);
    const estimatedCostUsd = estimateAmount(pricing, call, lease.subscriptionState);
    let reservation: BudgetReservation | undefined;
    try {
      reservation = this.budgets === undefined ? noBudget(candidate.key) : await this.budgets.reserve(candidate.key, estimatedCostUsd ?? 0);
    } catch (error) {
      await this.quotas.release(lease);
      if (isSwitchyardError(error) && error.kind === 'budget-exceeded') {
        return { admitted: false, cause: 'budget', reason: error.message, error: error.withContext({ model: candidate.model }) };
      }
      throw error;
    }
    return { admitted: true, ticket: new IssuedTicket(candidate, call, pricing, estimatedCostUsd, { call, lease, reservation }) };
  }

  /**
   * Ends an admitted attempt: prices it, settles (or, when the request never left, releases) its
   * budget reservation and quota slot, meters it, and returns its cost. Calling it again for the same
   * ticket returns the same cost and changes nothing.
   */
  async finish(ticket: BillingTicket, settlement: AttemptSettlement): Promise<Cost> {
    validateFast(settlement, looksLikeSettlement, settlementSchema, 'attempt settlement');
    const open = IssuedTicket.openOf(ticket);
    if (open === undefined) {
      throw new SwitchyardError('invalid-request', 'finish() takes the ticket that admit() returned.', { retryable: false });
    }
    if (open.cost !== undefined) return open.cost;
    const cost = attemptCost(ticket.pricing, settlement, settlement.error ?? abandonedError(settlement), {
      task: ticket.task,
      provider: ticket.candidateKey,
      model: ticket.model,
      subscriptionState: open.lease.subscriptionState,
    });
    open.cost = cost;
    const sent = settlement.error === undefined || !neverSent(settlement.error);
    // Without budgets there is one store update to wait for, and no Promise.all to build.
    if (sent) {
      const usedTokens = settlement.usage === undefined ? undefined : callTokenCount(settlement.usage, ticket.task);
      const settled = this.quotas.settle(open.lease, usedTokens === undefined ? undefined : Math.round(usedTokens));
      await (this.budgets ? Promise.all([this.budgets.settle(open.reservation, cost.amount), settled]) : settled);
    } else {
      const released = this.quotas.release(open.lease);
      await (this.budgets ? Promise.all([this.budgets.release(open.reservation), released]) : released);
    }
    if (ticket.pricing?.type === 'subscription') {
      this.#lastSubscriptionState.set(baseProviderId(ticket.candidateKey), await this.quotas.subscriptionState(ticket.candidateKey));
    }
    this.meter.record({
      provider: ticket.candidateKey,
      model: ticket.model,
      outcome: settlement.outcome,
      ...(settlement.usage === undefined ? {} : { usage: settlement.usage }),
      cost,
    });
    return cost;
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

// An attempt that ended without success and without an error to show was abandoned (a lost hedge).
function abandonedError(settlement: AttemptSettlement): SwitchyardError | undefined {
  if (settlement.outcome === 'success') return undefined;
  return new SwitchyardError('aborted', 'The attempt was abandoned.', { retryable: false });
}

function estimateAmount(pricing: Pricing | undefined, call: BilledCall, subscriptionState: SubscriptionState): number | undefined {
  if (pricing === undefined) return undefined;
  return computeCost(pricing, call.estimate, { task: call.task, subscriptionState }).amount;
}

function noBudget(providerId: string): BudgetReservation {
  return Object.freeze({ providerId, estimatedCostUsd: 0 });
}
