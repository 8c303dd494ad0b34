// Public API of @switchyard/provider-openai-compat: explicit names only.

// The provider and its presets
export { openaiCompatible } from './openai-compatible.js';
export type { OpenAICompatibleProvider } from './openai-compatible.js';
export type { OpenAICompatibleOptions } from './options.js';
export {
  vllm,
  tgi,
  llamaCpp,
  lmStudio,
  openai,
  together,
  groq,
  fireworks,
  deepseek,
  OPENAI_COMPATIBLE_PRESETS,
  OPENAI_COMPATIBLE_API_KEY_ENV,
} from './presets.js';
export type { OpenAICompatiblePreset, OpenAICompatiblePresetName, PresetOptions } from './presets.js';

// Wire helpers: a stable API for other providers that talk to OpenAI-compatible endpoints
// (provider-hf uses them for the Hugging Face router).
export { buildChatCompletionBody } from './wire/chat-request-body.js';
export type { ChatCompletionBodyOptions } from './wire/chat-request-body.js';
export type { SamplingBodyOptions } from './wire/sampling-fields.js';
export { buildCompletionBody } from './wire/completion-request-body.js';
export { buildEmbeddingsBody } from './wire/embeddings-request-body.js';
export { buildImageGenerationBody } from './wire/image-request-body.js';
export { decodeChatCompletion } from './wire/chat-completion.js';
export type { DecodeChatCompletionOptions } from './wire/chat-completion.js';
export { decodeCompletion } from './wire/completion.js';
export { decodeEmbeddings, decodeBase64Floats } from './wire/embeddings.js';
export { decodeImageGeneration, sniffImageType } from './wire/image-generation.js';
export type { ImageGenerationItem } from './wire/image-generation.js';
export { decodeModelList } from './wire/model-list.js';
export { createChatStreamDecoder } from './wire/chat-stream-decoder.js';
export type { ChatStreamDecoder, ChatStreamDecoderOptions } from './wire/chat-stream-decoder.js';
export { createCompletionStreamDecoder } from './wire/completion-stream-decoder.js';
export { decodeChatCompletionStream } from './wire/chat-completion-stream.js';
export { ToolCallAssembler } from './wire/tool-call-assembler.js';
export { ThinkTagSplitter, splitThinkTags } from './wire/think-tag-splitter.js';
export type { ThinkTagSink } from './wire/think-tag-splitter.js';
export { parseOpenAIErrorBody, recognizeErrorKind } from './wire/parse-error-body.js';
export type { ErrorEvidence } from './wire/parse-error-body.js';
export { decodeOpenAIUsage, decodeReportedCost } from './wire/usage.js';
export { mapOpenAIFinishReason } from './wire/finish-reason.js';
