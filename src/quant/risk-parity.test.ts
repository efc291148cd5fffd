import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';
import { riskParity } from './risk-parity.js';

/** A random well-conditioned covariance: A Aᵀ/k + diag(d), from a seeded generator. */
function randomCov(n: number, seed: number): number[][] {
  const rng = createRng(seed);
  const k = n + 5;
  const a = Array.from({ length: n }, () => Array.from({ length: k }, () => rng.normal() * 0.02));
  return a.map((ai, i) =>
    a.map((aj, j) => {
      let s = 0;
      for (let t = 0; t < k; t++) s += ai[t] * aj[t];
      return s / k + (i === j ? 1e-4 * (1 + rng.next()) : 0);
    }),
  );
}

describe('riskParity', () => {
  it('two assets: weights proportional to 1/σ whatever the correlation', () => {
    for (const rho of [-0.6, 0, 0.3, 0.9]) {
      const s1 = 0.1;
      const s2 = 0.3;
      const cov = [
        [s1 * s1, rho * s1 * s2],
        [rho * s1 * s2, s2 * s2],
      ];
      const { weights, riskContributions } = riskParity(cov);
      const inv = [1 / s1, 1 / s2];
      const z = inv[0] + inv[1];
      expect(weights[0]).toBeCloseTo(inv[0] / z, 12);
      expect(weights[1]).toBeCloseTo(inv[1] / z, 12);
      expect(Math.abs(riskContributions[0] - 0.5)).toBeLessThan(1e-10);
    }
  });

  it('uncorrelated assets: weights proportional to 1/σ; with budgets ∝ √b/σ', () => {
    const vols = [0.05, 0.1, 0.2, 0.4];
    const cov = vols.map((s, i) => vols.map((_, j) => (i === j ? s * s : 0)));
    const { weights } = riskParity(cov);
    const z = vols.reduce((a, s) => a + 1 / s, 0);
    weights.forEach((w, i) => expect(w).toBeCloseTo(1 / vols[i] / z, 12));
    const budgets = [0.1, 0.2, 0.3, 0.4];
    const rb = riskParity(cov, { budgets });
    const raw = vols.map((s, i) => Math.sqrt(budgets[i]) / s);
    const zr = raw.reduce((a, x) => a + x, 0);
    rb.weights.forEach((w, i) => expect(w).toBeCloseTo(raw[i] / zr, 12));
  });

  it('contributions equal budgets to 1e-8 on correlated 50-asset problems', () => {
    const cov = randomCov(50, 7);
    const rng = createRng(3);
    const budgets = Array.from({ length: 50 }, () => 0.5 + rng.next());
    const total = budgets.reduce((a, x) => a + x, 0);
    const { weights, riskContributions } = riskParity(cov, { budgets });
    // Recompute contributions independently from the weights.
    const sw = cov.map((row) => row.reduce((a, c, j) => a + c * weights[j], 0));
    const v = weights.reduce((a, w, i) => a + w * sw[i], 0);
    weights.forEach((w, i) => {
      expect(Math.abs((w * sw[i]) / v - budgets[i] / total)).toBeLessThan(1e-8);
      expect(Math.abs(riskContributions[i] - budgets[i] / total)).toBeLessThan(1e-8);
    });
  });

  it('property: weights ≥ 0, sum to 1, equal contributions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 25 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const { weights, riskContributions } = riskParity(randomCov(n, seed));
        expect(weights.every((w) => w > 0)).toBe(true);
        expect(Math.abs(weights.reduce((a, w) => a + w, 0) - 1)).toBeLessThan(1e-12);
        riskContributions.forEach((rc) => expect(Math.abs(rc - 1 / n)).toBeLessThan(1e-8));
      }),
      { numRuns: 40 },
    );
  });

  it('rejects bad input', () => {
    expect(() => riskParity([[0.04, 0], [0, 0]])).toThrow(/variance/);
    expect(() => riskParity([[0.04]], { budgets: [1, 2] })).toThrow(/budgets/);
    expect(() => riskParity([[0.04, 0.01], [0.01, 0.09]], { budgets: [1, -1] })).toThrow(/positive/);
  });
});
