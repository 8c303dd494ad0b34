import type { ChatStreamEvent, ToolCall, Usage } from '@switchyard/core';

/** What a test asserts about a decoded stream. */
export interface StreamSummary {
  text: string;
  reasoning: string;
  toolCalls: ToolCall[];
  usage: Usage | undefined;
  usageEvents: number;
  finish: Extract<ChatStreamEvent, { type: 'finish' }> | undefined;
  starts: number;
  deltas: Extract<ChatStreamEvent, { type: 'tool-call-delta' }>[];
  order: ChatStreamEvent['type'][];
}

/** Folds stream events into the values tests check. */
export function summarize(events: Iterable<ChatStreamEvent>): StreamSummary {
  const summary: StreamSummary = { text: '', reasoning: '', toolCalls: [], usage: undefined, usageEvents: 0, finish: undefined, starts: 0, deltas: [], order: [] };
  for (const event of events) {
    if (summary.order.at(-1) !== event.type) summary.order.push(event.type);
    switch (event.type) {
      case 'start': summary.starts++; break;
      case 'text': summary.text += event.text; break;
      case 'reasoning': summary.reasoning += event.text; break;
      case 'tool-call-delta': summary.deltas.push(event); break;
      case 'tool-call': summary.toolCalls.push(event.toolCall); break;
      case 'usage': summary.usage = event.usage; summary.usageEvents++; break;
      case 'finish': summary.finish = event; break;
    }
  }
  return summary;
}
