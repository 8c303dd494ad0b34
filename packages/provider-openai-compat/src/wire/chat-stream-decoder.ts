import { SwitchyardError } from '@switchyard/core';
import type { ChatStreamEvent, ToolCall } from '@switchyard/core';
import { mapOpenAIFinishReason } from './finish-reason.js';
import { isJsonObject, nonEmptyString } from './json-fields.js';
import { readContentParts } from './content-parts.js';
import { embeddedErrorFromPayload, isEmbeddedError } from './embedded-error.js';
import { malformedChunkShape } from './malformed-chunk.js';
import { ThinkTagSplitter, type ThinkTagSink } from './think-tag-splitter.js';
import { ToolCallAssembler } from './tool-call-assembler.js';
import { decodeOpenAIUsage, decodeReportedCost } from './usage.js';

/** Options of {@link createChatStreamDecoder}. */
export interface ChatStreamDecoderOptions {
  /** The server's request id, repeated in the `start` event. */
  requestId?: string;
  /**
   * Treat a `<think>…</think>` block at the start of `content` as reasoning (default `true`): models
   * served without a reasoning parser (DeepSeek-R1 or Qwen3 on vLLM, TGI, llama.cpp) send it inline.
   */
  thinkTags?: boolean;
}

/**
 * Turns parsed `chat.completion.chunk` objects into {@link ChatStreamEvent}s. Stateful: make one per
 * stream. Feed every chunk to {@link ChatStreamDecoder.push} in order, then call
 * {@link ChatStreamDecoder.end} once the stream is over.
 */
export interface ChatStreamDecoder {
  /**
   * Decodes one chunk; returns the events it produced, in order (often one, sometimes none).
   * Throws a `SwitchyardError` for an error object inside the stream or a malformed chunk.
   */
  push(chunk: unknown): readonly ChatStreamEvent[];
  /**
   * Ends the stream: the finished tool calls, the usage (once: the last value the server sent) and
   * `finish`. A stream that ended without any finish reason finishes with `other` and no
   * `rawFinishReason`, so a caller can tell it from a real `stop` (the transport cannot say whether
   * `[DONE]` came, and servers that never send a finish reason exist). Throws `invalid-response`
   * for a stream that held no chunk at all.
   */
  end(): readonly ChatStreamEvent[];
}

const NO_EVENTS: readonly ChatStreamEvent[] = Object.freeze([]);
const NO_TOOL_CALLS: readonly ToolCall[] = Object.freeze([]);

/**
 * Makes a decoder for one OpenAI-compatible chat stream. It absorbs, by fixture (see the README's
 * quirk table): reasoning in `delta.reasoning_content` (DeepSeek, xAI, Alibaba, Moonshot),
 * `delta.reasoning` (Groq), Mistral's content-part arrays with `thinking` parts, and inline `<think>`;
 * tool-call fragments keyed by id, index or neither ({@link ToolCallAssembler}); usage on every chunk
 * (Perplexity, vLLM's continuous usage), only on the last, or in Groq's `x_groq.usage`; Azure's
 * empty first chunk (`choices: []`, `model: ""`); refusals (`delta.refusal`); error objects inside a
 * 200 stream; a missing `[DONE]` (TGI).
 */
export function createChatStreamDecoder(options: ChatStreamDecoderOptions = {}): ChatStreamDecoder {
  return new OpenAIChatStreamDecoder(options);
}

class OpenAIChatStreamDecoder implements ChatStreamDecoder, ThinkTagSink {
  readonly #requestId: string | undefined;
  readonly #splitter: ThinkTagSplitter | undefined;
  /** Made on the first tool-call fragment: most streams carry none (bench `first-delta`: set-up before the first delta). */
  #toolCalls: ToolCallAssembler | undefined;
  #events: ChatStreamEvent[] | undefined;
  #started = false;
  #model: string | undefined;
  #rawUsage: unknown;
  #finishReason: string | undefined;
  #refusal = '';
  #citations: unknown;
  #ended = false;

  constructor(options: ChatStreamDecoderOptions) {
    this.#requestId = options.requestId;
    this.#splitter = options.thinkTags === false ? undefined : new ThinkTagSplitter();
  }

