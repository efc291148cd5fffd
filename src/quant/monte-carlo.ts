/**
 * Goal projection by Monte Carlo: monthly steps of a lognormal return model, with monthly
 * contributions, withdrawals from a given year, optional inflation, seeded and reproducible.
 *
 * Model. `expectedReturn` μ is the expected annual (simple) return and `volatility` σ the
 * annual volatility of log returns. Each month the gross growth is
 * G = exp(m/12 − σ²/24 + σ/√12 · Z), m = ln(1+μ), Z ~ N(0,1), so E[G] = (1+μ)^(1/12) and
 * a year of growth has mean 1+μ and median (1+μ)·exp(−σ²/2) — the geometric return of
 * cma.ts (`geometricReturn`), which is why the CMA's arithmetic μ is what goes in here. Order
 * within a month: grow, then add the contribution and take the withdrawal (end-of-month cash
 * flows); the value never goes below 0.
 *
 * Inflation i: all figures are in today's money. Returns are deflated monthly by
 * (1+i)^(1/12), and contributions, withdrawals and the target are read as today's money
 * (so in nominal terms they rise with inflation).
 *
 * Random draws are taken month by month across all paths (month 1 of every path, then month
 * 2, …), so the first y years of a path are the same whatever the horizon: projecting to y
 * years gives exactly the year-y column of a longer projection with the same seed. That is
 * what lets {@link yearsForProbability} read the years needed off one simulation.
 *
 * With σ = 0 every path equals the closed form FV = V₀gᴺ + (C − W)(gᴺ − 1)/(g − 1).
 *
 * Honest output: `outcomeRange` (10th / 50th / 90th percentile) next to the fan,
 * `probabilityDisplay` that never reads 0% or 100% ({@link displayProbability}), and
 * {@link goalLevers}: what would change the outcome.
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
  /** Final values at the horizon: a bad case (1 path in 10 ends lower), the median, a good case (1 in 10 ends higher). */
  outcomeRange: { p10: number; p50: number; p90: number };
  /** Year-end 10th and 90th percentiles (year 0..years): the 80% band of a fan chart. */
  band80: { p10: number[]; p90: number[] };
  /** `probability` as it may be shown: never 0% or 100% ({@link displayProbability}); null without a target. */
  probabilityDisplay: DisplayProbability | null;
}

const PCTS = [5, 25, 50, 75, 95];

/** A Monte Carlo probability as it may be shown to a client. */
export interface DisplayProbability {
  /** The probability to show, within [floor, 1 − floor] (floor ≥ 0.01). */
  value: number;
  /** 'above': the estimate is at least `value` (show "> 99%"); 'below': at most `value` ("< 1%"); null: `value` is the estimate. */
  bound: 'above' | 'below' | null;
  /** Whole percent, e.g. '>99%', '<1%', '63%' (finer digits would be Monte Carlo noise). */
  text: string;
}

/**
 * A Monte Carlo estimate `p` from `paths` paths, bounded for display: a simulation never
 * proves 0% or 100% (the model, not the future, was sampled). The floor is the larger of 1%
 * and 3/paths rounded up to a whole percent (the "rule of three": 0 hits in n paths still
 * leaves the true probability up to about 3/n at 95% confidence), at most 50%. p ≥ 1 − floor →
 * {value: 1 − floor, bound: 'above'}, p ≤ floor → {value: floor, bound: 'below'}, otherwise p
 * itself. With 10 000 or 2 000 paths the floor is 1%: '>99%' and '<1%'.
 */
export function displayProbability(p: number, paths: number): DisplayProbability {
  check(Number.isFinite(p) && p >= 0 && p <= 1, 'probability must be in [0, 1]');
  check(Number.isInteger(paths) && paths >= 1, 'paths must be a positive integer');
  const floor = Math.min(0.5, Math.max(1, Math.ceil(300 / paths - 1e-9)) / 100);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (p >= 1 - floor) return { value: 1 - floor, bound: 'above', text: `>${pct(1 - floor)}` };
  if (p <= floor) return { value: floor, bound: 'below', text: `<${pct(floor)}` };
  return { value: p, bound: null, text: pct(p) };
}

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

