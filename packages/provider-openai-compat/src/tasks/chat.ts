import type { CallContext, ChatRequest, ChatResult, ChatStreamEvent } from '@switchyard/core';
import { extraBodyFor, send, type ProviderConfig } from '../provider-config.js';
import { decodeChatCompletion, type DecodeChatCompletionOptions } from '../wire/chat-completion.js';
import { openChatCompletionStream } from '../wire/chat-completion-stream.js';
import { buildChatCompletionBody, type ChatCompletionBodyOptions } from '../wire/chat-request-body.js';
import { createChatStreamDecoder, type ChatStreamDecoderOptions } from '../wire/chat-stream-decoder.js';

function chatBody(config: ProviderConfig, request: ChatRequest, context: CallContext, stream: boolean): Record<string, unknown> {
  const options: ChatCompletionBodyOptions = { model: context.model, stream, streamUsage: config.streamUsage, maxTokensField: config.maxTokensField };
  const extraBody = extraBodyFor(config, request.providerOptions);
  if (extraBody !== undefined) options.extraBody = extraBody;
  return buildChatCompletionBody(request, options);
}

/** `POST /chat/completions`, answered in one body. */
export async function chat(config: ProviderConfig, request: ChatRequest, context: CallContext): Promise<ChatResult> {
  const response = await send(config, context, 'POST', config.urls.chat, chatBody(config, request, context, false));
  const json = await response.json();
  const options: DecodeChatCompletionOptions = { model: context.model, thinkTags: config.thinkTags };
  const requestId = response.requestId; // a getter that searches the headers: read it once
  if (requestId !== undefined) options.requestId = requestId;
  return decodeChatCompletion(json, options);
}

/** `POST /chat/completions` with `stream: true`, as stream events; the request is sent by the first `next()`. */
export function streamChat(config: ProviderConfig, request: ChatRequest, context: CallContext): AsyncGenerator<ChatStreamEvent, void, undefined> {
  return openChatCompletionStream(async () => {
    const response = await send(config, context, 'POST', config.urls.chat, chatBody(config, request, context, true));
    const options: ChatStreamDecoderOptions = { thinkTags: config.thinkTags };
    const requestId = response.requestId;
    if (requestId !== undefined) options.requestId = requestId;
    return { messages: response.sse(), decoder: createChatStreamDecoder(options) };
  });
}
