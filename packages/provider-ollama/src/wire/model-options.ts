import type { SamplingOptions } from '@switchyard/core';
import type { OllamaModelOptions } from './ollama-wire-types.js';

/** The `providerOptions` keys that land in Ollama's `options`. */
interface ModelOptionOverrides {
  num_ctx?: number | undefined;
  options?: Record<string, unknown> | undefined;
}

/**
 * Ollama's `options` for one request: the portable sampling fields under Ollama's names
 * (`maxTokens` → `num_predict`…), then `providerOptions` (`options`, then `num_ctx`), which win.
 * Returns `undefined` when there is nothing to send, so the body carries no empty object.
 */
export function toOllamaModelOptions(sampling: SamplingOptions, overrides: ModelOptionOverrides): OllamaModelOptions | undefined {
  const options: OllamaModelOptions = {};
  if (sampling.temperature !== undefined) options.temperature = sampling.temperature;
  if (sampling.topP !== undefined) options.top_p = sampling.topP;
  if (sampling.topK !== undefined) options.top_k = sampling.topK;
  if (sampling.maxTokens !== undefined) options.num_predict = sampling.maxTokens;
  if (sampling.stop !== undefined && sampling.stop.length > 0) options.stop = sampling.stop;
  if (sampling.seed !== undefined) options.seed = sampling.seed;
  if (sampling.presencePenalty !== undefined) options.presence_penalty = sampling.presencePenalty;
  if (sampling.frequencyPenalty !== undefined) options.frequency_penalty = sampling.frequencyPenalty;
  if (overrides.options !== undefined) Object.assign(options, overrides.options);
  if (overrides.num_ctx !== undefined) options.num_ctx = overrides.num_ctx;
  for (const _key in options) return options;
  return undefined;
}
