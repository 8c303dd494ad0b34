import type { Output } from './output-stream.js';

/**
 * Prints one JSON document on its own. Binary data never belongs in it (media commands print
 * file paths instead), so a `Uint8Array` that slips in prints as its length, not a million numbers.
 */
export function printJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? { bytes: item.byteLength } : item), 2)}\n`);
}