function validate(i: GoalInput): number {
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
  return paths;
}

/** The stream of monthly gross growth factors G (module comment), seeded. */
function monthlyGrowth(i: GoalInput): () => number {
  const sigmaM = i.volatility / Math.sqrt(12);
  const driftM = Math.log(1 + i.expectedReturn) / 12 - Math.log(1 + (i.inflation ?? 0)) / 12 - (sigmaM * sigmaM) / 2;
  if (sigmaM === 0) {
    const still = Math.exp(driftM);
    return () => still;
  }
  const rng = createRng(i.seed ?? 42);
  return () => Math.exp(driftM + sigmaM * rng.normal());
}

interface Simulation {
  /** yearly[y][k]: value of path k at the end of year y. */
  yearly: Float64Array[];
  /** A: value of each path at `affineYear` with contribution 0 and no floor at 0. */
  growthFromZero: Float64Array;
  /** B: d(value at `affineYear`)/d(contribution) of each path. */
  annuity: Float64Array;
}

/**
 * Simulates i.years years, draws taken month-major (see the module comment). A and B are
 * kept for `affineYear` (default the horizon): without floors value = A + c·B per path.
 */
function simulate(i: GoalInput, paths: number, affineYear = i.years): Simulation {
  const months = i.years * 12;
  const growth = monthlyGrowth(i);
  const flows = cashFlows(months, i.monthlyContribution, i.withdrawals);
  const v = new Float64Array(paths).fill(i.initialValue);
  const a = new Float64Array(paths).fill(i.initialValue);
  const b = new Float64Array(paths);
  const yearly = [Float64Array.from(v)];
  let growthFromZero = Float64Array.from(a);
  let annuity = Float64Array.from(b);
  for (let m = 1; m <= months; m++) {
    const f = flows[m];
    const fa = f - i.monthlyContribution;
    for (let k = 0; k < paths; k++) {
      const g = growth();
      v[k] = Math.max(0, v[k] * g + f);
      a[k] = a[k] * g + fa;
      b[k] = b[k] * g + 1;
    }
    if (m % 12 === 0) {
      yearly.push(Float64Array.from(v));
      if (m / 12 === affineYear) {
        growthFromZero = Float64Array.from(a);
        annuity = Float64Array.from(b);
      }
    }
  }
  return { yearly, growthFromZero, annuity };
}

const hasWithdrawals = (i: GoalInput) => (i.withdrawals ?? []).some((w) => w.monthly > 0);

function shareAtLeast(values: Float64Array, target: number): number {
  let hit = 0;
  for (const x of values) if (x >= target) hit++;
  return hit / values.length;
}

/** Runs the projection; see the module comment for the model and conventions. */
export function projectGoal(i: GoalInput): GoalProjection {
  const paths = validate(i);
  return projection(i, paths, simulate(i, paths));
}

/** The projection to i.years from a simulation of at least i.years (A, B at i.years). */
function projection(i: GoalInput, paths: number, sim: Simulation): GoalProjection {
  const yearly = sim.yearly.slice(0, i.years + 1);
  const final = yearly[i.years];

  const percentiles = PCTS.map((p) => ({ p, values: [] as number[] }));
  const band80 = { p10: [] as number[], p90: [] as number[] };
  for (const col of yearly) {
    const sorted = Float64Array.from(col).sort();
    percentiles.forEach((row) => row.values.push(percentileOfSorted(sorted, row.p)));
    band80.p10.push(percentileOfSorted(sorted, 10));
    band80.p90.push(percentileOfSorted(sorted, 90));
  }
  const sortedFinal = Float64Array.from(final).sort();
  let sum = 0;
  for (const x of final) sum += x;
  const meanFinal = sum / paths;
  let ss = 0;
  for (const x of final) ss += (x - meanFinal) * (x - meanFinal);
  const medianFinal = percentileOfSorted(sortedFinal, 50);
  const out: GoalProjection = {
    probability: null,
    percentiles,
    medianFinal,
    meanFinal,
    stdFinal: paths > 1 ? Math.sqrt(ss / (paths - 1)) : 0,
    outcomeRange: { p10: percentileOfSorted(sortedFinal, 10), p50: medianFinal, p90: percentileOfSorted(sortedFinal, 90) },
    band80,
    probabilityDisplay: null,
  };
  if (i.target !== undefined) {
    const target = i.target;
    out.probability = shareAtLeast(final, target);
    out.probabilityDisplay = displayProbability(out.probability, paths);
    out.requiredMonthlyForTarget = required(i, paths, sim, target, 0.5);
  }
  return out;
}

