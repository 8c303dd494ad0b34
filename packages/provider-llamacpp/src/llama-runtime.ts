import { availableParallelism } from 'node:os';
import type { Llama, LlamaContext, LlamaContextSequence, LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp';
import { SerialQueue } from './serial-queue.js';

type NodeLlamaCpp = typeof import('node-llama-cpp');

/** A model loaded into memory with one context, used by one generation at a time. */
export interface LoadedModel {
  module: NodeLlamaCpp;
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  queue: SerialQueue;
  /** True when the GGUF file carries a chat template. */
  hasChatTemplate: boolean;
  embeddingContext(): Promise<LlamaEmbeddingContext>;
}

export interface RuntimeSettings {
  threads?: number;
  contextSize?: number;
}

/**
 * Loads llama.cpp and models on first use. node-llama-cpp is imported lazily because loading its
 * native binding takes hundreds of milliseconds; a client that never calls this provider pays nothing.
 */
export class LlamaRuntime {
  #llama: Promise<{ module: NodeLlamaCpp; llama: Llama }> | undefined;
  readonly #models = new Map<string, Promise<LoadedModel>>();
  readonly #settings: RuntimeSettings;

  constructor(settings: RuntimeSettings) {
    this.#settings = settings;
  }

  load(path: string): Promise<LoadedModel> {
    let loaded = this.#models.get(path);
    if (!loaded) {
      loaded = this.#loadModel(path);
      // A failed load (corrupt file) must not stay cached: the next call tries again.
      loaded.catch(() => this.#models.delete(path));
      this.#models.set(path, loaded);
    }
    return loaded;
  }

  async dispose(): Promise<void> {
    const models = [...this.#models.values()];
    this.#models.clear();
    for (const loaded of models) {
      const model = await loaded.catch(() => undefined);
      await model?.model.dispose();
    }
    const runtime = await this.#llama?.catch(() => undefined);
    this.#llama = undefined;
    await runtime?.llama.dispose();
  }

  #getLlama(): Promise<{ module: NodeLlamaCpp; llama: Llama }> {
    this.#llama ??= (async () => {
      const module = await import('node-llama-cpp');
      // `build: 'never'`: use the prebuilt CPU binary that shipped in the npm package; never
      // download or compile at run time. `gpu: false`: the CPU build is the one installed.
      const llama = await module.getLlama({ gpu: false, build: 'never', progressLogs: false, logLevel: module.LlamaLogLevel.error });
      return { module, llama };
    })();
    return this.#llama;
  }

  async #loadModel(path: string): Promise<LoadedModel> {
    const { module, llama } = await this.#getLlama();
    const threads = this.#settings.threads ?? availableParallelism();
    const model = await llama.loadModel({ modelPath: path });
    const trainedContext = model.trainContextSize;
    const contextSize = Math.min(this.#settings.contextSize ?? 2048, trainedContext > 0 ? trainedContext : Number.MAX_SAFE_INTEGER);
    const context = await model.createContext({ contextSize, threads, sequences: 1 });
    let embedding: Promise<LlamaEmbeddingContext> | undefined;
    return {
      module,
      model,
      context,
      sequence: context.getSequence(),
      queue: new SerialQueue(),
      hasChatTemplate: typeof model.fileInfo.metadata.tokenizer?.chat_template === 'string',
      embeddingContext: () => (embedding ??= model.createEmbeddingContext({ threads, contextSize })),
    };
  }
}
