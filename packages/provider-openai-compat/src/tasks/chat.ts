import type { CallContext, ChatRequest, ChatResult, ChatStreamEvent } from '@switchyard/core';
import { extraBodyFor, send, type ProviderConfig } from '../provider-config.js';
import { decodeChatCompletion } from '../wire/chat-completion.js';
import { decodeChatCompletionStream } from '../wire/chat-completion-stream.js';
import { buildChatCompletionBody } from '../wire/chat-request-body.js';
import { createChatStreamDecoder } from '../wire/chat-stream-decoder.js';

function chatBody(config: ProviderConfig, request: ChatRequest, context: CallContext, stream: boolean): Record<string, unknown> {
  const extraBody = extraBodyFor(config, request.providerOptions);
  return buildChatCompletionBody(request, {
    model: context.model,
    stream,
    streamUsage: config.streamUsage,
    maxTokensField: config.maxTokensField,
    ...(extraBody === undefined ? {} : { extraBody }),
  });
}

/** `POST /chat/completions`, answered in one body. */
export async function chat(config: ProviderConfig, request: ChatRequest, context: CallContext): Promise<ChatResult> {
  const response = await send(config, context, 'POST', config.urls.chat, chatBody(config, request, context, false));
  const json = await response.json();
  return decodeChatCompletion(json, {
    model: context.model,
    thinkTags: config.thinkTags,
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  });
}

/** `POST /chat/completions` with `stream: true`, as stream events. */
export async function* streamChat(config: ProviderConfig, request: ChatRequest, context: CallContext): AsyncGenerator<ChatStreamEvent, void, undefined> {
  const response = await send(config, context, 'POST', config.urls.chat, chatBody(config, request, context, true));
  const decoder = createChatStreamDecoder({
    thinkTags: config.thinkTags,
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  });
  yield* decodeChatCompletionStream(response.sse(), decoder);
}
