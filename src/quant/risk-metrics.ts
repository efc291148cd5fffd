/**
 * Portfolio risk metrics with empyrical's definitions (DESIGN.md "Risk metrics"): daily
 * simple returns, `periods` (252) per year. Metrics that are undefined for the data (e.g. a
 * Sharpe ratio of a constant series) are NaN, or null where the type says so.
 */
import { WealthDeskError } from '../errors.js';
import type { ReturnTable } from './returns.js';
import { assertFinite, mean, percentileOfSorted, std, tailMean } from './stats.js';

export interface RiskMetrics {
  /** Compound annual growth rate: (Π(1+rₜ))^(periods/n) − 1. */
  annualReturn: number;
  /** std(rₜ, ddof=1)·√periods. */
  annualVolatility: number;
  /** mean(rₜ − rf_d)/std(rₜ − rf_d, ddof=1)·√periods with rf_d = riskFreeRate/periods. */
  sharpe: number;
  /** mean(rₜ − req)·periods / (√mean(min(rₜ − req, 0)²)·√periods); req = requiredReturn (daily). */
  sortino: number;
  /** Largest peak-to-trough fall of the wealth curve, a fraction ≤ 0. */
  maxDrawdown: number;
  /** annualReturn / |maxDrawdown|; null when there is no drawdown. */
  calmar: number | null;
  /** 5th percentile of daily returns (numpy linear interpolation), a negative number for a loss. */
  var95: number;
  /** Mean of the daily returns at or below var95. */
  cvar95: number;
  /** 1st percentile of daily returns. */
  var99: number;
  /** Mean of the daily returns at or below var99. */
  cvar99: number;
  /** cov(r, b)/var(b) (ddof 0) on dates with a benchmark return; null without a benchmark. */
  beta: number | null;
  /** (1 + mean((rₜ − rf_d) − β(bₜ − rf_d)))^periods − 1; null without a benchmark. */
  alpha: number | null;
  /** Number of daily returns used. */
  observations: number;
}

/**
 * Daily returns of a portfolio held at constant `weights` (table order), rebalanced daily:
 * rₚ,ₜ = Σⱼ wⱼ·rⱼ,ₜ. A date on which any asset with a non-zero weight has no return (not yet
 * listed, or a price gap) is left out of the series, so the series starts when every held
 * asset trades; assets with weight 0 never cause a date to be dropped.
 *
 * @throws WD_ERR_QUANT_INPUT when the weights do not match the tickers or are not finite.
 */
export function portfolioReturns(r: ReturnTable, weights: number[]): { dates: string[]; returns: number[] } {
  if (weights.length !== r.tickers.length) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `expected ${r.tickers.length} weights, got ${weights.length}`);
  }
  assertFinite(weights, 'weights');
  const held = weights.map((w, j) => (w !== 0 ? j : -1)).filter((j) => j >= 0);
  const dates: string[] = [];
  const returns: number[] = [];
  r.returns.forEach((row, t) => {
    let s = 0;
    for (const j of held) {
      const v = row[j];
      if (v === null) return;
      s += weights[j] * v;
    }
    dates.push(r.dates[t]);
    returns.push(s);
  });
  return { dates, returns };
}

/**
 * Drawdown after each return: Wₜ/max(1, W₀…Wₜ) − 1 with wealth Wₜ = Π_{k≤t}(1+rₖ) and a
 * starting peak of 1 (as empyrical, which prepends the starting value). Every entry ≤ 0.
 */
export function drawdownSeries(returns: number[]): number[] {
  let wealth = 1;
  let peak = 1;
  return returns.map((r) => {
    wealth *= 1 + r;
    if (wealth > peak) peak = wealth;
    return (wealth - peak) / peak;
  });
}

/** Maximum drawdown (empyrical `max_drawdown`): the minimum of {@link drawdownSeries}, 0 for no loss. */
export function maxDrawdown(returns: number[]): number {
  let m = 0;
  for (const d of drawdownSeries(returns)) if (d < m) m = d;
  return m;
}

/**
 * Each asset's share of portfolio variance: wᵢ(Σw)ᵢ / wᵀΣw. The shares sum to 1 (a share
 * can be negative for a hedge).
 *
 * @throws WD_ERR_QUANT_INPUT when sizes differ or the portfolio variance is not positive.
 */
export function riskContributions(weights: number[], cov: number[][]): number[] {
  if (cov.length !== weights.length || cov.some((row) => row.length !== weights.length)) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `covariance must be ${weights.length}×${weights.length}`);
  }
  const sw = cov.map((row) => row.reduce((s, c, j) => s + c * weights[j], 0));
  const contrib = weights.map((w, i) => w * sw[i]);
  const total = contrib.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'portfolio variance must be positive');
  return contrib.map((c) => c / total);
}

