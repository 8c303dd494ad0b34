import type { SwitchyardError } from '../errors/switchyard-error.js';
import { billAttempt } from './bill-attempt.js';
import type { AttemptBill, AttemptCostContext } from './bill-attempt.js';
import { computeCost } from './compute-cost.js';
import type { Cost, Pricing } from './cost.js';

/**
 * The cost of one attempt, successful or not (`error` set). A success, or a failure that reported
 * usage or a cost (a cut stream), is priced by {@link computeCost}. A failure without either is
 * `not-billed` when it provably cost nothing — the request never left (refused connection, connect
 * timeout) or the server answered with an error status — and otherwise `unknown`: a timeout or an
 * abandoned hedge may have been billed for the work the provider did.
 */
export function attemptCost(pricing: Pricing | undefined, bill: AttemptBill, error: SwitchyardError | undefined, context: AttemptCostContext): Cost {
  return billAttempt(pricing, bill, error, context, computeCost);
}
