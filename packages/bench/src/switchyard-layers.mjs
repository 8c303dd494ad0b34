// @ts-check
// Switchyard's lower layers called on their own, the same way in every tool that splits the client
// into them (`layers`, `first-delta`, and the bench's opt-in `switchyard-transport` /
// `switchyard-provider` clients):
//   transport  core's createTransport, bound per call to a fresh signal and deadlines, with a scoped credential
//   provider   openaiCompatible().chat / streamChat / embed called directly with a CallContext like the client's
import { bindTransport, createTransport, scopeCredential } from '@switchyard/core';
import { openaiCompatible } from '@switchyard/provider-openai-compat';
import { ANSWER_TEXT, BENCH_API_KEY, BENCH_MODEL, CHAT_MESSAGES, EMBEDDING_INPUT, STREAM_TEXT, assertEmbedding, assertText } from './canned-responses.mjs';
import { CHAT_REQUEST } from './clients/switchyard.mjs';
import { collectDeltas } from './stream-text.mjs';

/** Deadlines long enough never to fire on loopback; the client's defaults are of the same order. */
export const LAYER_TIMEOUTS = { connectMs: 10_000, headersMs: 60_000, firstTokenMs: 60_000, idleMs: 60_000, totalMs: 600_000 };

/** The OpenAI wire bodies the transport layer sends (what the provider builds from the chat request). */
export const WIRE_CHAT = { model: BENCH_MODEL, messages: CHAT_MESSAGES, max_tokens: 128 };
export const WIRE_STREAM = { ...WIRE_CHAT, stream: true, stream_options: { include_usage: true } };

/**
 * @typedef {object} LayerCalls One call of each workload; each checks what came back, like the bench's adapters.
 * @property {() => Promise<void>} chat
 * @property {(onFirstDelta?: () => void) => Promise<void>} stream A 200-delta stream; `onFirstDelta` when the first text arrives.
 * @property {() => Promise<void>} embed
 */

/**
 * The transport and provider layers against the bench server at `origin`, sharing one transport.
 * @param {string} origin
 * @returns {{ transport: LayerCalls, provider: LayerCalls, close: () => Promise<void> }}
 */
export function createLayers(origin) {
  const baseURL = `${origin}/v1`;
  const chatUrl = `${baseURL}/chat/completions`;
  const embedUrl = `${baseURL}/embeddings`;
  const http = createTransport({ proxy: false });
  const credential = scopeCredential(BENCH_API_KEY, { origins: [origin] });
  const provider = openaiCompatible({ id: 'primary', baseURL, apiKey: BENCH_API_KEY });

  /** The transport as one attempt sees it: bound to a fresh signal and the deadlines. @param {AbortSignal} signal */
  const bound = (signal) => bindTransport(http, { signal, timeouts: LAYER_TIMEOUTS, provider: 'primary', model: BENCH_MODEL });
  /**
   * What the client hands a provider for one attempt (see core's spec/call-context.ts).
   * @param {'chat' | 'embed'} task
   * @returns {import('@switchyard/core').CallContext}
   */
  const contextFor = (task) => {
    const signal = new AbortController().signal;
    return { http: bound(signal), signal, timeouts: LAYER_TIMEOUTS, deadline: Date.now() + LAYER_TIMEOUTS.totalMs, attempt: 1, task, model: BENCH_MODEL, idempotent: false, emit() {} };
  };
  /** @param {string} url @param {object} json */
  const post = (url, json) => bound(new AbortController().signal).request({ method: 'POST', url, json, credential });

  /** @type {LayerCalls} */
  const transport = {
    async chat() {
      const response = await post(chatUrl, WIRE_CHAT);
      assertText(/** @type {any} */ (await response.json()).choices[0].message.content, ANSWER_TEXT, 'transport');
    },
    async stream(onFirstDelta = () => {}) {
      const response = await post(chatUrl, WIRE_STREAM);
      const deltas = collectDeltas(onFirstDelta);
      for await (const message of response.sse()) if (message.data !== '[DONE]') deltas.add(JSON.parse(message.data).choices[0]?.delta?.content);
      assertText(deltas.text, STREAM_TEXT, 'transport');
    },
    async embed() {
      const response = await post(embedUrl, { model: BENCH_MODEL, input: EMBEDDING_INPUT, encoding_format: 'float' });
      assertEmbedding(/** @type {any} */ (await response.json()).data[0].embedding, 'transport');
    },
  };

  const { chat, streamChat, embed } = provider;
  if (!chat || !streamChat || !embed) throw new Error('openaiCompatible() lacks chat, streamChat or embed');
  /** @type {LayerCalls} */
  const providerCalls = {
    async chat() {
      assertText((await chat(CHAT_REQUEST, contextFor('chat'))).text, ANSWER_TEXT, 'provider');
    },
    async stream(onFirstDelta = () => {}) {
      const deltas = collectDeltas(onFirstDelta);
      for await (const event of streamChat(CHAT_REQUEST, contextFor('chat'))) if (event.type === 'text') deltas.add(event.text);
      assertText(deltas.text, STREAM_TEXT, 'provider');
    },
    async embed() {
      const result = await embed({ model: BENCH_MODEL, input: EMBEDDING_INPUT }, contextFor('embed'));
      assertEmbedding(/** @type {number[]} */ (result.embeddings[0]), 'provider');
    },
  };

  return { transport, provider: providerCalls, close: () => http.close() };
}
