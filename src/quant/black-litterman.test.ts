import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { blackLitterman, type BlView, marketImpliedPriorReturns, marketImpliedRiskAversion } from './black-litterman.js';

// He & Litterman (1999), "The Intuition Behind Black-Litterman Model Portfolios", Tables 1–2.
const HL_TICKERS = ['AUS', 'CAN', 'FRA', 'GER', 'JPN', 'UK', 'USA'];
const HL_CORR = [
  [1.0, 0.488, 0.478, 0.515, 0.439, 0.512, 0.491],
  [0.488, 1.0, 0.664, 0.655, 0.31, 0.608, 0.779],
  [0.478, 0.664, 1.0, 0.861, 0.355, 0.783, 0.668],
  [0.515, 0.655, 0.861, 1.0, 0.354, 0.777, 0.653],
  [0.439, 0.31, 0.355, 0.354, 1.0, 0.405, 0.306],
  [0.512, 0.608, 0.783, 0.777, 0.405, 1.0, 0.652],
  [0.491, 0.779, 0.668, 0.653, 0.306, 0.652, 1.0],
];
const HL_VOL = [0.16, 0.203, 0.248, 0.271, 0.21, 0.2, 0.187];
const HL_WEQ = [0.016, 0.022, 0.052, 0.055, 0.116, 0.124, 0.615];
const HL_COV = HL_CORR.map((r, i) => r.map((c, j) => c * HL_VOL[i] * HL_VOL[j]));
const HL_CAPS = Object.fromEntries(HL_TICKERS.map((t, i) => [t, HL_WEQ[i]]));

// Idzorek (2005), "A Step-by-Step Guide to the Black-Litterman Model": market weights,
// excess-return covariance, λ = 3.07, τ = 0.025 and the three views.
const IDZ_TICKERS = ['USBond', 'IntlBond', 'USLargeGrowth', 'USLargeValue', 'USSmallGrowth', 'USSmallValue', 'IntlDev', 'IntlEmerg'];
const IDZ_WEQ = [0.1934, 0.2613, 0.1209, 0.1209, 0.0134, 0.0134, 0.2418, 0.0349];
const IDZ_COV = [
  [0.001005, 0.001328, -0.000579, -0.000675, 0.000121, 0.000128, -0.000445, -0.000437],
  [0.001328, 0.007277, -0.001307, -0.00061, -0.002237, -0.000989, 0.001442, -0.001535],
  [-0.000579, -0.001307, 0.059582, 0.027588, 0.063497, 0.023036, 0.032967, 0.048039],
  [-0.000675, -0.00061, 0.027588, 0.029609, 0.026572, 0.021465, 0.020697, 0.029854],
  [0.000121, -0.002237, 0.063497, 0.026572, 0.102488, 0.042744, 0.039943, 0.065994],
  [0.000128, -0.000989, 0.023036, 0.021465, 0.042744, 0.032056, 0.019881, 0.032235],
  [-0.000445, 0.001442, 0.032967, 0.020697, 0.039943, 0.019881, 0.028355, 0.035064],
  [-0.000437, -0.001535, 0.048039, 0.029854, 0.065994, 0.032235, 0.035064, 0.079958],
];
const IDZ_CAPS = Object.fromEntries(IDZ_TICKERS.map((t, i) => [t, IDZ_WEQ[i]]));
const IDZ_VIEWS: BlView[] = [
  { type: 'absolute', asset: 'IntlDev', return: 0.0525, confidence: 0.25 },
  { type: 'relative', long: ['IntlBond'], short: ['USBond'], return: 0.0025, confidence: 0.5 },
  {
    type: 'relative',
    long: ['USLargeGrowth', 'USSmallGrowth'],
    short: ['USLargeValue', 'USSmallValue'],
    return: 0.02,
    confidence: 0.65,
    longWeights: [0.9, 0.1], // Idzorek rounds the cap weights to 90% / 10%
    shortWeights: [0.9, 0.1],
  },
];

const pct1 = (xs: number[]) => xs.map((x) => Math.round(x * 1000) / 10);

/** Unconstrained mean-variance weights (δΣ)⁻¹μ, computed here independently. */
function mvWeights(delta: number, cov: number[][], mu: number[]): number[] {
  return inverse(new Matrix(cov).mul(delta)).mmul(Matrix.columnVector(mu)).to1DArray();
}

