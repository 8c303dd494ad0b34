// @ts-check
// The bench server's responses, serialised once at start-up so that answering costs the server
// almost nothing: at concurrency 64 the server must not become the bottleneck that hides the
// difference between clients. Shapes follow the real servers (OpenAI chat and embeddings, Ollama
// /api/chat and /api/embed, Hugging Face feature extraction).
import { ANSWER_TEXT, BENCH_MODEL, EMBEDDING, STREAM_CHUNK_COUNT, streamToken } from './canned-responses.mjs';

const CREATED = 1_700_000_000;
const OLLAMA_CREATED_AT = '2024-11-14T22:13:20.000Z';
const usage = { prompt_tokens: 42, completion_tokens: 96, total_tokens: 138 };

/** OpenAI `chat.completion`. */
export const openaiCompletion = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: CREATED,
    model: BENCH_MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content: ANSWER_TEXT }, logprobs: null, finish_reason: 'stop' }],
    usage,
  }),
);

/** @param {object} chunk */
const sseEvent = (chunk) => Buffer.from(`data: ${JSON.stringify(chunk)}\n\n`);
const chunkBase = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: CREATED, model: BENCH_MODEL };

/**
 * OpenAI's stream as the API sends it with `stream_options.include_usage`: a role-only first chunk,
 * one chunk per token, a chunk with the finish reason and an empty delta, a usage chunk with no
 * choices, then `[DONE]`. Clients that did not ask for usage ignore the usage chunk.
 */
export const openaiStreamEvents = [
  sseEvent({ ...chunkBase, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] }),
  ...Array.from({ length: STREAM_CHUNK_COUNT }, (_, index) =>
    sseEvent({ ...chunkBase, choices: [{ index: 0, delta: { content: streamToken(index) }, logprobs: null, finish_reason: null }] }),
  ),
  sseEvent({ ...chunkBase, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] }),
  sseEvent({ ...chunkBase, choices: [], usage: { prompt_tokens: 42, completion_tokens: STREAM_CHUNK_COUNT, total_tokens: 42 + STREAM_CHUNK_COUNT } }),
  Buffer.from('data: [DONE]\n\n'),
];

const embeddingUsage = { prompt_tokens: 12, total_tokens: 12 };

/** OpenAI `/v1/embeddings` with `encoding_format: 'float'` (or none). */
export const openaiEmbeddingFloat = Buffer.from(
  JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: EMBEDDING }], model: BENCH_MODEL, usage: embeddingUsage }),
);

/** OpenAI `/v1/embeddings` with `encoding_format: 'base64'`: little-endian float32, what openai-node asks for by default. */
export const openaiEmbeddingBase64 = Buffer.from(
  JSON.stringify({
    object: 'list',
    data: [{ object: 'embedding', index: 0, embedding: Buffer.from(new Float32Array(EMBEDDING).buffer).toString('base64') }],
    model: BENCH_MODEL,
    usage: embeddingUsage,
  }),
);

const ollamaTimings = { total_duration: 812_000_000, load_duration: 12_000_000, prompt_eval_count: 42, prompt_eval_duration: 40_000_000, eval_duration: 700_000_000 };

/** Ollama `/api/chat` with `stream: false`. */
export const ollamaChat = Buffer.from(
  JSON.stringify({
    model: BENCH_MODEL,
    created_at: OLLAMA_CREATED_AT,
    message: { role: 'assistant', content: ANSWER_TEXT },
    done_reason: 'stop',
    done: true,
    ...ollamaTimings,
    eval_count: 96,
  }),
);

/** Ollama `/api/chat` streamed: one NDJSON line per token, then the `done` line with the counts. */
export const ollamaStreamLines = [
  ...Array.from({ length: STREAM_CHUNK_COUNT }, (_, index) =>
    Buffer.from(`${JSON.stringify({ model: BENCH_MODEL, created_at: OLLAMA_CREATED_AT, message: { role: 'assistant', content: streamToken(index) }, done: false })}\n`),
  ),
  Buffer.from(
    `${JSON.stringify({ model: BENCH_MODEL, created_at: OLLAMA_CREATED_AT, message: { role: 'assistant', content: '' }, done_reason: 'stop', done: true, ...ollamaTimings, eval_count: STREAM_CHUNK_COUNT })}\n`,
  ),
];

/** Ollama `/api/embed`. */
export const ollamaEmbed = Buffer.from(
  JSON.stringify({ model: BENCH_MODEL, embeddings: [EMBEDDING], total_duration: 14_000_000, load_duration: 1_000_000, prompt_eval_count: 12 }),
);

/** Hugging Face feature extraction (a TEI or hf-inference endpoint) for one input: the bare vector. */
export const huggingFaceFeatureExtraction = Buffer.from(JSON.stringify(EMBEDDING));
