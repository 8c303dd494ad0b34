// Public exports of core/billing: explicit names only; the package index re-exports this list.
export { priceCall, computeCost, callTokenCount } from './price-call.js';
export type { PriceCallOptions, SubscriptionState } from './price-call.js';
export { pricingSchema, pricingConfigSchema } from './pricing-schema.js';
export type { PricingConfig } from './pricing-schema.js';
export { resolvePricing } from './resolve-pricing.js';
export type { PricingLookup } from './resolve-pricing.js';
export { Meter } from './meter.js';
export type { MeteredAttempt, UsageTotals, UsageSnapshot } from './meter.js';
export { BudgetGuard, budgetConfigSchema } from './budget-guard.js';
export type {
  BudgetLimit,
  BudgetEvent,
  BudgetReservation,
  BudgetRefusal,
  BudgetStatus,
  BudgetGuardOptions,
} from './budget-guard.js';
export { timeWindowSchema, windowBounds, describeWindow } from './time-window.js';
export type { TimeWindow } from './time-window.js';
export { QuotaLimiter, quotaConfigSchema } from './quota-limiter.js';
export type { QuotaLimits, QuotaLimitName, QuotaLease, QuotaAnswer, AcquireOptions, QuotaLimiterOptions } from './quota-limiter.js';
