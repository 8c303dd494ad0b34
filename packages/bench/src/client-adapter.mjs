// @ts-check
// The shape every benchmarked client is wrapped in, and the list of clients, in table order.

/**
 * One client, ready to call the bench server. Each method completes one call and checks what came
 * back (see canned-responses.mjs), so a client that skipped work could not look fast.
 * @typedef {object} ClientAdapter
 * @property {() => Promise<void>} chat Non-stream chat.
 * @property {(onFirstDelta: () => void) => Promise<void>} stream A 200-delta streamed chat; calls `onFirstDelta` when the first text reaches the caller.
 * @property {() => Promise<void>} embed One 768-float embedding.
 * @property {() => Promise<void>} close Releases connections.
 */

/**
 * @typedef {object} ClientEntry
 * @property {string} name Key in results and on the command line.
 * @property {string} label Name in the table.
 * @property {string} module Adapter module, relative to this file; exports `createAdapter(origin)`.
 * @property {boolean} [diagnostic] Measured only when named in `--clients`, and never a peer: one of
 *   Switchyard's own layers on its own, to see what each adds in the bench's rounds, or another
 *   build of Switchyard to compare with in the same run.
 */

/** @type {ClientEntry[]} The yardstick first: every ratio is to it. */
export const CLIENTS = [
  { name: 'undici', label: 'raw undici.request', module: './clients/raw-undici.mjs' },
  { name: 'switchyard', label: 'Switchyard', module: './clients/switchyard.mjs' },
  { name: 'switchyard-baseline', label: 'Switchyard baseline', module: './clients/switchyard-baseline.mjs', diagnostic: true },
  { name: 'switchyard-provider', label: 'Switchyard: provider only', module: './clients/switchyard-provider.mjs', diagnostic: true },
  { name: 'switchyard-transport', label: 'Switchyard: transport only', module: './clients/switchyard-transport.mjs', diagnostic: true },
  { name: 'openai', label: 'openai-node', module: './clients/openai-node.mjs' },
  { name: 'ai-sdk', label: 'Vercel AI SDK', module: './clients/vercel-ai-sdk.mjs' },
  { name: 'huggingface', label: '@huggingface/inference', module: './clients/huggingface-inference.mjs' },
  { name: 'ollama', label: 'ollama-js', module: './clients/ollama-js.mjs' },
];

/** The clients a run measures when `--clients` names none, and the peers Switchyard is compared with. */
export const COMPARED_CLIENTS = CLIENTS.filter((client) => !client.diagnostic);

/** The client every ratio divides by. */
export const YARDSTICK = 'undici';

/**
 * Imports a client's adapter module and creates the adapter: the import of the client library
 * happens here, inside `createAdapter`, so that a cold start can time it.
 * @param {string} name
 * @param {string} origin
 * @returns {Promise<ClientAdapter>}
 */
export async function loadAdapter(name, origin) {
  const entry = CLIENTS.find((client) => client.name === name);
  if (!entry) throw new Error(`unknown client "${name}": use one of ${CLIENTS.map((client) => client.name).join(', ')}`);
  const { createAdapter } = await import(new URL(entry.module, import.meta.url).href);
  return createAdapter(origin);
}
