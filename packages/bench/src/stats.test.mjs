import { describe, expect, it } from 'vitest';
import { median, medianInterval, pairedRatio, pairedRatios, percentile } from './stats.mjs';

describe('percentile', () => {
  it('interpolates between the nearest ranks', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(percentile([0, 100], 0.99)).toBeCloseTo(99, 10);
  });

  it('sorts numerically, not as strings', () => {
    expect(median([100, 9, 25])).toBe(25);
    expect(percentile([3, 1, 2], 1)).toBe(3);
    expect(percentile([3, 1, 2], 0)).toBe(1);
  });

  it('is NaN for no samples and does not reorder its input', () => {
    expect(percentile([], 0.5)).toBeNaN();
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('pairedRatio', () => {
  it('takes the median of the per-round ratios, so one disturbed round does not move it', () => {
    expect(pairedRatio([2, 4, 60], [1, 2, 3])).toBe(2);
  });

  it('refuses samples that are not paired', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/differ in length/);
  });
});

describe('pairedRatios', () => {
  it('divides each round by the same round of the yardstick', () => {
    expect(pairedRatios([2, 9], [1, 3])).toEqual([2, 3]);
  });
});

describe('medianInterval', () => {
  it('is the range of the samples below six, where no narrower pair reaches 95%', () => {
    expect(medianInterval([5, 1, 3, 2, 4])).toEqual({ low: 1, high: 5 });
  });

  it('picks the order statistics of the binomial tables: ranks 2 and 9 of 10, 6 and 15 of 20', () => {
    // 2·P(B ≤ 1) = 0.021 for n = 10 (2·P(B ≤ 2) = 0.109 is too much); 2·P(B ≤ 5) = 0.041 for n = 20.
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(medianInterval(ten)).toEqual({ low: 2, high: 9 });
    const twenty = Array.from({ length: 20 }, (_, index) => 20 - index);
    expect(medianInterval(twenty)).toEqual({ low: 6, high: 15 });
  });

  it('narrows as samples accumulate, and works past the range where 2^-n underflows', () => {
    const samples = Array.from({ length: 2_000 }, (_, index) => index);
    const { low, high } = medianInterval(samples);
    // About the median ± 1.96·√n/2 ranks: 956 and 1,043.
    expect(low).toBeGreaterThanOrEqual(950);
    expect(low).toBeLessThanOrEqual(960);
    expect(high).toBeGreaterThanOrEqual(1_039);
    expect(high).toBeLessThanOrEqual(1_049);
  });

  it('is NaN for no samples', () => {
    expect(medianInterval([])).toEqual({ low: Number.NaN, high: Number.NaN });
  });
});
