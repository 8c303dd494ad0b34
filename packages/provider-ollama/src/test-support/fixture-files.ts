/** Values as an async iterable, the way the transport's `ndjson()` reader yields parsed lines. */
export async function* linesOf(values: readonly unknown[]): AsyncGenerator<unknown> {
  for (const value of values) yield value;
}
