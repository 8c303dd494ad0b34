// @ts-check
// The Vercel AI SDK (`ai`) with its OpenAI-compatible provider, through its top-level functions
// (generateText, streamText, embed) with their defaults: 2 retries.
import { ANSWER_TEXT, BENCH_API_KEY, BENCH_MODEL, CHAT_MESSAGES, EMBEDDING_INPUT, STREAM_TEXT, assertEmbedding, assertText } from '../canned-responses.mjs';
import { collectDeltas } from '../stream-text.mjs';

const CLIENT = 'Vercel AI SDK';

/**
 * @param {string} origin
 * @returns {Promise<import('../client-adapter.mjs').ClientAdapter>}
 */
export async function createAdapter(origin) {
  // The SDK prints a warning per call for settings a provider ignores; printing is not what is measured.
  /** @type {any} */ (globalThis).AI_SDK_LOG_WARNINGS = false;
  const [{ generateText, streamText, embed }, { createOpenAICompatible }] = await Promise.all([import('ai'), import('@ai-sdk/openai-compatible')]);
  const provider = createOpenAICompatible({ name: 'bench', baseURL: `${origin}/v1`, apiKey: BENCH_API_KEY, includeUsage: true });
  const chatModel = provider.chatModel(BENCH_MODEL);
  const embeddingModel = provider.embeddingModel(BENCH_MODEL);
  const messages = /** @type {any} */ (CHAT_MESSAGES);

  return {
    async chat() {
      const result = await generateText({ model: chatModel, messages, allowSystemInMessages: true, maxOutputTokens: 128 });
      assertText(result.text, ANSWER_TEXT, CLIENT);
    },
    async stream(onFirstDelta) {
      const result = streamText({ model: chatModel, messages, allowSystemInMessages: true, maxOutputTokens: 128 });
      const deltas = collectDeltas(onFirstDelta);
      for await (const delta of result.textStream) deltas.add(delta);
      assertText(deltas.text, STREAM_TEXT, CLIENT);
    },
    async embed() {
      const result = await embed({ model: embeddingModel, value: EMBEDDING_INPUT });
      assertEmbedding(result.embedding, CLIENT);
    },
    async close() {},
  };
}
