// Public exports of core/routing: explicit names only; the package index re-exports this list.
export { canFailover } from './failover-policy.js';
export { rankCandidates } from './strategies.js';
export type { RoutingStrategy, RankingInputs, RankedCandidate } from './strategies.js';
export type { Candidate, ModelAliases, ProviderSelection, SelectionMode } from './candidates.js';
