import { SwitchyardError } from '@switchyard/core';
import type { EmbedResult } from '@switchyard/core';
import { decodeResponseBody, responseShape } from './decode-response-body.js';
import { isFiniteNumber, isJsonObject, isNullishString, nonEmptyString, type JsonObject } from './json-fields.js';
import { decodeOpenAIUsage } from './usage.js';

/** An `/embeddings` body. */
export const embeddingsShape = responseShape('embeddings list', isWellFormedEmbeddings, (z) =>
  z.looseObject({
    model: z.string().nullish(),
    data: z.array(
      z.looseObject({
        index: z.number().int().nonnegative().optional(),
        // `encoding_format: "base64"` answers carry little-endian float32 bytes as base64.
        embedding: z.union([z.array(z.number()), z.string()], { error: 'embedding must be an array of numbers or a base64 string' }),
      }),
    ),
  }),
);

/** The schema above, checked by hand: a plain loop over the floats instead of a zod pass copying them. */
function isWellFormedEmbeddings(body: JsonObject): boolean {
  const data = body.data;
  if (!isNullishString(body.model) || !Array.isArray(data)) return false;
  for (let item = 0; item < data.length; item++) {
    const entry: unknown = data[item];
    if (!isJsonObject(entry)) return false;
    // zod's `.int()` means a safe integer.
    if (entry.index !== undefined && !(Number.isSafeInteger(entry.index) && (entry.index as number) >= 0)) return false;
    const embedding = entry.embedding;
    if (typeof embedding === 'string') continue;
    if (!Array.isArray(embedding)) return false;
    for (let value = 0; value < embedding.length; value++) if (!isFiniteNumber(embedding[value])) return false;
  }
  return true;
}

/**
 * Decodes an `/embeddings` body into an {@link EmbedResult}: float arrays as sent, base64 strings
 * (`encoding_format: "base64"`, semantic-kernel `openai/text-embeddings-response.txt`) decoded from
 * little-endian float32, vectors put back in input order by `index`. Throws `invalid-response` when
 * the number of vectors differs from `inputCount`, or a base64 vector is not whole float32 values.
 */
export function decodeEmbeddings(json: unknown, options: { inputCount: number; model?: string; requestId?: string }): EmbedResult {
  const body = decodeResponseBody(embeddingsShape, json);
  if (body.data.length !== options.inputCount) {
    throw new SwitchyardError('invalid-response', `The server returned ${body.data.length} embeddings for ${options.inputCount} inputs.`);
  }
  const embeddings: number[][] = new Array(body.data.length);
  body.data.forEach((item, position) => {
    const slot = item.index ?? position;
    if (slot >= embeddings.length || embeddings[slot] !== undefined) {
      throw new SwitchyardError('invalid-response', `The server returned an embedding with a repeated or out-of-range index ${slot}.`);
    }
    embeddings[slot] = typeof item.embedding === 'string' ? decodeBase64Floats(item.embedding) : item.embedding;
  });
  const result: EmbedResult = {
    model: nonEmptyString(body.model) ?? options.model ?? '',
    embeddings,
    usage: decodeOpenAIUsage(body.usage) ?? {},
  };
  if (options.requestId !== undefined) result.requestId = options.requestId;
  return result;
}

/** Decodes a base64 string of little-endian float32 values. */
export function decodeBase64Floats(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % 4 !== 0) {
    throw new SwitchyardError('invalid-response', `A base64 embedding holds ${bytes.length} bytes, which is not a whole number of float32 values.`);
  }
  const values: number[] = new Array(bytes.length / 4);
  for (let offset = 0; offset < bytes.length; offset += 4) values[offset / 4] = bytes.readFloatLE(offset);
  return values;
}
