// Hand-written checks of the answers Ollama sends on every call, for the fast path of the response
// schemas (see with-fast-path.ts). Each accepts only values its zod schema in
// ollama-response-schemas.ts accepts; anything else goes to the schema, which names what is wrong.
// They may reject valid values (a tool call with an unusual shape): those just take the slow path.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/** zod's `z.number().nonnegative().optional()`: zod's number also rejects NaN and ±Infinity. */
function isOptionalCount(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= 0);
}

/** The timing fields of a final answer (`ollamaTimingsShape`). */
function hasValidTimings(record: Record<string, unknown>): boolean {
  return (
    isOptionalCount(record.total_duration) &&
    isOptionalCount(record.load_duration) &&
    isOptionalCount(record.prompt_eval_count) &&
    isOptionalCount(record.prompt_eval_duration) &&
    isOptionalCount(record.eval_count) &&
    isOptionalCount(record.eval_duration)
  );
}

/** The fields every answer line shares: `model`, `created_at`, `done`, `done_reason`. */
function hasValidHead(record: Record<string, unknown>): boolean {
  return (
    isOptionalString(record.model) &&
    isOptionalString(record.created_at) &&
    (record.done === undefined || typeof record.done === 'boolean') &&
    isOptionalString(record.done_reason)
  );
}

/** One tool call as `ollamaWireToolCallSchema` takes it: `{ id?, function: { index?, name, arguments? } }`. */
export function looksLikeWireToolCall(value: unknown): boolean {
  if (!isRecord(value) || !isOptionalString(value.id)) return false;
  const fn = value.function;
  if (!isRecord(fn) || typeof fn.name !== 'string' || fn.name.length === 0) return false;
  if (fn.index !== undefined && !(typeof fn.index === 'number' && Number.isFinite(fn.index))) return false;
  const args = fn.arguments;
  return args === undefined || typeof args === 'string' || isRecord(args);
}

/** A list of tool calls (`z.array(ollamaWireToolCallSchema)`). */
export function looksLikeWireToolCalls(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (!looksLikeWireToolCall(value[index])) return false;
  return true;
}

function isStringList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (typeof value[index] !== 'string') return false;
  return true;
}

function looksLikeChatMessage(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isRecord(value)) return false;
  const toolCalls = value.tool_calls;
  const images = value.images;
  return (
    isOptionalString(value.role) &&
    isOptionalString(value.content) &&
    isOptionalString(value.thinking) &&
    (toolCalls === undefined || toolCalls === null || looksLikeWireToolCalls(toolCalls)) &&
    (images === undefined || images === null || isStringList(images))
  );
}

/** A non-streamed `/api/chat` answer (`ollamaChatResponseSchema`). */
export function looksLikeChatResponse(value: unknown): boolean {
  return isRecord(value) && hasValidHead(value) && hasValidTimings(value) && looksLikeChatMessage(value.message);
}

function isNumberList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) {
    const item = value[index];
    if (typeof item !== 'number' || !Number.isFinite(item)) return false;
  }
  return true;
}

/** A non-streamed `/api/generate` answer (`ollamaGenerateResponseSchema`). */
export function looksLikeGenerateResponse(value: unknown): boolean {
  return (
    isRecord(value) &&
    hasValidHead(value) &&
    hasValidTimings(value) &&
    isOptionalString(value.response) &&
    isOptionalString(value.thinking) &&
    (value.context === undefined || isNumberList(value.context))
  );
}

/** The final line of a stream (`finalLineSchema` of the stream decoder): head, timings, `context`. */
export function looksLikeFinalLine(value: Record<string, unknown>): boolean {
  return (
    isOptionalString(value.model) &&
    isOptionalString(value.created_at) &&
    isOptionalString(value.done_reason) &&
    hasValidTimings(value) &&
    (value.context === undefined || isNumberList(value.context))
  );
}

/** An `/api/embed` answer (`ollamaEmbedResponseSchema`): a walk over the floats, far cheaper than zod's. */
export function looksLikeEmbedResponse(value: unknown): boolean {
  if (!isRecord(value) || !isOptionalString(value.model)) return false;
  if (!isOptionalCount(value.total_duration) || !isOptionalCount(value.load_duration) || !isOptionalCount(value.prompt_eval_count)) return false;
  const embeddings = value.embeddings;
  if (!Array.isArray(embeddings)) return false;
  for (let index = 0; index < embeddings.length; index++) if (!isNumberList(embeddings[index])) return false;
  return true;
}
