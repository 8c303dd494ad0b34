import { describe, expect, it } from 'vitest';
import { median, pairedRatio, percentile } from './stats.mjs';

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
