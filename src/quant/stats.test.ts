import { describe, expect, it } from 'vitest';
import { ewmLast, normalQuantile, percentile, std } from './stats.js';

describe('stats', () => {
  it('percentile interpolates linearly like numpy', () => {
    const xs = [3, 1, 2, 5, 4]; // sorted 1..5, position (5−1)·q/100
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 100)).toBe(5);
    expect(percentile(xs, 5)).toBeCloseTo(1 + 0.2, 15); // h = 0.2
    expect(percentile(xs, 60)).toBeCloseTo(3.4, 15); // h = 2.4
  });

  it('std uses ddof 1 by default', () => {
    // mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5 → 5/3
    expect(std([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(std([1, 2, 3, 4], 0)).toBeCloseTo(Math.sqrt(5 / 4), 15);
  });

  it('ewmLast skips missing values but counts them as steps', () => {
    expect(ewmLast([1, null, 3], 3)).toBeCloseTo((0.25 * 1 + 3) / 1.25, 15);
    expect(ewmLast([null, null], 3)).toBeNaN();
  });

  it('normalQuantile matches published values of the inverse normal CDF', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 14);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 14);
    // far tail (the r > 5 branch); value from Python's statistics.NormalDist().inv_cdf
    expect(normalQuantile(1e-12)).toBeCloseTo(-7.034483825301132, 12);
    expect(normalQuantile(1e-20)).toBeCloseTo(-9.262340089798405, 12);
  });
});
