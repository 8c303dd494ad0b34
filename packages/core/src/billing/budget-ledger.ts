import type { z } from 'zod';
import { lazySchema, schemaOnFirstUse } from '../spec/lazy-schema.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { StateStore } from '../policy/state-store.js';
import { validateInput } from '../spec/validate-input.js';
import { isAmount, isId, validateFast } from '../spec/fast-validate.js';
import { budgetKey } from './budget-key.js';
import type { BudgetEvent, BudgetRefusal, BudgetReservation, BudgetStatus } from './budget-guard.js';
import type { BudgetLimit } from './budget-limit.js';
import { belongsTo } from './candidate-key.js';
import { formatUsd } from './format-usd.js';
import { describeWindow, windowBounds } from './time-window.js';

interface BudgetRecord {
  windowStart: number;
  spentUsd: number;
  inFlightUsd: number;
  unknownCostCalls: number;
  warned: boolean;
  exhausted: boolean;
}

type BudgetRecords = Record<string, BudgetRecord>;

interface Budget extends BudgetLimit {
  key: string;
  label: string;
  warnAt: number;
}

const STORE_KEY = 'billing:budgets';
// Every reservation any guard handed out, so settling one twice is told apart from passing a stranger.
const issuedReservations = new WeakSet<object>();
// Sums of floating-point dollars drift by ~1e-17 per operation; smaller remainders are zero.
const EPSILON_USD = 1e-12;
const usdSchema = schemaOnFirstUse(
  lazySchema((z) =>
    z.number().finite('the cost must be finite').nonnegative('the cost must be >= 0'),
  ),
);
const reserveSchema = schemaOnFirstUse(
  lazySchema((z) =>
    z.object({ providerId: z.string().min(1, 'providerId must not be empty'), estimatedCostUsd: usdSchema }),
  ),
);
const settleSchema = schemaOnFirstUse(
  lazySchema((z) =>
    usdSchema.optional(),
  ),
);

/**
 * What a `BudgetGuard` does once it is used: reservations, settlement, events and status. Its own
 * chunk, loaded by the guard's first call, because only clients with a `budget` option run it (size
 * budget, issue 9: the core entry stays small for everyone else). The guard keeps the option schema
 * and validates synchronously in its constructor, so bad options still throw where they are passed.
 */
export class BudgetLedger {
  readonly #budgets: Budget[];
  readonly #store: StateStore;
  readonly #now: () => number;
  readonly #onEvent: ((event: BudgetEvent) => void) | undefined;
  readonly #open = new WeakMap<BudgetReservation, Budget[]>();

  /** `budgets` as `budgetConfigSchema` returned them (the guard validated them when it was built). */
  constructor(budgets: readonly BudgetLimit[], store: StateStore, now: () => number, onEvent: ((event: BudgetEvent) => void) | undefined) {
    this.#budgets = budgets.map((budget) => ({ ...budget, key: budgetKey(budget), label: budgetLabel(budget), warnAt: budget.warnAt ?? 0.8 }));
    this.#store = store;
    this.#now = now;
    this.#onEvent = onEvent;
  }

