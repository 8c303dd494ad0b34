import type { z as zod } from 'zod';
import { isSwitchyardError } from '../errors/switchyard-error.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { Pricing } from '../billing/cost.js';
import type { PricingConfig } from '../billing/pricing-schema.js';
import { schemaByShape } from '../billing/schema-by-shape.js';
import type { ZodModule } from '../spec/load-zod.js';

// Billing's zod schemas, built together on first use: the prices (`pricingSchema`,
// `pricingConfigSchema`), and what the meter and the settlement check take, which they check by hand
// first and only need these, and zod, for an input the check rejects.
export function buildBillingSchemas(z: ZodModule) {
  const usd = (what: string) =>
    z.number({ error: `${what} must be a number of US dollars` }).finite(`${what} must be a finite number`).nonnegative(`${what} must be >= 0`);
  const count = (what: string) => z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).nonnegative(`${what} must be >= 0`);

  const perToken = z.strictObject({
    type: z.literal('per-token'),
    inputPerMillion: usd('inputPerMillion'),
    outputPerMillion: usd('outputPerMillion'),
    cachedInputPerMillion: usd('cachedInputPerMillion').optional(),
  });
  const perRequest = z.strictObject({ type: z.literal('per-request'), perRequest: usd('perRequest') });
  const computeTime = z.strictObject({ type: z.literal('compute-time'), perSecond: usd('perSecond') });
  const subscription = z.strictObject({
    type: z.literal('subscription'),
    monthlyFee: usd('monthlyFee'),
    includedRequests: count('includedRequests').optional(),
    includedTokens: count('includedTokens').optional(),
    overage: z.discriminatedUnion('type', [perToken, perRequest, computeTime], {
      error: 'overage must be a per-token, per-request or compute-time price such as { type: "per-request", perRequest: 0.002 }',
    }),
  });

  // One Pricing, e.g. `{ type: 'per-token', inputPerMillion: 0.15, outputPerMillion: 0.6 }`.
  const pricing = z.discriminatedUnion('type', [perToken, perRequest, computeTime, subscription], {
    error: 'pricing.type must be one of "per-token", "per-request", "compute-time", "subscription"',
  }) as unknown as zod.ZodType<Pricing>;
  const perModelPricing = z.record(z.string().min(1, 'model ids must not be empty'), pricing, {
    error: 'expected a Pricing ({ type: "per-token", ... }) or a map of model id to Pricing',
  });
  // The client's `pricing` option. A Pricing always has a string `type`; a per-model map's values
  // are objects, so the shape decides which schema writes the messages.
  const pricingConfig = z.record(
    z.string().min(1, 'provider ids must not be empty'),
    schemaByShape<Pricing | Record<string, Pricing>>((value) => (isPricingShaped(value) ? pricing : perModelPricing)),
  ) as unknown as zod.ZodType<PricingConfig>;

  const outcome = z.enum(['success', 'error', 'aborted'], { error: 'outcome must be "success", "error" or "aborted"' });
  const amount = z.number().finite().nonnegative();

  // What one attempt adds to the meter (`MeteredAttempt`).
  const meteredAttempt = z.object({
    provider: z.string().min(1, 'provider must be a non-empty candidate key'),
    model: z.string().min(1, 'model must be a non-empty model id'),
    outcome,
    usage: z.object({}, { error: 'usage must be an object' }).loose().optional(),
    cost: z.object({ amount: amount.optional(), basis: z.string() }, { error: 'cost must be a Cost such as { amount: 0.01, currency: "USD", basis: "per-token" }' }).loose(),
  });

  // What billing's finish() takes (`AttemptSettlement`).
  const settlement = z.object(
    {
      outcome,
      usage: z.object({}).loose().optional(),
      reportedCost: z.object({ amount, currency: z.literal('USD') }).optional(),
      error: z.custom<SwitchyardError>(isSwitchyardError, 'error must be a SwitchyardError').optional(),
    },
    { error: 'settlement must be { outcome, usage?, reportedCost?, error? }' },
  );

  return { pricing, pricingConfig, meteredAttempt, settlement };
}

function isPricingShaped(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
