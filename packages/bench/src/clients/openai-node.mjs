// @ts-check
// openai-node (the official OpenAI SDK) with its defaults: 2 retries, 10-minute timeout, and
// base64 embeddings it decodes itself.
import { ANSWER_TEXT, BENCH_API_KEY, BENCH_MODEL, CHAT_MESSAGES, EMBEDDING_INPUT, STREAM_TEXT, assertEmbedding, assertText } from '../canned-responses.mjs';
import { collectDeltas } from '../stream-text.mjs';

const CLIENT = 'openai-node';

/**
 * @param {string} origin
 * @returns {Promise<import('../client-adapter.mjs').ClientAdapter>}
 */
export async function createAdapter(origin) {
  const { default: OpenAI } = await import('openai');
  const client = new OpenAI({ apiKey: BENCH_API_KEY, baseURL: `${origin}/v1` });
  const messages = /** @type {any} */ (CHAT_MESSAGES);

  return {
    async chat() {
      const completion = await client.chat.completions.create({ model: BENCH_MODEL, messages, max_tokens: 128 });
      assertText(completion.choices[0]?.message.content ?? '', ANSWER_TEXT, CLIENT);
    },
    async stream(onFirstDelta) {
      const stream = await client.chat.completions.create({ model: BENCH_MODEL, messages, max_tokens: 128, stream: true, stream_options: { include_usage: true } });
      const deltas = collectDeltas(onFirstDelta);
      for await (const chunk of stream) deltas.add(chunk.choices[0]?.delta?.content);
      assertText(deltas.text, STREAM_TEXT, CLIENT);
    },
    async embed() {
      const result = await client.embeddings.create({ model: BENCH_MODEL, input: EMBEDDING_INPUT });
      assertEmbedding(/** @type {number[]} */ (result.data[0]?.embedding), CLIENT);
    },
    async close() {},
  };
}
