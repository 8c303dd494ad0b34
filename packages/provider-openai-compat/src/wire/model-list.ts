import type { ModelInfo } from '@switchyard/core';
import { z } from 'zod';
import { decodeResponseBody } from './decode-response-body.js';
import { finiteNumber, nonEmptyString } from './json-fields.js';

const modelSchema = z.looseObject({ id: z.string().min(1, 'a model needs an id') });
// OpenAI and most servers answer `{object:"list", data:[…]}`; TGI's `/v1/models` answers one model object.
const modelListSchema = z.union([z.looseObject({ data: z.array(modelSchema) }), modelSchema], {
  error: 'expected {"data": [{"id": …}, …]} or one model object',
});

/**
 * Decodes a `/models` body into {@link ModelInfo}s. The context length is read from whichever field
 * the server uses: `context_length` (Together, OpenRouter), `max_model_len` (vLLM), `context_window`
 * (Groq). The raw entry minus `id` stays in `metadata`.
 */
export function decodeModelList(json: unknown): ModelInfo[] {
  const body = decodeResponseBody(modelListSchema, json, 'model list');
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
