import { createMemoryStateStore } from '../policy/state-store.js';
import type { StateStore } from '../policy/state-store.js';
import { validateInput } from '../spec/validate-input.js';
import type { BudgetLedger } from './budget-ledger.js';
import { budgetConfigSchema } from './budget-limit.js';
import type { BudgetLimit } from './budget-limit.js';
import type { TimeWindow } from './time-window.js';

/** A budget crossed its warning fraction, or was used up, in the current window. Fires once per window. */
export interface BudgetEvent {
  type: 'budget-warning' | 'budget-exhausted';
  /** Epoch milliseconds. */
  at: number;
  /** Which budget, as messages name it: `client budget $5.00 per day (UTC)`. */
  budget: string;
  /** Set for a per-provider budget. */
  provider?: string;
  window: TimeWindow;
  limitUsd: number;
  spentUsd: number;
  /** `spentUsd / limitUsd`. */
  fraction: number;
  /** Epoch milliseconds when the window resets (`Infinity` for `'total'`). */
  resetsAt: number;
}

/** Money set aside for one call until it is settled or released. */
export interface BudgetReservation {
  readonly providerId: string;
  readonly estimatedCostUsd: number;
}

/** Why a provider cannot take a call now (see {@link BudgetGuard.check}). */
export interface BudgetRefusal {
  /** The budget that refused, as messages name it. */
  budget: string;
  /** A message for a person: which budget, its window, spent so far and how to raise it. */
  message: string;
  /** Epoch milliseconds when the budget's window resets. */
  resetsAt: number;
}

/** One budget's state in the current window. */
export interface BudgetStatus {
  budget: string;
  provider?: string;
  window: TimeWindow;
  limitUsd: number;
  spentUsd: number;
  /** Reserved by calls that have not settled yet. */
  inFlightUsd: number;
  /** Settled calls whose cost was unknown (their estimate was spent instead). */
  unknownCostCalls: number;
  windowStart: number;
  resetsAt: number;
}

/** What {@link BudgetGuard} needs. */
export interface BudgetGuardOptions {
  /** One budget or several; every budget that applies to a provider must have room for a call. */
  budgets: BudgetLimit | BudgetLimit[];
  /** Where spending lives (shared stores let several processes keep one budget). Default: in memory. */
  store?: StateStore;
  now?: () => number;
  /** Receives warnings; exceptions it throws are swallowed. */
  onEvent?: (event: BudgetEvent) => void;
}

/**
 * Spending limits checked before a call is sent. {@link BudgetGuard.reserve} sets the call's
 * estimated cost aside in every budget that applies, or throws `budget-exceeded`; settling replaces
 * the estimate with the actual cost. A call is admitted only while spent + reserved + its estimate
 * fits the limit, and the check and the reservation are one atomic store update, so concurrent callers
 * can overshoot a budget only by what the calls in flight at the last admission cost beyond their
 * estimates (with estimates of zero: by what those calls cost).
 *
 * The constructor validates the options at once; the bookkeeping (`budget-ledger`) is a separate chunk
 * loaded by the first method call, which is async anyway (size budget, issue 9).
 */
export class BudgetGuard {
  readonly #budgets: BudgetLimit[];
  readonly #store: StateStore;
  readonly #now: () => number;
  readonly #onEvent: ((event: BudgetEvent) => void) | undefined;
  #ledger: Promise<BudgetLedger> | undefined;

  constructor(options: BudgetGuardOptions) {
    this.#budgets = validateInput(budgetConfigSchema, options.budgets, 'budget option');
    this.#store = options.store ?? createMemoryStateStore();
    this.#now = options.now ?? Date.now;
    this.#onEvent = options.onEvent;
  }

  /** Whether `providerId` has room for a call of this estimate now, without reserving anything. */
  async check(providerId: string, estimatedCostUsd = 0): Promise<BudgetRefusal | undefined> {
    return (await this.#load()).check(providerId, estimatedCostUsd);
  }

  /**
   * Sets `estimatedCostUsd` aside in every budget that applies to `providerId`, or throws
   * `budget-exceeded` naming the budget, its window, what is spent and in flight, and how to raise it.
   * Every reservation must end in {@link settle} (the call was sent) or {@link release} (it was not).
   */
  async reserve(providerId: string, estimatedCostUsd = 0): Promise<BudgetReservation> {
    return (await this.#load()).reserve(providerId, estimatedCostUsd);
  }

  /**
   * Replaces the reservation's estimate with what the call cost. `undefined` (an unknown cost)
   * spends the estimate, the best guess there is. Settling twice has no further effect.
   */
  async settle(reservation: BudgetReservation, actualCostUsd: number | undefined): Promise<void> {
    return (await this.#load()).settle(reservation, actualCostUsd);
  }

  /** Gives a reservation back unspent: the call was never sent. */
  async release(reservation: BudgetReservation): Promise<void> {
    return (await this.#load()).release(reservation);
  }

  /** Every budget's state in its current window. */
  async status(): Promise<BudgetStatus[]> {
    return (await this.#load()).status();
  }

  #load(): Promise<BudgetLedger> {
    return (this.#ledger ??= import('./budget-ledger.js').then(({ BudgetLedger }) => new BudgetLedger(this.#budgets, this.#store, this.#now, this.#onEvent)));
  }
}
