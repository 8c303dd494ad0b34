import { buildImageGenerationBody, decodeImageGeneration } from '@switchyard/provider-openai-compat';
import type { GeneratedMedia, ImageRequest, ImageResult } from '@switchyard/core';
import type { UpstreamCall } from '../upstream/upstream-call.js';

/**
 * Text to image on an OpenAI-style `/v1/images/generations` endpoint (together, nscale), with
 * provider-openai-compat's body builder and decoder: the body carries the provider's model id plus
 * `fields` (each provider's word for base64 output, its size fields); the answer is
 * `{data:[{b64_json}|{url}]}` (`test_text_to_image_default[together,text-to-image].yaml`). URL
 * images are downloaded from the provider's storage without the token.
 */
export async function openAIImageGeneration(request: ImageRequest, call: UpstreamCall, fields: Record<string, unknown>): Promise<ImageResult> {
  const response = await call.send({
    url: call.url('/v1/images/generations'),
    json: buildImageGenerationBody(request, { model: call.model, extraBody: { ...fields, ...call.extraBody(request) } }),
  });
  const decoded = decodeImageGeneration(await response.json());
  const images: GeneratedMedia[] = await Promise.all(
    decoded.images.map((image) => (image.kind === 'bytes' ? { mediaType: image.mediaType, data: image.data } : call.download(image.url, 'image/png'))),
  );
  return {
    model: call.model,
    images,
    usage: decoded.usage,
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
    metadata: { inferenceProvider: call.upstream },
  };
}
