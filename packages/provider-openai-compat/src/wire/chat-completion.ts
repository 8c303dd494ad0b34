import type { ChatResult, ToolCall } from '@switchyard/core';
import { readContentParts } from './content-parts.js';
import { decodeResponseBody, responseShape } from './decode-response-body.js';
import { mapOpenAIFinishReason } from './finish-reason.js';
import { isFiniteNumber, isJsonObject, isNullishString, nonEmptyString, stringOrNumberText, type JsonObject } from './json-fields.js';
import { splitThinkTags } from './think-tag-splitter.js';
import { argumentsText } from './tool-call-assembler.js';
import { decodeOpenAIUsage, decodeReportedCost } from './usage.js';

/** A non-streamed `chat.completion` body: the fields {@link decodeChatCompletion} relies on. */
export const chatCompletionShape = responseShape('chat completion', isWellFormedChatCompletion, (z) => {
  const toolCallSchema = z.looseObject({
    id: z.union([z.string(), z.number()]).nullish(),
    function: z.looseObject({ name: z.string().min(1, 'a tool call needs a function name'), arguments: z.unknown() }),
  });
  return z.looseObject({
    model: z.string().nullish(),
    choices: z
      .array(
        z.looseObject({
          index: z.number().optional(),
          message: z.looseObject({
            content: z.union([z.string(), z.array(z.unknown())]).nullish(),
            // Old TGI sends one tool-call object instead of an array.
            tool_calls: z.union([z.array(toolCallSchema), toolCallSchema]).nullish(),
          }),
          finish_reason: z.string().nullish(),
        }),
      )
      .min(1, 'expected at least one choice'),
  });
});

/** The schema above, checked by hand (every answer takes this path; see decodeResponseBody). */
function isWellFormedChatCompletion(body: JsonObject): boolean {
  const choices = body.choices;
  if (!isNullishString(body.model) || !Array.isArray(choices) || choices.length === 0) return false;
  for (let index = 0; index < choices.length; index++) if (!isWellFormedChoice(choices[index])) return false;
  return true;
}

function isWellFormedChoice(choice: unknown): boolean {
  if (!isJsonObject(choice) || (choice.index !== undefined && !isFiniteNumber(choice.index)) || !isNullishString(choice.finish_reason)) return false;
  const message = choice.message;
  if (!isJsonObject(message)) return false;
  const content = message.content;
  if (content !== undefined && content !== null && typeof content !== 'string' && !Array.isArray(content)) return false;
  const toolCalls = message.tool_calls;
  if (toolCalls === undefined || toolCalls === null) return true;
  if (!Array.isArray(toolCalls)) return isWellFormedToolCall(toolCalls);
  for (let index = 0; index < toolCalls.length; index++) if (!isWellFormedToolCall(toolCalls[index])) return false;
  return true;
}

function isWellFormedToolCall(call: unknown): boolean {
  if (!isJsonObject(call)) return false;
  const id = call.id;
  if (id !== undefined && id !== null && typeof id !== 'string' && !isFiniteNumber(id)) return false;
  const fn = call.function;
  // zod's `z.unknown()` still wants the key: an `arguments` left out is for the schema to judge.
  return isJsonObject(fn) && typeof fn.name === 'string' && fn.name.length > 0 && fn.arguments !== undefined;
}

/** Options of {@link decodeChatCompletion}. */
export interface DecodeChatCompletionOptions {
  /** The model to report when the body names none (Azure sends `""`). */
  model?: string;
  /** The server's request id, from the response headers. */
  requestId?: string;
  /** Treat a `<think>…</think>` block at the start of `content` as reasoning (default `true`). */
  thinkTags?: boolean;
}

/**
 * Decodes a non-streamed `chat.completion` body into a {@link ChatResult}: text (string or
 * content-part arrays), reasoning (`reasoning_content`, `reasoning`, `thinking` parts or an inline
 * `<think>` block), tool calls (string or object arguments, numeric ids), the refusal (as text, and in
 * `metadata.refusal`), finish reason, usage and a reported cost. Throws `invalid-response` for a body
 * that is not a chat completion, and the typed error for an error object sent with `200 OK`.
 */
export function decodeChatCompletion(json: unknown, options: DecodeChatCompletionOptions = {}): ChatResult {
  const body = decodeResponseBody(chatCompletionShape, json);
  const choice = body.choices.find((candidate) => candidate.index === undefined || candidate.index === 0) ?? body.choices[0]!;
  const message = choice.message;

  let text = '';
  let reasoning = nonEmptyString(message.reasoning_content) ?? nonEmptyString(message.reasoning) ?? '';
  if (typeof message.content === 'string') {
    const split = options.thinkTags === false || reasoning ? undefined : splitThinkTags(message.content);
    if (split === undefined) text = message.content;
    else ({ text, reasoning } = split);
  } else if (Array.isArray(message.content)) {
    readContentParts(message.content, {
      text: (part) => (text += part),
      reasoning: (part) => (reasoning += part),
    });
  }
  const refusal = nonEmptyString(message.refusal);
  if (refusal !== undefined && !text) text = refusal;

  const rawToolCalls = message.tool_calls ?? [];
  const toolCalls: ToolCall[] = (Array.isArray(rawToolCalls) ? rawToolCalls : [rawToolCalls]).map((call, position) => ({
    id: stringOrNumberText(call.id) || `call_${position}`,
    name: call.function.name,
    arguments: argumentsText(call.function.arguments) || '{}',
  }));

  const rawUsage = body.usage ?? (isJsonObject(body.x_groq) ? body.x_groq.usage : undefined);
  const rawFinishReason = choice.finish_reason ?? undefined;
  let metadata: Record<string, unknown> | undefined;
  if (refusal !== undefined) metadata = { refusal };
  if (body.citations !== undefined) (metadata ??= {}).citations = body.citations; // Perplexity
  const reportedCost = decodeReportedCost(rawUsage);

  const result: ChatResult = {
    model: nonEmptyString(body.model) ?? options.model ?? '',
    text,
    toolCalls,
    finishReason: mapOpenAIFinishReason(rawFinishReason, toolCalls.length > 0),
    usage: decodeOpenAIUsage(rawUsage) ?? {},
  };
  if (reasoning) result.reasoning = reasoning;
  if (rawFinishReason !== undefined) result.rawFinishReason = rawFinishReason;
  if (options.requestId !== undefined) result.requestId = options.requestId;
  if (reportedCost !== undefined) result.reportedCost = reportedCost;
  if (metadata !== undefined) result.metadata = metadata;
  return result;
}
