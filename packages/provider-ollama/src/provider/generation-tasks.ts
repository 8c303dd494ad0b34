import {
  SwitchyardError,
  type CallContext,
  type ChatRequest,
  type ChatResult,
  type ChatStreamEvent,
  type CompletionRequest,
  type CompletionResult,
  type EmbedRequest,
  type EmbedResult,
} from '@switchyard/core';
import { buildChatBody, buildEmbedBody, buildGenerateBody, type OllamaBodyDefaults } from '../wire/build-bodies.js';
import { OllamaEventStream, type OpenedOllamaStream } from '../wire/decode-ollama-stream.js';
import { decodeChatResponse, decodeEmbedResponse, decodeGenerateResponse } from '../wire/decode-responses.js';
import { errorText, ollamaStreamError } from '../wire/ollama-errors.js';
import { looksLikeChatResponse, looksLikeEmbedResponse, looksLikeGenerateResponse } from '../wire/ollama-answer-checks.js';
import {
  ollamaChatResponseSchema,
  ollamaEmbedResponseSchema,
  ollamaGenerateResponseSchema,
} from '../wire/ollama-response-schemas.js';
import { withFastPath } from '../wire/with-fast-path.js';
import type { OllamaConfig } from './ollama-config.js';
import { requestOllama } from './request-ollama.js';
import { withAutoPull } from './with-auto-pull.js';

// What the unstreamed answers are read with: the hand-written check, zod only for what it rejects.
const chatAnswerSchema = withFastPath(looksLikeChatResponse, ollamaChatResponseSchema);
const generateAnswerSchema = withFastPath(looksLikeGenerateResponse, ollamaGenerateResponseSchema);
const embedAnswerSchema = withFastPath(looksLikeEmbedResponse, ollamaEmbedResponseSchema);

function bodyDefaults(config: OllamaConfig): OllamaBodyDefaults {
  return { providerId: config.id, keepAlive: config.keepAlive };
}

/** A 200 answer that is an error object (a proxy, or a server writing the error after the status). */
function throwIfError(wire: object, config: OllamaConfig, context: CallContext, endpoint: string): void {
  const said = errorText(wire);
  if (said !== undefined) throw ollamaStreamError(said, { provider: config.id, model: context.model, endpoint });
}

/** `chat`: one unstreamed `/api/chat` call. */
export async function ollamaChat(config: OllamaConfig, request: ChatRequest, context: CallContext): Promise<ChatResult> {
  const body = buildChatBody(request, context.model, false, bodyDefaults(config));
  const response = await withAutoPull(config, context, () => requestOllama(config, context, '/api/chat', body));
  const wire = await response.json(chatAnswerSchema);
  throwIfError(wire, config, context, '/api/chat');
  return decodeChatResponse(wire, { model: context.model, requestId: response.requestId });
}

/** `streamChat`: `/api/chat` as an NDJSON stream, requested on the first `next()`. */
export function ollamaStreamChat(config: OllamaConfig, request: ChatRequest, context: CallContext): AsyncIterable<ChatStreamEvent> {
  return new OllamaEventStream(
    () => openStream(config, context, '/api/chat', () => buildChatBody(request, context.model, true, bodyDefaults(config))),
    { endpoint: '/api/chat', provider: config.id, model: context.model },
  );
}

/** `complete`: one unstreamed `/api/generate` call. */
export async function ollamaComplete(config: OllamaConfig, request: CompletionRequest, context: CallContext): Promise<CompletionResult> {
  const body = buildGenerateBody(request, context.model, false, bodyDefaults(config));
  const response = await withAutoPull(config, context, () => requestOllama(config, context, '/api/generate', body));
  const wire = await response.json(generateAnswerSchema);
  throwIfError(wire, config, context, '/api/generate');
  return decodeGenerateResponse(wire, { model: context.model, requestId: response.requestId });
}

/** `streamComplete`: `/api/generate` as an NDJSON stream, requested on the first `next()`. */
export function ollamaStreamComplete(config: OllamaConfig, request: CompletionRequest, context: CallContext): AsyncIterable<ChatStreamEvent> {
  return new OllamaEventStream(
    () => openStream(config, context, '/api/generate', () => buildGenerateBody(request, context.model, true, bodyDefaults(config))),
    { endpoint: '/api/generate', provider: config.id, model: context.model },
  );
}

/** Sends a streamed request (pulling the model first when `autoPull` says so) and names its first event. */
async function openStream(config: OllamaConfig, context: CallContext, path: string, buildBody: () => object): Promise<OpenedOllamaStream> {
  const body = buildBody();
  const response = await withAutoPull(config, context, () => requestOllama(config, context, path, body));
  return { lines: response.ndjson(), start: { type: 'start', model: context.model, requestId: response.requestId } };
}

/** `embed`: every input in one `/api/embed` call; the answer must have one vector per input. */
export async function ollamaEmbed(config: OllamaConfig, request: EmbedRequest, context: CallContext): Promise<EmbedResult> {
  const body = buildEmbedBody(request, context.model, bodyDefaults(config));
  const response = await withAutoPull(config, context, () => requestOllama(config, context, '/api/embed', body));
  const wire = await response.json(embedAnswerSchema);
  const expected = typeof request.input === 'string' ? 1 : request.input.length;
  if (wire.embeddings.length !== expected) {
    throw new SwitchyardError(
      'invalid-response',
      `Ollama's /api/embed answered ${wire.embeddings.length} vector(s) for ${expected} input(s).`,
      { provider: config.id, model: context.model, requestId: response.requestId },
    );
  }
  return decodeEmbedResponse(wire, { model: context.model, requestId: response.requestId });
}
