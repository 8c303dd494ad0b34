import { sniffImageType } from '@switchyard/provider-openai-compat';

/**
 * The media type a file's first bytes announce, for bodies that arrive without one (base64 JSON, CDN
 * files served as `application/octet-stream`): images as provider-openai-compat recognises them, and
 * the two video containers providers return (MP4's `ftyp` box, WebM's EBML header).
 */
export function sniffMediaType(data: Uint8Array, fallback: string): string {
  const image = sniffImageType(data);
  if (image !== undefined) return image;
  if (data[4] === 0x66 && data[5] === 0x74 && data[6] === 0x79 && data[7] === 0x70) return 'video/mp4';
  if (data[0] === 0x1a && data[1] === 0x45 && data[2] === 0xdf && data[3] === 0xa3) return 'video/webm';
  return fallback;
}

/** The media type of a response, without parameters; `undefined` when absent or generic. */
export function contentMediaType(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.split(';')[0]?.trim().toLowerCase();
  return value === undefined || value === '' || value === 'application/octet-stream' || value === 'binary/octet-stream' ? undefined : value;
}

/** Decodes the base64 payload of a `b64_json` field or a `data:` URL, with its media type. */
export function decodeBase64Media(encoded: string, fallbackMediaType: string): { mediaType: string; data: Uint8Array } {
  const dataUrl = /^data:([^;,]+)?(;base64)?,/.exec(encoded);
  const payload = dataUrl ? encoded.slice(dataUrl[0].length) : encoded;
  const buffer = dataUrl && !dataUrl[2] ? Buffer.from(decodeURIComponent(payload), 'utf8') : Buffer.from(payload, 'base64');
  // A plain view of the decoded bytes, not a second copy.
  const data = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return { mediaType: dataUrl?.[1] ?? sniffMediaType(data, fallbackMediaType), data };
}
