/** Test helpers that feed bytes to the stream parsers the way a network would: in arbitrary pieces. */
import fc from 'fast-check';
import { isSwitchyardError } from '../errors/switchyard-error.js';

const encoder = new TextEncoder();

/** `bytes` cut at the given offsets (sorted, deduplicated, out-of-range ones ignored). */
export function splitAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(offsets.filter((offset) => offset > 0 && offset < bytes.length))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of cuts) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

/** An async byte source yielding each piece in turn; records whether it was returned early. */
export function byteSource(pieces: ReadonlyArray<Uint8Array | string>): AsyncIterable<Uint8Array> & { returned: boolean } {
  const source = {
    returned: false,
    async *[Symbol.asyncIterator]() {
      try {
        for (const piece of pieces) yield typeof piece === 'string' ? encoder.encode(piece) : piece;
      } finally {
        source.returned = true;
      }
    },
  };
  return source;
}

/** Every item of an async iterable, in order. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export { encoder };

/**
 * Property: feeding random bytes, split at random points, to `read` either succeeds or fails with a
 * SwitchyardError; no other throw is allowed.
 */
export async function assertRandomBytesGiveTypedErrors(read: (...pieces: Uint8Array[]) => Promise<unknown[]>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(), { maxLength: 8 }), async (bytes, offsets) => {
      try {
        await read(...splitAt(bytes, offsets.map((offset) => offset % (bytes.length + 1))));
      } catch (error) {
        if (!isSwitchyardError(error)) throw error;
      }
    }),
    { numRuns: 300 },
  );
}
