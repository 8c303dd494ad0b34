/** True for a body `readSse` / `readNdjson` can read: an async iterable (a Node stream, a fetch body, an async generator). */
export function isByteSource(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function';
}
