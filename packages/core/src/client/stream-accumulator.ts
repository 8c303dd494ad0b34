import type { FinishReason, ToolCall } from '../spec/messages.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';
import type { Usage } from '../spec/usage.js';

/** Collects a stream's events into what the final response needs. */
export class StreamAccumulator {
  text = '';
  reasoning = '';
  readonly toolCalls: ToolCall[] = [];
  usage: Usage | undefined;
  model: string | undefined;
  requestId: string | undefined;
  finishReason: FinishReason | undefined;
  rawFinishReason: string | undefined;
  metadata: Record<string, unknown> | undefined;
  reportedCost: { amount: number; currency: 'USD' } | undefined;

  add(event: ChatStreamEvent): void {
    switch (event.type) {
      case 'text':
        this.text += event.text;
        return;
      case 'reasoning':
        this.reasoning += event.text;
        return;
      case 'tool-call':
        this.toolCalls.push(event.toolCall);
        return;
      case 'usage':
        // Providers that report usage on every chunk send running totals: the latest wins, field by field.
        this.usage = this.usage ? { ...this.usage, ...event.usage } : event.usage;
        return;
      case 'start':
        this.model ??= event.model;
        this.requestId ??= event.requestId;
        return;
      case 'finish':
        this.finishReason = event.finishReason;
        this.rawFinishReason = event.rawFinishReason;
        if (event.model) this.model = event.model;
        this.metadata = event.metadata;
        this.reportedCost = event.reportedCost;
        return;
      case 'tool-call-delta':
        return;
    }
  }
}
