// @ts-check
// ollama-js (the official Ollama client) against the bench server's Ollama routes: /api/chat with
// `stream: false` or NDJSON, and /api/embed.
import { ANSWER_TEXT, BENCH_API_KEY, BENCH_MODEL, CHAT_MESSAGES, EMBEDDING_INPUT, STREAM_TEXT, assertEmbedding, assertText } from '../canned-responses.mjs';
import { collectDeltas } from '../stream-text.mjs';

const CLIENT = 'ollama-js';

/**
 * @param {string} origin
 * @returns {Promise<import('../client-adapter.mjs').ClientAdapter>}
 */
export async function createAdapter(origin) {
  const { Ollama } = await import('ollama');
  const client = new Ollama({ host: origin, headers: { authorization: `Bearer ${BENCH_API_KEY}` } });
  const options = { num_predict: 128 };

  return {
    async chat() {
      const response = await client.chat({ model: BENCH_MODEL, messages: CHAT_MESSAGES, options, stream: false });
      assertText(response.message.content, ANSWER_TEXT, CLIENT);
    },
    async stream(onFirstDelta) {
      const deltas = collectDeltas(onFirstDelta);
      for await (const part of await client.chat({ model: BENCH_MODEL, messages: CHAT_MESSAGES, options, stream: true })) deltas.add(part.message.content);
      assertText(deltas.text, STREAM_TEXT, CLIENT);
    },
    async embed() {
      const response = await client.embed({ model: BENCH_MODEL, input: EMBEDDING_INPUT });
      assertEmbedding(/** @type {number[]} */ (response.embeddings[0]), CLIENT);
    },
    async close() {},
  };
}
