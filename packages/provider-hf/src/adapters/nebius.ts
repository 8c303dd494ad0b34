import type { ImageRequest, ImageResult } from '@switchyard/core';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';
import { openAIImageGeneration } from './openai-images.js';
import { openAIEmbeddings } from './openai-text.js';

/**
 * Nebius AI Studio behind the router: OpenAI-style chat, embeddings and images; images take
 * `width` / `height` and `response_format: "b64_json"` (`test_text_to_image_default[nebius,text-to-image].yaml`).
 */
export const nebius: UpstreamAdapter = {
  chatPath: () => '/v1/chat/completions',
  ...openAIEmbeddings('/v1/embeddings'),
  textToImage: nebiusTextToImage,
};

function nebiusTextToImage(request: ImageRequest, call: UpstreamCall): Promise<ImageResult> {
  const fields: Record<string, unknown> = { response_format: 'b64_json' };
  if (request.width !== undefined) fields.width = request.width;
  if (request.height !== undefined) fields.height = request.height;
  return openAIImageGeneration(request, call, fields);
}
