import { SwitchyardError } from '@switchyard/core';
import type { ChatStreamEvent, SseMessage, ToolCall } from '@switchyard/core';
import { acmeCallSchema, acmeMeterSchema } from './acme-schemas.js';
import { streamFailureError } from './acme-errors.js';
import { finishReasonOf, reportedCostOf, toolCallOf, usageOf } from './decode-result.js';

/** Who is streaming, for error context. */
export interface AcmeStreamContext {
  provider: string;
  model: string;
  requestId: string | undefined;
}

/**
 * Turns Acme's named server-sent events into the contract's stream events:
 *
 * - `token` `{"text"}` → `text`;
 * - `call` `{"id","tool","input"}` → a `tool-call-delta` at once (Acme sends each call whole), and
 *   a finished `tool-call` after the last event, as the contract requires;
 * - `end` `{"end","meter"}` → `usage`, then `finish`;
 * - `failure` `{"code","message"}` → a typed error (Acme reports overload this way inside a 200);
 * - any other event name is skipped: Acme may add events without a version bump.
 *
 * A stream that stops before its `end` event is `stream-interrupted` (retryable before the
 * commit point), never a silent truncation. Keep-alive comments (`: ping`) never reach here:
 * core's SSE reader drops them.
 */
export async function* decodeAcmeStream(messages: AsyncIterable<SseMessage>, context: AcmeStreamContext): AsyncGenerator<ChatStreamEvent> {
  yield { type: 'start', model: context.model, ...(context.requestId ? { requestId: context.requestId } : {}) };
  const calls: ToolCall[] = [];
  for await (const message of messages) {
    switch (message.event) {
      case 'token': {
        const text = (parseData(message, context) as { text?: unknown }).text;
        if (typeof text !== 'string') throw invalidEvent(message, 'a "text" string', context);
        if (text) yield { type: 'text', text };
        break;
      }
      case 'call': {
        const parsed = acmeCallSchema.safeParse(parseData(message, context));
        if (!parsed.success) throw invalidEvent(message, '"id", "tool" and an "input" object', context);
        const call = toolCallOf(parsed.data);
        yield { type: 'tool-call-delta', index: calls.length, id: call.id, name: call.name, argumentsDelta: call.arguments };
        calls.push(call);
        break;
      }
      case 'end': {
        const data = parseData(message, context) as { end?: unknown; meter?: unknown };
        const meter = acmeMeterSchema.optional().safeParse(data.meter);
        if (typeof data.end !== 'string' || !meter.success) throw invalidEvent(message, 'an "end" reason and an optional "meter"', context);
        for (const toolCall of calls) yield { type: 'tool-call', toolCall };
        yield { type: 'usage', usage: usageOf(meter.data) };
        const reportedCost = reportedCostOf(meter.data);
        yield { type: 'finish', finishReason: finishReasonOf(data.end), rawFinishReason: data.end, ...(reportedCost ? { reportedCost } : {}) };
        return;
      }
      case 'failure':
        throw streamFailureError(parseData(message, context), context);
      default:
        break;
    }
  }
  throw new SwitchyardError('stream-interrupted', 'The Acme Inference stream ended before its "end" event: the answer may be cut short.', {
    provider: context.provider,
    model: context.model,
    retryable: true,
    ...(context.requestId ? { requestId: context.requestId } : {}),
  });
}

function parseData(message: SseMessage, context: AcmeStreamContext): unknown {
  try {
    return JSON.parse(message.data) as unknown;
  } catch {
    throw invalidEvent(message, 'JSON data', context);
  }
}

function invalidEvent(message: SseMessage, expected: string, context: AcmeStreamContext): SwitchyardError {
  return new SwitchyardError('invalid-response', `Acme Inference sent a "${message.event ?? 'message'}" event without ${expected}.`, {
    provider: context.provider,
    model: context.model,
    ...(context.requestId ? { requestId: context.requestId } : {}),
  });
}
