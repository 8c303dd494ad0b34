import type { UsageSnapshot } from '../billing/meter.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Provider } from '../spec/provider.js';
import type { ChatRequest, CompletionRequest, EmbedRequest, ImageRequest, VideoRequest } from '../spec/requests.js';
import type { Candidate } from '../routing/candidates.js';
import type {
  ChatResponse,
  ChatResult,
  CompletionResponse,
  CompletionResult,
  EmbedResponse,
  EmbedResult,
  HealthReport,
  ImageResponse,
  ImageResult,
  ModelInfo,
  VideoResponse,
  VideoResult,
} from '../spec/responses.js';
import { getChatRequestSchema, getCompletionRequestSchema, getEmbedRequestSchema, getImageRequestSchema, getVideoRequestSchema } from '../spec/schemas.js';
import { looksLikeChatRequest, looksLikeCompletionRequest, looksLikeEmbedRequest } from '../spec/request-checks.js';
import type { ChatStream } from './chat-stream.js';
import type { CallOptions, ClientOptions } from './client-options.js';
import { parseClientOptions } from './client-options.js';
import { closedError, prepareCall } from './call-setup.js';
import type { RequestCheck } from './call-setup.js';
import { createRuntime } from './client-runtime.js';
import { toClientResponse } from './client-response.js';
import { runHousekeeping } from './housekeeping-call.js';
import type { HousekeepingOptions } from './housekeeping-call.js';
import { runStream } from './stream-call.js';
import type { StreamInvoker, StreamResponder } from './stream-call.js';
import type { StreamAccumulator } from './stream-accumulator.js';
import { runUnary } from './unary-call.js';
import type { TaskInvoker } from './unary-call.js';

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
  return {
    chat: (request, callOptions) => runUnary(runtime, 'chat', CHAT_CHECK, request, callOptions, invokeChat),
    streamChat: (request, callOptions) => runStream(runtime, 'streamChat', request, prepareCall(runtime, CHAT_CHECK, request, callOptions), invokeStreamChat, chatFromStream),
    complete: (request, callOptions) => runUnary(runtime, 'complete', COMPLETION_CHECK, request, callOptions, invokeComplete),
    streamComplete: (request, callOptions) =>
      runStream(runtime, 'streamComplete', request, prepareCall(runtime, COMPLETION_CHECK, request, callOptions), invokeStreamComplete, completionFromStream),
    embed: (request, callOptions) => runUnary(runtime, 'embed', EMBED_CHECK, request, callOptions, invokeEmbed),
    textToImage: (request, callOptions) => runUnary(runtime, 'textToImage', IMAGE_CHECK, request, callOptions, invokeTextToImage),
    textToVideo: (request, callOptions) => runUnary(runtime, 'textToVideo', VIDEO_CHECK, request, callOptions, invokeTextToVideo),
    listModels: async (providerId, callOptions) => {
      if (runtime.closed) throw closedError();
      return runHousekeeping(runtime, providerId, 'list-models', callOptions, (provider, context) => required(provider, 'listModels').call(provider, context));
    },
    health: async (providerId, callOptions) => {
      if (runtime.closed) throw closedError();
      return runHousekeeping(runtime, providerId, 'health', callOptions, (provider, context) => required(provider, 'health').call(provider, context));
    },
    usage: () => runtime.meter.snapshot(),
    close: async () => {
      runtime.closed = true;
      await runtime.transport.close();
    },
  };
}

// What each task checks its request with: a precheck for the common shapes, the schema for the rest.
const noPrecheck = () => false;
const CHAT_CHECK: RequestCheck<ChatRequest> = { schema: getChatRequestSchema, looksValid: looksLikeChatRequest, what: 'chat request' };
const COMPLETION_CHECK: RequestCheck<CompletionRequest> = { schema: getCompletionRequestSchema, looksValid: looksLikeCompletionRequest, what: 'completion request' };
const EMBED_CHECK: RequestCheck<EmbedRequest> = { schema: getEmbedRequestSchema, looksValid: looksLikeEmbedRequest, what: 'embed request' };
const IMAGE_CHECK: RequestCheck<ImageRequest> = { schema: getImageRequestSchema, looksValid: noPrecheck, what: 'image request' };
const VIDEO_CHECK: RequestCheck<VideoRequest> = { schema: getVideoRequestSchema, looksValid: noPrecheck, what: 'video request' };

// How each task calls a provider (made once, not per call).
const invokeChat: TaskInvoker<ChatRequest, ChatResult> = (provider, routed, context) => required(provider, 'chat').call(provider, routed, context);
const invokeStreamChat: StreamInvoker<ChatRequest> = (provider, routed, context) => required(provider, 'streamChat').call(provider, routed, context);
const invokeComplete: TaskInvoker<CompletionRequest, CompletionResult> = (provider, routed, context) => required(provider, 'complete').call(provider, routed, context);
const invokeStreamComplete: StreamInvoker<CompletionRequest> = (provider, routed, context) => required(provider, 'streamComplete').call(provider, routed, context);
const invokeEmbed: TaskInvoker<EmbedRequest, EmbedResult> = (provider, routed, context) => required(provider, 'embed').call(provider, routed, context);
const invokeTextToImage: TaskInvoker<ImageRequest, ImageResult> = (provider, routed, context) => required(provider, 'textToImage').call(provider, routed, context);
const invokeTextToVideo: TaskInvoker<VideoRequest, VideoResult> = (provider, routed, context) => required(provider, 'textToVideo').call(provider, routed, context);

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

const chatFromStream: StreamResponder<ChatResponse> = (stream, candidate, cost, trace) => {
  const result: ChatResult = streamedResult(stream, candidate) as ChatResult;
  if (stream.reasoning) result.reasoning = stream.reasoning;
  result.toolCalls = stream.toolCalls;
  return toClientResponse(result, candidate, cost, trace);
};

const completionFromStream: StreamResponder<CompletionResponse> = (stream, candidate, cost, trace) =>
  toClientResponse(streamedResult(stream, candidate), candidate, cost, trace);

/** The result fields every streamed answer has, from what its events carried (set one by one: no spread per stream). */
function streamedResult(stream: StreamAccumulator, candidate: Candidate): CompletionResult {
  // In the order a provider's unstreamed result has them (JSON output reads the same).
  const result = { text: stream.text, finishReason: stream.finishReason ?? 'other' } as CompletionResult;
  if (stream.rawFinishReason !== undefined) result.rawFinishReason = stream.rawFinishReason;
  result.model = stream.model ?? candidate.model;
  result.usage = stream.usage ?? {};
  if (stream.requestId !== undefined) result.requestId = stream.requestId;
  if (stream.metadata) result.metadata = stream.metadata;
  return result;
}


