// @ts-check
// Diagnostic, opt-in (`--clients switchyard-provider`): the OpenAI-compatible provider called
// directly with a CallContext like the client's, without the client's routing, admission and
// attempt deadlines (switchyard-layers.mjs).
import { createLayers } from '../switchyard-layers.mjs';

/**
 * @param {string} origin
 * @returns {Promise<import('../client-adapter.mjs').ClientAdapter>}
 */
export async function createAdapter(origin) {
  const layers = createLayers(origin);
  return { ...layers.provider, close: layers.close };
}
