import { isId, isRecord, isString } from './fast-validate.js';

// Prechecks for `validateFast`: each accepts the common shape of a request, and nothing its zod
// schema (spec/schemas.ts) rejects; anything else (tools, image parts, provider options…) goes
// through the schema, which also writes the error message. A chat request costs the client a few
// hundred nanoseconds here instead of a zod parse and copy on every call.

const REASONING_EFFORTS: ReadonlySet<unknown> = new Set([true, false, 'low', 'medium', 'high']);
const MAX_STOP_SEQUENCES = 16;

/** A chat request of the common shape (text messages, sampling options) that `chatRequestSchema` accepts. */
export function looksLikeChatRequest(value: unknown): boolean {
  if (!isRecord(value) || !isId(value.model) || !hasSampling(value)) return false;
  if (value.tools !== undefined || value.toolChoice !== undefined || value.responseFormat !== undefined || value.providerOptions !== undefined) return false;
  if (value.reasoning !== undefined && !REASONING_EFFORTS.has(value.reasoning)) return false;
  const messages = value.messages;
  if (!Array.isArray(messages) || messages.length === 0) return false;
  return everyItem(messages, looksLikeMessage);
}

/** A completion request of the common shape that `completionRequestSchema` accepts. */
export function looksLikeCompletionRequest(value: unknown): boolean {
  if (!isRecord(value) || !isId(value.model) || typeof value.prompt !== 'string' || !hasSampling(value)) return false;
  return value.providerOptions === undefined && (value.suffix === undefined || typeof value.suffix === 'string');
}

/** An embeddings request of the common shape that `embedRequestSchema` accepts. */
export function looksLikeEmbedRequest(value: unknown): boolean {
  if (!isRecord(value) || !isId(value.model) || value.providerOptions !== undefined) return false;
  if (value.dimensions !== undefined && !isPositiveInteger(value.dimensions)) return false;
  const input = value.input;
  if (typeof input === 'string') return true;
  return Array.isArray(input) && input.length > 0 && everyItem(input, isString);
}

function looksLikeMessage(message: unknown): boolean {
  if (!isRecord(message)) return false;
  const content = message.content;
  switch (message.role) {
    case 'system':
      return typeof content === 'string';
    case 'user':
      return typeof content === 'string' || (Array.isArray(content) && content.length > 0 && everyItem(content, isTextPart));
    case 'assistant':
      return (
        (content === undefined || typeof content === 'string') &&
        (message.reasoning === undefined || typeof message.reasoning === 'string') &&
        (message.toolCalls === undefined || (Array.isArray(message.toolCalls) && everyItem(message.toolCalls, isToolCall)))
      );
    case 'tool':
      return typeof content === 'string' && isId(message.toolCallId) && (message.name === undefined || typeof message.name === 'string');
    default:
      return false;
  }
}

function isTextPart(part: unknown): boolean {
  return isRecord(part) && part.type === 'text' && typeof part.text === 'string';
}

function isToolCall(call: unknown): boolean {
  return isRecord(call) && typeof call.id === 'string' && isId(call.name) && typeof call.arguments === 'string';
}

/** The sampling options, each absent or within the schema's bounds. */
function hasSampling(value: Record<string, unknown>): boolean {
  const { temperature, topP, topK, maxTokens, stop, seed, presencePenalty, frequencyPenalty } = value;
  return (
    (temperature === undefined || inRange(temperature, 0, 5)) &&
    (topP === undefined || (inRange(topP, 0, 1) && topP !== 0)) &&
    (topK === undefined || isPositiveInteger(topK)) &&
    (maxTokens === undefined || isPositiveInteger(maxTokens)) &&
    (seed === undefined || Number.isSafeInteger(seed)) &&
    (presencePenalty === undefined || inRange(presencePenalty, -2, 2)) &&
    (frequencyPenalty === undefined || inRange(frequencyPenalty, -2, 2)) &&
    (stop === undefined || (Array.isArray(stop) && stop.length <= MAX_STOP_SEQUENCES && everyItem(stop, isString)))
  );
}

function inRange(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && value >= min && value <= max;
}

function isPositiveInteger(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/** Like `Array.prototype.every`, but a hole counts as `undefined` (as zod reads it), not as a pass. */
export function everyItem(items: readonly unknown[], accepts: (item: unknown) => boolean): boolean {
  for (let index = 0; index < items.length; index++) if (!accepts(items[index])) return false;
  return true;
}

