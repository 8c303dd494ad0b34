import type { FinishReason } from '@switchyard/core';

/**
 * The portable finish reason for Ollama's `done_reason`. Ollama says `"stop"` even when the answer
 * is a tool call (chat_completion_function_call_response.txt), so tool calls decide first; servers
 * before mid-2024 send no `done_reason` at all, which means a normal stop. `load` and `unload`
 * (an empty prompt loading or unloading the model) are `other`.
 */
export function finishReasonFromOllama(doneReason: string | undefined, hasToolCalls: boolean): FinishReason {
  if (hasToolCalls) return 'tool-calls';
  if (doneReason === undefined || doneReason === 'stop') return 'stop';
  if (doneReason === 'length') return 'length';
  return 'other';
}
