import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { Provider, ProviderRoute } from '../spec/provider.js';
import type { Task } from '../spec/tasks.js';
import type { Usage } from '../spec/usage.js';
import type { Cost, Pricing } from './cost.js';

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

/**
 * What the client's attempt loop asks of billing. {@link Billing} (loaded on demand from the billing
 * chunk) answers it when anything is priced, budgeted or rate-limited; `UnpricedBilling` (in the
 * client's own chunk) when nothing is, so a plain call loads none of it (issue 9: core under 25 kB).
 */
export interface ClientBilling {
  /** True when admitting and finishing answer without a promise (`admitNow`, `finishNow`). */
  readonly answersNow: boolean;
  /** The estimated USD cost of the call on `candidate`, for the `cost` strategy; `undefined` when unknown. */
  estimateCost(candidate: BilledCandidate, call: BilledCall): number | undefined;
  admit(candidate: BilledCandidate, call: BilledCall, options?: { wait?: boolean; deadline?: number }): Promise<BillingAdmission>;
  admitNow(candidate: BilledCandidate, call: BilledCall, options?: { wait?: boolean; deadline?: number }): BillingAdmission;
  finish(ticket: BillingTicket, settlement: AttemptSettlement): Promise<Cost>;
  finishNow(ticket: BillingTicket, settlement: AttemptSettlement): Cost;
}
