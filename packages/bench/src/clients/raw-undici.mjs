// @ts-check
// The yardstick: what a hand-written client on `undici.request` does, with no validation, no
// retries and no abstractions, but a correct SSE split and a JSON parse per event.
import { ANSWER_TEXT, BENCH_API_KEY, BENCH_MODEL, CHAT_MESSAGES, EMBEDDING_INPUT, STREAM_TEXT, assertEmbedding, assertText } from '../canned-responses.mjs';
import { readRawSseText } from '../stream-text.mjs';

const CLIENT = 'raw undici';

/**
 * @param {string} origin
 * @returns {Promise<import('../client-adapter.mjs').ClientAdapter>}
 */
export async function createAdapter(origin) {
  const { request } = await import('undici');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` };
  const chatUrl = `${origin}/v1/chat/completions`;
  const embedUrl = `${origin}/v1/embeddings`;

  /** @param {string} url @param {object} json */
  const post = async (url, json) => {
    const response = await request(url, { method: 'POST', headers, body: JSON.stringify(json) });
    if (response.statusCode !== 200) throw new Error(`${CLIENT}: status ${response.statusCode} from ${url}`);
    return response.body;
  };

  return {
    async chat() {
      const body = await post(chatUrl, { model: BENCH_MODEL, messages: CHAT_MESSAGES, max_tokens: 128 });
      const completion = /** @type {any} */ (await body.json());
      assertText(completion.choices[0].message.content, ANSWER_TEXT, CLIENT);
    },
    async stream(onFirstDelta) {
      const body = await post(chatUrl, { model: BENCH_MODEL, messages: CHAT_MESSAGES, max_tokens: 128, stream: true, stream_options: { include_usage: true } });
      assertText(await readRawSseText(body, onFirstDelta), STREAM_TEXT, CLIENT);
    },
    async embed() {
      const body = await post(embedUrl, { model: BENCH_MODEL, input: EMBEDDING_INPUT, encoding_format: 'float' });
      const result = /** @type {any} */ (await body.json());
      assertEmbedding(result.data[0].embedding, CLIENT);
    },
    async close() {},
  };
}