  push(chunk: unknown): readonly ChatStreamEvent[] {
    if (this.#ended) throw new Error('ChatStreamDecoder.push() called after end()');
    if (!isJsonObject(chunk)) throw malformedChunkShape('expected a JSON object');
    if (isEmbeddedError(chunk)) throw embeddedErrorFromPayload(chunk, 'stream');
    this.#events = undefined;

    const model = nonEmptyString(chunk.model);
    if (model !== undefined) this.#model = model;
    if (!this.#started) {
      this.#started = true;
      // Assigned, not spread: two throwaway objects spread per stream, on the way to the first delta (see core's routeSetup on spread cost in Node 20).
      const start: Extract<ChatStreamEvent, { type: 'start' }> = { type: 'start' };
      if (model !== undefined) start.model = model;
      if (this.#requestId !== undefined) start.requestId = this.#requestId;
      this.#emit(start);
    }
    // Groq reports usage in `x_groq.usage` (and, since 2025, also in `usage`).
    const usage = chunk.usage ?? (isJsonObject(chunk.x_groq) ? chunk.x_groq.usage : undefined);
    if (isJsonObject(usage)) this.#rawUsage = usage;
    if (chunk.citations !== undefined) this.#citations = chunk.citations; // Perplexity

    const choices = chunk.choices;
    if (Array.isArray(choices)) {
      for (const choice of choices) this.#readChoice(choice);
    } else if (choices !== undefined && choices !== null) {
      throw malformedChunkShape('"choices" is not an array');
    }
    const events = this.#events;
    this.#events = undefined;
    return events ?? NO_EVENTS;
  }

  end(): readonly ChatStreamEvent[] {
    if (this.#ended) return NO_EVENTS;
    this.#ended = true;
    this.#events = undefined;
    this.#splitter?.end(this);
    if (!this.#started) {
      // A 200 whose event stream held nothing: a server hiccup worth another attempt.
      throw new SwitchyardError('invalid-response', 'The server answered 200 but its event stream held no chunk.', { retryable: true });
    }
    const toolCalls = this.#toolCalls === undefined ? NO_TOOL_CALLS : this.#toolCalls.finish();
    for (const toolCall of toolCalls) this.#emit({ type: 'tool-call', toolCall });
    const usage = decodeOpenAIUsage(this.#rawUsage);
    if (usage !== undefined) this.#emit({ type: 'usage', usage });
    const metadata: Record<string, unknown> = {};
    if (this.#refusal) metadata.refusal = this.#refusal;
    if (this.#citations !== undefined) metadata.citations = this.#citations;
    const reportedCost = decodeReportedCost(this.#rawUsage);
    this.#emit({
      type: 'finish',
      finishReason: mapOpenAIFinishReason(this.#finishReason, toolCalls.length > 0),
      rawFinishReason: this.#finishReason,
      ...(this.#model === undefined ? {} : { model: this.#model }),
      ...(Object.keys(metadata).length ? { metadata } : {}),
      ...(reportedCost === undefined ? {} : { reportedCost }),
    });
    const events = this.#events ?? NO_EVENTS;
    this.#events = undefined;
    return events;
  }

  /** {@link ThinkTagSink}: answer text. */
  text(text: string): void {
    this.#emit({ type: 'text', text });
  }

  /** {@link ThinkTagSink}: reasoning text. */
  reasoning(text: string): void {
    this.#emit({ type: 'reasoning', text });
  }

  #readChoice(choice: unknown): void {
    if (!isJsonObject(choice)) throw malformedChunkShape('a choice is not an object');
    // Only the first choice is decoded; Switchyard never asks for `n > 1`.
    if (typeof choice.index === 'number' && choice.index !== 0) return;
    const delta = choice.delta;
    if (isJsonObject(delta)) this.#readDelta(delta);
    // Legacy `/completions` chunks carry `text` instead of a delta.
    else if (typeof choice.text === 'string' && choice.text) this.#content(choice.text);
    const finishReason = nonEmptyString(choice.finish_reason);
    if (finishReason !== undefined) this.#finishReason = finishReason;
  }

  #readDelta(delta: Record<string, unknown>): void {
    const reasoning = nonEmptyString(delta.reasoning_content) ?? nonEmptyString(delta.reasoning);
    if (reasoning !== undefined) this.reasoning(reasoning);

    const content = delta.content;
    if (typeof content === 'string') {
      if (content) this.#content(content);
    } else if (Array.isArray(content)) {
      // Mistral's Magistral streams content-part arrays: `thinking` parts, then `text` parts.
      readContentParts(content, this);
    } else if (content !== undefined && content !== null) {
      throw malformedChunkShape('"delta.content" is neither a string nor an array of parts');
    }

    const refusal = nonEmptyString(delta.refusal);
    if (refusal !== undefined) {
      this.#refusal += refusal;
      this.text(refusal);
    }

    const toolCalls = delta.tool_calls;
    if (toolCalls === undefined || toolCalls === null) return;
    // Old TGI sends one tool-call object instead of an array.
    const fragments = Array.isArray(toolCalls) ? toolCalls : [toolCalls];
    const assembler = (this.#toolCalls ??= new ToolCallAssembler());
    for (const fragment of fragments) {
      const event = assembler.push(fragment);
      if (event !== undefined) this.#emit(event);
    }
  }

  #content(content: string): void {
    if (this.#splitter === undefined) this.text(content);
    else this.#splitter.push(content, this);
  }

  #emit(event: ChatStreamEvent): void {
    if (this.#events === undefined) this.#events = [event];
    else this.#events.push(event);
  }
}
