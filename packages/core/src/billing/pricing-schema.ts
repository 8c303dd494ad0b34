import type { z } from 'zod';
import { lazySchema, schemaOnFirstUse } from '../spec/lazy-schema.js';
import { loadZod } from '../spec/load-zod.js';
import type { Pricing } from './cost.js';
import { schemaByShape } from './schema-by-shape.js';

const usd = (what: string) =>
  loadZod()
    .number({ error: `${what} must be a number of US dollars` })
    .finite(`${what} must be a finite number`)
    .nonnegative(`${what} must be >= 0`);

const count = (what: string) =>
  loadZod().number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).nonnegative(`${what} must be >= 0`);

const perToken = schemaOnFirstUse(
  lazySchema((z) =>
    z.strictObject({
      type: z.literal('per-token'),
      inputPerMillion: usd('inputPerMillion'),
      outputPerMillion: usd('outputPerMillion'),
      cachedInputPerMillion: usd('cachedInputPerMillion').optional(),
    }),
  ),
);
const perRequest = schemaOnFirstUse(
  lazySchema((z) =>
    z.strictObject({ type: z.literal('per-request'), perRequest: usd('perRequest') }),
  ),
);
const computeTime = schemaOnFirstUse(
  lazySchema((z) =>
    z.strictObject({ type: z.literal('compute-time'), perSecond: usd('perSecond') }),
  ),
);

const pricingTypeError = {
  error: 'pricing.type must be one of "per-token", "per-request", "compute-time", "subscription"',
};

const overagePricing = schemaOnFirstUse(
  lazySchema((z) =>
    z.discriminatedUnion('type', [perToken, perRequest, computeTime], {
      error: 'overage must be a per-token, per-request or compute-time price such as { type: "per-request", perRequest: 0.002 }',
    }),
  ),
);

const subscription = schemaOnFirstUse(
  lazySchema((z) =>
    z.strictObject({
      type: z.literal('subscription'),
      monthlyFee: usd('monthlyFee'),
      includedRequests: count('includedRequests').optional(),
      includedTokens: count('includedTokens').optional(),
      overage: overagePricing,
    }),
  ),
);

/** Validates one {@link Pricing}, e.g. `{ type: 'per-token', inputPerMillion: 0.15, outputPerMillion: 0.6 }`. */
export const pricingSchema: z.ZodType<Pricing> = schemaOnFirstUse(
  lazySchema((z) =>
    z.discriminatedUnion(
      'type',
      [perToken, perRequest, computeTime, subscription],
      pricingTypeError,
    ),
  ),
);

const perModelPricing = schemaOnFirstUse(
  lazySchema((z) =>
    z.record(z.string().min(1, 'model ids must not be empty'), pricingSchema, {
      error: 'expected a Pricing ({ type: "per-token", ... }) or a map of model id to Pricing',
    }),
  ),
);

function isPricingShaped(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Validates the client's `pricing` option: per provider id either one {@link Pricing} for every model,
 * or a map from the provider's model id (or a configured alias) to its {@link Pricing}.
 */
export const pricingConfigSchema: z.ZodType<PricingConfig> = schemaOnFirstUse(
  lazySchema((z) =>
    z.record(
      z.string().min(1, 'provider ids must not be empty'),
      // A Pricing always has a string `type`; a per-model map's values are objects, so the shape decides.
      schemaByShape<Pricing | Record<string, Pricing>>((value) => (isPricingShaped(value) ? pricingSchema : perModelPricing)),
    ),
  ),
);

/** The client's `pricing` option: per provider id, one price for every model or one per model. */
export type PricingConfig = Record<string, Pricing | Record<string, Pricing>>;
