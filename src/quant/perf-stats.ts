/**
 * Single-series performance statistics with empyrical's exact semantics, one function per
 * empyrical function, for callers that hold a raw return series (possibly with gaps).
 *
 * Conventions (empyrical 0.5): `returns` are simple periodic returns; NaN marks a missing
 * period. NaN counts as a 0 % return in compounding (`cumReturns`, `maxDrawdown`,
 * `annualReturn`, whose year count still includes it), and is skipped by the averages
 * (`nanmean`/`nanstd`). A threshold (`riskFree`, `requiredReturn`) is either one per-period
 * number or a series aligned with `returns`. Results that are undefined for the data are NaN;
 * a ratio over a zero denominator is ±Infinity where empyrical's numpy division gives that.
 * {@link computeMetrics} in `risk-metrics.ts` is the strict (gap-free) portfolio summary.
 */
import { WealthDeskError } from '../errors.js';
import { percentile } from './stats.js';

type Threshold = number | readonly number[];

function at(t: Threshold, i: number): number {
  return typeof t === 'number' ? t : t[i]!;
}

function checkAligned(returns: readonly number[], t: Threshold, what: string): void {
  if (typeof t !== 'number' && t.length !== returns.length) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${what} has ${t.length} values, expected ${returns.length} aligned with the returns`);
  }
}

function nanMean(xs: readonly number[]): number {
  let s = 0;
  let n = 0;
  for (const x of xs) {
    if (!Number.isNaN(x)) {
      s += x;
      n++;
    }
  }
  return n === 0 ? Number.NaN : s / n;
}

function nanStd(xs: readonly number[], ddof = 1): number {
  const m = nanMean(xs);
  let s = 0;
  let n = 0;
  for (const x of xs) {
    if (!Number.isNaN(x)) {
      s += (x - m) * (x - m);
      n++;
    }
  }
  return n - ddof <= 0 ? Number.NaN : Math.sqrt(s / (n - ddof));
}

/** Numpy-style division: x/0 is ±Infinity, 0/0 is NaN. */
function divide(a: number, b: number): number {
  return a / b;
}

/** Cumulative compounded return after each period (empyrical `cum_returns`); × startingValue when it is not 0. */
export function cumReturns(returns: readonly number[], startingValue = 0): number[] {
  let g = 1;
  return returns.map((r) => {
    g *= 1 + (Number.isNaN(r) ? 0 : r);
    return startingValue === 0 ? g - 1 : g * startingValue;
  });
}

/** Final cumulative return (empyrical `cum_returns_final`); NaN for an empty series. */
export function cumReturnsFinal(returns: readonly number[], startingValue = 0): number {
  if (returns.length === 0) return Number.NaN;
  return cumReturns(returns, startingValue).at(-1)!;
}

/** Maximum drawdown, a fraction ≤ 0 (empyrical `max_drawdown`); NaN for an empty series. */
export function maxDrawdownOf(returns: readonly number[]): number {
  if (returns.length === 0) return Number.NaN;
  let wealth = 1;
  let peak = 1;
  let m = 0;
  for (const r of returns) {
    wealth *= 1 + (Number.isNaN(r) ? 0 : r);
    if (wealth > peak) peak = wealth;
    const d = (wealth - peak) / peak;
    if (d < m) m = d;
  }
  return m;
}

/** Compound annual growth rate (empyrical `annual_return` / `cagr`): (Π(1+r))^(periods/len) − 1. */
export function annualReturn(returns: readonly number[], periods = 252): number {
  if (returns.length < 1) return Number.NaN;
  const ending = cumReturnsFinal(returns, 1);
  return ending ** (periods / returns.length) - 1;
}

/** nanstd(r, ddof=1)·√periods (empyrical `annual_volatility`); NaN below 2 returns. */
export function annualVolatility(returns: readonly number[], periods = 252): number {
  if (returns.length < 2) return Number.NaN;
  return nanStd(returns, 1) * Math.sqrt(periods);
}

/** mean(r − rf)/std(r − rf, ddof=1)·√periods with a per-period rf (empyrical `sharpe_ratio`). */
export function sharpeRatio(returns: readonly number[], riskFree: Threshold = 0, periods = 252): number {
  checkAligned(returns, riskFree, 'riskFree');
  if (returns.length < 2) return Number.NaN;
  const adj = returns.map((r, i) => r - at(riskFree, i));
  return divide(nanMean(adj), nanStd(adj, 1)) * Math.sqrt(periods);
}

/** √mean(min(r − req, 0)²)·√periods (empyrical `downside_risk`); NaN for an empty series. */
export function downsideRisk(returns: readonly number[], requiredReturn: Threshold = 0, periods = 252): number {
  checkAligned(returns, requiredReturn, 'requiredReturn');
  if (returns.length < 1) return Number.NaN;
  const sq = returns.map((r, i) => Math.min(r - at(requiredReturn, i), 0) ** 2);
  return Math.sqrt(nanMean(sq)) * Math.sqrt(periods);
}

/** mean(r − req)·periods / downsideRisk (empyrical `sortino_ratio`); +Infinity with no downside. */
export function sortinoRatio(returns: readonly number[], requiredReturn: Threshold = 0, periods = 252): number {
  checkAligned(returns, requiredReturn, 'requiredReturn');
  if (returns.length < 2) return Number.NaN;
  const avg = nanMean(returns.map((r, i) => r - at(requiredReturn, i))) * periods;
  return divide(avg, downsideRisk(returns, requiredReturn, periods));
}

/** annualReturn / |maxDrawdown| (empyrical `calmar_ratio`); NaN without a drawdown. */
export function calmarRatio(returns: readonly number[], periods = 252): number {
  const mdd = maxDrawdownOf(returns);
  if (!(mdd < 0)) return Number.NaN;
  const c = annualReturn(returns, periods) / Math.abs(mdd);
  return Number.isFinite(c) ? c : Number.NaN;
}

/**
 * Omega ratio (empyrical `omega_ratio`): Σ gains over Σ losses of r − rf − θ, where the
 * annual `requiredReturn` becomes θ = (1+requiredReturn)^(1/periods) − 1 per period (θ =
 * requiredReturn when periods is 1). NaN below 2 returns, for requiredReturn ≤ −1, or
 * without losses.
 */
export function omegaRatio(returns: readonly number[], riskFree: Threshold = 0, requiredReturn = 0, periods = 252): number {
  checkAligned(returns, riskFree, 'riskFree');
  if (returns.length < 2 || requiredReturn <= -1) return Number.NaN;
  const theta = periods === 1 ? requiredReturn : (1 + requiredReturn) ** (1 / periods) - 1;
  let up = 0;
  let down = 0;
  returns.forEach((r, i) => {
    const d = r - at(riskFree, i) - theta;
    if (d > 0) up += d;
    else if (d < 0) down -= d;
  });
  return down > 0 ? up / down : Number.NaN;
}

/**
 * Alpha and beta against aligned benchmark returns (empyrical `alpha_beta_aligned`):
 * β = mean((b − b̄)·r)/mean((b − b̄)²) over dates where the return exists (b̄ over those
 * dates; NaN when var(b) < 1e-30), α = (1 + mean((r − rf) − β(b − rf)))^periods − 1.
 * Both NaN below 2 returns.
 */
export function alphaBeta(
  returns: readonly number[],
  benchmark: readonly number[],
  riskFree = 0,
  periods = 252,
): { alpha: number; beta: number } {
  checkAligned(returns, benchmark, 'benchmark');
  if (returns.length < 2) return { alpha: Number.NaN, beta: Number.NaN };
  const ind = benchmark.map((b, i) => (Number.isNaN(returns[i]!) ? Number.NaN : b));
  const mb = nanMean(ind);
  const resid = ind.map((b) => b - mb);
  const cov = nanMean(resid.map((d, i) => d * returns[i]!));
  const v = nanMean(resid.map((d) => d * d));
  const beta = v < 1e-30 ? Number.NaN : cov / v;
  const series = returns.map((r, i) => r - riskFree - beta * (benchmark[i]! - riskFree));
  return { beta, alpha: (nanMean(series) + 1) ** periods - 1 };
}

/** The `cutoff` quantile of the returns, numpy linear interpolation (empyrical `value_at_risk`, a return, ≤ 0 for a loss). */
export function valueAtRisk(returns: readonly number[], cutoff = 0.05): number {
  if (!(cutoff >= 0 && cutoff <= 1)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `cutoff must be in [0, 1], got ${cutoff}`);
  return percentile(returns, cutoff * 100);
}

/**
 * Mean of the ⌊(n−1)·cutoff⌋ + 1 lowest returns (empyrical `conditional_value_at_risk`),
 * i.e. of the returns at or below {@link valueAtRisk} when there are no ties.
 */
export function conditionalValueAtRisk(returns: readonly number[], cutoff = 0.05): number {
  if (!(cutoff >= 0 && cutoff <= 1)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `cutoff must be in [0, 1], got ${cutoff}`);
  if (returns.length === 0) return Number.NaN;
  const sorted = Float64Array.from(returns).sort();
  const k = Math.floor((returns.length - 1) * cutoff);
  let s = 0;
  for (let i = 0; i <= k; i++) s += sorted[i]!;
  return s / (k + 1);
}

/** |95th percentile| / |5th percentile| of the non-missing returns (empyrical `tail_ratio`). */
export function tailRatio(returns: readonly number[]): number {
  const r = returns.filter((x) => !Number.isNaN(x));
  if (r.length < 1) return Number.NaN;
  return Math.abs(percentile(r, 95)) / Math.abs(percentile(r, 5));
}

/** R² of a straight-line fit to the cumulative log returns (empyrical `stability_of_timeseries`). */
export function stabilityOfTimeseries(returns: readonly number[]): number {
  if (returns.length < 2) return Number.NaN;
  const y: number[] = [];
  let c = 0;
  for (const r of returns) {
    if (Number.isNaN(r)) continue;
    c += Math.log1p(r);
    y.push(c);
  }
  const n = y.length;
  if (n < 2) return Number.NaN;
  const mx = (n - 1) / 2;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  y.forEach((v, i) => {
    sxy += (i - mx) * (v - my);
    sxx += (i - mx) ** 2;
    syy += (v - my) ** 2;
  });
  return syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
}
