import {
  buildCompletionBody,
  buildEmbeddingsBody,
  createCompletionStreamDecoder,
  decodeChatCompletionStream,
  decodeCompletion,
  decodeEmbeddings,
} from '@switchyard/provider-openai-compat';
import type { ChatStreamEvent, CompletionRequest, CompletionResult, EmbedRequest, EmbedResult } from '@switchyard/core';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';

/**
 * Legacy `/completions` (streamed and not) at `path` under the provider's router prefix, with
 * provider-openai-compat's body builder and decoders, and the provider's own model id.
 */
export function openAICompletions(path: string): Pick<UpstreamAdapter, 'complete' | 'streamComplete'> {
  return {
    async complete(request: CompletionRequest, call: UpstreamCall): Promise<CompletionResult> {
      const response = await call.send({ url: call.url(path), json: buildCompletionBody(request, { model: call.model, extraBody: call.extraBody(request) }) });
      const result = decodeCompletion(await response.json(), {
        model: call.model,
        ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
      });
      return { ...result, metadata: { inferenceProvider: call.upstream } };
    },
    async *streamComplete(request: CompletionRequest, call: UpstreamCall): AsyncIterable<ChatStreamEvent> {
      const response = await call.send({
        url: call.url(path),
        json: buildCompletionBody(request, { model: call.model, stream: true, extraBody: call.extraBody(request) }),
        headers: { accept: 'text/event-stream' },
      });
      const decoder = createCompletionStreamDecoder(response.requestId === undefined ? {} : { requestId: response.requestId });
      for await (const event of decodeChatCompletionStream(response.sse(), decoder)) {
        yield event.type === 'finish' ? { ...event, metadata: { ...event.metadata, inferenceProvider: call.upstream } } : event;
      }
    },
  };
}

/** OpenAI-style `/embeddings` at `path` under the provider's router prefix. */
export function openAIEmbeddings(path: string): Pick<UpstreamAdapter, 'embed'> {
  return {
    async embed(request: EmbedRequest, call: UpstreamCall): Promise<EmbedResult> {
      const response = await call.send({ url: call.url(path), json: buildEmbeddingsBody(request, { model: call.model, extraBody: call.extraBody(request) }) });
      const result = decodeEmbeddings(await response.json(), {
        inputCount: typeof request.input === 'string' ? 1 : request.input.length,
        model: call.model,
        ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
      });
      return { ...result, metadata: { inferenceProvider: call.upstream } };
    },
  };
}
