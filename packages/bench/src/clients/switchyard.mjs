// @ts-check
// Switchyard as an application would use it: createClient with its defaults (retries on, the
// breaker, `auto` routing) over two OpenAI-compatible providers, the first one healthy, so every
// call goes through candidate ranking and the failover machinery even though it never fails over.
import { ANSWER_TEXT, BENCH_API_KEY, BENCH_MODEL, CHAT_MESSAGES, EMBEDDING_INPUT, STREAM_TEXT, assertEmbedding, assertText } from '../canned-responses.mjs';
import { collectDeltas } from '../stream-text.mjs';

const CLIENT = 'Switchyard';

/**
 * @param {string} origin
 * @returns {Promise<import('../client-adapter.mjs').ClientAdapter>}
 */
export async function createAdapter(origin) {
  // Imported here, not at the top: `switchyard-baseline` shares this module and loads another build.
  const [core, provider] = await Promise.all([import('@switchyard/core'), import('@switchyard/provider-openai-compat')]);
  return switchyardAdapter(createBenchClient(origin, core, provider), CLIENT);
}

/**
 * The chat request every Switchyard path of the bench sends (the canned messages, 128 tokens at most).
 * @type {import('@switchyard/core').ChatRequest}
 */
export const CHAT_REQUEST = { model: BENCH_MODEL, messages: /** @type {any} */ (CHAT_MESSAGES), maxTokens: 128 };

/**
 * Switchyard as the bench runs it (see the top of this file), from a given build of core and the
 * OpenAI-compatible provider: this workspace's, or another checkout's for `switchyard-baseline`.
 * `layers` and `first-delta` measure the same client.
 * @param {string} origin
 * @param {Pick<typeof import('@switchyard/core'), 'createClient'>} core
 * @param {Pick<typeof import('@switchyard/provider-openai-compat'), 'openaiCompatible'>} provider
 */
export function createBenchClient(origin, { createClient }, { openaiCompatible }) {
  return createClient({
    providers: [
      openaiCompatible({ id: 'primary', baseURL: `${origin}/v1`, apiKey: BENCH_API_KEY }),
      openaiCompatible({ id: 'secondary', baseURL: `${origin}/v1`, apiKey: BENCH_API_KEY }),
    ],
  });
}

/**
 * The adapter over a client made by {@link createBenchClient}.
 * @param {import('@switchyard/core').Client} client
 * @param {string} label names the client in a failed check
 * @returns {import('../client-adapter.mjs').ClientAdapter}
 */
export function switchyardAdapter(client, label) {

  return {
    async chat() {
      const response = await client.chat(CHAT_REQUEST);
      assertText(response.text, ANSWER_TEXT, label);
    },
    async stream(onFirstDelta) {
      const deltas = collectDeltas(onFirstDelta);
      for await (const event of client.streamChat(CHAT_REQUEST)) if (event.type === 'text') deltas.add(event.text);
      assertText(deltas.text, STREAM_TEXT, label);
    },
    async embed() {
      const response = await client.embed({ model: BENCH_MODEL, input: EMBEDDING_INPUT });
      assertEmbedding(/** @type {number[]} */ (response.embeddings[0]), label);
    },
    async close() {
      await client.close();
    },
  };
}
