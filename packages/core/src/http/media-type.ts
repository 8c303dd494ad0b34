import { headerValue, type ResponseHeaders } from '../errors/parse-retry-after.js';

/** The response's media type, lower case and without parameters (`text/event-stream`), or `''`. */
export function mediaType(headers: ResponseHeaders): string {
  const value = headerValue(headers, 'content-type');
  if (!value) return '';
  const semicolon = value.indexOf(';');
  return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * Media types the JSON and NDJSON readers accept: any `json` type (`application/x-ndjson`
 * included), plain text (some proxies relabel bodies), or none.
 */
export function isJsonCompatible(type: string): boolean {
  return type === '' || type.includes('json') || type === 'text/plain';
}

/** Media types an SSE reader accepts (some proxies drop the header, so none is accepted too). */
export function isEventStream(type: string): boolean {
  return type === '' || type === 'text/event-stream';
}
