import {
  buildChatCompletionBody,
  createChatStreamDecoder,
  decodeChatCompletion,
  decodeChatCompletionStream,
} from '@switchyard/provider-openai-compat';
import type { ChatRequest, ChatResult, ChatStreamEvent } from '@switchyard/core';
import type { UpstreamCall } from '../upstream/upstream-call.js';

/** Where a chat goes and the model id it names. */
export interface ChatTarget {
  /** The OpenAI-compatible `chat/completions` URL. */
  url: string;
  /** The `model` field: the provider's own id, `hub-id:provider`, or `hub-id:policy`. */
  model: string;
}

/**
 * A non-streamed chat on the router's (or an endpoint's) OpenAI-compatible API, with
 * provider-openai-compat's body builder and decoder. The answer's metadata says which provider
 * served it: the route's, or the router's `x-inference-provider` header when the router chose.
 */
export async function routerChat(request: ChatRequest, call: UpstreamCall, target: ChatTarget): Promise<ChatResult> {
  const response = await call.send({ url: target.url, json: buildChatCompletionBody(request, { model: target.model, extraBody: call.extraBody(request) }) });
  const result = decodeChatCompletion(await response.json(), {
    model: target.model,
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  });
  return { ...result, metadata: { ...result.metadata, ...servedBy(call, response.headers) } };
}

/** A streamed chat: the same request with `stream: true`, decoded chunk by chunk. */
export async function* routerStreamChat(request: ChatRequest, call: UpstreamCall, target: ChatTarget): AsyncIterable<ChatStreamEvent> {
  const response = await call.send({
    url: target.url,
    json: buildChatCompletionBody(request, { model: target.model, stream: true, extraBody: call.extraBody(request) }),
    headers: { accept: 'text/event-stream' },
  });
  const decoder = createChatStreamDecoder(response.requestId === undefined ? {} : { requestId: response.requestId });
  const served = servedBy(call, response.headers);
  for await (const event of decodeChatCompletionStream(response.sse(), decoder)) {
    yield event.type === 'finish' ? { ...event, metadata: { ...event.metadata, ...served } } : event;
  }
}

function servedBy(call: UpstreamCall, headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, unknown> {
  const header = headers['x-inference-provider'];
  const fromRouter = Array.isArray(header) ? header[0] : header;
  const inferenceProvider = fromRouter ?? (call.settings.selectedByRouter ? undefined : call.upstream);
  return inferenceProvider === undefined ? {} : { inferenceProvider };
}
