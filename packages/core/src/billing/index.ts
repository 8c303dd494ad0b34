// Public exports of @switchyard/core/billing (explicit names only): the billing machinery, apart
// from the package's root so that a plain call does not load it (issue 9: core under 25 kB). The
// client loads what it needs of it by itself; import from here to use these parts directly. The
// option and result types a client is configured with (`PricingConfig`, `BudgetLimit`, …) are also
// exported by the root, as are `pricingSchema` and `pricingConfigSchema` (the contract's prices).
export { Billing } from './billing.js';
export type { BillingOptions } from './billing.js';
export type { BilledCandidate, BilledCall, BillingAdmission, BillingTicket, AttemptSettlement } from './client-billing.js';
export { priceCall } from './price-call.js';
export { computeCost, callTokenCount } from './compute-cost.js';
export type { PriceCallOptions, SubscriptionState } from './compute-cost.js';
export type { PricingConfig } from './pricing-schema.js';
export { resolvePricing } from './resolve-pricing.js';
export type { PricingLookup } from './resolve-pricing.js';
export { estimateUsage, estimatedTokens, DEFAULT_OUTPUT_TOKENS } from './estimate-usage.js';
export type { EstimableRequest } from './estimate-usage.js';
export { attemptCost } from './attempt-cost.js';
export type { AttemptBill, AttemptCostContext } from './bill-attempt.js';
export { Meter } from './meter.js';
export type { MeteredAttempt, UsageTotals, UsageSnapshot } from './meter.js';
export { BudgetGuard } from './budget-guard.js';
export { budgetConfigSchema } from './budget-limit.js';
export type { BudgetLimit } from './budget-limit.js';
export type { BudgetEvent, BudgetReservation, BudgetRefusal, BudgetStatus, BudgetGuardOptions } from './budget-guard.js';
export { QuotaLimiter, quotaRefusalError } from './quota-limiter.js';
export { quotaConfigSchema } from './quota-limits.js';
export type { QuotaLimits } from './quota-limits.js';
export type { QuotaLimitName, QuotaLease, QuotaAnswer, AcquireOptions, QuotaLimiterOptions } from './quota-limiter.js';
export { timeWindowSchema, windowBounds, describeWindow } from './time-window.js';
export type { TimeWindow } from './time-window.js';