  /** Whether `providerId` has room for a call of this estimate now, without reserving anything. */
  async check(providerId: string, estimatedCostUsd = 0): Promise<BudgetRefusal | undefined> {
    const input = checkReservation(providerId, estimatedCostUsd, 'budget check');
    const budgets = this.#applicable(input.providerId);
    if (budgets.length === 0) return undefined;
    const records = (await this.#store.get<BudgetRecords>(STORE_KEY)) ?? {};
    return this.#firstRefusal(budgets, records, input.estimatedCostUsd, this.#now());
  }

  /**
   * Sets `estimatedCostUsd` aside in every budget that applies to `providerId`, or throws
   * `budget-exceeded` naming the budget, its window, what is spent and in flight, and how to raise it.
   * Every reservation must end in {@link settle} (the call was sent) or {@link release} (it was not).
   */
  async reserve(providerId: string, estimatedCostUsd = 0): Promise<BudgetReservation> {
    const input = checkReservation(providerId, estimatedCostUsd, 'budget reservation');
    const budgets = this.#applicable(input.providerId);
    let refusal: BudgetRefusal | undefined;
    if (budgets.length > 0) {
      await this.#store.update<BudgetRecords>(STORE_KEY, (current) => {
        const records = current ?? {};
        const now = this.#now();
        refusal = this.#firstRefusal(budgets, records, input.estimatedCostUsd, now);
        if (refusal === undefined) {
          for (const budget of budgets) currentRecord(records, budget, now).inFlightUsd += input.estimatedCostUsd;
        }
        return records;
      });
    }
    if (refusal !== undefined) {
      throw new SwitchyardError('budget-exceeded', refusal.message, { provider: input.providerId, retryable: false });
    }
    const reservation: BudgetReservation = Object.freeze({ providerId: input.providerId, estimatedCostUsd: input.estimatedCostUsd });
    this.#open.set(reservation, budgets);
    issuedReservations.add(reservation);
    return reservation;
  }

  /**
   * Replaces the reservation's estimate with what the call cost. `undefined` (an unknown cost)
   * spends the estimate, the best guess there is. Settling twice has no further effect.
   */
  async settle(reservation: BudgetReservation, actualCostUsd: number | undefined): Promise<void> {
    const actual = validateFast(actualCostUsd, (value) => value === undefined || isAmount(value), settleSchema, 'settled cost');
    await this.#close(reservation, actual ?? reservation.estimatedCostUsd, actual === undefined);
  }

  /** Gives a reservation back unspent: the call was never sent. */
  async release(reservation: BudgetReservation): Promise<void> {
    await this.#close(reservation, 0, false);
  }

  /** Every budget's state in its current window. */
  async status(): Promise<BudgetStatus[]> {
    const records = (await this.#store.get<BudgetRecords>(STORE_KEY)) ?? {};
    const now = this.#now();
    return this.#budgets.map((budget) => {
      const record = windowRecord(records, budget, now);
      return {
        budget: budget.label,
        ...(budget.provider === undefined ? {} : { provider: budget.provider }),
        window: budget.window,
        limitUsd: budget.limitUsd,
        spentUsd: record.spentUsd,
        inFlightUsd: record.inFlightUsd,
        unknownCostCalls: record.unknownCostCalls,
        windowStart: record.windowStart,
        resetsAt: windowBounds(budget.window, now).end,
      };
    });
  }

  async #close(reservation: BudgetReservation, spentUsd: number, unknownCost: boolean): Promise<void> {
    const budgets = this.#open.get(reservation);
    if (budgets === undefined) {
      if (typeof reservation === 'object' && reservation !== null && issuedReservations.has(reservation)) return; // settled already
      throw new SwitchyardError('invalid-request', 'settle() and release() take the reservation that reserve() returned.', { retryable: false });
    }
    this.#open.delete(reservation);
    if (budgets.length === 0) return;
    let events: BudgetEvent[] = [];
    await this.#store.update<BudgetRecords>(STORE_KEY, (current) => {
      const records = current ?? {};
      const now = this.#now();
      events = [];
      for (const budget of budgets) {
        const record = currentRecord(records, budget, now);
        record.inFlightUsd = dropDust(record.inFlightUsd - reservation.estimatedCostUsd);
        record.spentUsd += spentUsd;
        if (unknownCost) record.unknownCostCalls += 1;
        const fraction = record.spentUsd / budget.limitUsd;
        if (!record.exhausted && fraction >= 1 - EPSILON_USD) {
          record.exhausted = record.warned = true;
          events.push(budgetEvent('budget-exhausted', budget, record, now));
        } else if (!record.warned && fraction >= budget.warnAt) {
          record.warned = true;
          events.push(budgetEvent('budget-warning', budget, record, now));
        }
      }
      return records;
    });
    for (const event of events) this.#emit(event);
  }

  #applicable(providerId: string): Budget[] {
    return this.#budgets.filter((budget) => budget.provider === undefined || belongsTo(providerId, budget.provider));
  }

  #firstRefusal(budgets: Budget[], records: BudgetRecords, estimatedCostUsd: number, now: number): BudgetRefusal | undefined {
    for (const budget of budgets) {
      const record = windowRecord(records, budget, now);
      const committed = record.spentUsd + record.inFlightUsd;
      if (committed + estimatedCostUsd <= budget.limitUsd + EPSILON_USD && committed < budget.limitUsd - EPSILON_USD) continue;
      const resetsAt = windowBounds(budget.window, now).end;
      return { budget: budget.label, message: refusalMessage(budget, record, estimatedCostUsd, resetsAt), resetsAt };
    }
    return undefined;
  }

  #emit(event: BudgetEvent): void {
    try {
      this.#onEvent?.(event);
    } catch {
      // A listener's bug must not fail the call that triggered the event.
    }
  }
}

