import type { EmbedRequest } from '@switchyard/core';

/**
 * Builds the JSON body of `POST /embeddings` from an {@link EmbedRequest}. Floats are asked for by
 * default because every server supports them; pass `extraBody: { encoding_format: 'base64' }` for
 * smaller answers where the server supports it ({@link decodeEmbeddings} reads both).
 */
export function buildEmbeddingsBody(request: EmbedRequest, options: { model?: string; extraBody?: Record<string, unknown> } = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { model: options.model ?? request.model, input: request.input, encoding_format: 'float' };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  if (options.extraBody !== undefined) Object.assign(body, options.extraBody);
  return body;
}
