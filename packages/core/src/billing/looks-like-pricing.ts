import type { Pricing } from './cost.js';

const FIELDS: Readonly<Record<string, readonly string[]>> = {
  'per-token': ['inputPerMillion', 'outputPerMillion', 'cachedInputPerMillion'],
  'per-request': ['perRequest'],
  'compute-time': ['perSecond'],
};
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  'per-token': ['inputPerMillion', 'outputPerMillion'],
  'per-request': ['perRequest'],
  'compute-time': ['perSecond'],
};

/**
 * A {@link Pricing} of the common kinds (per-token, per-request, compute-time) that `pricingSchema`
 * accepts, checked by hand: a provider's price is checked once per price object on the first priced
 * call, which should not wait for zod's import. Anything else (a subscription, a wrong field) goes to
 * the schema. pricing-schema.test.ts compares both.
 */
export function looksLikePricing(value: unknown): value is Pricing {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const pricing = value as Record<string, unknown>;
  const type = pricing.type;
  const fields = typeof type === 'string' && Object.hasOwn(FIELDS, type) ? FIELDS[type] : undefined;
  if (fields === undefined) return false;
  for (const key in pricing) {
    if (key === 'type') continue;
    const amount = pricing[key];
    if (!fields.includes(key) || (amount !== undefined && !(typeof amount === 'number' && Number.isFinite(amount) && amount >= 0))) return false;
  }
  return (REQUIRED[type as string] as readonly string[]).every((key) => pricing[key] !== undefined);
}
