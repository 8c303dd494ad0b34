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
  const [core, provider] = await Promise.all([import('@switchyard/core'), import('@switchyard/provider-openai-compat')]);
  return switchyardAdapter(origin, core, provider, CLIENT);
}

/**
 * The adapter over a given build of core and the OpenAI-compatible provider (this workspace's, or
 * another checkout's for `switchyard-baseline`).
 * @param {string} origin
 * @param {Pick<typeof import('@switchyard/core'), 'createClient'>} core
 * @param {Pick<typeof import('@switchyard/provider-openai-compat'), 'openaiCompatible'>} provider
 * @param {string} label names the client in a failed check
 * @returns {import('../client-adapter.mjs').ClientAdapter}
 */
export function switchyardAdapter(origin, { createClient }, { openaiCompatible }, label) {
  const client = createClient({
    providers: [
      openaiCompatible({ id: 'primary', baseURL: `${origin}/v1`, apiKey: BENCH_API_KEY }),
      openaiCompatible({ id: 'secondary', baseURL: `${origin}/v1`, apiKey: BENCH_API_KEY }),
    ],
  });
  /** @type {import('@switchyard/core').ChatRequest} */
  const chatRequest = { model: BENCH_MODEL, messages: /** @type {any} */ (CHAT_MESSAGES), maxTokens: 128 };

  return {
    async chat() {
      const response = await client.chat(chatRequest);
      assertText(response.text, ANSWER_TEXT, label);
    },
    async stream(onFirstDelta) {
      const deltas = collectDeltas(onFirstDelta);
      for await (const event of client.streamChat(chatRequest)) if (event.type === 'text') deltas.add(event.text);
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
