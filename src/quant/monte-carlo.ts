/**
 * Goal projection by Monte Carlo: monthly steps of a lognormal return model, with monthly
 * contributions, withdrawals from a given year, optional inflation, seeded and reproducible.
 *
 * Model. `expectedReturn` μ is the expected annual (simple) return and `volatility` σ the
 * annual volatility of log returns. Each month the gross growth is
 * G = exp(m/12 − σ²/24 + σ/√12 · Z), m = ln(1+μ), Z ~ N(0,1), so E[G] = (1+μ)^(1/12) and
 * a year of growth has mean 1+μ. Order within a month: grow, then add the contribution and
 * take the withdrawal (end-of-month cash flows); the value never goes below 0.
 *
 * Inflation i: all figures are in today's money. Returns are deflated monthly by
 * (1+i)^(1/12), and contributions, withdrawals and the target are read as today's money
 * (so in nominal terms they rise with inflation).
 *
 * With σ = 0 every path equals the closed form FV = V₀gᴺ + (C − W)(gᴺ − 1)/(g − 1).
 */
import { WealthDeskError } from '../errors.js';
import { createRng } from './random.js';
import { percentileOfSorted } from './stats.js';

export interface GoalInput {
  /** Value today, in currency units. */
  initialValue: number;
  /** Added at the end of every month. */
  monthlyContribution: number;
  /** Horizon in whole years (1..100). */
  years: number;
  /** Expected annual simple return (0.06 = 6%). */
  expectedReturn: number;
  /** Annual volatility of log returns (0.15 = 15%), ≥ 0. */
  volatility: number;
  /** Goal value at the horizon; enables `probability` and `requiredMonthlyForTarget`. */
  target?: number;
  /** Number of simulated paths. Default 10 000 (1..1 000 000). */
  paths?: number;
  /** PRNG seed. Default 42. */
  seed?: number;
  /** Monthly withdrawals from the start of year `startYear` (0-based, month startYear·12+1 on). */
  withdrawals?: { startYear: number; monthly: number }[];
  /** Annual inflation; when given, everything is in today's money. */
  inflation?: number;
}

export interface GoalProjection {
  /** Share of paths whose final value ≥ target; null without a target. */
  probability: number | null;
  /** Percentile fan (p = 5, 25, 50, 75, 95), one value per year-end including year 0. */
  percentiles: { p: number; values: number[] }[];
  medianFinal: number;
  meanFinal: number;
  /** Sample standard deviation (ddof 1) of the final values; meanFinal's standard error is stdFinal/√paths. */
  stdFinal: number;
  /**
   * Monthly contribution for which at least 50% of the same simulated paths reach the target
   * (i.e. the median final value equals the target). 0 when the target is met already.
   */
  requiredMonthlyForTarget?: number;
}

const PCTS = [5, 25, 50, 75, 95];

function check(cond: boolean, msg: string): void {
  if (!cond) throw new WealthDeskError('WD_ERR_QUANT_INPUT', msg);
}

/** Net cash flow per month (contribution − withdrawals), months 1..N. */
function cashFlows(months: number, contribution: number, withdrawals: GoalInput['withdrawals']): Float64Array {
  const f = new Float64Array(months + 1);
  for (let m = 1; m <= months; m++) {
    let w = 0;
    for (const x of withdrawals ?? []) if (m > x.startYear * 12) w += x.monthly;
    f[m] = contribution - w;
  }
  return f;
}

/** Runs the projection; see the module comment for the model and conventions. */
export function projectGoal(i: GoalInput): GoalProjection {
  return run(i, true);
}

