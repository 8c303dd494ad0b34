import { z } from 'zod';
import { SwitchyardError, type ChatStreamEvent, type ToolCall } from '@switchyard/core';
import { finishReasonFromOllama } from './finish-reason.js';
import { errorText, ollamaStreamError, type OllamaStreamErrorContext } from './ollama-errors.js';
import { ollamaTimingsShape, ollamaWireToolCallSchema } from './ollama-response-schemas.js';
import { fromOllamaToolCall } from './tool-calls.js';
import { ollamaResultMetadata } from './decode-responses.js';
import { usageFromOllama } from './usage-from-ollama.js';

/** Which stream is being read, for its field names and for error context. */
export interface OllamaStreamContext extends OllamaStreamErrorContext {
  endpoint: '/api/chat' | '/api/generate';
}

const finalLineSchema = z.looseObject({
  model: z.string().optional(),
  created_at: z.string().optional(),
  done_reason: z.string().optional(),
  context: z.array(z.number()).optional(),
  ...ollamaTimingsShape,
});

/**
 * Turns the parsed lines of an Ollama NDJSON stream into stream events: `reasoning` from
 * `thinking`, `text` from `message.content` (chat) or `response` (generate), a `tool-call-delta` per
 * tool call as it arrives (Ollama sends each call whole, arguments as an object), then on the
 * `"done": true` line the finished `tool-call`s, `usage` and `finish` with the timing metadata.
 * An `{"error": …}` line throws a typed error; a stream that ends without its final line throws
 * `stream-interrupted`. Lines are checked by hand, not by a schema: this runs once per token.
 */
export async function* decodeOllamaStream(
  lines: AsyncIterable<unknown>,
  context: OllamaStreamContext,
): AsyncGenerator<ChatStreamEvent, void, undefined> {
  const chat = context.endpoint === '/api/chat';
  const toolCalls: ToolCall[] = [];
  for await (const line of lines) {
    if (typeof line !== 'object' || line === null || Array.isArray(line)) throw invalidLine(context, 'a line is not a JSON object');
    const record = line as Record<string, unknown>;
    if (record.error !== undefined) throw ollamaStreamError(errorText(record) ?? JSON.stringify(record.error), context);
    const part = chat ? record.message : record;
    if (part !== undefined && part !== null) {
      if (typeof part !== 'object') throw invalidLine(context, '"message" is not an object');
      const fields = part as Record<string, unknown>;
      const thinking = fields.thinking;
      if (typeof thinking === 'string') {
        if (thinking !== '') yield { type: 'reasoning', text: thinking };
      } else if (thinking !== undefined && thinking !== null) throw invalidLine(context, '"thinking" is not a string');
      const text = chat ? fields.content : fields.response;
      if (typeof text === 'string') {
        if (text !== '') yield { type: 'text', text };
      } else if (text !== undefined && text !== null) throw invalidLine(context, `"${chat ? 'content' : 'response'}" is not a string`);
      if (chat && fields.tool_calls !== undefined && fields.tool_calls !== null) {
        for (const call of readToolCalls(fields.tool_calls, toolCalls.length, context)) {
          yield { type: 'tool-call-delta', index: toolCalls.length, id: call.id, name: call.name, argumentsDelta: call.arguments };
          toolCalls.push(call);
        }
      }
    }
    if (record.done === true) {
      yield* finalEvents(record, toolCalls, context);
      return;
    }
  }
  throw new SwitchyardError(
    'stream-interrupted',
    `Ollama's ${context.endpoint} stream ended before its final line ("done": true): the server stopped or the connection was cut.`,
    { provider: context.provider, model: context.model, retryable: true },
  );
}

function readToolCalls(value: unknown, firstIndex: number, context: OllamaStreamContext): ToolCall[] {
  const parsed = z.array(ollamaWireToolCallSchema).safeParse(value);
  if (!parsed.success) throw invalidLine(context, '"tool_calls" is not a list of {function: {name, arguments}}');
  return parsed.data.map((call, offset) => fromOllamaToolCall(call, firstIndex + offset));
}

function* finalEvents(record: Record<string, unknown>, toolCalls: readonly ToolCall[], context: OllamaStreamContext): Generator<ChatStreamEvent> {
  const parsed = finalLineSchema.safeParse(record);
  if (!parsed.success) throw invalidLine(context, 'the final line has counters or durations that are not numbers');
  const final = parsed.data;
  for (const toolCall of toolCalls) yield { type: 'tool-call', toolCall };
  yield { type: 'usage', usage: usageFromOllama(final) };
  const metadata = ollamaResultMetadata(final);
  if (final.context !== undefined) metadata.context = final.context;
  const finish: Extract<ChatStreamEvent, { type: 'finish' }> = {
    type: 'finish',
    finishReason: finishReasonFromOllama(final.done_reason, toolCalls.length > 0),
    metadata,
  };
  if (final.done_reason !== undefined) finish.rawFinishReason = final.done_reason;
  if (final.model !== undefined) finish.model = final.model;
  yield finish;
}

function invalidLine(context: OllamaStreamContext, problem: string): SwitchyardError {
  return new SwitchyardError('invalid-response', `Ollama's ${context.endpoint} stream sent a malformed line: ${problem}.`, {
    provider: context.provider,
    model: context.model,
  });
}
