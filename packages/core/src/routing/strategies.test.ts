import { describe, expect, it } from 'vitest';
import type { Provider } from '../spec/provider.js';
import type { Candidate } from './candidates.js';
import { rankCandidates } from './strategies.js';
import type { RankingInputs } from './strategies.js';

const candidate = (key: string, order: number): Candidate => ({
  key,
  provider: { specificationVersion: 'switchyard.provider.v1', id: key.split('/')[0] as string, kind: 'cloud' } as Provider,
  model: 'm',
  order,
});
const [a, b, c] = [candidate('a', 0), candidate('b', 1), candidate('c', 2)] as [Candidate, Candidate, Candidate];
const inputs = (overrides: Partial<RankingInputs> = {}): RankingInputs => ({
  latencyMs: () => undefined,
  estimatedCost: () => undefined,
  rotation: 0,
  weights: undefined,
  random: Math.random,
  ...overrides,
});
const keys = (ranked: ReturnType<typeof rankCandidates>) => ranked.map((entry) => entry.candidate.key);

describe('rankCandidates', () => {
  it('priority keeps the configured order', () => {
    expect(keys(rankCandidates([a, b, c], 'priority', inputs()))).toEqual(['a', 'b', 'c']);
  });

  it('latency puts unmeasured candidates first, then the fastest moving average', () => {
    const latency = new Map([['a', 300], ['c', 100]]);
    const ranked = rankCandidates([a, b, c], 'latency', inputs({ latencyMs: (entry) => latency.get(entry.key) }));
    expect(keys(ranked)).toEqual(['b', 'c', 'a']);
    expect(ranked[1]?.score).toBe(100);
  });

  it('cost puts the cheapest first and unknown prices last', () => {
    const cost = new Map([['a', 0.002], ['b', 0.0005]]);
    expect(keys(rankCandidates([a, b, c], 'cost', inputs({ estimatedCost: (entry) => cost.get(entry.key) })))).toEqual(['b', 'a', 'c']);
  });

  it('round-robin rotates by one per call', () => {
    expect([0, 1, 2, 3].map((rotation) => keys(rankCandidates([a, b, c], 'round-robin', inputs({ rotation })))[0])).toEqual(['a', 'b', 'c', 'a']);
  });

  it('weighted leads with each candidate in proportion to its weight; weight 0 only as a last resort', () => {
    const leads = new Map<string, number>();
    const weights = { a: 3, b: 1, c: 0 };
    for (let run = 0; run < 4000; run++) {
      const ranked = keys(rankCandidates([a, b, c], 'weighted', inputs({ weights })));
      leads.set(ranked[0] as string, (leads.get(ranked[0] as string) ?? 0) + 1);
      expect(ranked[2]).toBe('c');
    }
    const shareOfA = (leads.get('a') ?? 0) / 4000;
    expect(shareOfA).toBeGreaterThan(0.7);
    expect(shareOfA).toBeLessThan(0.8);
    expect(leads.get('c')).toBeUndefined();
  });
});