function checkReservation(providerId: string, estimatedCostUsd: number, what: string): { providerId: string; estimatedCostUsd: number } {
  if (isId(providerId) && isAmount(estimatedCostUsd)) return { providerId, estimatedCostUsd };
  return validateInput(reserveSchema, { providerId, estimatedCostUsd }, what);
}

/** The record for the window containing `now`, rolled over (spending reset, reservations kept) and stored. */
function currentRecord(records: BudgetRecords, budget: Budget, now: number): BudgetRecord {
  const record = windowRecord(records, budget, now);
  records[budget.key] = record;
  return record;
}

/** The record for the window containing `now`, without storing a rollover. */
function windowRecord(records: BudgetRecords, budget: Budget, now: number): BudgetRecord {
  const windowStart = windowBounds(budget.window, now).start;
  const record = Object.hasOwn(records, budget.key) ? records[budget.key] : undefined;
  if (record !== undefined && record.windowStart === windowStart) return record;
  // Calls in flight across a window boundary keep their reservation; their cost lands in the new window.
  return { windowStart, spentUsd: 0, inFlightUsd: record?.inFlightUsd ?? 0, unknownCostCalls: 0, warned: false, exhausted: false };
}

function budgetLabel(budget: BudgetLimit): string {
  const scope = budget.provider === undefined ? 'client budget' : `budget for provider "${budget.provider}"`;
  const named = budget.name === undefined ? scope : `${scope} "${budget.name}"`;
  return `${named} of ${formatUsd(budget.limitUsd)} ${describeWindow(budget.window)}`;
}

function refusalMessage(budget: Budget, record: BudgetRecord, estimatedCostUsd: number, resetsAt: number): string {
  const state = `${formatUsd(record.spentUsd)} spent and ${formatUsd(record.inFlightUsd)} reserved by calls in flight`;
  const estimate = estimatedCostUsd > 0 ? `, and this call is estimated at ${formatUsd(estimatedCostUsd)}` : '';
  const reset = Number.isFinite(resetsAt) ? ` It resets at ${new Date(resetsAt).toISOString()}.` : '';
  const where = budget.name === undefined ? `the budget with ${budget.provider === undefined ? 'no provider' : `provider: "${budget.provider}"`} and window: ${JSON.stringify(budget.window)}` : `budget "${budget.name}"`;
  return (
    `Budget exceeded: the ${budget.label} has ${state}${estimate}.${reset}` +
    ` To allow more, raise limitUsd (now ${budget.limitUsd}) of ${where} in the client's budget option.`
  );
}

function budgetEvent(type: BudgetEvent['type'], budget: Budget, record: BudgetRecord, now: number): BudgetEvent {
  return {
    type,
    at: now,
    budget: budget.label,
    ...(budget.provider === undefined ? {} : { provider: budget.provider }),
    window: budget.window,
    limitUsd: budget.limitUsd,
    spentUsd: record.spentUsd,
    fraction: record.spentUsd / budget.limitUsd,
    resetsAt: windowBounds(budget.window, now).end,
  };
}

function dropDust(usd: number): number {
  return usd < EPSILON_USD ? 0 : usd;
}
