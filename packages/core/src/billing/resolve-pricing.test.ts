import { describe, expect, it } from 'vitest';
import type { Pricing } from './cost.js';
import type { PricingConfig } from './pricing-schema.js';
import { resolvePricing } from './resolve-pricing.js';

const cheap: Pricing = { type: 'per-request', perRequest: 0.001 };
const dear: Pricing = { type: 'per-request', perRequest: 0.1 };
const providerPrice: Pricing = { type: 'compute-time', perSecond: 0.01 };
const routePrice: Pricing = { type: 'per-token', inputPerMillion: 1, outputPerMillion: 2 };
const provider = { pricing: (model: string) => (model === 'known' ? providerPrice : undefined) };

describe('resolvePricing', () => {
  it('prefers the client config over the route and the provider', () => {
    const config: PricingConfig = { hf: cheap };
    expect(resolvePricing(config, { providerId: 'hf', model: 'known', task: 'chat', provider, route: { id: 'together', pricing: routePrice } })).toBe(cheap);
  });

  it('looks up the candidate id before the provider id', () => {
    const config: PricingConfig = { hf: cheap, 'hf/together': dear };
    expect(resolvePricing(config, { providerId: 'hf', candidateId: 'hf/together', model: 'm', task: 'chat' })).toBe(dear);
    expect(resolvePricing(config, { providerId: 'hf', candidateId: 'hf/novita', model: 'm', task: 'chat' })).toBe(cheap);
  });

  it('finds per-model prices by the provider model id, then by the requested name', () => {
    const config: PricingConfig = { ollama: { 'llama3.2:3b': cheap, 'small-model': dear } };
    expect(resolvePricing(config, { providerId: 'ollama', model: 'llama3.2:3b', requestedModel: 'small-model', task: 'chat' })).toBe(cheap);
    expect(resolvePricing(config, { providerId: 'ollama', model: 'qwen3:4b', requestedModel: 'small-model', task: 'chat' })).toBe(dear);
    expect(resolvePricing(config, { providerId: 'ollama', model: 'qwen3:4b', task: 'chat' })).toBeUndefined();
  });

  it('falls back to the route price, then the provider price', () => {
    expect(resolvePricing({}, { providerId: 'hf', model: 'known', task: 'chat', provider, route: { id: 'x', pricing: routePrice } })).toBe(routePrice);
    expect(resolvePricing(undefined, { providerId: 'hf', model: 'known', task: 'chat', provider })).toBe(providerPrice);
    expect(resolvePricing(undefined, { providerId: 'hf', model: 'other', task: 'chat', provider })).toBeUndefined();
  });

  it('ignores inherited keys such as "constructor" in the config', () => {
    expect(resolvePricing({}, { providerId: 'constructor', model: 'toString', task: 'chat' })).toBeUndefined();
    expect(resolvePricing({ p: {} }, { providerId: 'p', model: 'toString', task: 'chat' })).toBeUndefined();
  });

  it('treats a provider price that is invalid, or a pricing() that throws, as unknown', () => {
    const broken = { pricing: () => ({ type: 'per-token', inputPerMillion: -5, outputPerMillion: 1 }) as Pricing };
    const throwing = {
      pricing: (): Pricing => {
        throw new Error('price list not loaded');
      },
    };
    expect(resolvePricing(undefined, { providerId: 'x', model: 'm', task: 'chat', provider: broken })).toBeUndefined();
    expect(resolvePricing(undefined, { providerId: 'x', model: 'm', task: 'chat', provider: throwing })).toBeUndefined();
  });
});
