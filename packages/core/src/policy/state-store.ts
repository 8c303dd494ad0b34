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

// The Map behind each store createMemoryStateStore() made, so that code of this package can ask
// "is there a value?" without a promise. Never exported from the package.
const localValues = new WeakMap<StateStore, ReadonlyMap<string, unknown>>();

/**
 * For a store made by {@link createMemoryStateStore}, its values, to read at once; `undefined` for
 * any other store (a shared one must be asked through `get`/`update`). Lets the breaker skip a
 * store round trip for a provider that never failed.
 */
export function localValuesOf(store: StateStore): ReadonlyMap<string, unknown> | undefined {
  return localValues.get(store);
}

/** The default {@link StateStore}: a `Map` in this process. */
export function createMemoryStateStore(): StateStore {
  const values = new Map<string, unknown>();
  const store: StateStore = {
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
  localValues.set(store, values);
  return store;
}
