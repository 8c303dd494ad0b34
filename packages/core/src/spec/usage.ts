/** Token and time accounting for one call, in the provider's own units. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  /** Output tokens spent on reasoning, where the provider reports them (already in `outputTokens`). */
  reasoningTokens?: number;
  /** Input tokens served from the provider's prompt cache (already in `inputTokens`). */
  cachedInputTokens?: number;
  totalTokens?: number;
  /** Seconds of compute the provider reports (Ollama durations, hf-inference compute time). */
  computeSeconds?: number;
}
