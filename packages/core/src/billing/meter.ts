import { billingSchemas } from '../spec/load-schemas.js';
import type { AttemptOutcome } from '../client/trace-types.js';
import type { Usage } from '../spec/usage.js';
import type { Cost } from './cost.js';
import { isAmount, isId, isRecord, validateFast } from '../spec/fast-validate.js';

/** What one attempt adds to the meter. */
export interface MeteredAttempt {
  /** The candidate key: a provider id, or `"<provider id>/<route id>"` for a route. */
  provider: string;
  /** The provider's own model id. */
  model: string;
  /** Skipped candidates were never sent, so they are not metered. */
  outcome: Exclude<AttemptOutcome, 'skipped'>;
  /** What the provider reported; missing counts add nothing. */
  usage?: Usage;
  cost: Cost;
}

const OUTCOMES = new Set(['success', 'error', 'aborted']);

function looksLikeAttempt(value: unknown): boolean {
  if (!isRecord(value) || !isId(value.provider) || !isId(value.model) || !OUTCOMES.has(value.outcome as string)) return false;
  if (value.usage !== undefined && !isRecord(value.usage)) return false;
  const cost = value.cost;
  return isRecord(cost) && typeof cost.basis === 'string' && (cost.amount === undefined || isAmount(cost.amount));
}

/** Sums over a set of attempts. */
export interface UsageTotals {
  /** Every attempt sent or started, successful or not. */
  requests: number;
  succeeded: number;
  /** Attempts that ended in an error or were aborted. */
  failed: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  computeSeconds: number;
  /** The sum of every known cost (not-billed attempts add 0). */
  costUsd: number;
  /** Attempts whose cost is unknown: `costUsd` leaves them out, so it is a lower bound when this is above 0. */
  unknownCostRequests: number;
}

/** Plain data for `client.usage()`: totals, per provider, and per provider and model. */
export interface UsageSnapshot {
  /** Epoch milliseconds when metering started (or was last reset). */
  since: number;
  totals: UsageTotals;
  providers: Record<string, { totals: UsageTotals; models: Record<string, UsageTotals> }>;
}

/**
 * Counts every attempt a client makes (successes, failures, aborted hedges) per provider and model:
 * requests, tokens, compute seconds and cost. Cheap enough to call on every attempt: one map lookup
 * per level and a few additions, no copies until {@link Meter.snapshot}.
 */
export class Meter {
  readonly #now: () => number;
  #since: number;
  #totals = emptyTotals();
  readonly #providers = new Map<string, { totals: UsageTotals; models: Map<string, UsageTotals> }>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.#since = now();
  }

  /** Adds one attempt. Attempts skipped before sending (breaker, budget, quota) should not be recorded. */
  record(attempt: MeteredAttempt): void {
    validateFast(attempt, looksLikeAttempt, () => billingSchemas().meteredAttempt, 'metered attempt');
    let provider = this.#providers.get(attempt.provider);
    if (provider === undefined) {
      provider = { totals: emptyTotals(), models: new Map() };
      this.#providers.set(attempt.provider, provider);
    }
    let model = provider.models.get(attempt.model);
    if (model === undefined) {
      model = emptyTotals();
      provider.models.set(attempt.model, model);
    }
    add(this.#totals, attempt);
    add(provider.totals, attempt);
    add(model, attempt);
  }

  /** A deep copy of the counters: safe to keep, serialise or change. */
  snapshot(): UsageSnapshot {
    const providers: UsageSnapshot['providers'] = {};
    for (const [id, provider] of this.#providers) {
      const models: Record<string, UsageTotals> = {};
      for (const [model, totals] of provider.models) define(models, model, { ...totals });
      define(providers, id, { totals: { ...provider.totals }, models });
    }
    return { since: this.#since, totals: { ...this.#totals }, providers };
  }

  /** Starts counting from zero. */
  reset(): void {
    this.#totals = emptyTotals();
    this.#providers.clear();
    this.#since = this.#now();
  }
}

function add(totals: UsageTotals, attempt: MeteredAttempt): void {
  totals.requests += 1;
  if (attempt.outcome === 'success') totals.succeeded += 1;
  else totals.failed += 1;
  const usage = attempt.usage;
  if (usage !== undefined) {
    totals.inputTokens += count(usage.inputTokens);
    totals.outputTokens += count(usage.outputTokens);
    totals.cachedInputTokens += count(usage.cachedInputTokens);
    totals.reasoningTokens += count(usage.reasoningTokens);
    totals.computeSeconds += count(usage.computeSeconds);
  }
  if (attempt.cost.amount === undefined) totals.unknownCostRequests += 1;
  else totals.costUsd += attempt.cost.amount;
}

// A provider bug (NaN, a negative count) must not poison the totals.
function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

// Own data properties even for keys such as "__proto__" (a model id is outside our control).
function define<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function emptyTotals(): UsageTotals {
  return {
    requests: 0,
    succeeded: 0,
    failed: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    reasoningTokens: 0,
    computeSeconds: 0,
    costUsd: 0,
    unknownCostRequests: 0,
  };
}
