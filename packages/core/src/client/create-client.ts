import type { ZodType } from 'zod';
import type { UsageSnapshot } from '../billing/meter.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Provider } from '../spec/provider.js';
import type { ChatRequest, CompletionRequest, EmbedRequest, ImageRequest, VideoRequest } from '../spec/requests.js';
import type { Candidate } from '../routing/candidates.js';
import type { ChatResponse, CompletionResponse, CompletionResult, EmbedResponse, HealthReport, ImageResponse, ModelInfo, VideoResponse } from '../spec/responses.js';
import { chatRequestSchema, completionRequestSchema, embedRequestSchema, imageRequestSchema, videoRequestSchema } from '../spec/schemas.js';
import { validateFast } from '../spec/fast-validate.js';
import { looksLikeChatRequest, looksLikeCompletionRequest, looksLikeEmbedRequest } from '../spec/request-checks.js';
import type { ChatStream } from './chat-stream.js';
import type { CallOptions, ClientOptions } from './client-options.js';
import { parseCallOptions, parseClientOptions } from './client-options.js';
import { createRuntime } from './client-runtime.js';
import { toClientResponse } from './client-response.js';
import { runHousekeeping } from './housekeeping-call.js';
import type { HousekeepingOptions } from './housekeeping-call.js';
import { runStream } from './stream-call.js';
import type { StreamResponder } from './stream-call.js';
import type { StreamAccumulator } from './stream-accumulator.js';
import { runUnary } from './unary-call.js';

/** The client: the contract's tasks across the configured providers, plus `usage()` and `close()`. */
export interface Client {
  /** A chat answer, unstreamed: it must arrive within the first-token deadline. */
  chat(request: ChatRequest, options?: CallOptions): Promise<ChatResponse>;
  /** Streams a chat answer; see {@link ChatStream}. Nothing is sent until the stream is read. */
  streamChat(request: ChatRequest, options?: CallOptions): ChatStream<ChatResponse>;
  /** A text completion of `prompt` (with `suffix` for fill-in-the-middle models). */
  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResponse>;
  /** A streamed text completion; see {@link ChatStream}. */
  streamComplete(request: CompletionRequest, options?: CallOptions): ChatStream<CompletionResponse>;
  /** One vector per input text, in order. */
  embed(request: EmbedRequest, options?: CallOptions): Promise<EmbedResponse>;
  /** Generated images as bytes with their media type. */
  textToImage(request: ImageRequest, options?: CallOptions): Promise<ImageResponse>;
  /** Generated videos as bytes with their media type (queued providers are polled within the deadline). */
  textToVideo(request: VideoRequest, options?: CallOptions): Promise<VideoResponse>;
  /** The models one provider offers. */
  listModels(providerId: string, options?: HousekeepingOptions): Promise<ModelInfo[]>;
  /** One provider's health check. */
  health(providerId: string, options?: HousekeepingOptions): Promise<HealthReport>;
  /** Requests, tokens, seconds and cost per provider and model, every attempt included. */
  usage(): UsageSnapshot;
  /** Closes the connection pool; later calls fail with `invalid-request`. */
  close(): Promise<void>;
}

/**
 * Creates a client over `providers`. Every call picks its candidates (`provider: 'auto'` by default),
 * enforces the deadlines of its task, retries and fails over on the failures that allow it, and
 * returns a response carrying `provider`, `cost`, `trace` and `providerMetadata` — or throws a
 * `SwitchyardError` carrying `attempts`.
 *
 * @example
 * const client = createClient({ providers: [openaiCompatible({ id: 'groq', baseUrl, apiKey }), ollama()] });
 * const answer = await client.chat({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(answer.text, answer.provider, answer.cost);
 */
