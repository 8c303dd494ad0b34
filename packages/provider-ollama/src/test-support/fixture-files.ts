import { readFileSync } from 'node:fs';
import { sharedFixture } from './shared-fixture.js';

/** The parsed lines of an NDJSON fixture under ../shared/fixtures. */
export function ndjsonFixture(...relative: string[]): unknown[] {
  return readFileSync(sharedFixture(...relative), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** The lines as an async iterable, the way the transport's `ndjson()` reader yields them. */
export async function* linesOf(values: readonly unknown[]): AsyncGenerator<unknown> {
  for (const value of values) yield value;
}

/** A JSON fixture under ../shared/fixtures, parsed. */
export function jsonFixture(...relative: string[]): unknown {
  return JSON.parse(readFileSync(sharedFixture(...relative), 'utf8')) as unknown;
}
