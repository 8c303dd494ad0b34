// @ts-check
// What the loopback bench server answers and what every client adapter checks it received, in one
// place, so that a client that drops or mangles content cannot look fast.

/** The model id every request names; the server ignores it. */
export const BENCH_MODEL = 'bench-model';

/** Sent by every client (raw undici included) so that each pays for credential handling alike. */
export const BENCH_API_KEY = 'sk-bench-not-a-real-key';

/** The conversation of every chat request. */
export const CHAT_MESSAGES = [
  { role: 'system', content: 'You are a concise assistant.' },
  { role: 'user', content: 'Explain in two sentences what an inference router does.' },
];

/** The answer of a non-stream chat (about 450 characters, a typical short completion). */
export const ANSWER_TEXT = 'Switchyard routes each request to a healthy provider. '.repeat(8);

/** Text deltas per streamed answer. */
export const STREAM_CHUNK_COUNT = 200;

/**
 * The text of the streamed delta at `index`.
 * @param {number} index
 */
export function streamToken(index) {
  return `token ${index} `;
}

/** The whole streamed answer, the concatenation of every delta. */
export const STREAM_TEXT = Array.from({ length: STREAM_CHUNK_COUNT }, (_, index) => streamToken(index)).join('');

/** Dimensions of the embedding vector (a BERT-base sized model such as nomic-embed-text). */
export const EMBEDDING_DIMENSIONS = 768;

/** The text every embedding request sends. */
export const EMBEDDING_INPUT = 'An inference router sends each request to a healthy provider.';

/**
 * The embedding vector: deterministic values with the nine significant digits real servers print,
 * so the JSON is as long as a real one (about 9 kB).
 */
export const EMBEDDING = Array.from({ length: EMBEDDING_DIMENSIONS }, (_, index) => Number((Math.sin(index + 1) * 0.09).toPrecision(9)));

/**
 * Throws unless `vector` is the canned embedding. Float32 tolerance: openai-node asks for base64
 * float32 by default and decodes it, which rounds every value to single precision.
 * @param {ArrayLike<number>} vector
 * @param {string} client
 */
export function assertEmbedding(vector, client) {
  if (vector.length !== EMBEDDING_DIMENSIONS) throw new Error(`${client}: embedding has ${vector.length} dimensions, expected ${EMBEDDING_DIMENSIONS}`);
  const last = EMBEDDING_DIMENSIONS - 1;
  if (Math.abs((vector[last] ?? Number.NaN) - (EMBEDDING[last] ?? 0)) > 1e-7 || Math.abs((vector[0] ?? Number.NaN) - (EMBEDDING[0] ?? 0)) > 1e-7) {
    throw new Error(`${client}: embedding values differ from the canned vector`);
  }
}

/**
 * Throws unless `text` is `expected`.
 * @param {string} text
 * @param {string} expected
 * @param {string} client
 */
export function assertText(text, expected, client) {
  if (text !== expected) throw new Error(`${client}: received ${JSON.stringify(text.slice(0, 60))}… (${text.length} characters), expected ${expected.length} characters starting ${JSON.stringify(expected.slice(0, 30))}`);
}
