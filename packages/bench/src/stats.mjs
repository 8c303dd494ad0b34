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
 * Median of the per-round ratios `measured[i] / yardstick[i]`: each round's pair ran back to back,
 * so the machine's load at that moment cancels out of the ratio.
 * @param {readonly number[]} measured
 * @param {readonly number[]} yardstick
 */
export function pairedRatio(measured, yardstick) {
  if (measured.length !== yardstick.length) throw new Error(`paired samples differ in length: ${measured.length} and ${yardstick.length}`);
  return median(measured.map((value, index) => value / /** @type {number} */ (yardstick[index])));
}
