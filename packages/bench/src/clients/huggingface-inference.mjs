// @ts-check
// @huggingface/inference's InferenceClient on a dedicated endpoint (`endpointUrl`), the way it talks
// to a TGI or vLLM server: chat on `<endpoint>/v1/chat/completions`, feature extraction on the
// endpoint URL itself.
import { ANSWER_TEXT, BENCH_API_KEY, BENCH_MODEL, CHAT_MESSAGES, EMBEDDING_INPUT, STREAM_TEXT, assertEmbedding, assertText } from '../canned-responses.mjs';
import { collectDeltas } from '../stream-text.mjs';

const CLIENT = '@huggingface/inference';

/**
 * @param {string} origin
 * @returns {Promise<import('../client-adapter.mjs').ClientAdapter>}
 */
export async function createAdapter(origin) {
  const { InferenceClient } = await import('@huggingface/inference');
  const client = new InferenceClient(BENCH_API_KEY, { endpointUrl: `${origin}/v1` });
  const embedUrl = `${origin}/hf/feature-extraction`;
  const messages = /** @type {any} */ (CHAT_MESSAGES);

  return {
    async chat() {
      const completion = await client.chatCompletion({ model: BENCH_MODEL, messages, max_tokens: 128 });
      assertText(completion.choices[0]?.message.content ?? '', ANSWER_TEXT, CLIENT);
    },
    async stream(onFirstDelta) {
      const deltas = collectDeltas(onFirstDelta);
      for await (const chunk of client.chatCompletionStream({ model: BENCH_MODEL, messages, max_tokens: 128 })) deltas.add(chunk.choices[0]?.delta?.content);
      assertText(deltas.text, STREAM_TEXT, CLIENT);
    },
    async embed() {
      const vector = await client.featureExtraction({ endpointUrl: embedUrl, inputs: EMBEDDING_INPUT });
      assertEmbedding(/** @type {number[]} */ (vector), CLIENT);
    },
    async close() {},
  };
}
