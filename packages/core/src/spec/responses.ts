import type { FinishReason, ToolCall } from './messages.js';
import type { Usage } from './usage.js';
import type { Cost } from '../billing/cost.js';
import type { Trace } from '../client/trace-types.js';

/** What every provider result carries. */
export interface ProviderResultBase {
  /** The model that actually answered, as the provider names it. */
  model: string;
  usage: Usage;
  /** The server's request id, when it sent one. */
  requestId?: string;
  /** A cost the provider itself reported for this call (takes precedence over configured prices). */
  reportedCost?: { amount: number; currency: 'USD' };
  /** Provider-specific output; the client exposes it as `providerMetadata[providerId]`. */
  metadata?: Record<string, unknown>;
}

/** What a provider's `chat` returns. */
export interface ChatResult extends ProviderResultBase {
  text: string;
  reasoning?: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  /** The provider's own finish reason string, when it had one. */
  rawFinishReason?: string;
}

export interface CompletionResult extends ProviderResultBase {
  text: string;
  finishReason: FinishReason;
  rawFinishReason?: string;
}

export interface EmbedResult extends ProviderResultBase {
  /** One vector per input, in input order. */
  embeddings: number[][];
}

/** A generated image or video: the bytes, and where it was fetched from when it came by URL. */
export interface GeneratedMedia {
  mediaType: string;
  data: Uint8Array;
  url?: string;
}

export interface ImageResult extends ProviderResultBase {
  images: GeneratedMedia[];
}

export interface VideoResult extends ProviderResultBase {
  videos: GeneratedMedia[];
}

/** What the client adds to every provider result. */
export interface ClientResponseFields {
  /** The provider id that answered. */
  provider: string;
  /** Always present: a known amount with its basis, or an explicit `unknown`. */
  cost: Cost;
  /** Every attempt the call made, including the one that answered. */
  trace: Trace;
  /** Provider-specific output keyed by provider id. */
  providerMetadata: Record<string, Record<string, unknown>>;
}

export type ChatResponse = Omit<ChatResult, 'metadata' | 'reportedCost'> & ClientResponseFields;
export type CompletionResponse = Omit<CompletionResult, 'metadata' | 'reportedCost'> & ClientResponseFields;
export type EmbedResponse = Omit<EmbedResult, 'metadata' | 'reportedCost'> & ClientResponseFields;
export type ImageResponse = Omit<ImageResult, 'metadata' | 'reportedCost'> & ClientResponseFields;
export type VideoResponse = Omit<VideoResult, 'metadata' | 'reportedCost'> & ClientResponseFields;

/** One entry of a provider's model list. */
export interface ModelInfo {
  id: string;
  ownedBy?: string;
  contextLength?: number;
  /** Unix seconds. */
  created?: number;
  metadata?: Record<string, unknown>;
}

/** The answer of a provider's `health` check. */
export interface HealthReport {
  ok: boolean;
  latencyMs: number;
  version?: string;
  detail?: string;
}
