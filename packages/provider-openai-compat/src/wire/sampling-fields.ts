import type { SamplingOptions } from '@switchyard/core';

/** How sampling options are written into a body. */
export interface SamplingBodyOptions {
  /**
   * The field that carries `maxTokens`. Most servers read `max_tokens`; OpenAI's reasoning models
   * accept only `max_completion_tokens` (fixture `openai-chat/reasoning-model-legacy-parameter-error.json`).
   * Default `max_tokens`.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

/** Writes the set sampling options into `body` under their OpenAI names (`top_k` is an extension). */
export function addSamplingFields(body: Record<string, unknown>, sampling: SamplingOptions, options: SamplingBodyOptions): void {
  if (sampling.maxTokens !== undefined) body[options.maxTokensField ?? 'max_tokens'] = sampling.maxTokens;
  if (sampling.temperature !== undefined) body.temperature = sampling.temperature;
  if (sampling.topP !== undefined) body.top_p = sampling.topP;
  // Not in OpenAI's API; vLLM, llama.cpp, Together and Fireworks read it.
  if (sampling.topK !== undefined) body.top_k = sampling.topK;
  if (sampling.stop?.length) body.stop = sampling.stop;
  if (sampling.seed !== undefined) body.seed = sampling.seed;
  if (sampling.presencePenalty !== undefined) body.presence_penalty = sampling.presencePenalty;
  if (sampling.frequencyPenalty !== undefined) body.frequency_penalty = sampling.frequencyPenalty;
}
