import type { z } from 'zod';
import { schemaOnFirstUse, lazySchema, SwitchyardError, type ChatStreamEvent, type ToolCall } from '@switchyard/core';
import { ollamaResultMetadata } from './decode-responses.js';
import { finishReasonFromOllama } from './finish-reason.js';
import { errorText, ollamaStreamError, type OllamaStreamErrorContext } from './ollama-errors.js';
import { looksLikeFinalLine, looksLikeWireToolCalls } from './ollama-answer-checks.js';
import { ollamaFinalLineSchema, ollamaWireToolCallSchema, type OllamaFinalLine, type OllamaWireToolCall } from './ollama-response-schemas.js';
import { fromOllamaToolCall } from './tool-calls.js';
import { usageFromOllama } from './usage-from-ollama.js';

/** Which stream is being read, for its field names and for error context. */
export interface OllamaStreamContext extends OllamaStreamErrorContext {
  endpoint: '/api/chat' | '/api/generate';
}

// Only for a tool call list the hand-written check rejected: built then.
const toolCallsSchema = schemaOnFirstUse(lazySchema((z) => z.array(ollamaWireToolCallSchema)));

/**
 * Turns the parsed lines of one Ollama NDJSON stream into stream events, one line at a time:
 * `reasoning` from `thinking`, `text` from `message.content` (chat) or `response` (generate), a
 * `tool-call-delta` per tool call as it arrives (Ollama sends each call whole, arguments as an
 * object), then on the `"done": true` line the finished `tool-call`s, `usage` and `finish` with the
 * timing metadata. An `{"error": …}` line throws a typed error. Lines are checked by hand, not by
 * a schema: this runs once per token.
 */
export class OllamaStreamDecoder {
  readonly #context: OllamaStreamContext;
  readonly #chat: boolean;
  readonly #toolCalls: ToolCall[] = [];

  constructor(context: OllamaStreamContext) {
    this.#context = context;
    this.#chat = context.endpoint === '/api/chat';
  }

  /** Appends the events of one line to `out`; returns true for the final line. */
  decode(line: unknown, out: ChatStreamEvent[]): boolean {
    if (typeof line !== 'object' || line === null || Array.isArray(line)) throw this.#invalid('a line is not a JSON object');
    const record = line as Record<string, unknown>;
    if (record.error !== undefined) throw ollamaStreamError(errorText(record) ?? JSON.stringify(record.error), this.#context);
    const part = this.#chat ? record.message : record;
    if (part !== undefined && part !== null) this.#decodePart(part, out);
    if (record.done !== true) return false;
    this.#finish(record, out);
    return true;
  }

  /** The stream ended without its final line: the server stopped or the connection was cut. */
  end(): never {
    throw new SwitchyardError(
      'stream-interrupted',
      `Ollama's ${this.#context.endpoint} stream ended before its final line ("done": true): the server stopped or the connection was cut.`,
      { provider: this.#context.provider, model: this.#context.model, retryable: true },
    );
  }

  #decodePart(part: unknown, out: ChatStreamEvent[]): void {
    if (typeof part !== 'object') throw this.#invalid('"message" is not an object');
    const fields = part as Record<string, unknown>;
    const thinking = fields.thinking;
    if (typeof thinking === 'string') {
      if (thinking !== '') out.push({ type: 'reasoning', text: thinking });
    } else if (thinking !== undefined && thinking !== null) throw this.#invalid('"thinking" is not a string');
    const text = this.#chat ? fields.content : fields.response;
    if (typeof text === 'string') {
      if (text !== '') out.push({ type: 'text', text });
    } else if (text !== undefined && text !== null) throw this.#invalid(`"${this.#chat ? 'content' : 'response'}" is not a string`);
    if (this.#chat && fields.tool_calls !== undefined && fields.tool_calls !== null) {
      // The hand-written check passes a well-formed list as it is; zod only confirms a rejection.
      const wireCalls = looksLikeWireToolCalls(fields.tool_calls) ? (fields.tool_calls as OllamaWireToolCall[]) : toolCallsSchema.safeParse(fields.tool_calls).data;
      if (wireCalls === undefined) throw this.#invalid('"tool_calls" is not a list of {function: {name, arguments}}');
      for (const wireCall of wireCalls) {
        const index = this.#toolCalls.length;
        const call = fromOllamaToolCall(wireCall, index);
        this.#toolCalls.push(call);
        out.push({ type: 'tool-call-delta', index, id: call.id, name: call.name, argumentsDelta: call.arguments });
      }
    }
  }

  #finish(record: Record<string, unknown>, out: ChatStreamEvent[]): void {
    const final = looksLikeFinalLine(record) ? (record as OllamaFinalLine) : ollamaFinalLineSchema.safeParse(record).data;
    if (final === undefined) throw this.#invalid('the final line has counters or durations that are not numbers');
    for (const toolCall of this.#toolCalls) out.push({ type: 'tool-call', toolCall });
    out.push({ type: 'usage', usage: usageFromOllama(final) });
    const metadata = ollamaResultMetadata(final);
    if (final.context !== undefined) metadata.context = final.context;
    const finish: Extract<ChatStreamEvent, { type: 'finish' }> = {
      type: 'finish',
      finishReason: finishReasonFromOllama(final.done_reason, this.#toolCalls.length > 0),
      metadata,
    };
    if (final.done_reason !== undefined) finish.rawFinishReason = final.done_reason;
    if (final.model !== undefined) finish.model = final.model;
    out.push(finish);
  }

  #invalid(problem: string): SwitchyardError {
    return new SwitchyardError('invalid-response', `Ollama's ${this.#context.endpoint} stream sent a malformed line: ${problem}.`, {
      provider: this.#context.provider,
      model: this.#context.model,
    });
  }
}
