import type {
  ChatStreamEvent,
  CompletionRequest,
  CompletionResult,
  EmbedRequest,
  EmbedResult,
  ImageRequest,
  ImageResult,
  Task,
  VideoRequest,
  VideoResult,
} from '@switchyard/core';
import type { UpstreamCall } from './upstream-call.js';

/**
 * How to call one provider behind the router: its own paths, request bodies and answers. Every
 * member is optional; a provider is a route for a task only when it has that member (chat is the
 * exception: the router's generic OpenAI-compatible endpoint serves any provider).
 */
export interface UpstreamAdapter {
  /** Path of the provider's OpenAI-compatible chat endpoint under `{router}/{provider}`. */
  chatPath?(model: string): string;
  complete?(request: CompletionRequest, call: UpstreamCall): Promise<CompletionResult>;
  streamComplete?(request: CompletionRequest, call: UpstreamCall): AsyncIterable<ChatStreamEvent>;
  embed?(request: EmbedRequest, call: UpstreamCall): Promise<EmbedResult>;
  textToImage?(request: ImageRequest, call: UpstreamCall): Promise<ImageResult>;
  textToVideo?(request: VideoRequest, call: UpstreamCall): Promise<VideoResult>;
}

/** The adapter member that serves `task` (`complete` covers streaming too). */
export const ADAPTER_MEMBER: Readonly<Record<Exclude<Task, 'chat'>, keyof UpstreamAdapter>> = {
  complete: 'complete',
  embed: 'embed',
  'text-to-image': 'textToImage',
  'text-to-video': 'textToVideo',
};
