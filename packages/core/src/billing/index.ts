// Public exports of core/billing: explicit names only; the package index re-exports this list.
export { priceCall, computeCost, callTokenCount } from './price-call.js';
export type { PriceCallOptions, SubscriptionState } from './price-call.js';
export { pricingSchema, pricingConfigSchema } from './pricing-schema.js';
export type { PricingConfig } from './pricing-schema.js';
export { resolvePricing } from './resolve-pricing.js';
export type { PricingLookup } from './resolve-pricing.js';
