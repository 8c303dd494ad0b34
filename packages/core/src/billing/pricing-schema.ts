import type { z } from 'zod';
import { schemaOnFirstUse } from '../spec/lazy-schema.js';
import { billingSchemas } from '../spec/load-schemas.js';
import type { Pricing } from './cost.js';

// The schemas are defined in the schema module (schemas/billing-schemas.ts), built, with zod loaded,
// on first use: a client where nothing has a price never builds them.

/** Validates one {@link Pricing}, e.g. `{ type: 'per-token', inputPerMillion: 0.15, outputPerMillion: 0.6 }`. */
export const pricingSchema: z.ZodType<Pricing> = schemaOnFirstUse(() => billingSchemas().pricing);

/**
 * Validates the client's `pricing` option: per provider id either one {@link Pricing} for every model,
 * or a map from the provider's model id (or a configured alias) to its {@link Pricing}.
 */
export const pricingConfigSchema: z.ZodType<PricingConfig> = schemaOnFirstUse(() => billingSchemas().pricingConfig);

/** The client's `pricing` option: per provider id, one price for every model or one per model. */
export type PricingConfig = Record<string, Pricing | Record<string, Pricing>>;
