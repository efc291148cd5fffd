import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReturnTable } from './returns.js';
import { computeMetrics, drawdownSeries, hhi, maxDrawdown, portfolioReturns, riskContributions } from './risk-metrics.js';
import { historicalVar } from './var.js';

describe('computeMetrics by hand', () => {
  // mean 0.01/5 = 0.002; deviations .098 −.052 .018 −.102 .038 → squares sum .02448 → var .00612 (ddof 1)
  const r = [0.1, -0.05, 0.02, -0.1, 0.04];
  const m = computeMetrics(r, { periods: 5 });

  it('annual return is the CAGR, volatility and Sharpe use ddof 1', () => {
    expect(m.annualReturn).toBeCloseTo(1.1 * 0.95 * 1.02 * 0.9 * 1.04 - 1, 14); // 5 returns, 5 a year
    expect(m.annualVolatility).toBeCloseTo(Math.sqrt(0.00612) * Math.sqrt(5), 14);
    expect(m.sharpe).toBeCloseTo((0.002 / Math.sqrt(0.00612)) * Math.sqrt(5), 13);
    expect(m.observations).toBe(5);
  });

  it('Sortino divides by the downside deviation over all observations', () => {
    // downside squares .0025 + .01 over 5 observations → √.0025 = 0.05
    expect(m.sortino).toBeCloseTo((0.002 * 5) / (0.05 * Math.sqrt(5)), 13);
  });

  it('drawdown, Calmar, VaR and CVaR', () => {
    // wealth 1.1, 1.045, 1.0659, 0.95931, 0.9976824; trough 0.95931 after the 1.1 peak
    expect(m.maxDrawdown).toBeCloseTo(0.95931 / 1.1 - 1, 14);
    expect(m.calmar).toBeCloseTo(m.annualReturn / Math.abs(0.95931 / 1.1 - 1), 13);
    // sorted −0.1, −0.05, 0.02, 0.04, 0.1: 5th pct at h = 0.2 → −0.1 + 0.2 · 0.05 = −0.09
    expect(m.var95).toBeCloseTo(-0.09, 15);
    expect(m.cvar95).toBeCloseTo(-0.1, 15);
    expect(m.var99).toBeCloseTo(-0.1 + 0.04 * 0.05, 15);
    expect(m.cvar99).toBeCloseTo(-0.1, 15);
    expect(m.beta).toBeNull();
    expect(m.alpha).toBeNull();
  });

  it('Sharpe subtracts the daily risk-free rate (annual / periods)', () => {
    const withRf = computeMetrics(r, { periods: 5, riskFreeRate: 0.005 });
    expect(withRf.sharpe).toBeCloseTo(((0.002 - 0.001) / Math.sqrt(0.00612)) * Math.sqrt(5), 13);
  });

  it('beta and alpha against a benchmark (r = 0.5·b + 0.001)', () => {
    const b = [0.02, -0.01, 0.03, -0.02, 0.01];
    const p = b.map((x) => 0.5 * x + 0.001);
    const ab = computeMetrics(p, { benchmark: b });
    expect(ab.beta).toBeCloseTo(0.5, 13);
    expect(ab.alpha).toBeCloseTo(1.001 ** 252 - 1, 11);
    // with rf_d = 0.0252/252 = 0.0001: mean((r − rf) − 0.5(b − rf)) = 0.001 − 0.5 · 0.0001
    expect(computeMetrics(p, { benchmark: b, riskFreeRate: 0.0252 }).alpha).toBeCloseTo(1.00095 ** 252 - 1, 11);
    // a missing benchmark day (NaN) is left out of beta and alpha
    const gap = computeMetrics([...p, 0.5], { benchmark: [...b, Number.NaN] });
    expect(gap.beta).toBeCloseTo(0.5, 13);
  });

  it('calmar is null without a drawdown; var95 = −historicalVar(0.95)', () => {
    expect(computeMetrics([0.01, 0.02, 0.03]).calmar).toBeNull();
    expect(m.var95).toBeCloseTo(-historicalVar(r, 0.95).var, 15);
    expect(m.cvar99).toBeCloseTo(-historicalVar(r, 0.99).cvar, 15);
  });

  it('rejects bad input', () => {
    expect(() => computeMetrics([0.01])).toThrow(/at least 2/);
    expect(() => computeMetrics([0.01, Number.NaN])).toThrow(/finite/);
    expect(() => computeMetrics([0.01, 0.02], { benchmark: [0.01] })).toThrow(/benchmark/);
  });
});