function run(i: GoalInput, solveRequired: boolean): GoalProjection {
  check(Number.isFinite(i.initialValue) && i.initialValue >= 0, 'initialValue must be ≥ 0');
  check(Number.isFinite(i.monthlyContribution) && i.monthlyContribution >= 0, 'monthlyContribution must be ≥ 0');
  check(Number.isInteger(i.years) && i.years >= 1 && i.years <= 100, 'years must be an integer in 1..100');
  check(Number.isFinite(i.expectedReturn) && i.expectedReturn > -1, 'expectedReturn must be > −1');
  check(Number.isFinite(i.volatility) && i.volatility >= 0 && i.volatility < 5, 'volatility must be in [0, 5)');
  const paths = i.paths ?? 10_000;
  check(Number.isInteger(paths) && paths >= 1 && paths <= 1_000_000, 'paths must be an integer in 1..1 000 000');
  check(i.target === undefined || (Number.isFinite(i.target) && i.target > 0), 'target must be > 0');
  check(i.inflation === undefined || (Number.isFinite(i.inflation) && i.inflation > -1), 'inflation must be > −1');
  for (const w of i.withdrawals ?? []) {
    check(Number.isInteger(w.startYear) && w.startYear >= 0 && Number.isFinite(w.monthly) && w.monthly >= 0, 'withdrawals need an integer startYear ≥ 0 and monthly ≥ 0');
  }

  const months = i.years * 12;
  const sigmaM = i.volatility / Math.sqrt(12);
  const driftM = Math.log(1 + i.expectedReturn) / 12 - Math.log(1 + (i.inflation ?? 0)) / 12 - (sigmaM * sigmaM) / 2;
  const rng = createRng(i.seed ?? 42);
  const flows = cashFlows(months, i.monthlyContribution, i.withdrawals);
  const hasWithdrawals = (i.withdrawals ?? []).some((w) => w.monthly > 0);

  // yearly[y][k]: value of path k at the end of year y.
  const yearly = Array.from({ length: i.years + 1 }, () => new Float64Array(paths));
  const final = new Float64Array(paths);
  // For the affine shortcut: final = A + c·B per path when nothing is floored at zero.
  const growthFromZero = new Float64Array(paths); // A: final with contribution 0
  const annuity = new Float64Array(paths); // B: d(final)/d(contribution)
  for (let k = 0; k < paths; k++) {
    let v = i.initialValue;
    let a = i.initialValue;
    let b = 0;
    yearly[0][k] = v;
    for (let m = 1; m <= months; m++) {
      const g = sigmaM === 0 ? Math.exp(driftM) : Math.exp(driftM + sigmaM * rng.normal());
      v = Math.max(0, v * g + flows[m]);
      a = a * g + (flows[m] - i.monthlyContribution);
      b = b * g + 1;
      if (m % 12 === 0) yearly[m / 12][k] = v;
    }
    final[k] = v;
    growthFromZero[k] = a;
    annuity[k] = b;
  }

  const percentiles = PCTS.map((p) => ({ p, values: [] as number[] }));
  for (const col of yearly) {
    const sorted = Float64Array.from(col).sort();
    percentiles.forEach((row) => row.values.push(percentileOfSorted(sorted, row.p)));
  }
  const sortedFinal = Float64Array.from(final).sort();
  let sum = 0;
  for (const x of final) sum += x;
  const meanFinal = sum / paths;
  let ss = 0;
  for (const x of final) ss += (x - meanFinal) * (x - meanFinal);
  const out: GoalProjection = {
    probability: null,
    percentiles,
    medianFinal: percentileOfSorted(sortedFinal, 50),
    meanFinal,
    stdFinal: paths > 1 ? Math.sqrt(ss / (paths - 1)) : 0,
  };
  if (i.target !== undefined) {
    const target = i.target;
    let hit = 0;
    for (const x of final) if (x >= target) hit++;
    out.probability = hit / paths;
    if (solveRequired) {
      out.requiredMonthlyForTarget = hasWithdrawals
        ? requiredByBisection({ ...i, paths, seed: i.seed ?? 42 }, target)
        : requiredAffine(growthFromZero, annuity, target);
    }
  }
  return out;
}

/** Without withdrawals no path is floored, so final_k(c) = A_k + c·B_k exactly. */
function requiredAffine(A: Float64Array, B: Float64Array, target: number): number {
  const need = new Float64Array(A.length);
  for (let k = 0; k < A.length; k++) need[k] = Math.max(0, (target - A[k]) / B[k]);
  need.sort();
  // Smallest c with #{k: need_k ≤ c} ≥ n/2, nudged up by 1e-9 relative so the simulated
  // (iterated, rounded) path at exactly c does not fall a hair short of the target.
  return need[Math.ceil(need.length / 2) - 1] * (1 + 1e-9);
}

/** With withdrawals (value floored at 0) bisect on c over the same seeded paths. */
function requiredByBisection(i: GoalInput, target: number): number {
  const ok = (c: number) => (run({ ...i, monthlyContribution: c, target }, false).probability ?? 0) >= 0.5;
  if (ok(0)) return 0;
  let hi = Math.max(1, target / (i.years * 12));
  for (let k = 0; k < 60 && !ok(hi); k++) hi *= 2;
  let lo = 0;
  for (let k = 0; k < 40 && hi - lo > 1e-6 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
