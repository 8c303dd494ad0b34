import type { ImageRequest, ImageResult } from '@switchyard/core';
import { decodeBase64Media } from '../media/media-type.js';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';

/**
 * Hyperbolic behind the router: OpenAI-compatible chat, and its own image API — `model_name`
 * instead of `model`, and `{images:[{image: <base64>}]}` back
 * (`test_text_to_image_default[hyperbolic,text-to-image].yaml`).
 */
export const hyperbolic: UpstreamAdapter = {
  chatPath: () => '/v1/chat/completions',
  textToImage: hyperbolicTextToImage,
};

async function hyperbolicTextToImage(request: ImageRequest, call: UpstreamCall): Promise<ImageResult> {
  const body: Record<string, unknown> = { prompt: request.prompt, model_name: call.model };
  if (request.width !== undefined) body.width = request.width;
  if (request.height !== undefined) body.height = request.height;
  if (request.negativePrompt !== undefined) body.negative_prompt = request.negativePrompt;
  if (request.steps !== undefined) body.steps = request.steps;
  if (request.guidanceScale !== undefined) body.cfg_scale = request.guidanceScale;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.count !== undefined) body.n = request.count;
  const response = await call.send({ url: call.url('/v1/images/generations'), json: { ...body, ...call.extraBody(request) } });
  const answer = (await response.json()) as { images?: unknown };
  const encoded = (Array.isArray(answer.images) ? answer.images : [])
    .map((image) => (image as { image?: unknown } | null)?.image)
    .filter((image): image is string => typeof image === 'string' && image.length > 0);
  if (encoded.length === 0) throw call.malformed('an image generation without images[].image');
  return {
    model: call.model,
    images: encoded.map((image) => decodeBase64Media(image, 'image/png')),
    usage: {},
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
    metadata: { inferenceProvider: call.upstream },
  };
}
