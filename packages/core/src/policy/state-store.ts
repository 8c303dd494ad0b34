import { SwitchyardError } from '../errors/switchyard-error.js';

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

/**
 * The synchronous twin of a store made by {@link createMemoryStateStore}: the same values, read
 * and updated at once. Code of this package uses it to keep per-call bookkeeping (breaker, quota
 * counters) free of promises when the state lives in this process; a shared store is always asked
 * through `get` / `update`. Not exported from the package.
 */
export interface LocalStore {
  has(key: string): boolean;
  get<T>(key: string): T | undefined;
  /** `store.update` without a promise; `argument` is handed to `transform`, so that it needs no closure. */
  update<T, A>(key: string, transform: (current: T | undefined, argument: A) => T | undefined, argument: A): T | undefined;
}

const localTwins = new WeakMap<StateStore, LocalStore>();

/** The synchronous twin of `store` when `createMemoryStateStore` made it; `undefined` for any other store. */
export function localStoreOf(store: StateStore): LocalStore | undefined {
  return localTwins.get(store);
}

/** `local`, or the error a `…Now` method throws without one: a shared store is only asked through promises. */
export function requireLocal(local: LocalStore | undefined, method: string): LocalStore {
  if (local) return local;
  throw new SwitchyardError('invalid-request', `${method}() needs the in-memory store (and no budget); otherwise use the method that returns a promise.`, { retryable: false });
}

/** The default {@link StateStore}: a `Map` in this process. */
export function createMemoryStateStore(): StateStore {
  const values = new Map<string, unknown>();
  const local: LocalStore = {
    has: (key) => values.has(key),
    get: <T>(key: string) => values.get(key) as T | undefined,
    update<T, A>(key: string, transform: (current: T | undefined, argument: A) => T | undefined, argument: A): T | undefined {
      const next = transform(values.get(key) as T | undefined, argument);
      if (next === undefined) values.delete(key);
      else values.set(key, next);
      return next;
    },
  };
  const store: StateStore = {
    get<T>(key: string): Promise<T | undefined> {
      return Promise.resolve(local.get<T>(key));
    },
    update<T>(key: string, transform: (current: T | undefined) => T | undefined): Promise<T | undefined> {
      return Promise.resolve(local.update<T, undefined>(key, transform, undefined));
    },
  };
  localTwins.set(store, local);
  return store;
}
