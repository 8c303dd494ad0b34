import type { Usage } from '@switchyard/core';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * What hf-inference and TGI say about a call in their response headers: `x-compute-time` (seconds,
 * what hf-inference bills by), `x-prompt-tokens` and `x-generated-tokens` (TGI;
 * `TestTextGenerationClientVCR.test_generate_with_details.yaml` shows all three).
 */
export function usageFromHeaders(headers: Headers): Usage {
  const usage: Usage = {};
  const computeSeconds = numberHeader(headers, 'x-compute-time');
  const inputTokens = numberHeader(headers, 'x-prompt-tokens');
  const outputTokens = numberHeader(headers, 'x-generated-tokens');
  if (computeSeconds !== undefined) usage.computeSeconds = computeSeconds;
  if (inputTokens !== undefined) usage.inputTokens = inputTokens;
  if (outputTokens !== undefined) usage.outputTokens = outputTokens;
  if (inputTokens !== undefined && outputTokens !== undefined) usage.totalTokens = inputTokens + outputTokens;
  return usage;
}

/** Metadata worth keeping from hf-inference headers: which hardware (or cache) answered. */
export function hfInferenceMetadata(headers: Headers): Record<string, unknown> {
  const computeType = headers['x-compute-type'];
  const value = Array.isArray(computeType) ? computeType[0] : computeType;
  return value === undefined ? {} : { computeType: value };
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw === undefined || !Number.isFinite(value) || value < 0 ? undefined : value;
}
