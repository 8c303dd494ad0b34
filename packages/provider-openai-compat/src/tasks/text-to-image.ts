import { SwitchyardError } from '@switchyard/core';
import type { CallContext, GeneratedMedia, ImageRequest, ImageResult } from '@switchyard/core';
import { extraBodyFor, send, type ProviderConfig } from '../provider-config.js';
import { decodeImageGeneration, sniffImageType, type ImageGenerationItem } from '../wire/image-generation.js';
import { buildImageGenerationBody } from '../wire/image-request-body.js';

/**
 * `POST /images/generations`. Base64 images are decoded; URL images are downloaded through the same
 * transport but without the API key, since they live on a storage host (and a `data:` URL is decoded
 * in place).
 */
export async function textToImage(config: ProviderConfig, request: ImageRequest, context: CallContext): Promise<ImageResult> {
  const extraBody = extraBodyFor(config, request.providerOptions);
  const body = buildImageGenerationBody(request, { model: context.model, ...(extraBody === undefined ? {} : { extraBody }) });
  const response = await send(config, context, 'POST', config.urls.images, body);
  const { images, usage } = decodeImageGeneration(await response.json());
  const media = await Promise.all(images.map((image) => toMedia(image, context)));
  const revisedPrompts = images.map((image) => image.revisedPrompt);
  const result: ImageResult = { model: context.model, images: media, usage };
  if (response.requestId !== undefined) result.requestId = response.requestId;
  if (revisedPrompts.some((prompt) => prompt !== undefined)) result.metadata = { revisedPrompts };
  return result;
}

async function toMedia(image: ImageGenerationItem, context: CallContext): Promise<GeneratedMedia> {
  if (image.kind === 'bytes') return { mediaType: image.mediaType, data: image.data };
  const dataUrl = /^data:([^;,]+)?(;base64)?,/i.exec(image.url);
  if (dataUrl) {
    const payload = image.url.slice(dataUrl[0].length);
    const data = new Uint8Array(dataUrl[2] ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload)));
    return { mediaType: dataUrl[1] ?? sniffImageType(data) ?? 'application/octet-stream', data };
  }
  if (!/^https?:\/\//i.test(image.url)) {
    throw new SwitchyardError('invalid-response', 'The server returned an image URL that is neither http(s) nor data:, so it cannot be downloaded.');
  }
  // No credential: the download host is not the API's, and must never see the key.
  const download = await context.http.request({ method: 'GET', url: image.url, idempotent: true });
  const data = await download.bytes();
  const contentType = headerText(download.headers['content-type']);
  const mediaType = contentType?.startsWith('image/') ? contentType.split(';')[0]!.trim() : (sniffImageType(data) ?? contentType ?? 'application/octet-stream');
  return { mediaType, data, url: image.url };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
