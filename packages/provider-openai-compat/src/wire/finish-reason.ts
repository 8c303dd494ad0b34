import type { FinishReason } from '@switchyard/core';

// Raw reasons by server: OpenAI `stop | length | tool_calls | content_filter | function_call`;
// TGI `eos_token` (semantic-kernel huggingface/chatcompletion_test_response.json); Anthropic's
// compatible endpoint and some proxies `end_turn | max_tokens | tool_use | stop_sequence`; vLLM `abort`.
const FINISH_REASONS: ReadonlyMap<string, FinishReason> = new Map<string, FinishReason>([
  ['stop', 'stop'],
  ['eos_token', 'stop'],
  ['eos', 'stop'],
  ['end_turn', 'stop'],
  ['stop_sequence', 'stop'],
  ['length', 'length'],
  ['max_tokens', 'length'],
  ['model_length', 'length'],
  ['tool_calls', 'tool-calls'],
  ['function_call', 'tool-calls'],
  ['tool_use', 'tool-calls'],
  ['content_filter', 'content-filter'],
  ['error', 'error'],
]);

/**
 * Maps a server's `finish_reason` to the contract's {@link FinishReason}. Unknown strings become
 * `'other'` (the caller keeps the raw value). When the answer holds tool calls but the server said
 * `stop` (vLLM and Ollama's `/v1` do), the reason is `'tool-calls'`, so callers can rely on it.
 */
export function mapOpenAIFinishReason(raw: string | undefined, hasToolCalls: boolean): FinishReason {
  const mapped = raw === undefined ? undefined : FINISH_REASONS.get(raw);
  if (hasToolCalls && (mapped === undefined || mapped === 'stop')) return 'tool-calls';
  return mapped ?? 'other';
}
