import type { ModelInfo } from '@switchyard/core';
import { decodeResponseBody, responseShape } from './decode-response-body.js';
import { finiteNumber, isJsonObject, nonEmptyString, type JsonObject } from './json-fields.js';

/** A `/models` body. */
export const modelListShape = responseShape('model list', isWellFormedModelList, (z) => {
  const modelSchema = z.looseObject({ id: z.string().min(1, 'a model needs an id') });
  // OpenAI and most servers answer `{object:"list", data:[…]}`; TGI's `/v1/models` answers one model object.
  return z.union([z.looseObject({ data: z.array(modelSchema) }), modelSchema], {
    error: 'expected {"data": [{"id": …}, …]} or one model object',
  });
});

/** The schema above, checked by hand (see decodeResponseBody). */
function isWellFormedModelList(body: JsonObject): boolean {
  const data = body.data;
  if (data === undefined) return nonEmptyString(body.id) !== undefined;
  if (!Array.isArray(data)) return false;
  for (let index = 0; index < data.length; index++) {
    const entry: unknown = data[index];
    if (!isJsonObject(entry) || nonEmptyString(entry.id) === undefined) return false;
  }
  return true;
}

/**
 * Decodes a `/models` body into {@link ModelInfo}s. The context length is read from whichever field
 * the server uses: `context_length` (Together, OpenRouter), `max_model_len` (vLLM), `context_window`
 * (Groq). The raw entry minus `id` stays in `metadata`.
 */
export function decodeModelList(json: unknown): ModelInfo[] {
  const body = decodeResponseBody(modelListShape, json);
  const entries = 'data' in body && Array.isArray(body.data) ? body.data : [body];
  return entries.map((entry) => {
    const { id, ...rest } = entry as Record<string, unknown> & { id: string };
    const info: ModelInfo = { id };
    const ownedBy = nonEmptyString(rest.owned_by);
    if (ownedBy !== undefined) info.ownedBy = ownedBy;
    const created = finiteNumber(rest.created);
    if (created !== undefined) info.created = created;
    const contextLength = finiteNumber(rest.context_length) ?? finiteNumber(rest.max_model_len) ?? finiteNumber(rest.context_window);
    if (contextLength !== undefined) info.contextLength = contextLength;
    if (Object.keys(rest).length) info.metadata = rest;
    return info;
  });
}
