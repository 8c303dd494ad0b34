import type { FinishReason, ToolCall } from './messages.js';
import type { Usage } from './usage.js';

/**
 * What a provider's `streamChat` / `streamComplete` yields. Content events (`text`, `reasoning`,
 * `tool-call-delta`, `tool-call`) mark the commit point: once one reaches the caller, a failure is
 * reported as `stream-interrupted` instead of being retried.
 */
export type ChatStreamEvent =
  | { type: 'start'; model?: string; requestId?: string }
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** A fragment of a tool call as it arrives; `index` orders calls within the response. */
  | { type: 'tool-call-delta'; index: number; id?: string; name?: string; argumentsDelta: string }
  /** A finished tool call: emitted only at the end of the stream, once its arguments are complete. */
  | { type: 'tool-call'; toolCall: ToolCall }
  | { type: 'usage'; usage: Usage }
  | {
      type: 'finish';
      finishReason: FinishReason;
      rawFinishReason?: string;
      model?: string;
      metadata?: Record<string, unknown>;
      reportedCost?: { amount: number; currency: 'USD' };
    };

/** True for the events that commit a stream (content reached, or is about to reach, the caller). */
export function isContentEvent(event: ChatStreamEvent): boolean {
  return event.type === 'text' || event.type === 'reasoning' || event.type === 'tool-call-delta' || event.type === 'tool-call';
}
