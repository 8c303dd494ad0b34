import type { ChatResult, CompletionResult, EmbedResult, ToolCall } from '@switchyard/core';
import { finishReasonFromOllama } from './finish-reason.js';
import type {
  OllamaChatResponse,
  OllamaEmbedResponse,
  OllamaGenerateResponse,
  OllamaTimings,
} from './ollama-response-schemas.js';
import { fromOllamaToolCall } from './tool-calls.js';
import { timingMetadataFromOllama, usageFromOllama } from './usage-from-ollama.js';

/** Where an answer came from, for the fields Ollama may leave out. */
export interface DecodeContext {
  /** The model the request asked for; used when the answer does not name one. */
  model: string;
  requestId?: string | undefined;
}

/**
 * `providerMetadata.ollama` for a final answer: durations in milliseconds (`loadDurationMs` makes a
 * cold start visible), generation speed, `createdAt` and the raw `doneReason`.
 */
export function ollamaResultMetadata(
  final: OllamaTimings & { created_at?: string | undefined; done_reason?: string | undefined },
): Record<string, unknown> {
  // The timing object is fresh: extend it rather than spread it into a copy (the spread cost more
  // than the rest of decoding together).
  const metadata: Record<string, unknown> = timingMetadataFromOllama(final) as Record<string, unknown>;
  if (final.created_at !== undefined) metadata.createdAt = final.created_at;
  if (final.done_reason !== undefined) metadata.doneReason = final.done_reason;
  return metadata;
}

/** A chat result from a non-streamed `/api/chat` answer. */
export function decodeChatResponse(wire: OllamaChatResponse, context: DecodeContext): ChatResult {
  const message = wire.message;
  const wireCalls = message?.tool_calls ?? [];
  const toolCalls: ToolCall[] = wireCalls.map((call, index) => fromOllamaToolCall(call, index));
  const result: ChatResult = {
    model: wire.model ?? context.model,
    text: message?.content ?? '',
    toolCalls,
    finishReason: finishReasonFromOllama(wire.done_reason, toolCalls.length > 0),
    usage: usageFromOllama(wire),
    metadata: ollamaResultMetadata(wire),
  };
  if (message?.thinking !== undefined && message.thinking !== '') result.reasoning = message.thinking;
  if (wire.done_reason !== undefined) result.rawFinishReason = wire.done_reason;
  if (context.requestId !== undefined) result.requestId = context.requestId;
  return result;
}

/**
 * A completion result from a non-streamed `/api/generate` answer. Its `context` (the deprecated
 * conversational memory, a token array) is kept in the metadata for callers who send it back.
 */
export function decodeGenerateResponse(wire: OllamaGenerateResponse, context: DecodeContext): CompletionResult {
  const metadata = ollamaResultMetadata(wire);
  if (wire.thinking !== undefined && wire.thinking !== '') metadata.thinking = wire.thinking;
  if (wire.context !== undefined) metadata.context = wire.context;
  const result: CompletionResult = {
    model: wire.model ?? context.model,
    text: wire.response ?? '',
    finishReason: finishReasonFromOllama(wire.done_reason, false),
    usage: usageFromOllama(wire),
    metadata,
  };
  if (wire.done_reason !== undefined) result.rawFinishReason = wire.done_reason;
  if (context.requestId !== undefined) result.requestId = context.requestId;
  return result;
}

/** An embedding result from `/api/embed`: one vector per input, in order. */
export function decodeEmbedResponse(wire: OllamaEmbedResponse, context: DecodeContext): EmbedResult {
  const result: EmbedResult = {
    model: wire.model ?? context.model,
    embeddings: wire.embeddings,
    usage: usageFromOllama(wire),
    metadata: ollamaResultMetadata(wire),
  };
  if (context.requestId !== undefined) result.requestId = context.requestId;
  return result;
}
