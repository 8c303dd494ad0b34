/**
 * Store and map keys composed from ids (`breaker:groq|llama-3.1-8b`), the same string object every
 * time. A key concatenated on every call is a new string that each Map lookup must flatten and hash
 * again; a cached one carries its hash. Bounded: past 10,000 ids a cache starts over. One instance
 * makes keys of one form: single ids, or pairs.
 */
export class ComposedKeys {
  readonly #prefix: string;
  #keys = new Map<string, string | Map<string, string>>();

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** `prefix + id`, or `prefix + id + "|" + second`. */
  key(id: string, second?: string): string {
    if (this.#keys.size > 10_000) this.#keys.clear();
    let cached = this.#keys.get(id);
    if (second === undefined) {
      if (typeof cached !== 'string') this.#keys.set(id, (cached = this.#prefix + id));
      return cached;
    }
    if (!(cached instanceof Map)) this.#keys.set(id, (cached = new Map()));
    let pair = cached.get(second);
    if (pair === undefined) cached.set(second, (pair = `${this.#prefix}${id}|${second}`));
    return pair;
  }
}