/** Herfindahl–Hirschman concentration Σwᵢ² (1 = a single holding, 1/n = equal weights). */
export function hhi(weights: number[]): number {
  return weights.reduce((s, w) => s + w * w, 0);
}


function alphaBeta(
  returns: readonly number[],
  benchmark: readonly number[],
  rfDaily: number,
  periods: number,
): { alpha: number; beta: number } {
  const idx = benchmark.map((b, t) => (Number.isFinite(b) ? t : -1)).filter((t) => t >= 0);
  if (idx.length < 2) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'benchmark shares fewer than 2 dates with the returns');
  const b = idx.map((t) => benchmark[t]);
  const r = idx.map((t) => returns[t]);
  const mb = mean(b);
  let cov = 0;
  let vb = 0;
  for (let k = 0; k < b.length; k++) {
    cov += (b[k] - mb) * r[k];
    vb += (b[k] - mb) * (b[k] - mb);
  }
  cov /= b.length;
  vb /= b.length;
  const beta = vb < 1e-30 ? Number.NaN : cov / vb;
  const alphaDaily = mean(r.map((x, k) => x - rfDaily - beta * (b[k] - rfDaily)));
  return { beta, alpha: (1 + alphaDaily) ** periods - 1 };
}

/**
 * Risk metrics of a daily simple-return series (see {@link RiskMetrics} for each formula).
 * `riskFreeRate` is annual (default 0) and enters daily as riskFreeRate/periods (empyrical
 * takes a per-period rate; this is that rate). `requiredReturn` is the daily threshold for
 * the Sortino downside deviation (default 0). `benchmark` holds daily benchmark returns
 * aligned with `returns`; NaN marks a date without one (left out of beta and alpha).
 *
 * @throws WD_ERR_QUANT_INPUT for fewer than 2 returns, non-finite returns, a return ≤ −1,
 *   or a benchmark of another length.
 */
export function computeMetrics(
  returns: number[],
  o: { riskFreeRate?: number; periods?: number; benchmark?: number[]; requiredReturn?: number } = {},
): RiskMetrics {
  const periods = o.periods ?? 252;
  const rf = (o.riskFreeRate ?? 0) / periods;
  const req = o.requiredReturn ?? 0;
  if (!(Number.isFinite(periods) && periods > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `periods must be > 0, got ${periods}`);
  if (!Number.isFinite(rf) || !Number.isFinite(req)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'riskFreeRate and requiredReturn must be finite');
  if (returns.length < 2) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `risk metrics need at least 2 returns, got ${returns.length}`);
  assertFinite(returns, 'returns');
  if (returns.some((r) => r <= -1)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'a daily return of −100 % or worse');
  const n = returns.length;

  let growth = 1;
  for (const r of returns) growth *= 1 + r;
  const annualReturn = growth ** (periods / n) - 1;
  const annualVolatility = std(returns, 1) * Math.sqrt(periods);
  const excess = returns.map((r) => r - rf);
  const sharpe = (mean(excess) / std(excess, 1)) * Math.sqrt(periods);
  const downside = Math.sqrt(mean(returns.map((r) => Math.min(r - req, 0) ** 2))) * Math.sqrt(periods);
  const sortino = (mean(returns.map((r) => r - req)) * periods) / downside;
  const mdd = maxDrawdown(returns);
  const calmarRaw = mdd < 0 ? annualReturn / Math.abs(mdd) : Number.NaN;
  const sorted = Float64Array.from(returns).sort();
  const var95 = percentileOfSorted(sorted, 5);
  const var99 = percentileOfSorted(sorted, 1);

  let beta: number | null = null;
  let alpha: number | null = null;
  if (o.benchmark) {
    if (o.benchmark.length !== n) {
      throw new WealthDeskError('WD_ERR_QUANT_INPUT', `benchmark has ${o.benchmark.length} returns, expected ${n} aligned with the portfolio`);
    }
    ({ alpha, beta } = alphaBeta(returns, o.benchmark, rf, periods));
  }
  return {
    annualReturn,
    annualVolatility,
    sharpe,
    sortino,
    maxDrawdown: mdd,
    calmar: Number.isFinite(calmarRaw) ? calmarRaw : null,
    var95,
    cvar95: tailMean(sorted, var95),
    var99,
    cvar99: tailMean(sorted, var99),
    beta,
    alpha,
    observations: n,
  };
}
