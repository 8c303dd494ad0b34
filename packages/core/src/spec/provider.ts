import type { Pricing } from '../billing/cost.js';
import type { CallContext } from './call-context.js';
import type {
  ChatRequest,
  CompletionRequest,
  EmbedRequest,
  ImageRequest,
  VideoRequest,
} from './requests.js';
import type {
  ChatResult,
  CompletionResult,
  EmbedResult,
  HealthReport,
  ImageResult,
  ModelInfo,
  VideoResult,
} from './responses.js';
import type { ChatStreamEvent } from './stream-events.js';
import type { Task } from './tasks.js';

/** The contract version this core speaks. Checked by value, never by `instanceof`. */
export const SPECIFICATION_VERSION = 'switchyard.provider.v1';

/** Where a provider runs, for selection and display. */
export type ProviderKind = 'cloud' | 'community' | 'dedicated' | 'local';

/**
 * A provider: a plain object made by a factory (`ollama({...})`). Every task is optional; the
 * client only sends a task to providers that implement it. The contract grows only by new optional
 * members, so a provider written for v1 keeps working.
 */
export interface Provider {
  readonly specificationVersion: typeof SPECIFICATION_VERSION;
  /** Unique within a client: `'ollama'`, `'hf'`, `'vllm-eu'`. */
  readonly id: string;
  readonly kind: ProviderKind;
  readonly region?: string;
  /**
   * Whether this provider can serve `model` (its own id) for `task`. When absent, the provider is
   * assumed to serve any model it is asked for.
   */
  supportsModel?(model: string, task: Task): boolean;
  /**
   * For providers that front several upstreams (Hugging Face Inference Providers): the upstream
   * routes able to serve `model` for `task`, in preference order. The router makes each route its
   * own candidate — its own breaker state, price and trace entry (`provider` shown as
   * `"<id>/<route id>"`) — and passes the chosen route back in `context.route`. Without this member
   * the provider is a single candidate.
   */
  routes?(model: string, task: Task, context: CallContext): Promise<ProviderRoute[]>;
  chat?(request: ChatRequest, context: CallContext): Promise<ChatResult>;
  streamChat?(request: ChatRequest, context: CallContext): AsyncIterable<ChatStreamEvent>;
  complete?(request: CompletionRequest, context: CallContext): Promise<CompletionResult>;
  /** Yields `start`, `text`, `usage` and `finish` events. */
  streamComplete?(request: CompletionRequest, context: CallContext): AsyncIterable<ChatStreamEvent>;
  embed?(request: EmbedRequest, context: CallContext): Promise<EmbedResult>;
  textToImage?(request: ImageRequest, context: CallContext): Promise<ImageResult>;
  textToVideo?(request: VideoRequest, context: CallContext): Promise<VideoResult>;
  listModels?(context: CallContext): Promise<ModelInfo[]>;
  health?(context: CallContext): Promise<HealthReport>;
  /** The price of `model` for `task`, when the provider knows it. */
  pricing?(model: string, task: Task): Pricing | undefined;
}

/** One upstream a multi-route provider can send a call through. */
export interface ProviderRoute {
  /** Stable id within the provider, e.g. `'together'`; candidates are keyed `"<provider id>/<route id>"`. */
  id: string;
  /** The upstream's own model id, when it differs from the requested one. */
  model?: string;
  /** The route's price, when known (takes precedence over `Provider.pricing`). */
  pricing?: Pricing;
  /** Anything the provider needs back when the route is chosen. */
  metadata?: Record<string, unknown>;
}

/** True when `value` is a provider object speaking a contract version this core understands. */
export function isProvider(value: unknown): value is Provider {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Provider>;
  return candidate.specificationVersion === SPECIFICATION_VERSION && typeof candidate.id === 'string' && candidate.id.length > 0;
}
