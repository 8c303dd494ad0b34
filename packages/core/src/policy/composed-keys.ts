/**
 * Store and map keys composed from ids (`breaker:groq|llama-3.1-8b`), the same string object every
 * time. A key built by concatenation on every call is a new string that each Map lookup must
 * flatten and hash again; a cached one carries its hash. Bounded: past `limit` distinct keys the
 * cache starts over (the keys stay the same strings by value, only their reuse is lost).
 */
export class ComposedKeys {
  readonly #prefix: string;
  readonly #limit: number;
  #singles = new Map<string, string>();
  #pairs = new Map<string, Map<string, string>>();
  #size = 0;

  constructor(prefix: string, limit = 10_000) {
    this.#prefix = prefix;
    this.#limit = limit;
  }

  /** `prefix + id`. */
  single(id: string): string {
    const cached = this.#singles.get(id);
    if (cached !== undefined) return cached;
    const composed = `${this.#prefix}${id}`;
    this.#singles.set(id, composed);
    this.#counted();
    return composed;
  }

  /** `prefix + first + "|" + second`. */
  pair(first: string, second: string): string {
    let bySecond = this.#pairs.get(first);
    const cached = bySecond?.get(second);
    if (cached !== undefined) return cached;
    const composed = `${this.#prefix}${first}|${second}`;
    if (bySecond === undefined) this.#pairs.set(first, (bySecond = new Map()));
    bySecond.set(second, composed);
    this.#counted();
    return composed;
  }

  #counted(): void {
    this.#size += 1;
    if (this.#size < this.#limit) return;
    this.#singles = new Map();
    this.#pairs = new Map();
    this.#size = 0;
  }
}
