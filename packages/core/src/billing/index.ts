// Public exports of core/billing: explicit names only; the package index re-exports this list.
export { Billing } from './billing.js';
export type { BillingOptions, BilledCandidate, BilledCall, BillingAdmission, BillingTicket, AttemptSettlement } from './billing.js';
export { priceCall, computeCost, callTokenCount } from './price-call.js';
export type { PriceCallOptions, SubscriptionState } from './price-call.js';
export { pricingSchema, pricingConfigSchema } from './pricing-schema.js';
export type { PricingConfig } from './pricing-schema.js';
export { resolvePricing } from './resolve-pricing.js';
export type { PricingLookup } from './resolve-pricing.js';
export { estimateUsage, estimatedTokens, DEFAULT_OUTPUT_TOKENS } from './estimate-usage.js';
export type { EstimableRequest } from './estimate-usage.js';
export { attemptCost } from './attempt-cost.js';
export type { AttemptBill, AttemptCostContext } from './attempt-cost.js';
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
export { QuotaLimiter, quotaConfigSchema, quotaRefusalError } from './quota-limiter.js';
export type { QuotaLimits, QuotaLimitName, QuotaLease, QuotaAnswer, AcquireOptions, QuotaLimiterOptions } from './quota-limiter.js';
export { timeWindowSchema, windowBounds, describeWindow } from './time-window.js';
export type { TimeWindow } from './time-window.js';
