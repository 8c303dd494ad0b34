import type { Usage } from '@switchyard/core';
import type { OllamaTimings } from './ollama-response-schemas.js';

const NANOSECONDS_PER_MILLISECOND = 1e6;
const NANOSECONDS_PER_SECOND = 1e9;

/**
 * Token and compute usage from a final Ollama answer. `computeSeconds` is `total_duration` (load,
 * prompt evaluation and generation): the time the server spent on the call, for compute-time pricing.
 * A count Ollama left out (a fully cached prompt has no `prompt_eval_count` on older servers) stays
 * undefined rather than becoming 0.
 */
export function usageFromOllama(timings: OllamaTimings): Usage {
  const usage: Usage = {};
  const input = timings.prompt_eval_count;
  const output = timings.eval_count;
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (input !== undefined && output !== undefined) usage.totalTokens = input + output;
  if (timings.total_duration !== undefined) usage.computeSeconds = timings.total_duration / NANOSECONDS_PER_SECOND;
  return usage;
}

/** Ollama's durations, converted from nanoseconds to milliseconds, plus the generation speed. */
export interface OllamaTimingMetadata {
  totalDurationMs?: number;
  /** Time spent loading the model: large (seconds) on a cold start, near zero when it was loaded. */
  loadDurationMs?: number;
  promptEvalDurationMs?: number;
  evalDurationMs?: number;
  /** `eval_count / eval_duration`, in tokens per second. */
  outputTokensPerSecond?: number;
}

/** The timing part of `providerMetadata.ollama`. */
export function timingMetadataFromOllama(timings: OllamaTimings): OllamaTimingMetadata {
  const metadata: OllamaTimingMetadata = {};
  if (timings.total_duration !== undefined) metadata.totalDurationMs = timings.total_duration / NANOSECONDS_PER_MILLISECOND;
  if (timings.load_duration !== undefined) metadata.loadDurationMs = timings.load_duration / NANOSECONDS_PER_MILLISECOND;
  if (timings.prompt_eval_duration !== undefined) metadata.promptEvalDurationMs = timings.prompt_eval_duration / NANOSECONDS_PER_MILLISECOND;
  if (timings.eval_duration !== undefined) metadata.evalDurationMs = timings.eval_duration / NANOSECONDS_PER_MILLISECOND;
  if (timings.eval_count !== undefined && timings.eval_duration !== undefined && timings.eval_duration > 0) {
    metadata.outputTokensPerSecond = (timings.eval_count / timings.eval_duration) * NANOSECONDS_PER_SECOND;
  }
  return metadata;
}