/**
 * Smallest contribution c with #{k: A_k + c·B_k ≥ target} ≥ chance·n. Exact without
 * withdrawals (no path is floored, final_k(c) = A_k + c·B_k); with withdrawals an upper bound
 * (a floored path is never below its unfloored value).
 */
function requiredAffine(A: Float64Array, B: Float64Array, target: number, chance: number): number {
  const need = new Float64Array(A.length);
  for (let k = 0; k < A.length; k++) need[k] = Math.max(0, (target - A[k]) / B[k]);
  need.sort();
  // Nudged up by 1e-9 relative so the simulated (iterated, rounded) path at exactly c does
  // not fall a hair short of the target.
  return need[Math.max(1, Math.ceil(chance * need.length - 1e-9)) - 1] * (1 + 1e-9);
}

/** Share of the same seeded paths reaching the target at the horizon with contribution c. */
function shareWith(i: GoalInput, paths: number, target: number, c: number): number {
  return shareAtLeast(simulate({ ...i, monthlyContribution: c }, paths).yearly[i.years], target);
}

/** Growth factors kept for re-runs when they fit in this many numbers (32 MB). */
const MAX_CACHED_FACTORS = 4_000_000;

/**
 * `shareWith` for many contributions: the growth factors are drawn once (month-major, the
 * same as simulate) when they fit, else every evaluation re-simulates.
 */
function shareOfContribution(i: GoalInput, paths: number, target: number): (c: number) => number {
  const months = i.years * 12;
  if (months * paths > MAX_CACHED_FACTORS) return (c) => shareWith(i, paths, target, c);
  const growth = monthlyGrowth(i);
  const G = new Float64Array(months * paths);
  for (let t = 0; t < G.length; t++) G[t] = growth();
  const withdrawn = cashFlows(months, 0, i.withdrawals);
  const v = new Float64Array(paths);
  return (c) => {
    v.fill(i.initialValue);
    for (let m = 1, t = 0; m <= months; m++) {
      const f = c + withdrawn[m];
      for (let k = 0; k < paths; k++, t++) v[k] = Math.max(0, v[k] * G[t] + f);
    }
    return shareAtLeast(v, target);
  };
}

/**
 * With withdrawals (value floored at 0): bisect on c over the same seeded paths, from the
 * unfloored solution `hi` (enough, see {@link requiredAffine}) down to 1e-6 relative.
 */
