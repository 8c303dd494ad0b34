/**
 * Where routing state lives (breaker states, latency averages): an interface so several processes
 * can later share it (Redis, a database). Values are plain JSON-serialisable objects.
 */
export interface StateStore {
  get<T>(key: string): Promise<T | undefined>;
  /**
   * Atomically replaces the value under `key` with `transform(current)`; returning `undefined`
   * deletes it. Resolves with the stored value. A shared implementation must run the read and the
   * write as one step (a transaction or compare-and-set loop), or two processes could both win the
   * single half-open probe of a breaker.
   */
  update<T>(key: string, transform: (current: T | undefined) => T | undefined): Promise<T | undefined>;
}

/** The default {@link StateStore}: a `Map` in this process. */
export function createMemoryStateStore(): StateStore {
  const values = new Map<string, unknown>();
  return {
    get<T>(key: string): Promise<T | undefined> {
      return Promise.resolve(values.get(key) as T | undefined);
    },
    update<T>(key: string, transform: (current: T | undefined) => T | undefined): Promise<T | undefined> {
      const next = transform(values.get(key) as T | undefined);
      if (next === undefined) values.delete(key);
      else values.set(key, next);
      return Promise.resolve(next);
    },
  };
}