describe('portfolio helpers', () => {
  const table: ReturnTable = {
    dates: ['d1', 'd2', 'd3'],
    tickers: ['A', 'B', 'C'],
    returns: [
      [null, 0.02, null],
      [0.01, 0.03, null],
      [-0.02, 0.01, 0.05],
    ],
  };

  it('portfolioReturns skips dates where a held asset has no return', () => {
    const p = portfolioReturns(table, [0.5, 0.5, 0]);
    expect(p.dates).toEqual(['d2', 'd3']);
    expect(p.returns[0]).toBeCloseTo(0.02, 15);
    expect(p.returns[1]).toBeCloseTo(-0.005, 15);
    expect(() => portfolioReturns(table, [1, 0])).toThrow(/3 weights/);
  });

  it('riskContributions and hhi', () => {
    // variance 0.25·0.04 + 0.25·0.01 = 0.0125; shares 0.01/0.0125 and 0.0025/0.0125
    const rc = riskContributions([0.5, 0.5], [
      [0.04, 0],
      [0, 0.01],
    ]);
    expect(rc[0]).toBeCloseTo(0.8, 15);
    expect(rc[1]).toBeCloseTo(0.2, 15);
    expect(hhi([0.5, 0.3, 0.2])).toBeCloseTo(0.38, 15);
  });

  it('drawdownSeries', () => {
    const d = drawdownSeries([-0.1, 0.2, -0.5]);
    expect(d[0]).toBeCloseTo(-0.1, 15); // the starting value 1 is the first peak
    expect(d[1]).toBe(0); // 0.9 · 1.2 = 1.08, a new peak
    expect(d[2]).toBeCloseTo(-0.5, 15);
    expect(maxDrawdown([0.01, 0.02])).toBe(0);
  });
});

describe('properties', () => {
  const rets = fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: 2, maxLength: 100 });

  it('drawdowns are ≤ 0 and maxDrawdown is their minimum', () => {
    fc.assert(
      fc.property(rets, (r) => {
        const d = drawdownSeries(r);
        d.forEach((x) => expect(x).toBeLessThanOrEqual(0));
        expect(maxDrawdown(r)).toBe(Math.min(0, ...d));
      }),
    );
  });

  it('risk contributions sum to 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 36, maxLength: 36 }),
        (w, a) => {
          const n = w.length;
          // Σ = AAᵀ + 0.01·I is positive definite
          const cov = Array.from({ length: n }, (_, i) =>
            Array.from({ length: n }, (_, j) => {
              let s = i === j ? 0.01 : 0;
              for (let k = 0; k < n; k++) s += a[i * 6 + k] * a[j * 6 + k];
              return s;
            }),
          );
          const rc = riskContributions(w, cov);
          expect(rc.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('portfolio metrics do not depend on the order of the assets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 60 }),
        fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (rows, w) => {
          const table: ReturnTable = { dates: rows.map((_, t) => `d${t}`), tickers: ['A', 'B', 'C'], returns: rows };
          const perm = [2, 0, 1];
          const permuted: ReturnTable = { ...table, tickers: perm.map((j) => table.tickers[j]), returns: rows.map((row) => perm.map((j) => row[j])) };
          const a = computeMetrics(portfolioReturns(table, w).returns);
          const b = computeMetrics(portfolioReturns(permuted, perm.map((j) => w[j])).returns);
          for (const k of ['annualReturn', 'annualVolatility', 'maxDrawdown', 'var95', 'cvar95'] as const) {
            expect(b[k]).toBeCloseTo(a[k], 12);
          }
        },
      ),
    );
  });
});
