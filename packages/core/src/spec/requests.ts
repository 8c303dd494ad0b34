import type { ChatMessage, ResponseFormat, ToolChoice, ToolDefinition } from './messages.js';

/** Fields every request carries. */
export interface BaseRequest {
  /** A model id or a configured alias; each provider receives its own id for it. */
  model: string;
  /**
   * Options only one provider understands, keyed by provider id:
   * `{ ollama: { keep_alive: '10m' } }`. Providers ignore other keys.
   */
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** Sampling controls shared by chat and completion. Providers map what they support. */
export interface SamplingOptions {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
}

export interface ChatRequest extends BaseRequest, SamplingOptions {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  responseFormat?: ResponseFormat;
  /** Ask a reasoning model to think (Ollama `think`, OpenAI `reasoning_effort`). */
  reasoning?: boolean | 'low' | 'medium' | 'high';
}

export interface CompletionRequest extends BaseRequest, SamplingOptions {
  prompt: string;
  /** Text after the insertion point, for fill-in-the-middle models. */
  suffix?: string;
}

export interface EmbedRequest extends BaseRequest {
  /** One or more texts; the response has one vector per text, in order. */
  input: string | string[];
  /** Requested vector size, for models that can truncate (Matryoshka). */
  dimensions?: number;
}

export interface ImageRequest extends BaseRequest {
  prompt: string;
  negativePrompt?: string;
  width?: number;
  height?: number;
  /** How many images; providers that make one at a time are called once. */
  count?: number;
  seed?: number;
  steps?: number;
  guidanceScale?: number;
}

export interface VideoRequest extends BaseRequest {
  prompt: string;
  negativePrompt?: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
  fps?: number;
  seed?: number;
}
