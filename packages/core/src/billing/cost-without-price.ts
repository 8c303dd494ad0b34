import { isAmount } from '../spec/fast-validate.js';
import type { Usage } from '../spec/usage.js';
import type { PriceCallOptions } from './compute-cost.js';
import type { Cost, Pricing } from './cost.js';

// Apart from computeCost: a client where nothing has a price settles every attempt with this alone,
// without loading the price tables (issue 9: core under 25 kB). computeCost uses it too, so an
// unpriced call costs the same either way.

/** True when the provider reported a usable cost for the call (it wins over any price). */
export function hasReportedCost(options: Pick<PriceCallOptions, 'reportedCost'>): boolean {
  return options.reportedCost !== undefined && isAmount(options.reportedCost.amount);
}

/**
 * What a call costs when no price applies: the provider-reported cost (basis `'reported'`), else
 * `unknown` with what to configure. Takes `computeCost`'s arguments so either can price an attempt
 * (`pricing` and `usage` are not read).
 */
export function costWithoutPrice(_pricing: Pricing | undefined, _usage: Usage, options: PriceCallOptions): Cost {
  const reported = options.reportedCost;
  if (reported !== undefined && isAmount(reported.amount)) return { amount: reported.amount, currency: 'USD', basis: 'reported' };
  return { amount: undefined, currency: 'USD', basis: 'unknown', reason: noPriceReason(options) };
}

// Every unpriced call of a provider and model gets the same reason: built once (it was most of what
// pricing an unpriced call allocated), for at most 1,000 pairs at a time.
const reasons = new Map<string, string>();

function noPriceReason({ provider, model }: PriceCallOptions): string {
  if (provider === undefined) return 'no price is known for this call';
  const key = model === undefined ? provider : `${provider}\n${model}`;
  let reason = reasons.get(key);
  if (reason !== undefined) return reason;
  const where = model === undefined ? `provider "${provider}"` : `model "${model}" on provider "${provider}"`;
  const example = model === undefined ? `{ "${provider}": { type: "per-token", ... } }` : `{ "${provider}": { "${model}": { type: "per-token", ... } } }`;
  reason = `no price is known for ${where}: set pricing: ${example} in createClient`;
  if (reasons.size >= 1_000) reasons.clear();
  reasons.set(key, reason);
  return reason;
}
