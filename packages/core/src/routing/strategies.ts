import type { Candidate } from './candidates.js';

/** How `provider: 'auto'` orders its candidates. */
export type RoutingStrategy = 'priority' | 'latency' | 'cost' | 'round-robin' | 'weighted';

/** What the strategies know about each candidate. */
export interface RankingInputs {
  /** Moving average of time to first token, when there were samples. */
  latencyMs(candidate: Candidate): number | undefined;
  /** The estimated USD cost of this call on the candidate, when its price is known. */
  estimatedCost(candidate: Candidate): number | undefined;
  /** For `round-robin`: how many calls this rotation has served so far. */
  rotation: number;
  /** For `weighted`: by candidate key or provider id; 1 when unset, 0 keeps it as a last resort. */
  weights: Readonly<Record<string, number>> | undefined;
  /** Source in `[0, 1)` for `weighted`. */
  random: () => number;
}

/** A candidate in ranked order, with the number the strategy ranked it by. */
export interface RankedCandidate {
  candidate: Candidate;
  score?: number;
}

/**
 * Orders candidates for `auto`:
 * - `priority`: configured order;
 * - `latency`: lowest moving average of time to first token first; candidates without samples go
 *   first, in configured order, so every candidate gets measured;
 * - `cost`: cheapest estimated cost first; candidates without a known price last;
 * - `round-robin`: configured order rotated by one per call;
 * - `weighted`: a random order where each candidate leads with probability proportional to its weight.
 */
export function rankCandidates(candidates: readonly Candidate[], strategy: RoutingStrategy, inputs: RankingInputs): RankedCandidate[] {
  switch (strategy) {
    case 'priority':
      return candidates.map((candidate) => ({ candidate }));
    case 'latency':
      return sortByScore(candidates, inputs.latencyMs, 'first');
    case 'cost':
      return sortByScore(candidates, inputs.estimatedCost, 'last');
    case 'round-robin': {
      const offset = candidates.length === 0 ? 0 : inputs.rotation % candidates.length;
      return [...candidates.slice(offset), ...candidates.slice(0, offset)].map((candidate) => ({ candidate }));
    }
    case 'weighted':
      return weightedOrder(candidates, inputs);
  }
}

function sortByScore(
  candidates: readonly Candidate[],
  scoreOf: (candidate: Candidate) => number | undefined,
  unknownGo: 'first' | 'last',
): RankedCandidate[] {
  const ranked = candidates.map((candidate, index) => ({ candidate, score: scoreOf(candidate), index }));
  const unknownRank = unknownGo === 'first' ? -Infinity : Infinity;
  ranked.sort((a, b) => (a.score ?? unknownRank) - (b.score ?? unknownRank) || a.index - b.index);
  return ranked.map(({ candidate, score }) => (score === undefined ? { candidate } : { candidate, score }));
}

function weightedOrder(candidates: readonly Candidate[], inputs: RankingInputs): RankedCandidate[] {
  const weightOf = (candidate: Candidate) => Math.max(0, inputs.weights?.[candidate.key] ?? inputs.weights?.[candidate.provider.id] ?? 1);
  const pool = candidates.map((candidate) => ({ candidate, score: weightOf(candidate) }));
  const ordered: RankedCandidate[] = [];
  while (pool.length > 0) {
    const total = pool.reduce((sum, entry) => sum + entry.score, 0);
    // Only zero weights left: they keep their configured order as last resorts.
    if (total === 0) {
      ordered.push(...pool);
      break;
    }
    let draw = inputs.random() * total;
    let pick = pool.findIndex((entry) => (draw -= entry.score) < 0);
    if (pick === -1) pick = pool.findLastIndex((entry) => entry.score > 0);
    ordered.push(...pool.splice(pick, 1));
  }
  return ordered;
}
