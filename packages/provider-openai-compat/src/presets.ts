import { SwitchyardError } from '@switchyard/core';
import type { ProviderKind } from '@switchyard/core';
import { createProvider, type OpenAICompatibleProvider } from './openai-compatible.js';
import { validateOptions, type OpenAICompatibleOptions } from './options.js';

/** What a preset fills in. */
export interface OpenAICompatiblePreset {
  /** The provider id (and preset name). */
  readonly id: string;
  readonly baseURL: string;
  readonly kind: ProviderKind;
  /** Whether the server refuses requests without a key. */
  readonly requiresApiKey: boolean;
  /**
   * The environment variable that conventionally holds the key (for the server, in local presets).
   * Data only: providers never read the environment; an app or `@switchyard/auth`'s `env()` does.
   */
  readonly apiKeyEnv: string | undefined;
  /** Overrides of the generic defaults this server needs. */
  readonly defaults?: Pick<OpenAICompatibleOptions, 'maxTokensField'>;
}

/**
 * The presets, by name. Local servers at their usual default ports: vLLM's `vllm serve` (8000),
 * TGI's Docker image as documented (`-p 8080:80`), llama.cpp's `llama-server` (8080), LM Studio's
 * local server (1234). Hosted APIs at their documented OpenAI-compatible roots.
 */
export const OPENAI_COMPATIBLE_PRESETS = {
  vllm: { id: 'vllm', baseURL: 'http://localhost:8000/v1', kind: 'local', requiresApiKey: false, apiKeyEnv: 'VLLM_API_KEY' },
  tgi: { id: 'tgi', baseURL: 'http://localhost:8080/v1', kind: 'local', requiresApiKey: false, apiKeyEnv: undefined },
  llamaCpp: { id: 'llama-cpp', baseURL: 'http://localhost:8080/v1', kind: 'local', requiresApiKey: false, apiKeyEnv: 'LLAMA_API_KEY' },
  lmStudio: { id: 'lm-studio', baseURL: 'http://localhost:1234/v1', kind: 'local', requiresApiKey: false, apiKeyEnv: undefined },
  openai: {
    id: 'openai',
    baseURL: 'https://api.openai.com/v1',
    kind: 'cloud',
    requiresApiKey: true,
    apiKeyEnv: 'OPENAI_API_KEY',
    // OpenAI's reasoning models reject `max_tokens` (fixture openai-chat/reasoning-model-legacy-parameter-error.json).
    defaults: { maxTokensField: 'max_completion_tokens' },
  },
  together: { id: 'together', baseURL: 'https://api.together.xyz/v1', kind: 'cloud', requiresApiKey: true, apiKeyEnv: 'TOGETHER_API_KEY' },
  groq: { id: 'groq', baseURL: 'https://api.groq.com/openai/v1', kind: 'cloud', requiresApiKey: true, apiKeyEnv: 'GROQ_API_KEY' },
  fireworks: { id: 'fireworks', baseURL: 'https://api.fireworks.ai/inference/v1', kind: 'cloud', requiresApiKey: true, apiKeyEnv: 'FIREWORKS_API_KEY' },
  deepseek: { id: 'deepseek', baseURL: 'https://api.deepseek.com/v1', kind: 'cloud', requiresApiKey: true, apiKeyEnv: 'DEEPSEEK_API_KEY' },
} as const satisfies Record<string, OpenAICompatiblePreset>;

/** A preset's name. */
export type OpenAICompatiblePresetName = keyof typeof OPENAI_COMPATIBLE_PRESETS;

/** Options of a preset factory: everything of {@link OpenAICompatibleOptions}, all optional. */
export type PresetOptions = Partial<OpenAICompatibleOptions>;

/**
 * The conventional environment variable for each preset's key, for apps and `@switchyard/auth`:
 * `groq({ apiKey: env(OPENAI_COMPATIBLE_API_KEY_ENV.groq) })`. Local presets list the variable the
 * server itself reads for its optional key (`vllm serve --api-key`, `llama-server --api-key`).
 */
export const OPENAI_COMPATIBLE_API_KEY_ENV = Object.freeze(
  Object.fromEntries(Object.entries(OPENAI_COMPATIBLE_PRESETS).flatMap(([name, preset]) => (preset.apiKeyEnv ? [[name, preset.apiKeyEnv]] : []))),
) as Readonly<Partial<Record<OpenAICompatiblePresetName, string>>>;

function fromPreset(name: OpenAICompatiblePresetName, options: PresetOptions | undefined): OpenAICompatibleProvider {
  const preset: OpenAICompatiblePreset = OPENAI_COMPATIBLE_PRESETS[name];
  const what = `${name}() options`;
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new SwitchyardError('invalid-request', `Invalid ${what}: expected an object of options or nothing.`, { retryable: false });
  }
  if (preset.requiresApiKey && options?.apiKey === undefined) {
    const variable = preset.apiKeyEnv ?? 'the key';
    throw new SwitchyardError(
      'invalid-request',
      `${name}() needs an API key: pass apiKey: process.env.${variable}, or a credential source such as env('${variable}') from @switchyard/auth. Providers never read the environment themselves.`,
      { retryable: false },
    );
  }
  const merged = { ...preset.defaults, id: preset.id, baseURL: preset.baseURL, kind: preset.kind, ...options };
  return createProvider(validateOptions(merged, what));
}

/** vLLM's OpenAI-compatible server (`vllm serve`), default `http://localhost:8000/v1`, no key needed. */
export const vllm = (options?: PresetOptions): OpenAICompatibleProvider => fromPreset('vllm', options);
/** Text Generation Inference's Messages API, default `http://localhost:8080/v1`, no key needed. */
export const tgi = (options?: PresetOptions): OpenAICompatibleProvider => fromPreset('tgi', options);
/** llama.cpp's `llama-server`, default `http://localhost:8080/v1`, no key needed. */
export const llamaCpp = (options?: PresetOptions): OpenAICompatibleProvider => fromPreset('llamaCpp', options);
/** LM Studio's local server, default `http://localhost:1234/v1`, no key needed. */
export const lmStudio = (options?: PresetOptions): OpenAICompatibleProvider => fromPreset('lmStudio', options);
/** OpenAI (`https://api.openai.com/v1`); needs `apiKey`. Sends `max_completion_tokens`. */
export const openai = (options?: PresetOptions): OpenAICompatibleProvider => fromPreset('openai', options);
/** Together AI (`https://api.together.xyz/v1`); needs `apiKey`. */
export const together = (options?: PresetOptions): OpenAICompatibleProvider => fromPreset('together', options);
/** Groq (`https://api.groq.com/openai/v1`); needs `apiKey`. */
export const groq = (options?: PresetOptions): OpenAICompatibleProvider => fromPreset('groq', options);
/** Fireworks AI (`https://api.fireworks.ai/inference/v1`); needs `apiKey`. */
export const fireworks = (options?: PresetOptions): OpenAICompatibleProvider => fromPreset('fireworks', options);
/** DeepSeek (`https://api.deepseek.com/v1`); needs `apiKey`. */
export const deepseek = (options?: PresetOptions): OpenAICompatibleProvider => fromPreset('deepseek', options);
