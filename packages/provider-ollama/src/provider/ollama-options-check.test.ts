import { describe, expect, it } from 'vitest';
import { looksLikeOllamaOptions, ollamaOptionsSchema } from './ollama-config.js';

// A seeded generator: each option absent, one of its values (valid or not), or a value of the
// wrong kind, and now and then an unknown key.
const EDGES: unknown[] = [undefined, null, '', 'x', 0, 1, -1, Number.NaN, Infinity, true, false, [], {}, () => 1];
const VALUES: Record<string, unknown[]> = {
  id: ['ollama', 'ollama-gpu', 'a.b_c', '-x', 'a b', 'x'.repeat(65)],
  baseURL: [
    'http://127.0.0.1:11434',
    'http://localhost:11434/',
    'https://ollama.example.com/proxy',
    ' http://127.0.0.1:11434',
    'http://127.0.0.1:11434\n',
    'http:127.0.0.1',
    'ftp://x',
    'not a url',
    'http://u:p@h',
    'http://h/?q=1',
    'http://h/#f',
    'http://h/api',
    'http://h/v1/',
    'HTTP://H:1',
  ],
  headers: [{ 'x-api-key': 'k' }, { authorization: 'Bearer t' }, { 'bad header': 'v' }, { 'x-a': 1 }, Object.create(null), new Map()],
  keepAlive: ['5m', '1h30m', '0', '-1', 'forever', 300, -1, 1.5, Number.NaN, Infinity],
  autoPull: [true, false],
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
  const next = random(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const objects: unknown[] = [];
  for (let index = 0; index < count; index++) {
    const value: Record<string, unknown> = {};
    for (const [name, values] of Object.entries(VALUES)) {
      const roll = next();
      if (name === 'extra' ? roll < 0.95 : roll < 0.4) continue;
      value[name] = roll > 0.9 ? pick(EDGES) : pick(values);
    }
    objects.push(index % 10 === 9 ? pick(EDGES) : value);
  }
  return objects;
}

describe('ollama() options: the hand-written check accepts only what the schema accepts unchanged', () => {
  it('on thousands of option objects, every accepted one parses to an equal value', () => {
    let accepted = 0;
    for (const value of optionObjects(3_000)) {
      if (!looksLikeOllamaOptions(value)) continue;
      accepted += 1;
      const parsed = ollamaOptionsSchema.safeParse(value);
      expect(parsed.success).toBe(true);
      expect(parsed.data).toStrictEqual(value);
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('accepts the ordinary options, so they never load zod', () => {
    for (const value of [{}, { baseURL: 'http://127.0.0.1:11434' }, { id: 'gpu', baseURL: 'http://gpu-box:11434', keepAlive: '10m', autoPull: true }, { headers: { authorization: 'Bearer t' } }]) {
      expect(looksLikeOllamaOptions(value)).toBe(true);
      expect(ollamaOptionsSchema.parse(value)).toStrictEqual(value);
    }
  });
});
