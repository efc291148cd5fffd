import { describe, expect, it } from 'vitest';
import { projectGoal } from './monte-carlo.js';

/** Future value with end-of-month flows: V₀gᴺ + C(gᴺ − 1)/(g − 1). */
function fv(v0: number, c: number, annual: number, months: number): number {
  const g = Math.pow(1 + annual, 1 / 12);
  const gn = Math.pow(g, months);
  return v0 * gn + (g === 1 ? c * months : (c * (gn - 1)) / (g - 1));
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('projectGoal', () => {
  it('σ = 0 equals the closed-form future value (relative 1e-9), every percentile and year', () => {
    const r = projectGoal({ initialValue: 100_000, monthlyContribution: 5000, years: 20, expectedReturn: 0.06, volatility: 0, paths: 50 });
    expect(rel(r.meanFinal, fv(100_000, 5000, 0.06, 240))).toBeLessThan(1e-9);
    expect(rel(r.medianFinal, fv(100_000, 5000, 0.06, 240))).toBeLessThan(1e-9);
    for (const row of r.percentiles) {
      expect(row.values).toHaveLength(21);
      row.values.forEach((v, y) => expect(rel(v, fv(100_000, 5000, 0.06, 12 * y))).toBeLessThan(1e-9));
    }
  });

  it('σ = 0 with inflation: real growth (1+μ)/(1+i); with withdrawals: the flows net', () => {
    const r = projectGoal({ initialValue: 1e6, monthlyContribution: 0, years: 10, expectedReturn: 0.05, volatility: 0, inflation: 0.02, paths: 3 });
    expect(rel(r.meanFinal, fv(1e6, 0, 1.05 / 1.02 - 1, 120))).toBeLessThan(1e-9);
    const w = projectGoal({ initialValue: 1e6, monthlyContribution: 1000, years: 10, expectedReturn: 0.05, volatility: 0, paths: 3, withdrawals: [{ startYear: 5, monthly: 4000 }] });
    const at5 = fv(1e6, 1000, 0.05, 60);
    expect(rel(w.meanFinal, fv(at5, 1000 - 4000, 0.05, 60))).toBeLessThan(1e-9);
  });

  it('σ > 0: the sample mean is within 3 standard errors of the analytic expectation; same seed → same output', () => {
    const input = { initialValue: 50_000, monthlyContribution: 1000, years: 15, expectedReturn: 0.07, volatility: 0.2, paths: 10_000, seed: 11 };
    const r = projectGoal(input);
    expect(projectGoal(input)).toEqual(r);
    const expected = fv(50_000, 1000, 0.07, 180); // E[G] = (1+μ)^(1/12) each month, independent
    const se = r.stdFinal / Math.sqrt(input.paths);
    expect(se).toBeGreaterThan(0);
    expect(Math.abs(r.meanFinal - expected)).toBeLessThan(3 * se);
    expect(r.medianFinal).toBeLessThan(r.meanFinal); // lognormal skew
    // Seeds 1..5: the mean stays within 3 SE too (not a lucky seed).
    for (const seed of [1, 2, 3, 4, 5]) {
      const q = projectGoal({ ...input, paths: 4000, seed });
      expect(Math.abs(q.meanFinal - expected)).toBeLessThan((3 * q.stdFinal) / Math.sqrt(4000));
    }
  });

  it('different seeds differ; percentiles are ordered and start at the initial value', () => {
    const base = { initialValue: 10_000, monthlyContribution: 500, years: 5, expectedReturn: 0.05, volatility: 0.15, paths: 2000 };
    const a = projectGoal({ ...base, seed: 1 });
    const b = projectGoal({ ...base, seed: 2 });
    expect(a.meanFinal).not.toBe(b.meanFinal);
    a.percentiles.forEach((row) => expect(row.values[0]).toBe(10_000));
    for (let y = 1; y <= 5; y++) {
      const col = a.percentiles.map((row) => row.values[y]);
      for (let k = 1; k < col.length; k++) expect(col[k]).toBeGreaterThanOrEqual(col[k - 1]);
    }
  });

  it('probability is monotone in the contribution and the required contribution gives ≥ 50%', () => {
    const base = { initialValue: 100_000, years: 20, expectedReturn: 0.06, volatility: 0.18, target: 5_000_000, paths: 2000, seed: 7 };
    let prev = -1;
    for (const c of [0, 2000, 5000, 8000, 10_000, 12_000, 15_000, 20_000]) {
      const p = projectGoal({ ...base, monthlyContribution: c }).probability!;
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
    const req = projectGoal({ ...base, monthlyContribution: 5000 }).requiredMonthlyForTarget!;
    expect(projectGoal({ ...base, monthlyContribution: req }).probability!).toBeGreaterThanOrEqual(0.5);
    expect(projectGoal({ ...base, monthlyContribution: req * 0.999 }).probability!).toBeLessThan(0.5);
    // 我每月投5000，20年后能到500万吗: with these assumptions the answer is no.
    expect(projectGoal({ ...base, monthlyContribution: 5000 }).probability!).toBeLessThan(0.5);
  });

  it('required contribution with withdrawals (bisection) reaches 50%', () => {
    const base = { initialValue: 200_000, years: 10, expectedReturn: 0.05, volatility: 0.1, target: 600_000, paths: 400, seed: 3, withdrawals: [{ startYear: 8, monthly: 2000 }] };
    const req = projectGoal({ ...base, monthlyContribution: 0 }).requiredMonthlyForTarget!;
    expect(projectGoal({ ...base, monthlyContribution: req }).probability!).toBeGreaterThanOrEqual(0.5);
    expect(projectGoal({ ...base, monthlyContribution: req * 0.99 }).probability!).toBeLessThan(0.5);
  });

  it('rejects bad input', () => {
    const base = { initialValue: 1, monthlyContribution: 1, years: 1, expectedReturn: 0.05, volatility: 0.1 };
    expect(() => projectGoal({ ...base, years: 0 })).toThrow(/years/);
    expect(() => projectGoal({ ...base, volatility: -1 })).toThrow(/volatility/);
    expect(() => projectGoal({ ...base, paths: 0 })).toThrow(/paths/);
  });
});
