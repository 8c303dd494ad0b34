import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Task } from '../spec/tasks.js';
import type { Usage } from '../spec/usage.js';
import type { AttemptSettlement } from './client-billing.js';
import type { PriceCallOptions, SubscriptionState } from './compute-cost.js';
import type { Cost, Pricing } from './cost.js';

// The pricer is a parameter so that this (which the client runs for every attempt) loads without
// computeCost's price tables: a client where nothing has a price passes costWithoutPrice and never
// loads the billing chunk (issue 9: core under 25 kB). Billing passes computeCost.

/** What an attempt reported, for pricing. */
export interface AttemptBill {
  usage?: Usage | undefined;
  reportedCost?: { amount: number; currency: 'USD' } | undefined;
}

/** Which attempt is priced. */
export interface AttemptCostContext {
  task: Task;
  /** The candidate key, for the "no price known" reason. */
  provider: string;
  model: string;
  /** The provider's usage this month before the attempt, for subscription prices. */
  subscriptionState?: SubscriptionState;
}

/** How {@link billAttempt} prices usage: `computeCost`, or {@link costWithoutPrice} when nothing has a price. */
export type UsagePricer = (pricing: Pricing | undefined, usage: Usage, options: PriceCallOptions) => Cost;

/**
 * The cost of one attempt, successful or not (`error` set). A success, or a failure that reported
 * usage or a cost (a cut stream), is priced by `price`. A failure without either is
 * `not-billed` when it provably cost nothing — the request never left (refused connection, connect
 * timeout) or the server answered with an error status — and otherwise `unknown`: a timeout or an
 * abandoned hedge may have been billed for the work the provider did.
 */
export function billAttempt(pricing: Pricing | undefined, bill: AttemptBill, error: SwitchyardError | undefined, context: AttemptCostContext, price: UsagePricer): Cost {
  const usage = bill.usage ?? {};
  if (error === undefined || bill.reportedCost !== undefined || hasCounts(usage)) {
    // Fields set one by one: a conditional spread costs microseconds per attempt in Node 20.
    const options: PriceCallOptions = { task: context.task, provider: context.provider, model: context.model };
    if (context.subscriptionState !== undefined) options.subscriptionState = context.subscriptionState;
    if (bill.reportedCost !== undefined) options.reportedCost = bill.reportedCost;
    return price(pricing, usage, options);
  }
  if (neverSent(error)) {
    const phase = error.timeoutPhase === undefined ? '' : ` in phase ${error.timeoutPhase}`;
    return notBilled(`the request never reached the provider (${error.kind}${phase})`);
  }
  if (error.status !== undefined && error.status >= 400) {
    return notBilled(`the provider answered with status ${error.status} and reported no usage (error responses are not billed)`);
  }
  return {
    amount: undefined,
    currency: 'USD',
    basis: 'unknown',
    reason: `the attempt failed (${error.kind}) after the request was sent and the provider reported no usage; it may still bill the work it did`,
  };
}

/**
 * The cost of an attempt as billing settles it: {@link billAttempt}, where an attempt that ended
 * without success and without an error to show was abandoned (a lost hedge).
 */
export function settleAttempt(pricing: Pricing | undefined, settlement: AttemptSettlement, context: AttemptCostContext, price: UsagePricer): Cost {
  const abandoned = settlement.error === undefined && settlement.outcome !== 'success';
  const error = abandoned ? new SwitchyardError('aborted', 'The attempt was abandoned.', { retryable: false }) : settlement.error;
  return billAttempt(pricing, settlement, error, context, price);
}

/** True when the error proves the request never reached the provider. */
export function neverSent(error: SwitchyardError): boolean {
  return error.networkPhase === 'pre-send' || (error.kind === 'timeout' && error.timeoutPhase === 'connect');
}

function hasCounts(usage: Usage): boolean {
  return usage.inputTokens !== undefined || usage.outputTokens !== undefined || usage.totalTokens !== undefined || usage.computeSeconds !== undefined;
}

function notBilled(reason: string): Cost {
  return { amount: 0, currency: 'USD', basis: 'not-billed', reason };
}
