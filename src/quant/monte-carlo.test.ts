import { describe, expect, it } from 'vitest';
import { displayProbability, goalLevers, projectGoal, projectGoalWithLevers, requiredMonthlyForProbability, yearsForProbability } from './monte-carlo.js';

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

describe('honest goal output', () => {
  const base = { initialValue: 100_000, monthlyContribution: 5000, years: 20, expectedReturn: 0.06, volatility: 0.14, target: 5_000_000, paths: 2000, seed: 9 };

  it('reports the 10th / 50th / 90th percentile outcomes, ordered with the 5/25/75/95 fan every year', () => {
    const r = projectGoal(base);
    expect(r.outcomeRange.p50).toBe(r.medianFinal);
    expect(r.outcomeRange.p10).toBe(r.band80.p10.at(-1));
    expect(r.outcomeRange.p90).toBe(r.band80.p90.at(-1));
    expect(r.outcomeRange.p10).toBeLessThan(r.outcomeRange.p50);
    expect(r.outcomeRange.p50).toBeLessThan(r.outcomeRange.p90);
    expect(r.band80.p10).toHaveLength(21);
    expect(r.percentiles.map((x) => x.p)).toEqual([5, 25, 50, 75, 95]);
    const at = (p: number, y: number) => r.percentiles.find((x) => x.p === p)!.values[y];
    for (let y = 0; y <= 20; y++) {
      const col = [at(5, y), r.band80.p10[y], at(25, y), at(50, y), at(75, y), r.band80.p90[y], at(95, y)];
      for (let k = 1; k < col.length; k++) expect(col[k]).toBeGreaterThanOrEqual(col[k - 1]);
    }
    // σ = 0: every percentile is the closed form.
    const flat = projectGoal({ ...base, volatility: 0, paths: 10 });
    const want = fv(100_000, 5000, 0.06, 240);
    for (const v of Object.values(flat.outcomeRange)) expect(rel(v, want)).toBeLessThan(1e-9);
  });

  it('the first y years of a path do not depend on the horizon (draws are taken month by month)', () => {
    const long = projectGoal({ ...base, years: 30 });
    const short = projectGoal({ ...base, years: 12 });
    for (const row of short.percentiles) expect(row.values).toEqual(long.percentiles.find((x) => x.p === row.p)!.values.slice(0, 13));
    expect(short.band80.p90).toEqual(long.band80.p90.slice(0, 13));
  });

  it('never displays 0% or 100%: a certain goal reads >99%, an impossible one <1%', () => {
    const sure = projectGoal({ ...base, target: 10_000, volatility: 0 });
    expect(sure.probability).toBe(1);
    expect(sure.probabilityDisplay).toEqual({ value: 0.99, bound: 'above', text: '>99%' });
    const never = projectGoal({ ...base, target: 1e12 });
    expect(never.probability).toBe(0);
    expect(never.probabilityDisplay).toEqual({ value: 0.01, bound: 'below', text: '<1%' });
    expect(projectGoal({ ...base, target: undefined }).probabilityDisplay).toBeNull();
  });

  it('displayProbability: bounds at 1% (3/paths when fewer than 300 paths), whole percents in between', () => {
    expect(displayProbability(1, 10_000)).toEqual({ value: 0.99, bound: 'above', text: '>99%' });
    expect(displayProbability(0.995, 10_000)).toEqual({ value: 0.99, bound: 'above', text: '>99%' });
    expect(displayProbability(0.99, 2000)).toEqual({ value: 0.99, bound: 'above', text: '>99%' });
    expect(displayProbability(0.9899, 10_000)).toEqual({ value: 0.9899, bound: null, text: '99%' });
    expect(displayProbability(0.6342, 10_000)).toEqual({ value: 0.6342, bound: null, text: '63%' });
    expect(displayProbability(0.0101, 10_000)).toEqual({ value: 0.0101, bound: null, text: '1%' });
    expect(displayProbability(0.01, 10_000)).toEqual({ value: 0.01, bound: 'below', text: '<1%' });
    expect(displayProbability(0, 10_000)).toEqual({ value: 0.01, bound: 'below', text: '<1%' });
    expect(displayProbability(1, 100)).toEqual({ value: 0.97, bound: 'above', text: '>97%' });
    expect(displayProbability(0, 250)).toEqual({ value: 0.02, bound: 'below', text: '<2%' });
    expect(displayProbability(1, 1)).toEqual({ value: 0.5, bound: 'above', text: '>50%' });
    expect(() => displayProbability(1.2, 100)).toThrow(/probability/);
    expect(() => displayProbability(0.5, 0)).toThrow(/paths/);
  });

  it('required contributions: 75% needs more than 50%, and each gives its chance on the same paths', () => {
    const c50 = requiredMonthlyForProbability(base, 0.5);
    const c75 = requiredMonthlyForProbability(base, 0.75);
    expect(c50).toBe(projectGoal(base).requiredMonthlyForTarget);
    expect(c75).toBeGreaterThan(c50);
    expect(projectGoal({ ...base, monthlyContribution: c75 }).probability!).toBeGreaterThanOrEqual(0.75);
    expect(projectGoal({ ...base, monthlyContribution: c75 * 0.999 }).probability!).toBeLessThan(0.75);
    let prev = 0;
    for (const chance of [0.1, 0.25, 0.5, 0.75, 0.9]) {
      const c = requiredMonthlyForProbability(base, chance);
      expect(c).toBeGreaterThanOrEqual(prev);
      prev = c;
    }
    expect(requiredMonthlyForProbability({ ...base, target: 10_000 }, 0.75)).toBe(0);
    expect(() => requiredMonthlyForProbability(base, 1)).toThrow(/chance/);
    expect(() => requiredMonthlyForProbability({ ...base, target: undefined }, 0.5)).toThrow(/target/);
  });

  it('years needed at the current contribution: projecting that long gives the chance, one year less does not', () => {
    const y50 = yearsForProbability(base, 0.5)!;
    const y75 = yearsForProbability(base, 0.75)!;
    expect(y50).toBeGreaterThan(20); // 5000 a month for 20 years falls short
    expect(y75).toBeGreaterThan(y50);
    expect(projectGoal({ ...base, years: y50 }).probability!).toBeGreaterThanOrEqual(0.5);
    expect(projectGoal({ ...base, years: y50 - 1 }).probability!).toBeLessThan(0.5);
    expect(projectGoal({ ...base, years: y75 }).probability!).toBeGreaterThanOrEqual(0.75);
    expect(projectGoal({ ...base, years: y75 - 1 }).probability!).toBeLessThan(0.75);
    // Bounded: not within maxYears → null; an easy goal → fewer years than asked.
    expect(yearsForProbability(base, 0.5, y50 - 1)).toBeNull();
    expect(yearsForProbability({ ...base, target: 1e12 }, 0.5)).toBeNull();
    expect(yearsForProbability({ ...base, target: 500_000 }, 0.5)).toBeLessThan(20);
  });

  it('goalLevers gathers the same figures, with and without withdrawals', () => {
    const l = goalLevers(base);
    expect(l).toEqual({
      probability: projectGoal(base).probability,
      probabilityDisplay: projectGoal(base).probabilityDisplay,
      monthlyFor50: requiredMonthlyForProbability(base, 0.5),
      monthlyFor75: requiredMonthlyForProbability(base, 0.75),
      yearsFor50: yearsForProbability(base, 0.5),
      yearsFor75: yearsForProbability(base, 0.75),
      maxYears: 50,
    });
    const w = { ...base, paths: 1000, withdrawals: [{ startYear: 15, monthly: 3000 }] };
    const lw = goalLevers(w, { maxYears: 60 });
    expect(lw.maxYears).toBe(60);
    expect(lw.monthlyFor50).toBe(projectGoal(w).requiredMonthlyForTarget);
    expect(lw.monthlyFor75).toBeGreaterThan(lw.monthlyFor50);
    expect(projectGoal({ ...w, monthlyContribution: lw.monthlyFor75 }).probability!).toBeGreaterThanOrEqual(0.75);
    expect(projectGoal({ ...w, monthlyContribution: lw.monthlyFor75 * 0.99 }).probability!).toBeLessThan(0.75);
    expect(lw.yearsFor50).toBe(yearsForProbability(w, 0.5, 60));
    expect(() => goalLevers({ ...base, target: undefined })).toThrow(/target/);
  });

  it('projectGoalWithLevers: one simulation gives exactly projectGoal and goalLevers, with and without withdrawals', () => {
    const small = { ...base, paths: 400 };
    for (const i of [small, { ...small, years: 7 }, { ...small, withdrawals: [{ startYear: 10, monthly: 2000 }], inflation: 0.02 }]) {
      for (const maxYears of [undefined, 5, 40]) {
        const both = projectGoalWithLevers(i, { maxYears });
        expect(both.projection).toEqual(projectGoal(i));
        expect(both.levers).toEqual(goalLevers(i, { maxYears }));
      }
    }
    expect(() => projectGoalWithLevers({ ...base, target: undefined })).toThrow(/target/);
  });
});
