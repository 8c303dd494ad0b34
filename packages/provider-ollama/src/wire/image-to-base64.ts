import { SwitchyardError, type ContentPart } from '@switchyard/core';

type ImagePart = Extract<ContentPart, { type: 'image' }>;

const DATA_URL = /^data:[^,]*;base64,/i;

/**
 * An image part as Ollama wants it: bare base64 (no `data:` prefix). Bytes are encoded in place;
 * a base64 `data:` URL is unwrapped. Ollama cannot fetch images itself and this provider talks only
 * to the Ollama server, so an http(s) URL is refused with `unsupported` (the router can then try a
 * provider that takes URLs).
 *
 * @param where the part's path in the request, for the error message.
 */
export function imageToBase64(part: ImagePart, where: string): string {
  if ('data' in part) return Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength).toString('base64');
  const prefix = DATA_URL.exec(part.url);
  if (prefix !== null) return part.url.slice(prefix[0].length);
  // The URL itself is not repeated: signed image URLs carry tokens.
  throw new SwitchyardError(
    'unsupported',
    `Ollama takes images as bytes, but ${where} is an image by URL. Pass { type: 'image', data: <Uint8Array>, mediaType } or a base64 data: URL instead.`,
    { retryable: false },
  );
}
