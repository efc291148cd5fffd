/**
 * Backtest of a target-weight strategy on a daily return table: buy-and-hold, periodic
 * rebalancing (monthly / quarterly / annual, after the last trading day of the period), or
 * threshold rebalancing (when any weight drifts more than `band` from its target), with
 * proportional transaction costs; metrics via {@link computeMetrics}.
 *
 * Conventions:
 * - The portfolio starts at the targets at the close before the first used return row (no
 *   cost for the initial purchase). Leading rows where a held asset has no return yet are
 *   skipped; a later missing return counts as 0 (the price is carried forward).
 * - Rebalancing happens after a row's returns, never after the final row. A rebalance to
 *   value V' costs k·Σ|w·V' − h| (k = costBps/10 000) and leaves V' = V − cost exactly;
 *   V' is found by fixed-point iteration (a contraction, since k < 1).
 * - `turnover` is the one-way turnover summed over rebalances: Σ ½·Σ|trade| / V.
 */
import { WealthDeskError } from '../errors.js';
import type { ReturnTable } from './returns.js';
import { computeMetrics, type RiskMetrics } from './risk-metrics.js';

export type BacktestStrategy =
  | { type: 'buy-and-hold' }
  | { type: 'periodic'; every: 'monthly' | 'quarterly' | 'annual' }
  | { type: 'threshold'; band: number };

export interface BacktestInput {
  returns: ReturnTable;
  /** Target weights in table order (≥ 0, normalised to sum 1). */
  targetWeights: number[];
  strategy: BacktestStrategy;
  /** Transaction cost in basis points of traded value. Default 0. */
  costBps?: number;
  /** Starting value. Default 1. */
  initialValue?: number;
  /** Annual risk-free rate for the Sharpe ratio. Default 0. */
  riskFreeRate?: number;
}

export interface BacktestResult {
  /** Dates of the rows used (each the end of a daily return). */
  dates: string[];
  /** Portfolio value at each date, after any rebalance (and its cost) that day. */
  values: number[];
  turnover: number;
  rebalances: number;
  /** Sum of transaction costs paid. */
  totalCost: number;
  metrics: RiskMetrics;
}

function periodKey(date: string, every: 'monthly' | 'quarterly' | 'annual'): string {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  if (every === 'annual') return y;
  if (every === 'quarterly') return `${y}Q${Math.ceil(m / 3)}`;
  return date.slice(0, 7);
}

/** Runs the strategy; see the module comment for conventions. */
export function backtest(i: BacktestInput): BacktestResult {
  const { tickers, dates, returns } = i.returns;
  const n = tickers.length;
  if (i.targetWeights.length !== n) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `expected ${n} target weights, got ${i.targetWeights.length}`);
  if (i.targetWeights.some((w) => !(Number.isFinite(w) && w >= 0))) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'target weights must be finite and ≥ 0');
  const wSum = i.targetWeights.reduce((a, w) => a + w, 0);
  if (!(wSum > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'target weights sum to zero');
  const w = i.targetWeights.map((x) => x / wSum);
  const k = (i.costBps ?? 0) / 10_000;
  if (!(k >= 0 && k < 1)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'costBps must be in [0, 10 000)');
  const v0 = i.initialValue ?? 1;
  if (!(Number.isFinite(v0) && v0 > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'initialValue must be > 0');
  if (i.strategy.type === 'threshold' && !(i.strategy.band >= 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'threshold band must be ≥ 0');

  const held = w.map((x, j) => (x > 0 ? j : -1)).filter((j) => j >= 0);
  const start = returns.findIndex((row) => held.every((j) => row[j] !== null));
  if (start < 0) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'no date on which every held asset has a return');
  const rows = returns.slice(start);
  const usedDates = dates.slice(start);
  if (rows.length < 2) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'a backtest needs at least 2 return dates');

  const h = w.map((x) => x * v0);
  const values: number[] = [];
  let turnover = 0;
  let rebalances = 0;
  let totalCost = 0;
  for (let t = 0; t < rows.length; t++) {
    const row = rows[t];
    let v = 0;
    for (let j = 0; j < n; j++) {
      const r = row[j];
      if (r !== null && !Number.isFinite(r)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `non-finite return for ${tickers[j]} on ${usedDates[t]}`);
      h[j] *= 1 + (r ?? 0);
      v += h[j];
    }
    if (!(v > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `portfolio value reached zero on ${usedDates[t]}`);
    if (t < rows.length - 1 && shouldRebalance(i.strategy, h, v, w, usedDates[t], usedDates[t + 1])) {
      let vNew = v;
      let traded = 0;
      for (let it = 0; it < 200; it++) {
        traded = 0;
        for (let j = 0; j < n; j++) traded += Math.abs(w[j] * vNew - h[j]);
        const next = v - k * traded;
        const done = Math.abs(next - vNew) <= 1e-15 * v;
        vNew = next;
        if (done) break;
      }
      traded = 0;
      for (let j = 0; j < n; j++) traded += Math.abs(w[j] * vNew - h[j]);
      totalCost += v - vNew;
      turnover += traded / (2 * v);
      rebalances++;
      for (let j = 0; j < n; j++) h[j] = w[j] * vNew;
      v = vNew;
    }
    values.push(v);
  }
  const daily = values.map((x, t) => x / (t === 0 ? v0 : values[t - 1]) - 1);
  return {
    dates: usedDates,
    values,
    turnover,
    rebalances,
    totalCost,
    metrics: computeMetrics(daily, { riskFreeRate: i.riskFreeRate ?? 0, periods: 252 }),
  };
}

function shouldRebalance(s: BacktestStrategy, h: number[], v: number, w: number[], date: string, nextDate: string): boolean {
  switch (s.type) {
    case 'buy-and-hold':
      return false;
    case 'periodic':
      return periodKey(date, s.every) !== periodKey(nextDate, s.every);
    case 'threshold':
      return h.some((x, j) => Math.abs(x / v - w[j]) > s.band);
  }
}
