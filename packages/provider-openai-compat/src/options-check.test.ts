import { Secret } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { looksLikeOptions } from './options-check.js';
import { optionsSchema, validateOptions } from './options.js';

// A seeded generator (no fast-check in this package): each field absent, one of its valid values,
// or (one time in eight) a value of the wrong kind, and now and then an unknown key.
const EDGES: unknown[] = [undefined, null, '', 'x', 0, 1, true, false, [], {}, ['a', ''], { a: 1 }, () => 'k'];
const source = Object.assign(async () => ({ secret: new Secret('k'), source: 'test' }), {});
const FIELDS: Record<string, unknown[]> = {
  id: ['vllm', 'vllm-eu', 'a.b_c', '-x', 'a b', 'x'.repeat(65)],
  baseURL: ['http://127.0.0.1:8000/v1', 'https://api.groq.com/openai/v1', 'ftp://x', 'not a url', 'https://u:p@h/v1', 'https://h/v1?x=1', 'https://h/v1#f'],
  apiKey: ['sk-1', '', 'a\nb', new Secret('sk-2'), source],
  apiKeyHeader: ['api-key', 'x-api-key', 'bad header'],
  headers: [{ 'x-trace': 'v' }, { 'x-trace': 'v', 'x-org': '' }, { Authorization: 'v' }, { 'api-key': 'v' }, { 'x-trace': 1 }, Object.create(null)],
  kind: ['cloud', 'community', 'dedicated', 'local', 'edge'],
  region: ['eu-west', ''],
  models: [['m'], ['m', 'llama'], [], ['m', ''], [, 'm']],
  pricing: [{ type: 'per-request', perRequest: 0.01 }],
  maxTokensField: ['max_tokens', 'max_completion_tokens', 'maxTokens'],
  streamUsage: [true, false],
  thinkTags: [true, false],
  extra: [1],
};

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function optionObjects(count: number): unknown[] {
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const objects: unknown[] = [];
  for (let index = 0; index < count; index++) {
    const value: Record<string, unknown> = {};
    for (const [name, valid] of Object.entries(FIELDS)) {
      const roll = next();
      if (name === 'extra' ? roll < 0.95 : roll < 0.3 && name !== 'id' && name !== 'baseURL') continue;
      // Any pricing passes this schema (z.unknown); core's pricing schema judges it, on both paths alike.
      value[name] = roll > 0.875 && name !== 'pricing' ? pick(EDGES) : name === 'id' || name === 'baseURL' ? (next() < 0.8 ? (valid[0] as unknown) : pick(valid)) : pick(valid);
    }
    objects.push(index % 10 === 9 ? pick(EDGES) : value);
  }
  return objects;
}

describe('factory options: the hand-written check gives exactly what the zod schema gives', () => {
  it('on thousands of option objects, accepts nothing the schema rejects and returns the same value', () => {
    let accepted = 0;
    for (const value of optionObjects(3_000)) {
      if (!looksLikeOptions(value)) continue;
      accepted += 1;
      const parsed = optionsSchema().safeParse(value);
      expect(parsed.success).toBe(true);
      const { pricing, ...rest } = validateOptions(value, 'openaiCompatible() options');
      const { pricing: parsedPricing, ...parsedRest } = parsed.data as Record<string, unknown>;
      // Same keys and values as zod's parse; the pricing is then normalised by core's pricing schema either way.
      expect(rest).toStrictEqual(parsedRest);
      expect(pricing === undefined).toBe(parsedPricing === undefined);
    }
    expect(accepted).toBeGreaterThan(50);
  });

  it('copies as zod does: the caller’s object, headers and models are never the provider’s', () => {
    const value = { id: 'a', baseURL: 'http://127.0.0.1:8000/v1', headers: { 'x-trace': '1' }, models: ['m'] };
    expect(looksLikeOptions(value)).toBe(true);
    const parsed = validateOptions(value, 'openaiCompatible() options');
    expect(parsed).toStrictEqual(optionsSchema().parse(value));
    expect(parsed).not.toBe(value);
    expect(parsed.headers).not.toBe(value.headers);
    expect(parsed.models).not.toBe(value.models);
  });
});
