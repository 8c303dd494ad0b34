import type {
  ChatRequest,
  ChatResponse,
  ChatStreamEvent,
  CompletionRequest,
  CompletionResponse,
  EmbedRequest,
  EmbedResponse,
  ImageRequest,
  ImageResponse,
  Provider,
} from '@switchyard/core';

/** The per-call options the suite uses (a subset of the client's). */
export interface ConformanceCallOptions {
  provider?: string;
  signal?: AbortSignal;
}

/** A streamed answer as the suite reads it (the client's `ChatStream`). */
export interface ConformanceStream<TResponse> extends AsyncIterable<ChatStreamEvent> {
  readonly response: Promise<TResponse>;
  text(): Promise<string>;
}

/** The part of core's client the suite drives. `createClient` from `@switchyard/core` returns one. */
export interface ConformanceClient {
  chat(request: ChatRequest, options?: ConformanceCallOptions): Promise<ChatResponse>;
  streamChat(request: ChatRequest, options?: ConformanceCallOptions): ConformanceStream<ChatResponse>;
  complete(request: CompletionRequest, options?: ConformanceCallOptions): Promise<CompletionResponse>;
  streamComplete(request: CompletionRequest, options?: ConformanceCallOptions): ConformanceStream<CompletionResponse>;
  embed(request: EmbedRequest, options?: ConformanceCallOptions): Promise<EmbedResponse>;
  textToImage(request: ImageRequest, options?: ConformanceCallOptions): Promise<ImageResponse>;
  close(): Promise<void>;
}

/**
 * `createClient` from `@switchyard/core`, passed in by the caller so that testkit never loads core's
 * client itself (core is a peer dependency, and a third-party provider tests against its own copy).
 */
export type ConformanceClientFactory = (options: {
  providers: Provider[];
  retry?: { maxRetries?: number };
  onEvent?: (event: unknown) => void;
}) => ConformanceClient;
