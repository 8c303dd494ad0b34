// Test support, not shipped: a small provider speaking the OpenAI chat wire format through
// `ctx.http`, so client and routing tests run real requests against testkit servers. The real
// providers live in packages core cannot depend on.
import { inspect } from 'node:util';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { scopeCredential } from '../http/scope-credential.js';
import type { Pricing } from '../billing/cost.js';
import type { CallContext } from '../spec/call-context.js';
import type { FinishReason } from '../spec/messages.js';
import type { Provider, ProviderRoute } from '../spec/provider.js';
import type { ChatRequest, EmbedRequest } from '../spec/requests.js';
import type { ChatResult, EmbedResult } from '../spec/responses.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';
import type { Usage } from '../spec/usage.js';

/** The credential every wire test provider sends; tests scan errors, events and traces for it. */
export const TEST_API_KEY = 'sk-test-0123456789abcdefSECRET';

export interface WireProviderOptions {
  id: string;
  baseUrl: string;
  pricing?: Pricing;
  /** Routes to offer (the provider then posts to `<baseUrl>/<route id>/v1/...`). */
  routes?: ProviderRoute[];
  /** Models it serves; any when unset. */
  models?: string[];
}

interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}
interface WireChunk {
  model?: string;
  choices?: Array<{ delta?: { content?: string | null }; message?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: WireUsage | null;
  error?: { message?: string };
  data?: Array<{ embedding: number[] }>;
}

export function wireProvider(options: WireProviderOptions): Provider {
  const credential = scopeCredential(TEST_API_KEY, { origins: [options.baseUrl] });
  const url = (context: CallContext, path: string) => `${options.baseUrl}${context.route ? `/${context.route.id}` : ''}${path}`;
  const provider: Provider = {
    specificationVersion: 'switchyard.provider.v1',
    id: options.id,
    kind: 'local',
    ...(options.models ? { supportsModel: (model: string) => (options.models as string[]).includes(model) } : {}),
    ...(options.routes ? { routes: async () => options.routes as ProviderRoute[] } : {}),
    ...(options.pricing ? { pricing: () => options.pricing } : {}),

    async chat(request: ChatRequest, context: CallContext): Promise<ChatResult> {
      const response = await context.http.request({ method: 'POST', url: url(context, '/v1/chat/completions'), json: body(request, false), credential });
      const wire = (await response.json()) as WireChunk;
      const choice = wire.choices?.[0];
      return {
        model: wire.model ?? request.model,
        text: choice?.message?.content ?? '',
        toolCalls: [],
        finishReason: finishOf(choice?.finish_reason),
        usage: usageOf(wire.usage),
        ...(response.requestId ? { requestId: response.requestId } : {}),
        metadata: { served: options.id },
      };
    },

    async *streamChat(request: ChatRequest, context: CallContext): AsyncIterable<ChatStreamEvent> {
      const response = await context.http.request({ method: 'POST', url: url(context, '/v1/chat/completions'), json: body(request, true), credential });
      yield { type: 'start', ...(response.requestId ? { requestId: response.requestId } : {}) };
      for await (const message of response.sse()) {
        const chunk = JSON.parse(message.data) as WireChunk;
        if (chunk.error) throw new SwitchyardError('server', `error event in the stream: ${chunk.error.message ?? 'unknown'}`, { provider: options.id });
        if (chunk.usage) yield { type: 'usage', usage: usageOf(chunk.usage) };
        const choice = chunk.choices?.[0];
        if (choice?.delta?.content) yield { type: 'text', text: choice.delta.content };
        // Only a finish_reason ends the stream properly; a body that just stops has none (a cut stream).
        if (choice?.finish_reason) yield { type: 'finish', finishReason: finishOf(choice.finish_reason), metadata: { served: options.id } };
      }
    },

    async embed(request: EmbedRequest, context: CallContext): Promise<EmbedResult> {
      const response = await context.http.request({ method: 'POST', url: url(context, '/v1/embeddings'), json: { model: request.model, input: request.input }, credential });
      const wire = (await response.json()) as WireChunk;
      return { model: request.model, embeddings: (wire.data ?? []).map((entry) => entry.embedding), usage: usageOf(wire.usage) };
    },

    async listModels(context: CallContext) {
      const response = await context.http.request({ method: 'GET', url: `${options.baseUrl}/v1/models`, credential });
      const wire = (await response.json()) as { data: Array<{ id: string }> };
      return wire.data.map((entry) => ({ id: entry.id }));
    },

    async health(context: CallContext) {
      const started = performance.now();
      await (await context.http.request({ method: 'GET', url: `${options.baseUrl}/health` })).discard();
      return { ok: true, latencyMs: Math.round(performance.now() - started) };
    },
  };
  return provider;
}

function body(request: ChatRequest, stream: boolean): object {
  return {
    model: request.model,
    messages: request.messages,
    ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

function usageOf(usage: WireUsage | null | undefined): Usage {
  if (!usage) return {};
  return { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, totalTokens: usage.total_tokens };
}

function finishOf(reason: string | null | undefined): FinishReason {
  if (reason === 'stop' || reason === 'length') return reason;
  return reason === 'tool_calls' ? 'tool-calls' : 'other';
}

/** An OpenAI chat completion body. */
export function completion(text: string, usage: WireUsage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }): object {
  return { id: 'chatcmpl-test', model: 'test-model', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage };
}

/** OpenAI stream chunks: one per piece of text, then the finish chunk, then a usage-only chunk. */
export function chunks(pieces: string[], usage: WireUsage = { prompt_tokens: 10, completion_tokens: pieces.length, total_tokens: 10 + pieces.length }): object[] {
  return [
    ...pieces.map((content) => ({ id: 'chatcmpl-test', choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    { id: 'chatcmpl-test', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    { id: 'chatcmpl-test', choices: [], usage },
  ];
}

/** A one-message chat request. */
export function ask(model = 'test-model', content = 'Say hello'): ChatRequest {
  return { model, messages: [{ role: 'user', content }] };
}

/** Everything a test recorded that must never contain the credential: errors, events, traces, responses. */
export function leaksOf(values: unknown[]): string[] {
  const leaks: string[] = [];
  for (const value of values) {
    const shown = `${JSON.stringify(value)}\n${inspect(value, { depth: 8 })}\n${value instanceof Error ? value.message : ''}`;
    if (shown.includes(TEST_API_KEY) || shown.includes(TEST_API_KEY.slice(-12))) leaks.push(shown.slice(0, 200));
  }
  return leaks;
}

