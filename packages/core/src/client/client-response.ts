import type { Cost } from '../billing/cost.js';
import type { Candidate } from '../routing/candidates.js';
import type { ClientResponseFields, ProviderResultBase } from '../spec/responses.js';
import type { Trace } from './trace-types.js';

/** A provider result as the client returns it: metadata moved under the provider id, cost and trace added. */
export type ClientResponse<R extends ProviderResultBase> = Omit<R, 'metadata' | 'reportedCost'> & ClientResponseFields;

/**
 * Turns the winning provider result into the client's response: `provider`, `cost`, `trace`, and
 * `providerMetadata[providerId]` (always present, `{}` when the provider returned none). Shallow:
 * generated media bytes are not copied.
 */
export function toClientResponse<R extends ProviderResultBase>(result: R, candidate: Candidate, cost: Cost, trace: Trace): ClientResponse<R> {
  const { metadata, reportedCost: _reported, ...rest } = result;
  return {
    ...rest,
    provider: candidate.provider.id,
    cost,
    trace,
    providerMetadata: { [candidate.provider.id]: metadata ?? {} },
  } as ClientResponse<R>;
}