describe('Black-Litterman: He & Litterman (1999)', () => {
  const res = blackLitterman({
    cov: HL_COV,
    tickers: HL_TICKERS,
    marketCaps: HL_CAPS,
    riskAversion: 2.5,
    tau: 0.05,
    views: [{ type: 'relative', long: ['GER'], short: ['FRA', 'UK'], return: 0.05 }],
  });

  it('equilibrium returns match Table 2 to one decimal of a percent', () => {
    expect(pct1(res.prior)).toEqual([3.9, 6.9, 8.4, 9.0, 4.3, 6.8, 7.6]);
    expect(marketImpliedPriorReturns(HL_WEQ, 2.5, HL_COV)).toEqual(res.prior);
  });

  it('the view is cap-weighted across France and the UK', () => {
    expect(res.P[0][2]).toBeCloseTo(-0.052 / 0.176, 15);
    expect(res.P[0][5]).toBeCloseTo(-0.124 / 0.176, 15);
    expect(res.omega[0][0]).toBeGreaterThan(0);
  });

  it('posterior returns and optimal weights match Table 4 (view 1) to one decimal', () => {
    expect(pct1(res.posteriorReturns)).toEqual([4.3, 7.6, 9.3, 11.0, 4.5, 7.0, 8.1]);
    // He & Litterman's w* = (δΣ_BL)⁻¹ μ_BL with the posterior covariance.
    expect(pct1(mvWeights(2.5, res.posteriorCov, res.posteriorReturns))).toEqual([1.5, 2.1, -4.0, 35.4, 11.0, -9.5, 58.6]);
  });

  it('weights are PyPortfolioOpt bl_weights: (δΣ)⁻¹μ_BL normalised', () => {
    const raw = mvWeights(2.5, HL_COV, res.posteriorReturns);
    const s = raw.reduce((a, x) => a + x, 0);
    res.weights.forEach((w, i) => expect(w).toBeCloseTo(raw[i] / s, 12));
  });
});

describe('Black-Litterman: Idzorek (2005)', () => {
  it('implied equilibrium returns match Table 2 (0.01% precision, inputs printed rounded)', () => {
    const pi = marketImpliedPriorReturns(IDZ_WEQ, 3.07, IDZ_COV);
    const published = [0.08, 0.67, 6.41, 4.08, 7.43, 3.7, 4.8, 6.6];
    pi.forEach((p, i) => expect(Math.abs(p * 100 - published[i])).toBeLessThan(0.0151));
  });

  it('with Ω = diag(τPΣPᵀ) the combined return vector matches the published one', () => {
    const res = blackLitterman({ cov: IDZ_COV, tickers: IDZ_TICKERS, marketCaps: IDZ_CAPS, riskAversion: 3.07, tau: 0.025, views: IDZ_VIEWS, omega: 'default' });
    const published = [0.07, 0.5, 6.5, 4.32, 7.59, 3.94, 4.93, 6.84];
    res.posteriorReturns.forEach((r, i) => expect(Math.abs(r * 100 - published[i])).toBeLessThan(0.0151));
    expect(res.omega[0][0]).toBeCloseTo(0.025 * 0.028355, 12);
    expect(res.omega[1][1]).toBeCloseTo(0.025 * (0.001005 + 0.007277 - 2 * 0.001328), 12);
  });

  it("Idzorek's method: each view's implied confidence equals the user's confidence", () => {
    // Idzorek's definition: tilt(w at c) = c · tilt(w at 100%), tilts measured from w_mkt on
    // weights (λΣ)⁻¹E[R], each view taken alone.
    for (const view of IDZ_VIEWS) {
      const base = { cov: IDZ_COV, tickers: IDZ_TICKERS, marketCaps: IDZ_CAPS, riskAversion: 3.07, tau: 0.025 };
      const at = blackLitterman({ ...base, views: [view], omega: 'idzorek' });
      const full = blackLitterman({ ...base, views: [{ ...view, confidence: 1 }], omega: 'idzorek' });
      const wAt = mvWeights(3.07, IDZ_COV, at.posteriorReturns);
      const wFull = mvWeights(3.07, IDZ_COV, full.posteriorReturns);
      const k = wAt.findIndex((_, i) => Math.abs(wFull[i] - IDZ_WEQ[i]) > 1e-3);
      const implied = (wAt[k] - IDZ_WEQ[k]) / (wFull[k] - IDZ_WEQ[k]);
      expect(implied).toBeCloseTo(view.confidence!, 10);
    }
  });

  it('Idzorek confidences are used by default when every view has one', () => {
    const res = blackLitterman({ cov: IDZ_COV, tickers: IDZ_TICKERS, marketCaps: IDZ_CAPS, riskAversion: 3.07, tau: 0.025, views: IDZ_VIEWS });
    expect(res.omega[0][0]).toBeCloseTo(0.025 * 3 * 0.028355, 12); // α = (1 − 0.25)/0.25 = 3
    expect(res.omega[1][1]).toBeCloseTo(0.025 * 1 * (0.001005 + 0.007277 - 2 * 0.001328), 12);
    const p3 = [0, 0, 0.9, -0.9, 0.1, -0.1, 0, 0];
    const v3 = p3.reduce((a, pi, i) => a + p3.reduce((b, pj, j) => b + pi * IDZ_COV[i][j] * pj, 0), 0);
    expect(res.omega[2][2]).toBeCloseTo(0.025 * (0.35 / 0.65) * v3, 14);
  });
});

