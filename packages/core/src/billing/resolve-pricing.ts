import type { Provider, ProviderRoute } from '../spec/provider.js';
import type { Task } from '../spec/tasks.js';
import type { Pricing } from './cost.js';
import { pricingSchema } from './pricing-schema.js';
import { looksLikePricing } from './looks-like-pricing.js';
import type { PricingConfig } from './pricing-schema.js';

/** Which call a price is wanted for. */
export interface PricingLookup {
  /** The provider's id, e.g. `'hf'`. */
  providerId: string;
  /** For a multi-route provider, the candidate id `"<provider id>/<route id>"`, looked up before `providerId`. */
  candidateId?: string;
  /** The provider's own model id (aliases already resolved). */
  model: string;
  /** The model name the caller asked for (an alias, say), looked up after `model`. */
  requestedModel?: string;
  task: Task;
  /** The route chosen for the call, whose price comes after configured ones. */
  route?: ProviderRoute;
  /** The provider, whose `pricing(model, task)` is asked last. */
  provider?: Pick<Provider, 'pricing'>;
}

// Provider prices are third-party data: each distinct object is validated once.
const checkedProviderPrices = new WeakMap<object, boolean>();

/**
 * The price of a call, first match wins: the client's `pricing` config (candidate id, then provider
 * id; per model by the provider's model id, then by the requested name), then the chosen route's
 * price, then the provider's own `pricing(model, task)`. `undefined` when nobody knows; a provider
 * price that fails validation (or a `pricing()` that throws) counts as unknown rather than failing
 * the call.
 *
 * @param config the client's validated `pricing` option.
 */
export function resolvePricing(config: PricingConfig | undefined, lookup: PricingLookup): Pricing | undefined {
  const configured =
    fromConfig(config, lookup.candidateId, lookup) ?? fromConfig(config, lookup.providerId, lookup);
  if (configured !== undefined) return configured;
  const routePrice = lookup.route?.pricing;
  if (routePrice !== undefined && isValidProviderPrice(routePrice)) return routePrice;
  let providerPrice: Pricing | undefined;
  try {
    providerPrice = lookup.provider?.pricing?.(lookup.model, lookup.task);
  } catch {
    return undefined;
  }
  return providerPrice !== undefined && isValidProviderPrice(providerPrice) ? providerPrice : undefined;
}

function fromConfig(config: PricingConfig | undefined, key: string | undefined, lookup: PricingLookup): Pricing | undefined {
  if (config === undefined || key === undefined || !Object.hasOwn(config, key)) return undefined;
  const entry = config[key];
  if (entry === undefined) return undefined;
  if (typeof entry.type === 'string') return entry as Pricing;
  const perModel = entry as Record<string, Pricing>;
  if (Object.hasOwn(perModel, lookup.model)) return perModel[lookup.model];
  if (lookup.requestedModel !== undefined && Object.hasOwn(perModel, lookup.requestedModel)) return perModel[lookup.requestedModel];
  return undefined;
}

function isValidProviderPrice(pricing: Pricing): boolean {
  if (typeof pricing !== 'object' || pricing === null) return false;
  let valid = checkedProviderPrices.get(pricing);
  if (valid === undefined) {
    valid = looksLikePricing(pricing) || pricingSchema.safeParse(pricing).success;
    checkedProviderPrices.set(pricing, valid);
  }
  return valid;
}
