import { billingSchemas } from '../spec/load-schemas.js';
import { isSwitchyardError } from '../errors/switchyard-error.js';
import { isAmount, isRecord, validateFast } from '../spec/fast-validate.js';
import type { AttemptSettlement } from './client-billing.js';

// What both Billing and UnpricedBilling check when an attempt ends, so a provider's malformed
// reportedCost gets the same "could not be billed" cost whichever of them the client uses. A
// precheck for the shape the client builds, and a zod schema (schemas/billing-schemas.ts) that says
// what is wrong with the rest.

const OUTCOMES: ReadonlySet<string> = new Set(['success', 'error', 'aborted']);

function looksLikeSettlement(value: unknown): boolean {
  if (!isRecord(value) || !OUTCOMES.has(value.outcome as string)) return false;
  if (value.usage !== undefined && !isRecord(value.usage)) return false;
  if (value.error !== undefined && !isSwitchyardError(value.error)) return false;
  const reported = value.reportedCost;
  return reported === undefined || (isRecord(reported) && isAmount(reported.amount) && reported.currency === 'USD');
}

/** Throws `invalid-request` unless `settlement` is what finish() takes. */
export function checkSettlement(settlement: AttemptSettlement): void {
  validateFast(settlement, looksLikeSettlement, () => billingSchemas().settlement, 'attempt settlement');
}
