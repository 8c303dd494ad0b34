import { join } from 'node:path';
import {
  SPECIFICATION_VERSION,
  SwitchyardError,
  validateInput,
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
} from '@switchyard/core';
import { downloadModel } from './download-model.js';
import { EventChannel } from './event-channel.js';
import { generate, type GenerationInput } from './generate.js';
import { LlamaRuntime, type LoadedModel } from './llama-runtime.js';
import { parseModelLocation, type ModelLocation } from './model-location.js';
import { llamaCppOptionsSchema, type LlamaCppOptions } from './options.js';
import { resolveModelFile } from './resolve-model-file.js';

/** A llama.cpp provider: the contract's tasks plus model management. */
export interface LlamaCppProvider extends Provider {
  readonly kind: 'local';
  chat(request: ChatRequest, context: CallContext): Promise<ChatResult>;
  streamChat(request: ChatRequest, context: CallContext): AsyncIterable<ChatStreamEvent>;
  complete(request: CompletionRequest, context: CallContext): Promise<CompletionResult>;
  streamComplete(request: CompletionRequest, context: CallContext): AsyncIterable<ChatStreamEvent>;
  embed(request: EmbedRequest, context: CallContext): Promise<EmbedResult>;
  listModels(context: CallContext): Promise<ModelInfo[]>;
  health(context: CallContext): Promise<HealthReport>;
  /** The local file of a configured model, downloading it first when needed. */
  resolveModel(model: string, context: CallContext): Promise<string>;
  /** Frees the models and the native runtime. */
  dispose(): Promise<void>;
}

const FREE: Pricing = { type: 'per-request', perRequest: 0 };

/**
 * Runs GGUF models in this process with llama.cpp (node-llama-cpp's prebuilt CPU binary): no
 * server, no network once the model is on disk. Models without a chat template (base models)
 * answer a chat by continuing the conversation's text.
 *
 * @example
 * const embedded = llamaCpp({ models: { stories: 'hf:ggml-org/models/tinyllamas/stories260K.gguf' }, modelsDir: './models' });
 */
