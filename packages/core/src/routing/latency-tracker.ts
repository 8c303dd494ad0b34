/**
 * A moving average of time to first token per candidate (provider + model), for the `latency`
 * strategy. Exponentially weighted: the newest sample counts `weight`, so a provider that slows
 * down is noticed within a few calls while one outlier does not flip the ranking.
 */
export class LatencyTracker {
  readonly #averages = new Map<string, number>();
  readonly #weight: number;

  constructor(weight = 0.3) {
    this.#weight = weight;
  }

  /** Adds a sample (milliseconds to first token, or the time a failed attempt wasted). */
  record(key: string, milliseconds: number): void {
    const previous = this.#averages.get(key);
    this.#averages.set(key, previous === undefined ? milliseconds : previous + this.#weight * (milliseconds - previous));
  }

  /** The average in milliseconds, or `undefined` before the first sample. */
  averageMs(key: string): number | undefined {
    return this.#averages.get(key);
  }
}
