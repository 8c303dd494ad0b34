import type { z } from 'zod';
import { lazySchema, schemaOnFirstUse } from '../spec/lazy-schema.js';
import { TASKS } from '../spec/tasks.js';
import type { Usage } from '../spec/usage.js';
import { validateInput } from '../spec/validate-input.js';
import { computeCost } from './compute-cost.js';
import type { PriceCallOptions } from './compute-cost.js';
import type { Cost, Pricing } from './cost.js';
import { pricingSchema } from './pricing-schema.js';

const count = schemaOnFirstUse(
  lazySchema((z) =>
    z.number().finite().nonnegative(),
  ),
);
const usageSchema = schemaOnFirstUse(
  lazySchema((z) =>
    z.object(
      {
        inputTokens: count.optional(),
        outputTokens: count.optional(),
        reasoningTokens: count.optional(),
        cachedInputTokens: count.optional(),
        totalTokens: count.optional(),
        computeSeconds: count.optional(),
      },
      { error: 'usage must be an object such as { inputTokens: 12, outputTokens: 40 }' },
    ),
  ),
);
const optionsSchema = schemaOnFirstUse(
  lazySchema((z) =>
    z.object(
      {
        task: z.enum(TASKS, { error: `task must be one of ${TASKS.map((task) => `"${task}"`).join(', ')}` }),
        subscriptionState: z
          .object({ requestsUsed: count, tokensUsed: count }, { error: 'subscriptionState must be { requestsUsed, tokensUsed }' })
          .optional(),
        reportedCost: z.object({ amount: count, currency: z.literal('USD') }).optional(),
        provider: z.string().optional(),
        model: z.string().optional(),
      },
      { error: 'options must be an object such as { task: "chat" }' },
    ),
  ),
);

/**
 * The cost of one call: the provider-reported cost when there is one (basis `'reported'`), else
 * `usage` priced by `pricing`. Missing data is an explicit `unknown` with its reason, never a zero:
 * no price at all, no token counts for a per-token price, no compute time for a compute-time price.
 *
 * A `subscription` costs nothing (basis `'subscription'`) while the call fits in the monthly included
 * requests and tokens counted in `subscriptionState`; beyond them the `overage` price applies. A call
 * that crosses the included-token line pays overage only for the tokens beyond it (a per-request
 * overage is charged whole: a request cannot be split). A subscription with no included limits
 * includes everything.
 *
 * @example
 * priceCall({ type: 'per-token', inputPerMillion: 0.15, outputPerMillion: 0.6 },
 *   { inputTokens: 1000, outputTokens: 500 }, { task: 'chat' });
 * // { amount: 0.00045, currency: 'USD', basis: 'per-token' }
 */
export function priceCall(pricing: Pricing | undefined, usage: Usage, options: PriceCallOptions): Cost {
  const validPricing = pricing === undefined ? undefined : validateInput(pricingSchema, pricing, 'pricing');
  const validUsage = validateInput(usageSchema, usage, 'usage');
  return computeCost(validPricing, validUsage, validateInput(optionsSchema, options, 'priceCall options'));
}
