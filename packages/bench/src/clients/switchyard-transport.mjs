// @ts-check
// Diagnostic, opt-in (`--clients switchyard-transport`): core's transport alone, bound per call like
// an attempt's, sending the OpenAI wire body itself. With `switchyard-provider` and `switchyard` in
// the same run it shows what each layer adds in the bench's own rounds (switchyard-layers.mjs).
import { createLayers } from '../switchyard-layers.mjs';

/**
 * @param {string} origin
 * @returns {Promise<import('../client-adapter.mjs').ClientAdapter>}
 */
export async function createAdapter(origin) {
  const layers = createLayers(origin);
  return { ...layers.transport, close: layers.close };
}
