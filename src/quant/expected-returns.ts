/**
 * Expected-return estimators, annualized, one number per ticker in table order. They
 * reproduce PyPortfolioOpt 1.5.6 `expected_returns` (mean_historical_return,
 * ema_historical_return, capm_return) on simple returns without forward fill.
 */
import { WealthDeskError } from '../errors.js';
import { pairwiseCov } from './linalg.js';
import type { PriceTable } from './price-table.js';
import { returnColumn, returnColumns, simpleReturns } from './returns.js';
import { ewmLast } from './stats.js';

const DEFAULT_FREQUENCY = 252;

function checkFrequency(f: number): number {
  if (!(Number.isFinite(f) && f > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `frequency must be > 0, got ${f}`);
  return f;
}

/** CAGR of one return column over its own non-missing observations: Π(1+r)^(f/count) − 1. */
function compoundedAnnual(col: Float64Array, frequency: number): number {
  let prod = 1;
  let count = 0;
  for (const r of col) {
    if (!Number.isNaN(r)) {
      prod *= 1 + r;
      count++;
    }
  }
  return count === 0 ? Number.NaN : prod ** (frequency / count) - 1;
}

function arithmeticAnnual(col: Float64Array, frequency: number): number {
  let s = 0;
  let count = 0;
  for (const r of col) {
    if (!Number.isNaN(r)) {
      s += r;
      count++;
    }
  }
  return count === 0 ? Number.NaN : (s / count) * frequency;
}

function requireReturns(tickers: readonly string[], values: readonly number[], what: string): number[] {
  values.forEach((v, j) => {
    if (Number.isNaN(v)) {
      throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${what}: ticker ${tickers[j]} has too few prices to compute a return`);
    }
  });
  return [...values];
}

/**
 * Annualized mean historical return. With `compounding` (default) it is the compound
 * annual growth rate over each asset's own observations, Π(1+rₜ)^(frequency/count) − 1,
 * exactly PyPortfolioOpt's `mean_historical_return`; otherwise mean(rₜ)·frequency.
 *
 * @throws WD_ERR_QUANT_INPUT when a ticker has no return at all.
 */
export function meanHistoricalReturn(t: PriceTable, o: { compounding?: boolean; frequency?: number } = {}): number[] {
  const f = checkFrequency(o.frequency ?? DEFAULT_FREQUENCY);
  const r = simpleReturns(t);
  const mu = returnColumns(r).map((c) => (o.compounding === false ? arithmeticAnnual(c, f) : compoundedAnnual(c, f)));
  return requireReturns(t.tickers, mu, 'meanHistoricalReturn');
}

/**
 * Exponentially weighted mean return (pandas `ewm(span).mean()` at the last date, missing
 * returns skipped), annualized as (1+m)^frequency − 1 with `compounding` (default) or
 * m·frequency without: PyPortfolioOpt's `ema_historical_return`. Default span 500.
 */
export function emaHistoricalReturn(
  t: PriceTable,
  o: { span?: number; frequency?: number; compounding?: boolean } = {},
): number[] {
  const f = checkFrequency(o.frequency ?? DEFAULT_FREQUENCY);
  const span = o.span ?? 500;
  const r = simpleReturns(t);
  const mu = r.tickers.map((_, j) => {
    const m = ewmLast(Array.from(returnColumn(r, j)), span);
    return o.compounding === false ? m * f : (1 + m) ** f - 1;
  });
  return requireReturns(t.tickers, mu, 'emaHistoricalReturn');
}

/**
 * CAPM expected return, rf + βᵢ·(E[Rₘ] − rf), PyPortfolioOpt's `capm_return`. The market is
 * `market` (prices aligned with `t.dates`, null where missing) or, by default, the
 * equal-weighted mean of the available asset returns on each date. βᵢ = cov(rᵢ, rₘ)/var(rₘ)
 * on pairwise-complete observations (ddof 1); E[Rₘ] is the market's CAGR (`compounding`,
 * default) or arithmetic mean × frequency. `riskFreeRate` is annual, default 0.
 */
export function capmReturn(
  t: PriceTable,
  o: { market?: (number | null)[]; riskFreeRate?: number; frequency?: number; compounding?: boolean } = {},
): number[] {
  const f = checkFrequency(o.frequency ?? DEFAULT_FREQUENCY);
  const rf = o.riskFreeRate ?? 0;
  const r = simpleReturns(t);
  const cols = returnColumns(r);
  let mkt: Float64Array;
  if (o.market) {
    if (o.market.length !== t.dates.length) {
      throw new WealthDeskError('WD_ERR_QUANT_INPUT', `market prices must align with the ${t.dates.length} price dates, got ${o.market.length}`);
    }
    const market = o.market;
    const index = new Map(t.dates.map((d, i) => [d, i]));
    mkt = Float64Array.from(r.dates, (d) => {
      const i = index.get(d) as number;
      const p = market[i];
      const q = market[i - 1];
      if (p === null || q === null || !(p > 0) || !(q > 0)) return Number.NaN;
      return p / q - 1;
    });
  } else {
    mkt = Float64Array.from(r.returns, (row) => {
      let s = 0;
      let n = 0;
      for (const v of row) {
        if (v !== null) {
          s += v;
          n++;
        }
      }
      return n === 0 ? Number.NaN : s / n;
    });
  }
  const { cov } = pairwiseCov([...cols, mkt], 1);
  const n = cols.length;
  const varM = cov[n][n];
  if (!(varM > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'capmReturn: market returns have no variance');
  const mktReturn = o.compounding === false ? arithmeticAnnual(mkt, f) : compoundedAnnual(mkt, f);
  const mu = cols.map((_, i) => rf + (cov[i][n] / varM) * (mktReturn - rf));
  return requireReturns(t.tickers, mu, 'capmReturn');
}