function requiredByBisection(i: GoalInput, paths: number, target: number, chance: number, hi: number): number {
  const share = shareOfContribution(i, paths, target);
  const ok = (c: number) => share(c) >= chance;
  if (ok(0)) return 0;
  hi = Math.max(hi, 1);
  for (let k = 0; k < 60 && !ok(hi); k++) hi *= 2;
  let lo = 0;
  for (let k = 0; k < 40 && hi - lo > 1e-6 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Contribution for `chance` on a simulation of `i` (A, B at the horizon). */
function required(i: GoalInput, paths: number, sim: Simulation, target: number, chance: number): number {
  const affine = requiredAffine(sim.growthFromZero, sim.annuity, target, chance);
  return hasWithdrawals(i) ? requiredByBisection(i, paths, target, chance, affine) : affine;
}

function checkChance(chance: number): void {
  check(Number.isFinite(chance) && chance > 0 && chance < 1, 'chance must be in (0, 1)');
}

function checkMaxYears(maxYears: number): void {
  check(Number.isInteger(maxYears) && maxYears >= 1 && maxYears <= 100, 'maxYears must be an integer in 1..100');
}

function requireTarget(i: GoalInput): number {
  check(i.target !== undefined, 'a target is needed');
  return i.target!;
}

/**
 * Monthly contribution for which at least `chance` of the simulated paths reach the target,
 * on the same seeded paths as {@link projectGoal} (so projecting with it gives ≥ `chance`).
 * Without withdrawals exact per path (final = A + c·B); with withdrawals by bisection over
 * re-runs. 0 when the target is already reached with that chance without contributions.
 */
export function requiredMonthlyForProbability(i: GoalInput, chance: number): number {
  const paths = validate(i);
  const target = requireTarget(i);
  checkChance(chance);
  return required(i, paths, simulate(i, paths), target, chance);
}

/** First year-end y in 1..maxYears where at least `chance` of the paths reach the target. */
function firstYear(yearly: readonly Float64Array[], target: number, chance: number, maxYears: number): number | null {
  for (let y = 1; y <= maxYears; y++) if (shareAtLeast(yearly[y], target) >= chance) return y;
  return null;
}

/**
 * The fewest whole years (1..maxYears) after which at least `chance` of the paths reach the
 * target at the current contribution, withdrawals continuing as given; null when not within
 * maxYears (default years + 30, at most 100). One simulation to maxYears: since draws are
 * taken month by month, its year-y column is exactly what {@link projectGoal} gives with
 * `years: y`. The share need not rise with the horizon (withdrawals, a negative real return),
 * so this is the first year that works, not a promise about every later year.
 */
export function yearsForProbability(i: GoalInput, chance: number, maxYears = Math.min(100, i.years + 30)): number | null {
  const paths = validate(i);
  const target = requireTarget(i);
  checkChance(chance);
  checkMaxYears(maxYears);
  return firstYear(simulate({ ...i, years: maxYears }, paths).yearly, target, chance, maxYears);
}

/** What would change a goal's outcome; amounts per month in the input's money. */
export interface GoalLevers {
  /** Probability at the current contribution and horizon, raw and for display. */
  probability: number;
  probabilityDisplay: DisplayProbability;
  /** Monthly contribution for at least a 50% / 75% chance at the current horizon. */
  monthlyFor50: number;
  monthlyFor75: number;
  /** Whole years at the current contribution for at least a 50% / 75% chance; null beyond maxYears. */
  yearsFor50: number | null;
  yearsFor75: number | null;
  /** Upper bound of the years search. */
  maxYears: number;
}

/**
 * The levers of a goal (needs `target`): the contributions for a 50% and a 75% chance
 * ({@link requiredMonthlyForProbability}; monthlyFor75 ≥ monthlyFor50) and the years needed at
 * the current contribution ({@link yearsForProbability}, searched up to `maxYears`, default
 * years + 30 capped at 100). Same seed and paths as {@link projectGoal}, and the same figures as
 * those functions one by one; one simulation to max(years, maxYears) serves them all (plus
 * the bisection re-runs when there are withdrawals).
 */
export function goalLevers(i: GoalInput, options: { maxYears?: number } = {}): GoalLevers {
  return projectGoalWithLevers(i, options).levers;
}

/**
 * {@link projectGoal} and {@link goalLevers} together, from one simulation to
 * max(years, maxYears) (draws are month-major, so its first `years` years are exactly
 * projectGoal's): the same figures as the two calls, for about the cost of the longer one.
 */
export function projectGoalWithLevers(i: GoalInput, options: { maxYears?: number } = {}): { projection: GoalProjection; levers: GoalLevers } {
  const paths = validate(i);
  const target = requireTarget(i);
  const maxYears = options.maxYears ?? Math.min(100, i.years + 30);
  checkMaxYears(maxYears);
  const sim = simulate({ ...i, years: Math.max(i.years, maxYears) }, paths, i.years);
  const probability = shareAtLeast(sim.yearly[i.years], target);
  return {
    projection: projection(i, paths, sim),
    levers: {
      probability,
      probabilityDisplay: displayProbability(probability, paths),
      monthlyFor50: required(i, paths, sim, target, 0.5),
      monthlyFor75: required(i, paths, sim, target, 0.75),
      yearsFor50: firstYear(sim.yearly, target, 0.5, maxYears),
      yearsFor75: firstYear(sim.yearly, target, 0.75, maxYears),
      maxYears,
    },
  };
}
