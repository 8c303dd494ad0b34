import { scopeCredential } from '@switchyard/core';
import type {
  ChatRequest,
  ChatResult,
  ChatStreamEvent,
  CompletionRequest,
  CompletionResult,
  EmbedRequest,
  EmbedResult,
  FinishReason,
  ImageRequest,
  ImageResult,
  Provider,
  ToolCall,
  Usage,
} from '@switchyard/core';

interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}
interface WireToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}
interface WireChoice {
  text?: string;
  message?: { content?: string | null; tool_calls?: WireToolCall[] };
  delta?: { content?: string | null; tool_calls?: WireToolCall[] };
  finish_reason?: string | null;
}
interface WireBody {
  model?: string;
  choices?: WireChoice[];
  usage?: WireUsage | null;
  data?: Array<{ embedding?: number[]; b64_json?: string }>;
}

function usageOf(usage: WireUsage | null | undefined): Usage {
  return { inputTokens: usage?.prompt_tokens, outputTokens: usage?.completion_tokens, totalTokens: usage?.total_tokens };
}

function finishOf(reason: string | null | undefined): FinishReason {
  if (reason === 'tool_calls') return 'tool-calls';
  if (reason === 'stop' || reason === 'length') return reason;
  return 'other';
}

function chatBody(request: ChatRequest, stream: boolean): object {
  return {
    model: request.model,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    ...(request.tools ? { tools: request.tools.map((tool) => ({ type: 'function', function: tool })) } : {}),
    ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

/**
 * The smallest OpenAI-compatible provider that exercises the conformance suite: every task through
 * `ctx.http`, no retries or timeouts of its own (the client owns those). It has no streaming
 * completion, so the suite reports that scenario as not applicable.
 */
export function minimalOpenAiProvider({ baseURL, apiKey }: { baseURL: string; apiKey: string }): Provider {
  const credential = scopeCredential(apiKey, { origins: [new URL(baseURL).origin] });
  return {
    specificationVersion: 'switchyard.provider.v1',
    id: 'minimal-openai',
    kind: 'local',

    async chat(request, context): Promise<ChatResult> {
      const response = await context.http.request({ method: 'POST', url: `${baseURL}/chat/completions`, json: chatBody(request, false), credential });
      const body = (await response.json()) as WireBody;
      const choice = body.choices?.[0];
      const toolCalls = (choice?.message?.tool_calls ?? []).map((call) => ({
        id: call.id ?? '',
        name: call.function?.name ?? '',
        arguments: call.function?.arguments ?? '',
      }));
      return {
        model: body.model ?? request.model,
        text: choice?.message?.content ?? '',
        toolCalls,
        finishReason: finishOf(choice?.finish_reason),
        usage: usageOf(body.usage),
        requestId: response.requestId,
      };
    },

    async *streamChat(request, context): AsyncIterable<ChatStreamEvent> {
      const response = await context.http.request({ method: 'POST', url: `${baseURL}/chat/completions`, json: chatBody(request, true), credential });
      yield { type: 'start', requestId: response.requestId };
      const calls: ToolCall[] = [];
      let finishReason: FinishReason = 'other';
      for await (const message of response.sse()) {
        const chunk = JSON.parse(message.data) as WireBody;
        if (chunk.usage) yield { type: 'usage', usage: usageOf(chunk.usage) };
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        if (choice.delta?.content) yield { type: 'text', text: choice.delta.content };
        for (const delta of choice.delta?.tool_calls ?? []) {
          const index = delta.index ?? 0;
          const call = (calls[index] ??= { id: '', name: '', arguments: '' });
          if (delta.id) call.id = delta.id;
          if (delta.function?.name) call.name = delta.function.name;
          call.arguments += delta.function?.arguments ?? '';
          yield { type: 'tool-call-delta', index, id: delta.id, name: delta.function?.name, argumentsDelta: delta.function?.arguments ?? '' };
        }
        if (choice.finish_reason) finishReason = finishOf(choice.finish_reason);
      }
      for (const toolCall of calls) yield { type: 'tool-call', toolCall };
      yield { type: 'finish', finishReason };
    },

    async complete(request: CompletionRequest, context): Promise<CompletionResult> {
      const response = await context.http.request({
        method: 'POST',
        url: `${baseURL}/completions`,
        json: { model: request.model, prompt: request.prompt, max_tokens: request.maxTokens },
        credential,
      });
      const body = (await response.json()) as WireBody;
      return {
        model: body.model ?? request.model,
        text: body.choices?.[0]?.text ?? '',
        finishReason: finishOf(body.choices?.[0]?.finish_reason),
        usage: usageOf(body.usage),
      };
    },

    async embed(request: EmbedRequest, context): Promise<EmbedResult> {
      const response = await context.http.request({ method: 'POST', url: `${baseURL}/embeddings`, json: { model: request.model, input: request.input }, credential });
      const body = (await response.json()) as WireBody;
      return { model: body.model ?? request.model, embeddings: (body.data ?? []).map((item) => item.embedding ?? []), usage: usageOf(body.usage) };
    },

    async textToImage(request: ImageRequest, context): Promise<ImageResult> {
      const response = await context.http.request({
        method: 'POST',
        url: `${baseURL}/images/generations`,
        json: { model: request.model, prompt: request.prompt, response_format: 'b64_json' },
        credential,
      });
      const body = (await response.json()) as WireBody;
      return {
        model: request.model,
        usage: {},
        images: (body.data ?? []).map((item) => ({ mediaType: 'image/png', data: Uint8Array.from(Buffer.from(item.b64_json ?? '', 'base64')) })),
      };
    },
  };
}