export function createClient(options: ClientOptions): Client {
  const runtime = createRuntime(parseClientOptions(options));
  let closed = false;
  const prepare = <Req>(schema: ZodType<Req>, looksValid: (value: unknown) => boolean, request: Req, what: string, callOptions: CallOptions | undefined) => {
    if (closed) throw closedError();
    // The common shapes pass a precheck; zod parses the rest. Any validated copy is discarded: the
    // caller's request goes on unchanged (no transforms apply).
    validateFast(request, looksValid, schema, what);
    return parseCallOptions(callOptions);
  };
  const noPrecheck = () => false;
  return {
    chat: async (request, callOptions) =>
      runUnary(runtime, 'chat', request, prepare(chatRequestSchema, looksLikeChatRequest, request, 'chat request', callOptions), (provider, routed, context) => required(provider, 'chat').call(provider, routed, context)),
    streamChat: (request, callOptions) =>
      runStream(runtime, 'streamChat', request, prepare(chatRequestSchema, looksLikeChatRequest, request, 'chat request', callOptions), (provider, routed, context) => required(provider, 'streamChat').call(provider, routed, context), chatFromStream),
    complete: async (request, callOptions) =>
      runUnary(runtime, 'complete', request, prepare(completionRequestSchema, looksLikeCompletionRequest, request, 'completion request', callOptions), (provider, routed, context) => required(provider, 'complete').call(provider, routed, context)),
    streamComplete: (request, callOptions) =>
      runStream(runtime, 'streamComplete', request, prepare(completionRequestSchema, looksLikeCompletionRequest, request, 'completion request', callOptions), (provider, routed, context) => required(provider, 'streamComplete').call(provider, routed, context), completionFromStream),
    embed: async (request, callOptions) =>
      runUnary(runtime, 'embed', request, prepare(embedRequestSchema, looksLikeEmbedRequest, request, 'embed request', callOptions), (provider, routed, context) => required(provider, 'embed').call(provider, routed, context)),
    textToImage: async (request, callOptions) =>
      runUnary(runtime, 'textToImage', request, prepare(imageRequestSchema, noPrecheck, request, 'image request', callOptions), (provider, routed, context) => required(provider, 'textToImage').call(provider, routed, context)),
    textToVideo: async (request, callOptions) =>
      runUnary(runtime, 'textToVideo', request, prepare(videoRequestSchema, noPrecheck, request, 'video request', callOptions), (provider, routed, context) => required(provider, 'textToVideo').call(provider, routed, context)),
    listModels: async (providerId, callOptions) => {
      if (closed) throw closedError();
      return runHousekeeping(runtime, providerId, 'list-models', callOptions, (provider, context) => required(provider, 'listModels').call(provider, context));
    },
    health: async (providerId, callOptions) => {
      if (closed) throw closedError();
      return runHousekeeping(runtime, providerId, 'health', callOptions, (provider, context) => required(provider, 'health').call(provider, context));
    },
    usage: () => runtime.billing.usage(),
    close: async () => {
      closed = true;
      await runtime.transport.close();
    },
  };
}

/** A provider's task method (call it with the provider as `this`); the router only calls providers that implement it. */
function required<M extends 'chat' | 'streamChat' | 'complete' | 'streamComplete' | 'embed' | 'textToImage' | 'textToVideo' | 'listModels' | 'health'>(
  provider: Provider,
  method: M,
): NonNullable<Provider[M]> {
  const implementation = provider[method];
  if (typeof implementation !== 'function') {
    throw new SwitchyardError('unsupported', `Provider "${provider.id}" does not implement ${method}.`, { provider: provider.id, retryable: false });
  }
  return implementation as NonNullable<Provider[M]>;
}

const chatFromStream: StreamResponder<ChatResponse> = (stream, candidate, cost, trace) =>
  toClientResponse(
    { ...streamedResult(stream, candidate), ...(stream.reasoning ? { reasoning: stream.reasoning } : {}), toolCalls: stream.toolCalls },
    candidate,
    cost,
    trace,
  );

const completionFromStream: StreamResponder<CompletionResponse> = (stream, candidate, cost, trace) =>
  toClientResponse(streamedResult(stream, candidate), candidate, cost, trace);

/** The result fields every streamed answer has, from what its events carried. */
function streamedResult(stream: StreamAccumulator, candidate: Candidate): CompletionResult {
  return {
    text: stream.text,
    finishReason: stream.finishReason ?? 'other',
    ...(stream.rawFinishReason !== undefined ? { rawFinishReason: stream.rawFinishReason } : {}),
    model: stream.model ?? candidate.model,
    usage: stream.usage ?? {},
    ...(stream.requestId !== undefined ? { requestId: stream.requestId } : {}),
    ...(stream.metadata ? { metadata: stream.metadata } : {}),
  };
}

function closedError(): SwitchyardError {
  return new SwitchyardError('invalid-request', 'This client was closed: create a new one with createClient().', { retryable: false });
}

