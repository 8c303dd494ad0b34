import { transportSchemas } from '../spec/load-schemas.js';
import { validateFast } from '../spec/fast-validate.js';
import { isByteSource } from './is-byte-source.js';

/**
 * Turns a body's bytes into items (SSE messages, NDJSON values) one network chunk at a time, so
 * the same parser serves the transport's readers and the standalone `readSse` / `readNdjson`.
 */
export interface ChunkDecoder<T> {
  /**
   * Decodes one chunk and appends the complete items it finishes to `out`. Returns true when the
   * stream announced its own end (`data: [DONE]`): anything after it is not read.
   * Throws an `invalid-response` SwitchyardError for input it cannot accept.
   */
  write(chunk: Uint8Array, out: T[]): boolean;
  /** The body ended: appends whatever the last, unterminated part still holds. */
  end(out: T[]): void;
}

/**
 * Reads `source` through `decoder`, pulling the next chunk only when the items of the previous one
 * have been consumed (a slow consumer never makes this buffer the whole body). Stopping early
 * (`break`, `return`) returns the source's iterator, which for Node streams destroys them.
 */
export function decodeChunks<T>(source: AsyncIterable<Uint8Array>, decoder: ChunkDecoder<T>, what: string): AsyncGenerator<T, void, undefined> {
  // Checked before the generator starts, so a wrong argument fails at the call, not at the first next().
  validateFast(source, isByteSource, () => transportSchemas().byteSource, what);
  return decodeValidated(source, decoder);
}

async function* decodeValidated<T>(source: AsyncIterable<Uint8Array>, decoder: ChunkDecoder<T>): AsyncGenerator<T, void, undefined> {
  const items: T[] = [];
  for await (const chunk of source) {
    const finished = decoder.write(chunk, items);
    // Copied out before yielding, because the consumer may resume us only after `items` is reused.
    const ready = items.splice(0);
    for (const item of ready) yield item;
    if (finished) return;
  }
  decoder.end(items);
  yield* items;
}
