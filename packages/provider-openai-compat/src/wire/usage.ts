import type { Usage } from '@switchyard/core';
import { finiteNumber, isJsonObject } from './json-fields.js';

/**
 * Converts an OpenAI-style `usage` object into a Switchyard {@link Usage}. Returns `undefined` when
 * `raw` is not an object.
 *
 * Reads the variants seen in the wild: `prompt_tokens_details.cached_tokens` (OpenAI, xAI, Alibaba),
 * `prompt_cache_hit_tokens` (DeepSeek), top-level `cached_tokens` (Moonshot) and
 * `completion_tokens_details.reasoning_tokens`. xAI counts reasoning tokens outside
 * `completion_tokens` (its `total_tokens` is prompt + completion + reasoning, see
 * fixtures `xai/xai-text.json`), whereas the contract counts them inside `outputTokens`, so they are
 * added back when the totals show they were left out.
 */
export function decodeOpenAIUsage(raw: unknown): Usage | undefined {
  if (!isJsonObject(raw)) return undefined;
  const usage: Usage = {};
  const inputTokens = finiteNumber(raw.prompt_tokens);
  const completionTokens = finiteNumber(raw.completion_tokens);
  const totalTokens = finiteNumber(raw.total_tokens);
  const promptDetails = isJsonObject(raw.prompt_tokens_details) ? raw.prompt_tokens_details : undefined;
  const completionDetails = isJsonObject(raw.completion_tokens_details) ? raw.completion_tokens_details : undefined;
  const cachedInputTokens =
    finiteNumber(promptDetails?.cached_tokens) ?? finiteNumber(raw.prompt_cache_hit_tokens) ?? finiteNumber(raw.cached_tokens);
  const reasoningTokens = finiteNumber(completionDetails?.reasoning_tokens);

  if (inputTokens !== undefined) usage.inputTokens = inputTokens;
  if (completionTokens !== undefined) {
    const reasoningLeftOut =
      reasoningTokens !== undefined &&
      reasoningTokens > 0 &&
      inputTokens !== undefined &&
      totalTokens !== undefined &&
      totalTokens === inputTokens + completionTokens + reasoningTokens;
    usage.outputTokens = reasoningLeftOut ? completionTokens + reasoningTokens : completionTokens;
  }
  if (reasoningTokens !== undefined) usage.reasoningTokens = reasoningTokens;
  if (cachedInputTokens !== undefined) usage.cachedInputTokens = cachedInputTokens;
  if (totalTokens !== undefined) usage.totalTokens = totalTokens;
  return usage;
}

/** One US dollar in xAI's `usage.cost_in_usd_ticks` unit (docs.x.ai, "Cost Tracking"). */
const XAI_TICKS_PER_USD = 10_000_000_000;

/**
 * The cost a server reported inside `usage`, in USD: xAI's `cost_in_usd_ticks` (1 USD = 10^10 ticks)
 * or OpenRouter's `cost`. `undefined` when the server reported none.
 */
export function decodeReportedCost(raw: unknown): { amount: number; currency: 'USD' } | undefined {
  if (!isJsonObject(raw)) return undefined;
  const ticks = finiteNumber(raw.cost_in_usd_ticks);
  if (ticks !== undefined) return { amount: ticks / XAI_TICKS_PER_USD, currency: 'USD' };
  const cost = finiteNumber(raw.cost);
  if (cost !== undefined) return { amount: cost, currency: 'USD' };
  return undefined;
}
