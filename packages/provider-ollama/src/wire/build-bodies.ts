import type { ChatRequest, CompletionRequest, EmbedRequest, ResponseFormat } from '@switchyard/core';
import { keepAliveToWire, type KeepAlive } from './keep-alive.js';
import { toOllamaModelOptions } from './model-options.js';
import {
  ollamaChatOptionsSchema,
  ollamaEmbedOptionsSchema,
  ollamaGenerateOptionsSchema,
  readOllamaRequestOptions,
} from './ollama-request-options.js';
import type { OllamaChatBody, OllamaEmbedBody, OllamaFormat, OllamaGenerateBody } from './ollama-wire-types.js';
import { toOllamaMessages } from './to-ollama-messages.js';
import { toOllamaTools } from './tool-calls.js';

/** What every body builder needs besides the request. */
export interface OllamaBodyDefaults {
  /** The provider id, to find `providerOptions[id]`. */
  providerId: string;
  /** The provider's default keep-alive; a request's `providerOptions.ollama.keep_alive` wins. */
  keepAlive?: KeepAlive | undefined;
}

/**
 * The `/api/chat` body for a chat request.
 *
 * @param model the provider's own model id (aliases already resolved).
 */
export function buildChatBody(request: ChatRequest, model: string, stream: boolean, defaults: OllamaBodyDefaults): OllamaChatBody {
  const ollamaOptions = readOllamaRequestOptions(request, defaults.providerId, ollamaChatOptionsSchema);
  const body: OllamaChatBody = { model, messages: toOllamaMessages(request.messages), stream };
  const tools = toOllamaTools(request.tools, request.toolChoice);
  if (tools !== undefined) body.tools = tools;
  const format = toOllamaFormat(request.responseFormat);
  if (format !== undefined) body.format = format;
  const options = toOllamaModelOptions(request, ollamaOptions);
  if (options !== undefined) body.options = options;
  const think = ollamaOptions.think ?? request.reasoning;
  if (think !== undefined) body.think = think;
  const keepAlive = ollamaOptions.keep_alive ?? defaults.keepAlive;
  if (keepAlive !== undefined) body.keep_alive = keepAliveToWire(keepAlive);
  return body;
}

/** The `/api/generate` body for a completion request. */
export function buildGenerateBody(
  request: CompletionRequest,
  model: string,
  stream: boolean,
  defaults: OllamaBodyDefaults,
): OllamaGenerateBody {
  const ollamaOptions = readOllamaRequestOptions(request, defaults.providerId, ollamaGenerateOptionsSchema);
  const body: OllamaGenerateBody = { model, prompt: request.prompt, stream };
  if (request.suffix !== undefined) body.suffix = request.suffix;
  if (ollamaOptions.system !== undefined) body.system = ollamaOptions.system;
  if (ollamaOptions.template !== undefined) body.template = ollamaOptions.template;
  if (ollamaOptions.raw !== undefined) body.raw = ollamaOptions.raw;
  if (ollamaOptions.format !== undefined) body.format = ollamaOptions.format;
  const options = toOllamaModelOptions(request, ollamaOptions);
  if (options !== undefined) body.options = options;
  if (ollamaOptions.think !== undefined) body.think = ollamaOptions.think;
  const keepAlive = ollamaOptions.keep_alive ?? defaults.keepAlive;
  if (keepAlive !== undefined) body.keep_alive = keepAliveToWire(keepAlive);
  return body;
}

/** The `/api/embed` body: every input in one batched request. */
export function buildEmbedBody(request: EmbedRequest, model: string, defaults: OllamaBodyDefaults): OllamaEmbedBody {
  const ollamaOptions = readOllamaRequestOptions(request, defaults.providerId, ollamaEmbedOptionsSchema);
  const body: OllamaEmbedBody = { model, input: request.input };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  if (ollamaOptions.truncate !== undefined) body.truncate = ollamaOptions.truncate;
  const options = toOllamaModelOptions({}, ollamaOptions);
  if (options !== undefined) body.options = options;
  const keepAlive = ollamaOptions.keep_alive ?? defaults.keepAlive;
  if (keepAlive !== undefined) body.keep_alive = keepAliveToWire(keepAlive);
  return body;
}

/** Ollama's `format` for a response format: `"json"`, a JSON schema, or nothing for plain text. */
export function toOllamaFormat(format: ResponseFormat | undefined): OllamaFormat | undefined {
  if (format === undefined || format.type === 'text') return undefined;
  return format.type === 'json' ? 'json' : format.schema;
}
