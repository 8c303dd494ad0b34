import type { CallContext, ChatStreamEvent, CompletionRequest, CompletionResult } from '@switchyard/core';
import { extraBodyFor, send, type ProviderConfig } from '../provider-config.js';
import { openChatCompletionStream } from '../wire/chat-completion-stream.js';
import { createCompletionStreamDecoder } from '../wire/completion-stream-decoder.js';
import { decodeCompletion } from '../wire/completion.js';
import { buildCompletionBody } from '../wire/completion-request-body.js';

function completionBody(config: ProviderConfig, request: CompletionRequest, context: CallContext, stream: boolean): Record<string, unknown> {
  const extraBody = extraBodyFor(config, request.providerOptions);
  return buildCompletionBody(request, {
    model: context.model,
    stream,
    streamUsage: config.streamUsage,
    ...(extraBody === undefined ? {} : { extraBody }),
  });
}

/** `POST /completions`, answered in one body. */
export async function complete(config: ProviderConfig, request: CompletionRequest, context: CallContext): Promise<CompletionResult> {
  const response = await send(config, context, 'POST', config.urls.completions, completionBody(config, request, context, false));
  const json = await response.json();
  return decodeCompletion(json, { model: context.model, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) });
}

/** `POST /completions` with `stream: true`: `start`, `text`, `usage` and `finish` events; sent by the first `next()`. */
export function streamComplete(config: ProviderConfig, request: CompletionRequest, context: CallContext): AsyncGenerator<ChatStreamEvent, void, undefined> {
  return openChatCompletionStream(async () => {
    const response = await send(config, context, 'POST', config.urls.completions, completionBody(config, request, context, true));
    const requestId = response.requestId;
    return { messages: response.sse(), decoder: createCompletionStreamDecoder(requestId === undefined ? {} : { requestId }) };
  });
}
