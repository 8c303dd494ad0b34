import { SwitchyardError } from '@switchyard/core';
import { decodeResponseBody, responseShape } from './decode-response-body.js';
import { isJsonObject, isNullishString, nonEmptyString, type JsonObject } from './json-fields.js';
import { decodeOpenAIUsage } from './usage.js';
import type { Usage } from '@switchyard/core';

/** One generated image as the server described it: inline bytes, or a URL to download. */
export type ImageGenerationItem =
  | { kind: 'bytes'; data: Uint8Array; mediaType: string; revisedPrompt?: string }
  | { kind: 'url'; url: string; revisedPrompt?: string };

/** An `/images/generations` body. */
export const imageGenerationShape = responseShape('image generation result', isWellFormedImageGeneration, (z) =>
  z.looseObject({
    data: z
      .array(
        z.looseObject({ b64_json: z.string().nullish(), url: z.string().nullish(), revised_prompt: z.string().nullish() }).refine(
          (item) => Boolean(item.b64_json) || Boolean(item.url),
          'each image needs "b64_json" or "url"',
        ),
      )
      .min(1, 'expected at least one image'),
    output_format: z.string().nullish(),
  }),
);

/** The schema above, checked by hand (see decodeResponseBody). */
function isWellFormedImageGeneration(body: JsonObject): boolean {
  const data = body.data;
  if (!isNullishString(body.output_format) || !Array.isArray(data) || data.length === 0) return false;
  for (let index = 0; index < data.length; index++) {
    const item: unknown = data[index];
    if (!isJsonObject(item) || !isNullishString(item.b64_json) || !isNullishString(item.url) || !isNullishString(item.revised_prompt)) return false;
    if (!item.b64_json && !item.url) return false;
  }
  return true;
}

/**
 * Decodes an `/images/generations` body: `b64_json` images decoded (media type from the bytes, or
 * `output_format`), `url` images left for the caller to download (without the API key: the URL
 * points at a storage host). Fixture: `openai-image/openai-image.json`.
 */
export function decodeImageGeneration(json: unknown): { images: ImageGenerationItem[]; usage: Usage } {
  const body = decodeResponseBody(imageGenerationShape, json);
  const images = body.data.map((item): ImageGenerationItem => {
    const revisedPrompt = nonEmptyString(item.revised_prompt);
    const extra = revisedPrompt === undefined ? {} : { revisedPrompt };
    if (item.b64_json) {
      const data = new Uint8Array(Buffer.from(item.b64_json, 'base64'));
      if (data.length === 0) throw new SwitchyardError('invalid-response', 'The server returned an empty base64 image.');
      return { kind: 'bytes', data, mediaType: sniffImageType(data) ?? imageTypeFromFormat(body.output_format) ?? 'application/octet-stream', ...extra };
    }
    return { kind: 'url', url: item.url!, ...extra };
  });
  return { images, usage: decodeOpenAIUsage(body.usage) ?? {} };
}

/** The image media type the leading bytes announce (PNG, JPEG, GIF, WebP), if any. */
export function sniffImageType(data: Uint8Array): string | undefined {
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data[0] === 0x47 && data[1] === 0x49 && data[2] === 0x46) return 'image/gif';
  if (data[0] === 0x52 && data[1] === 0x49 && data[2] === 0x46 && data[3] === 0x46 && data[8] === 0x57 && data[9] === 0x45 && data[10] === 0x42 && data[11] === 0x50) {
    return 'image/webp';
  }
  return undefined;
}

function imageTypeFromFormat(format: string | null | undefined): string | undefined {
  if (format === 'png' || format === 'webp' || format === 'gif') return `image/${format}`;
  if (format === 'jpeg' || format === 'jpg') return 'image/jpeg';
  return undefined;
}
