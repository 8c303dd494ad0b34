import { modelPath } from '../upstream/upstream-call.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';

/**
 * Where a model's pipeline answers: `{router}/hf-inference/models/{id}` through the router, the
 * endpoint URL itself for a dedicated Inference Endpoint or a self-hosted TGI / TEI server.
 */
export function hfInferenceModelUrl(call: UpstreamCall): string {
  return call.upstream === 'endpoint' ? call.settings.baseUrl : call.url(`/models/${modelPath(call.model)}`);
}
