import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historicalVar, overlappingReturns, parametricVar } from './var.js';

// sorted already: ten returns from −5 % to +6 %
const r10 = [-0.05, -0.03, -0.01, 0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06];

describe('historicalVar', () => {
  it('is minus the (1 − confidence) percentile with linear interpolation', () => {
    // 5th percentile: h = 9 · 0.05 = 0.45 → −0.05 + 0.45 · 0.02 = −0.041; only −0.05 lies at or below
    const v95 = historicalVar(r10, 0.95);
    expect(v95.var).toBeCloseTo(0.041, 15);
    expect(v95.cvar).toBeCloseTo(0.05, 15);
    // 20th percentile: h = 1.8 → −0.03 + 0.8 · 0.02 = −0.014; −0.05 and −0.03 at or below → mean −0.04
    const v80 = historicalVar([...r10].reverse(), 0.8);
    expect(v80.var).toBeCloseTo(0.014, 15);
    expect(v80.cvar).toBeCloseTo(0.04, 15);
  });

  it('uses overlapping compounded returns for several days', () => {
    // 2-day windows of 0.1, −0.1, 0.2: 1.1·0.9 − 1 = −0.01 and 0.9·1.2 − 1 = 0.08
    const w = overlappingReturns([0.1, -0.1, 0.2], 2);
    expect(w[0]).toBeCloseTo(-0.01, 15);
    expect(w[1]).toBeCloseTo(0.08, 15);
    // 10th percentile of the two: −0.01 + 0.1 · 0.09 = −0.001
    const v = historicalVar([0.1, -0.1, 0.2], 0.9, 2);
    expect(v.var).toBeCloseTo(0.001, 15);
    expect(v.cvar).toBeCloseTo(0.01, 15);
  });

  it('rejects bad input', () => {
    expect(() => historicalVar([], 0.95)).toThrow(/at least/);
    expect(() => historicalVar([0.01, Number.NaN], 0.95)).toThrow(/finite/);
    expect(() => historicalVar(r10, 1)).toThrow(/confidence/);
    expect(() => historicalVar(r10, 0.95, 11)).toThrow(/at least 11/);
  });
});

describe('parametricVar', () => {
  it('is z·σ√h − h·μ and φ(z)/(1 − c)·σ√h − h·μ', () => {
    const z = 1.6448536269514722; // Φ⁻¹(0.95)
    const phi = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    const one = parametricVar(0.001, 0.02, 0.95);
    expect(one.var).toBeCloseTo(z * 0.02 - 0.001, 14);
    expect(one.cvar).toBeCloseTo((phi / 0.05) * 0.02 - 0.001, 14);
    const ten = parametricVar(0.001, 0.02, 0.95, 10);
    expect(ten.var).toBeCloseTo(z * 0.02 * Math.sqrt(10) - 0.01, 14);
  });
});

describe('properties', () => {
  const series = fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 5, maxLength: 200 });
  const conf = fc.double({ min: 0.5, max: 0.995, noNaN: true });

  it('historical VaR is monotone in confidence and CVaR ≥ VaR, for 1 and 5 days', () => {
    fc.assert(
      fc.property(series, conf, conf, fc.constantFrom(1, 5), (r, c1, c2, h) => {
        fc.pre(r.length >= h);
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const a = historicalVar(r, lo, h);
        const b = historicalVar(r, hi, h);
        expect(b.var).toBeGreaterThanOrEqual(a.var - 1e-15);
        expect(a.cvar).toBeGreaterThanOrEqual(a.var - 1e-15);
        expect(b.cvar).toBeGreaterThanOrEqual(b.var - 1e-15);
      }),
      { numRuns: 200 },
    );
  });

  it('parametric VaR is monotone in confidence and CVaR ≥ VaR', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.01, max: 0.01, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true }), conf, conf, (m, s, c1, c2) => {
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const a = parametricVar(m, s, lo);
        const b = parametricVar(m, s, hi);
        expect(b.var).toBeGreaterThanOrEqual(a.var - 1e-15);
        expect(a.cvar).toBeGreaterThanOrEqual(a.var - 1e-15);
      }),
      { numRuns: 200 },
    );
  });
});
