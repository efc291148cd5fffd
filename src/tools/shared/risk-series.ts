/**
 * The realized-risk view of a portfolio held now — today's weights applied to the
 * lookback history — as `portfolio_risk` computes it, shared with the advisor's book
 * tools (`screen_book`'s risk-limit screen, `client_summary`).
 *
 * The window is the last `lookback + 1` dates on which any held instrument has a close
 * (so `lookback` daily returns); each instrument's close × FX gives its value in the report
 * currency, carried forward over gaps (weekly NAVs) and never back-filled; the portfolio's
 * daily return is rₚ = Σ wᵢ rᵢ with today's value weights.
 */
import type { Queryable } from '../../db/db.js';
import { type History, carryForward, fxHistory, lastTradingDates, priceHistory } from '../../db/repos/market.js';
import { ratio } from '../../money.js';
import type { PriceTable } from '../../quant/price-table.js';
import { simpleReturns } from '../../quant/returns.js';
import { computeMetrics, portfolioReturns } from '../../quant/risk-metrics.js';
import { type PathCache, fxPath, rebase } from './performance-series.js';
import type { Valuation } from './valuation.js';

/** Daily returns in the default lookback (3 years of trading days). */
export const DEFAULT_LOOKBACK_DAYS = 756;

/**
 * Prices × FX in the report currency on `dates`, as a quant PriceTable (floats: this is
 * the quant boundary, so the close and the day's FX rate are each read as a float and
 * multiplied there), from histories already loaded (covering `dates`). Carried forward over gaps,
 * null before an instrument's first close in the window (no price from before the window
 * is carried in: the first return starts inside it).
 */
export function reportCurrencyTableFrom(
  prices: History,
  fx: History,
  instruments: readonly { id: string; currency: string }[],
  report: string,
  dates: readonly string[],
  cache?: PathCache,
): PriceTable {
  if (dates.length === 0) return { dates: [], tickers: instruments.map((i) => i.id), prices: [] };
  const inWindow: History = { ...prices, anchor: new Map() };
  const rates = rebase(fx, dates[0]);
  const rateOf = (ccy: string): number[] => {
    const make = () => fxPath(rates, ccy, report, dates).map((r) => r.toNumber());
    return cache ? cache.get(`fxn:${ccy}>${report}`, dates, make) : make();
  };
  const cols = instruments.map((i) => {
    const make = () => {
      const rate = rateOf(i.currency);
      return carryForward(inWindow, i.id, dates).map((c, t) => (c === null ? null : Number(c) * rate[t]));
    };
    return cache ? cache.get(`col:${i.id}>${report}`, dates, make) : make();
  });
  return { dates: [...dates], tickers: instruments.map((i) => i.id), prices: dates.map((_, t) => cols.map((col) => col[t])) };
}

/** {@link reportCurrencyTableFrom} with the histories of `dates` read from the store. */
export async function reportCurrencyTable(
  db: Queryable,
  instruments: readonly { id: string; currency: string }[],
  report: string,
  dates: readonly string[],
): Promise<PriceTable> {
  if (dates.length === 0) return { dates: [], tickers: instruments.map((i) => i.id), prices: [] };
  const from = dates[0];
  const to = dates[dates.length - 1];
  const [prices, fx] = await Promise.all([
    priceHistory(db, instruments.map((i) => i.id), from, to),
    fxHistory(db, [...new Set([...instruments.map((i) => i.currency), report])], from, to),
  ]);
  return reportCurrencyTableFrom(prices, fx, instruments, report, dates);
}

/** Today's value weights of a valuation's holdings and the portfolio's daily returns over the table. */
export function currentPortfolioReturns(v: Valuation, table: PriceTable): { weights: number[]; port: { dates: string[]; returns: number[] } } {
  const weights = v.holdings.map((h) => ratio(h.value, v.total));
  return { weights, port: portfolioReturns(simpleReturns(table), weights) };
}

/** The last `count` dates ≤ `end` on which any of `ids` has a close in the loaded history (as {@link lastTradingDates}). */
export function lastDatesIn(prices: History, ids: readonly string[], end: string, count: number): string[] {
  const set = new Set<string>();
  for (const id of ids) for (const d of prices.values.get(id)?.keys() ?? []) if (d <= end) set.add(d);
  return [...set].sort().slice(-count);
}

/** Realized risk figures of one portfolio (today's weights over the lookback). */
export interface RiskFigures {
  observations: number;
  annualVolatility: number;
  /** Negative fraction. */
  maxDrawdown: number;
}

/**
 * The realized volatility and max drawdown of many portfolios at once (an advisor's book),
 * each exactly as `portfolio_risk` computes it for that valuation: one read of the
 * price and FX history for every instrument of the book, then per portfolio in memory,
 * with the paths shared between portfolios on the same trading dates. A portfolio whose
 * window reaches before the book's (it holds only weekly or monthly NAVs) is read alone.
 * Empty portfolios are absent from the result.
 */
export async function riskOfMany(
  db: Queryable,
  portfolios: readonly { key: string; valuation: Valuation }[],
  end: string,
  lookbackDays = DEFAULT_LOOKBACK_DAYS,
  cache?: PathCache,
): Promise<Map<string, RiskFigures>> {
  const out = new Map<string, RiskFigures>();
  const live = portfolios.filter((p) => p.valuation.holdings.length > 0 && !p.valuation.total.isZero());
  if (live.length === 0) return out;
  const count = lookbackDays + 1;
  const union = [...new Set(live.flatMap((p) => p.valuation.holdings.map((h) => h.instrument.id)))];
  const window = await lastTradingDates(db, union, end, count);
  if (window.length === 0) return out;
  const currencies = new Set<string>(live.flatMap((p) => [p.valuation.currency, ...p.valuation.holdings.map((h) => h.instrument.currency)]));
  const [prices, fx] = await Promise.all([priceHistory(db, union, window[0], end), fxHistory(db, [...currencies], window[0], end)]);
  for (const { key, valuation: v } of live) {
    const held = v.holdings.map((h) => ({ id: h.instrument.id, currency: h.instrument.currency }));
    const ids = held.map((h) => h.id);
    let dates = lastDatesIn(prices, ids, end, count);
    let table: PriceTable;
    if (dates.length < count && ids.some((id) => prices.anchor.has(id))) {
      // fewer closes than the lookback in the book's window, and more before it
      dates = await lastTradingDates(db, ids, end, count);
      table = await reportCurrencyTable(db, held, v.currency, dates);
    } else {
      table = reportCurrencyTableFrom(prices, fx, held, v.currency, dates, cache);
    }
    const { port } = currentPortfolioReturns(v, table);
    if (port.returns.length < 2) continue; // too new to measure (portfolio_risk says WD_ERR_QUANT_INPUT)
    const m = computeMetrics(port.returns);
    out.set(key, { observations: m.observations, annualVolatility: m.annualVolatility, maxDrawdown: m.maxDrawdown });
  }
  return out;
}