describe('Black-Litterman: PyPortfolioOpt idzorek reference cases', () => {
  const I5 = [0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3, 4].map((j) => (i === j ? 1 : 0)));
  const tickers = ['a', 'b', 'c', 'd', 'e'];
  const views = (c: number): BlView[] => tickers.map((t) => ({ type: 'absolute', asset: t, return: 0.3, confidence: c }));
  it('confidence 0.5 → 0.2; 1 → the view; 0 → the prior; linear in between', () => {
    const run = (c: number) => blackLitterman({ cov: I5, tickers, pi: [0.1, 0.1, 0.1, 0.1, 0.1], views: views(c), omega: 'idzorek' });
    run(0.5).posteriorReturns.forEach((r) => expect(r).toBeCloseTo(0.2, 12));
    run(1).posteriorReturns.forEach((r) => expect(r).toBeCloseTo(0.3, 12));
    expect(run(1).omega[0][0]).toBe(0);
    expect(run(0).omega[0][0]).toBe(1e6);
    run(0).posteriorReturns.forEach((r) => expect(r).toBeCloseTo(0.1, 6));
    for (const [i, c] of [0, 0.2, 0.4, 0.6, 0.8, 1].entries()) expect(run(c).posteriorReturns[0]).toBeCloseTo(0.1 + (i * 0.2) / 5, 7);
  });

  it('posterior follows the explicit formula with no prior (PyPortfolioOpt test_bl_returns_no_prior)', () => {
    const cov = [
      [0.04, 0.006, 0.002],
      [0.006, 0.09, 0.01],
      [0.002, 0.01, 0.0625],
    ];
    const res = blackLitterman({ cov, tickers: ['x', 'y', 'z'], pi: [0, 0, 0], tau: 0.05, views: [{ type: 'absolute', asset: 'x', return: 0.2 }, { type: 'absolute', asset: 'z', return: -0.1 }] });
    const S = new Matrix(cov).mul(0.05);
    const P = new Matrix(res.P);
    const Oi = inverse(new Matrix(res.omega));
    const expected = inverse(inverse(S).add(P.transpose().mmul(Oi).mmul(P))).mmul(P.transpose().mmul(Oi).mmul(Matrix.columnVector(res.Q)));
    res.posteriorReturns.forEach((r, i) => expect(r).toBeCloseTo(expected.get(i, 0), 12));
  });
});

describe('marketImpliedRiskAversion and input errors', () => {
  it('δ = (mean·f − rf)/(var·f) on daily prices', () => {
    const prices = [100, 101, 100.5, 102, 103.5, 103];
    const r = prices.slice(1).map((p, i) => p / prices[i] - 1);
    const m = r.reduce((a, x) => a + x, 0) / r.length;
    const v = r.reduce((a, x) => a + (x - m) ** 2, 0) / (r.length - 1);
    expect(marketImpliedRiskAversion(prices, 252, 0.02)).toBeCloseTo((m * 252 - 0.02) / (v * 252), 12);
  });
  it('names the cause', () => {
    const base = { cov: HL_COV, tickers: HL_TICKERS, marketCaps: HL_CAPS };
    expect(() => blackLitterman({ ...base, views: [{ type: 'absolute', asset: 'XX', return: 0.1 }] })).toThrow(/unknown asset XX/);
    expect(() => blackLitterman({ ...base, views: [] })).toThrow(/at least one view/);
    expect(() => blackLitterman({ ...base, tau: 0, views: [{ type: 'absolute', asset: 'UK', return: 0.1 }] })).toThrow(/tau/);
    expect(() => blackLitterman({ ...base, omega: 'idzorek', views: [{ type: 'absolute', asset: 'UK', return: 0.1 }] })).toThrow(/confidence/);
    expect(() => blackLitterman({ ...base, views: [{ type: 'absolute', asset: 'UK', return: 0.1, confidence: 1.2 }] })).toThrow(/\[0, 1\]/);
  });
});
