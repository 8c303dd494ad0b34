/**
 * A small promise cache with a time to live and a size bound. Concurrent lookups of the same key
 * share one load; a failed load is forgotten at once so the next call tries again.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: Promise<V>; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(ttlMs: number, maxEntries = 500, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  /** The cached value for `key`, or the result of `load()` (cached for the TTL when it succeeds). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.#now();
    const cached = this.#entries.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    if (cached) this.#entries.delete(key);
    const value = load();
    if (this.#ttlMs === 0) return value;
    this.#entries.set(key, { value, expiresAt: now + this.#ttlMs });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    // Map iteration order is insertion order: the first key is the oldest.
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return value;
  }

  /** The value settled for `key`, if one is cached and fresh (without loading). */
  peek(key: string): Promise<V> | undefined {
    const cached = this.#entries.get(key);
    return cached && cached.expiresAt > this.#now() ? cached.value : undefined;
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.clear();
  }
}
