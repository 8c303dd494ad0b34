// Public API of @switchyard/provider-ollama: explicit names only.

// The provider
export { ollama } from './ollama.js';
export type { OllamaProvider } from './ollama.js';
export type { OllamaOptions } from './provider/ollama-config.js';
export { ollamaBaseUrlFromEnv, DEFAULT_OLLAMA_BASE_URL } from './ollama-base-url-from-env.js';
export type { OllamaPullOptions, OllamaPullResult } from './provider/pull-model.js';
export type { OllamaManagementOptions } from './provider/management-call.js';
export type { OllamaModelDetails, OllamaModelSummary, OllamaRunningModel } from './wire/decode-model-info.js';
export type { OllamaTimingMetadata } from './wire/usage-from-ollama.js';
export type { KeepAlive } from './wire/keep-alive.js';

// What `providerOptions.ollama` accepts, per task
export { ollamaChatOptionsSchema, ollamaGenerateOptionsSchema, ollamaEmbedOptionsSchema } from './wire/ollama-request-options.js';
export type { OllamaChatOptions, OllamaGenerateOptions, OllamaEmbedOptions } from './wire/ollama-request-options.js';

// Wire helpers, for tools that speak Ollama's native API without the provider
export { buildChatBody, buildGenerateBody, buildEmbedBody } from './wire/build-bodies.js';
export type { OllamaBodyDefaults } from './wire/build-bodies.js';
export { decodeChatResponse, decodeGenerateResponse, decodeEmbedResponse } from './wire/decode-responses.js';
export type { DecodeContext } from './wire/decode-responses.js';
export { decodeOllamaStream } from './wire/decode-ollama-stream.js';
export { OllamaStreamDecoder } from './wire/ollama-stream-decoder.js';
export type { OllamaStreamContext } from './wire/ollama-stream-decoder.js';
export { classifyOllamaError, createOllamaErrorBodyParser } from './wire/ollama-errors.js';
export {
  ollamaChatResponseSchema,
  ollamaGenerateResponseSchema,
  ollamaEmbedResponseSchema,
  ollamaTagsResponseSchema,
  ollamaPsResponseSchema,
  ollamaShowResponseSchema,
  ollamaVersionResponseSchema,
  ollamaPullStatusSchema,
} from './wire/ollama-response-schemas.js';
export type {
  OllamaChatResponse,
  OllamaGenerateResponse,
  OllamaEmbedResponse,
  OllamaTagsResponse,
  OllamaPsResponse,
  OllamaShowResponse,
  OllamaPullStatus,
  OllamaTimings,
} from './wire/ollama-response-schemas.js';
export type {
  OllamaChatBody,
  OllamaGenerateBody,
  OllamaEmbedBody,
  OllamaPullBody,
  OllamaShowBody,
  OllamaMessage,
  OllamaTool,
  OllamaToolCall,
  OllamaModelOptions,
  OllamaFormat,
  OllamaThink,
} from './wire/ollama-wire-types.js';
