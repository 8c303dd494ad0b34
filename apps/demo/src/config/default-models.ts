import type { ModelAliases, Task } from '@switchyard/core';

/** The embedded model's id: a real (tiny) Llama trained on TinyStories, 1.2 MB. */
export const EMBEDDED_MODEL_ID = 'stories';
/** Where its file is: on the Hub as ggml-org/models, tinyllamas/stories260K.gguf (also in ../shared/models). */
export const EMBEDDED_MODEL_LOCATION = 'hf:ggml-org/models/tinyllamas/stories260K.gguf';

/** The tasks the CLI's commands run. */
export type CliTask = Extract<Task, 'chat' | 'complete' | 'embed' | 'text-to-image' | 'text-to-video'>;

/**
 * The alias each task uses when no `--model` is given: one name, each provider's own model id for
 * it. `auto` then tries every provider with its own default, in the configured order.
 */
export function defaultAliasName(task: CliTask): string {
  return `default-${task}`;
}

/**
 * Each provider's default model per task, for the providers in `providerIds` (the client refuses
 * aliases that name providers it does not have). Ollama's are the models its library names for the
 * job; Hugging Face's are models the Inference Providers serve; the OpenAI-compatible endpoint uses
 * `OPENAI_MODEL` when set (a self-hosted server has its own model ids).
 */
export function defaultModelAliases(openAiModel: string | undefined, providerIds: readonly string[]): ModelAliases {
  const aliases: ModelAliases = {};
  for (const [alias, mapping] of Object.entries(allDefaults(openAiModel))) {
    aliases[alias] = Object.fromEntries(Object.entries(mapping).filter(([providerId]) => providerIds.includes(providerId)));
  }
  return aliases;
}

function allDefaults(openAiModel: string | undefined): ModelAliases {
  return {
    [defaultAliasName('chat')]: {
      ollama: 'llama3.2',
      hf: 'meta-llama/Llama-3.1-8B-Instruct',
      openai: openAiModel ?? 'gpt-4o-mini',
      embedded: EMBEDDED_MODEL_ID,
    },
    [defaultAliasName('complete')]: {
      ollama: 'llama3.2',
      hf: 'meta-llama/Llama-3.1-8B-Instruct',
      openai: openAiModel ?? 'gpt-3.5-turbo-instruct',
      embedded: EMBEDDED_MODEL_ID,
    },
    [defaultAliasName('embed')]: {
      ollama: 'nomic-embed-text',
      hf: 'sentence-transformers/all-MiniLM-L6-v2',
      openai: openAiModel ?? 'text-embedding-3-small',
      embedded: EMBEDDED_MODEL_ID,
    },
    [defaultAliasName('text-to-image')]: {
      hf: 'black-forest-labs/FLUX.1-schnell',
      openai: openAiModel ?? 'gpt-image-1',
    },
    [defaultAliasName('text-to-video')]: {
      hf: 'Wan-AI/Wan2.1-T2V-14B',
    },
  };
}

/** The model to request: `--model` as given, else the task's default alias. */
export function requestedModel(model: string | undefined, task: CliTask): string {
  return model ?? defaultAliasName(task);
}
