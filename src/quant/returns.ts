/**
 * Simple daily returns from a {@link PriceTable}, the way PyPortfolioOpt's
 * `returns_from_prices` computes them. Re-exported from `price-table.ts`.
 */
import type { PriceTable } from './price-table.js';

/** Simple returns: `returns[t][j]` is ticker `j`'s return ending on `dates[t]`; null = no return. */
export interface ReturnTable {
  dates: string[];
  tickers: string[];
  returns: (number | null)[][];
}

/**
 * Simple daily returns per column, p[t]/p[t−1] − 1, with no forward fill: a return is null
 * when either price is missing (pandas `pct_change(fill_method=None)`). As PyPortfolioOpt's
 * `returns_from_prices`, rows where every return is null (always the first) are dropped,
 * so `dates[t]` is the end date of return row t.
 */
export function simpleReturns(t: PriceTable): ReturnTable {
  const dates: string[] = [];
  const returns: (number | null)[][] = [];
  for (let r = 1; r < t.prices.length; r++) {
    const prev = t.prices[r - 1];
    const cur = t.prices[r];
    let any = false;
    const row = cur.map((p, j) => {
      const q = prev[j];
      if (p === null || q === null) return null;
      any = true;
      return p / q - 1;
    });
    if (any) {
      dates.push(t.dates[r]);
      returns.push(row);
    }
  }
  return { dates, tickers: [...t.tickers], returns };
}


/** Column j of a return table as a Float64Array, null → NaN (for the numeric kernels). */
export function returnColumn(r: ReturnTable, j: number): Float64Array {
  const out = new Float64Array(r.returns.length);
  for (let t = 0; t < out.length; t++) {
    const v = r.returns[t][j];
    out[t] = v === null ? Number.NaN : v;
  }
  return out;
}

/** All columns of a return table, see {@link returnColumn}. */
export function returnColumns(r: ReturnTable): Float64Array[] {
  return r.tickers.map((_, j) => returnColumn(r, j));
}

/**
 * Log returns ln(1 + r) of {@link simpleReturns} (PyPortfolioOpt
 * `returns_from_prices(prices, log_returns=True)`): same dates, null where the simple
 * return is null.
 */
export function logReturns(t: PriceTable): ReturnTable {
  const r = simpleReturns(t);
  return { ...r, returns: r.returns.map((row) => row.map((v) => (v === null ? null : Math.log1p(v)))) };
}