export function llamaCpp(options: LlamaCppOptions): LlamaCppProvider {
  const settings = validateInput(llamaCppOptionsSchema, options, 'llamaCpp() options');
  const id = settings.id ?? 'llamacpp';
  const hubUrl = (settings.hubUrl ?? 'https://huggingface.co').replace(/\/+$/, '');
  const locations = new Map<string, ModelLocation>(Object.entries(settings.models).map(([model, location]) => [model, parseModelLocation(location)]));
  const runtime = new LlamaRuntime({ ...(settings.threads ? { threads: settings.threads } : {}), ...(settings.contextSize ? { contextSize: settings.contextSize } : {}) });
  const downloads = new Map<string, Promise<string>>();

  async function resolveModel(model: string, context: CallContext): Promise<string> {
    const location = locations.get(model);
    if (!location) {
      throw new SwitchyardError('model-not-found', `The embedded llama.cpp provider "${id}" has no model "${model}"; it serves: ${[...locations.keys()].join(', ')}.`, {
        provider: id,
        model,
        retryable: false,
      });
    }
    const found = resolveModelFile(location, { modelsDir: settings.modelsDir, huggingFaceCacheDir: settings.huggingFaceCacheDir });
    if (found) return found.path;
    if (location.type !== 'hub') throw new SwitchyardError('model-not-found', `Model "${model}" could not be located.`, { provider: id, model });
    if (settings.download === false || !settings.modelsDir) {
      throw new SwitchyardError(
        'model-not-found',
        `Model "${model}" (${location.repo}/${location.file}) is not on disk and ${settings.modelsDir ? 'downloads are disabled' : 'no modelsDir is set to download it into'}. Download it into a models folder, or set modelsDir.`,
        { provider: id, model, retryable: false },
      );
    }
    const destination = join(settings.modelsDir, location.fileName);
    let download = downloads.get(destination);
    if (!download) {
      const url = `${hubUrl}/${location.repo}/resolve/main/${location.file.split('/').map(encodeURIComponent).join('/')}`;
      download = downloadModel(url, destination, context).then(() => destination);
      download.finally(() => downloads.delete(destination)).catch(() => undefined);
      downloads.set(destination, download);
    }
    return download;
  }

  async function load(model: string, context: CallContext): Promise<LoadedModel> {
    const path = await resolveModel(model, context);
    context.emit({ type: 'progress', stage: 'loading', detail: model });
    return runtime.load(path);
  }

  async function run(input: GenerationInput, request: ChatRequest | CompletionRequest, context: CallContext, onText?: (text: string) => void) {
    const loaded = await load(context.model, context);
    return generate(loaded, input, request, context.signal, onText);
  }

  function stream(input: GenerationInput, request: ChatRequest | CompletionRequest, context: CallContext): AsyncIterable<ChatStreamEvent> {
    const channel = new EventChannel<ChatStreamEvent>();
    channel.push({ type: 'start', model: context.model });
    run(input, request, context, (text) => channel.push({ type: 'text', text })).then(
      (outcome) => {
        channel.push({ type: 'usage', usage: outcome.usage });
        channel.push({ type: 'finish', finishReason: outcome.finishReason, rawFinishReason: outcome.rawFinishReason, model: context.model });
        channel.end();
      },
      (error: unknown) => channel.fail(error),
    );
    return channel;
  }

  return {
    specificationVersion: SPECIFICATION_VERSION,
    id,
    kind: 'local',
    supportsModel: (model) => locations.has(model),
    resolveModel,
    async chat(request, context) {
      rejectTools(request, id);
      const outcome = await run({ messages: request.messages }, request, context);
      return { model: context.model, text: outcome.text, toolCalls: [], finishReason: outcome.finishReason, rawFinishReason: outcome.rawFinishReason, usage: outcome.usage };
    },
    streamChat(request, context) {
      rejectTools(request, id);
      return stream({ messages: request.messages }, request, context);
    },
    async complete(request, context) {
      const outcome = await run({ prompt: request.prompt }, request, context);
      return { model: context.model, text: outcome.text, finishReason: outcome.finishReason, rawFinishReason: outcome.rawFinishReason, usage: outcome.usage };
    },
    streamComplete(request, context) {
      return stream({ prompt: request.prompt }, request, context);
    },
    async embed(request, context) {
      const loaded = await load(context.model, context);
      const embeddingContext = await loaded.embeddingContext();
      const inputs = typeof request.input === 'string' ? [request.input] : request.input;
      const embeddings: number[][] = [];
      let inputTokens = 0;
      // One at a time through the same queue as generation: the runtime is single-threaded per model.
      for (const text of inputs) {
        if (context.signal.aborted) throw context.signal.reason instanceof Error ? context.signal.reason : new SwitchyardError('aborted', 'Embedding was aborted.');
        inputTokens += loaded.model.tokenize(text).length;
        const embedding = await loaded.queue.run(() => embeddingContext.getEmbeddingFor(text));
        embeddings.push([...embedding.vector]);
      }
      return { model: context.model, embeddings, usage: { inputTokens, totalTokens: inputTokens } };
    },
    async listModels() {
      return [...locations.keys()].map((model) => ({ id: model, ownedBy: 'local' }));
    },
    async health() {
      // Healthy when every model is on disk or downloadable: loading the runtime here would make a
      // health check cost a model load.
      const started = performance.now();
      const missing = [...locations.entries()].filter(([, location]) => {
        try {
          return !resolveModelFile(location, { modelsDir: settings.modelsDir, huggingFaceCacheDir: settings.huggingFaceCacheDir }) && (location.type !== 'hub' || settings.download === false || !settings.modelsDir);
        } catch {
          return true;
        }
      });
      return {
        ok: missing.length === 0,
        latencyMs: performance.now() - started,
        ...(missing.length ? { detail: `not available: ${missing.map(([model]) => model).join(', ')}` } : {}),
      };
    },
    pricing: () => FREE,
    dispose: () => runtime.dispose(),
  };
}

function rejectTools(request: ChatRequest, id: string): void {
  if (request.tools?.length) {
    throw new SwitchyardError('unsupported', `The embedded llama.cpp provider "${id}" does not run tool calls; route tool-using requests to another provider.`, {
      provider: id,
      retryable: false,
    });
  }
}
