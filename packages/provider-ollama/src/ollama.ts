import {
  SPECIFICATION_VERSION,
  type CallContext,
  type ChatRequest,
  type ChatResult,
  type ChatStreamEvent,
  type CompletionRequest,
  type CompletionResult,
  type EmbedRequest,
  type EmbedResult,
  type HealthReport,
  type ModelInfo,
  type Pricing,
  type Provider,
  type Task,
} from '@switchyard/core';
import type { OllamaModelDetails, OllamaRunningModel } from './wire/decode-model-info.js';
import { resolveOllamaConfig, type OllamaOptions } from './provider/ollama-config.js';
import {
  ollamaChat,
  ollamaComplete,
  ollamaEmbed,
  ollamaStreamChat,
  ollamaStreamComplete,
} from './provider/generation-tasks.js';
import type { OllamaManagementOptions } from './provider/management-call.js';
import { ollamaHealth, ollamaListModels, runningModelsMethod, showModelMethod, versionMethod } from './provider/model-tasks.js';
import { pullModelMethod, type OllamaPullOptions, type OllamaPullResult } from './provider/pull-model.js';

/** The provider {@link ollama} makes: every contract task except media, plus Ollama's model management. */
export interface OllamaProvider extends Provider {
  readonly kind: 'local';
  /** The server root requests go to (no trailing slash). */
  readonly baseURL: string;
  chat(request: ChatRequest, context: CallContext): Promise<ChatResult>;
  streamChat(request: ChatRequest, context: CallContext): AsyncIterable<ChatStreamEvent>;
  complete(request: CompletionRequest, context: CallContext): Promise<CompletionResult>;
  streamComplete(request: CompletionRequest, context: CallContext): AsyncIterable<ChatStreamEvent>;
  embed(request: EmbedRequest, context: CallContext): Promise<EmbedResult>;
  listModels(context: CallContext): Promise<ModelInfo[]>;
  health(context: CallContext): Promise<HealthReport>;
  /** Zero: a local server has no per-call price (configure the client's `pricing` to charge compute time). */
  pricing(model: string, task: Task): Pricing;
  // Ollama's own management calls. The client has no call for provider-specific methods, so these
  // run on a transport of their own (closed after the call) with a 30 s default deadline.
  /** The models loaded in memory (`/api/ps`). */
  runningModels(options?: OllamaManagementOptions): Promise<OllamaRunningModel[]>;
  /** A model's capabilities, context length and parameters (`/api/show`). */
  showModel(model: string, options?: OllamaManagementOptions): Promise<OllamaModelDetails>;
  /** Downloads a model (`/api/pull`), reporting progress to `options.onProgress`; no deadline unless `timeoutMs` is set. */
  pullModel(model: string, options?: OllamaPullOptions): Promise<OllamaPullResult>;
  /** The server's version (`/api/version`). */
  version(options?: OllamaManagementOptions): Promise<string>;
}

const ZERO_COST: Pricing = Object.freeze({ type: 'per-request', perRequest: 0 });

/**
 * A provider for a local (or remote) Ollama server over its native API: chat and completion,
 * streamed as NDJSON or not, batched embeddings, model listing, running models, model details,
 * pulls with progress, and health. Options are validated; an invalid one throws an
 * `invalid-request` error saying what to fix.
 *
 * @example
 * const client = createClient({ providers: [ollama({ keepAlive: '10m' })] });
 * const answer = await client.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function ollama(options: OllamaOptions = {}): OllamaProvider {
  const config = resolveOllamaConfig(options);
  return Object.freeze({
    specificationVersion: SPECIFICATION_VERSION,
    id: config.id,
    kind: 'local',
    baseURL: config.baseURL,
    chat: (request: ChatRequest, context: CallContext) => ollamaChat(config, request, context),
    streamChat: (request: ChatRequest, context: CallContext) => ollamaStreamChat(config, request, context),
    complete: (request: CompletionRequest, context: CallContext) => ollamaComplete(config, request, context),
    streamComplete: (request: CompletionRequest, context: CallContext) => ollamaStreamComplete(config, request, context),
    embed: (request: EmbedRequest, context: CallContext) => ollamaEmbed(config, request, context),
    listModels: (context: CallContext) => ollamaListModels(config, context),
    health: (context: CallContext) => ollamaHealth(config, context),
    pricing: () => ZERO_COST,
    runningModels: (managementOptions?: OllamaManagementOptions) => runningModelsMethod(config, managementOptions),
    showModel: (model: string, managementOptions?: OllamaManagementOptions) => showModelMethod(config, model, managementOptions),
    pullModel: (model: string, pullOptions?: OllamaPullOptions) => pullModelMethod(config, model, pullOptions),
    version: (managementOptions?: OllamaManagementOptions) => versionMethod(config, managementOptions),
  } satisfies OllamaProvider);
}
