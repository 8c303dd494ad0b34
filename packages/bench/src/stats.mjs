// @ts-check
// The few statistics the report needs. Medians everywhere: on a shared machine a neighbour's burst
// lands in some rounds, and the median ignores them where a mean would not.

/**
 * The value below which `fraction` of the samples lie, interpolated linearly between the two
 * nearest ranks (the same definition as numpy's default), NaN for no samples.
 * @param {readonly number[]} samples
 * @param {number} fraction in [0, 1]
 */
export function percentile(samples, fraction) {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const lowerValue = /** @type {number} */ (sorted[lower]);
  return lowerValue + (/** @type {number} */ (sorted[upper]) - lowerValue) * (position - lower);
}

/** @param {readonly number[]} samples */
export function median(samples) {
  return percentile(samples, 0.5);
}

/**
 * The per-round ratios `measured[i] / yardstick[i]`: each round's pair ran back to back, so the
 * machine's load at that moment cancels out of the ratio.
 * @param {readonly number[]} measured
 * @param {readonly number[]} yardstick
 */
export function pairedRatios(measured, yardstick) {
  if (measured.length !== yardstick.length) throw new Error(`paired samples differ in length: ${measured.length} and ${yardstick.length}`);
  return measured.map((value, index) => value / /** @type {number} */ (yardstick[index]));
}

/**
 * Median of the per-round ratios (see {@link pairedRatios}).
 * @param {readonly number[]} measured
 * @param {readonly number[]} yardstick
 */
export function pairedRatio(measured, yardstick) {
  return median(pairedRatios(measured, yardstick));
}

/**
 * A distribution-free confidence interval for the median: the order statistics x(j) and x(n+1-j)
 * with the largest j for which the chance that the true median lies outside them, 2·P(B ≤ j-1)
 * with B ~ Binomial(n, 1/2), is at most 1 - `level`. It assumes nothing about the shape of the
 * samples (per-round ratios on a shared machine have long tails) and only that they are
 * independent. Below 6 samples no pair of order statistics reaches 95%: the interval is then the
 * whole range, and says less than its level.
 * @param {readonly number[]} samples
 * @param {number} [level] in (0, 1)
 * @returns {{ low: number, high: number }} NaN for no samples.
 */
export function medianInterval(samples, level = 0.95) {
  const n = samples.length;
  if (n === 0) return { low: Number.NaN, high: Number.NaN };
  const sorted = Float64Array.from(samples).sort();
  // Binomial(n, 1/2) probabilities in logs: 2^-n underflows for n above ~1,000.
  const logHalfToTheN = -n * Math.LN2;
  let logCoefficient = 0; // log C(n, i)
  let below = 0; // P(B ≤ j - 1)
  let j = 1;
  for (let i = 0; i < n / 2; i++) {
    const withI = below + Math.exp(logCoefficient + logHalfToTheN);
    if (2 * withI > 1 - level) break;
    below = withI;
    j = i + 1;
    logCoefficient += Math.log((n - i) / (i + 1));
  }
  return { low: /** @type {number} */ (sorted[j - 1]), high: /** @type {number} */ (sorted[n - j]) };
}
