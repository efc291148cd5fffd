/**
 * Period returns of a client's portfolio against its benchmark — the computation of
 * `get_performance`, shared with the advisor's book tools (`screen_book`'s underperformed
 * screen, `client_summary`, see `book-returns.ts`), so a figure means the same everywhere.
 *
 * Periods end at the valuation date E. Nominal starts: 1M/3M/6M/1Y/3Y = E minus 1/3/6/12/36
 * calendar months; YTD = 31 Dec of the previous year; SI = the day before the client's
 * inception date; a calendar year Y = 31 Dec of Y−1 to 31 Dec of Y (or E in the current
 * year). A period reaching before the first lot starts at the first lot. The benchmark
 * rule is in `benchmark.ts`; the time-weighted return in `performance-series.ts`.
 */
import type { History } from '../../db/repos/market.js';
import type { LotRow } from '../../db/repos/portfolio.js';
import { WealthDeskError } from '../../errors.js';
import { type Decimal, ONE, roundMoney } from '../../money.js';
import { isCalendarYear } from '../../vocab.js';
import type { Period, PeriodReturn } from '../contract.js';
import { type BenchmarkSpec, benchmarkGrowth, benchmarkIndexIds } from './benchmark.js';
import { type PathSource, daysBetween, directPaths, holdingPaths, minusMonths, rebase, windowReturn } from './performance-series.js';

export { type BenchmarkSpec, benchmarkIndexIds, resolveBenchmark } from './benchmark.js';

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The nominal dates of a period whose data ends at `end` (the valuation date): trailing
 * windows end at `end`; a calendar year runs from the last day of the year before to
 * 31 Dec (or `end` for the current year). A year after `end`'s, or one that ended before
 * the client's inception, is WD_ERR_VALIDATION.
 */
export function periodRange(p: Period, end: string, inception: string): { start: string; end: string } {
  if (isCalendarYear(p)) {
    const year = Number(p);
    const last = Number(end.slice(0, 4));
    if (year > last) throw new WealthDeskError('WD_ERR_VALIDATION', `periods: ${year} has not started yet (data to ${end})`, { details: { path: 'periods' } });
    const yearEnd = `${year}-12-31`;
    if (yearEnd < inception) {
      throw new WealthDeskError('WD_ERR_VALIDATION', `periods: ${year} is before the portfolio's inception (${inception})`, { details: { path: 'periods' } });
    }
    return { start: `${year - 1}-12-31`, end: yearEnd < end ? yearEnd : end };
  }
  return { start: periodStart(p, end, inception), end };
}

/** The nominal start of a trailing period ending at `end`. */
export function periodStart(p: Period, end: string, inception: string): string {
  switch (p) {
    case '1M':
      return minusMonths(end, 1);
    case '3M':
      return minusMonths(end, 3);
    case '6M':
      return minusMonths(end, 6);
    case 'YTD':
      return `${Number(end.slice(0, 4)) - 1}-12-31`;
    case '1Y':
      return minusMonths(end, 12);
    case '3Y':
      return minusMonths(end, 36);
    case 'SI':
      // the day before inception, so the first day's purchases and return are inside
      return dayBefore(inception);
    default:
      throw new WealthDeskError('WD_ERR_VALIDATION', `periods: unknown period ${p.slice(0, 8)}`, { details: { path: 'periods' } });
  }
}

/**
 * Paths on one date grid shared by many portfolios (an advisor's book, see
 * `book-returns.ts`): a portfolio whose trading dates are a contiguous run of the grid
 * takes its paths from it instead of computing its own.
 */
export interface SharedPaths {
  /** Where `dates` start in the grid when they are a contiguous run of it (and its paths are exact for them); −1 otherwise. */
  offset(dates: readonly string[]): number;
  /** The paths over grid dates [at, at + length), in `report`. */
  source(at: number, length: number, report: string): PathSource;
  /** Π of the benchmark's daily growth over grid indexes (from, to], in `report`; `from` ≥ −1. */
  benchmarkProduct(b: BenchmarkSpec, report: string, from: number, to: number): Decimal;
}

/** What {@link periodReturns} needs of one client, with histories that cover its lots and benchmark. */
export interface PerformanceInput {
  lots: readonly LotRow[];
  /** Currency of every held instrument and benchmark index. */
  currencyOf: ReadonlyMap<string, string>;
  /** Closes of the held instruments and the benchmark indexes from (at least) the first lot to `end`. */
  prices: History;
  /** FX of every currency involved over the same dates. */
  fx: History;
  currency: string;
  benchmark: BenchmarkSpec;
  periods: readonly Period[];
  /** The valuation date. */
  end: string;
  inception: string;
  shared?: SharedPaths;
}

/** The trading dates of a set of lots: every close of a held instrument from the first lot to `end`. */
export function tradingDates(lots: readonly LotRow[], prices: History, end: string): string[] {
  const from = lots.reduce((m, l) => (l.acquiredAt < m ? l.acquiredAt : m), end);
  const set = new Set<string>();
  for (const id of new Set(lots.map((l) => l.instrumentId))) for (const d of prices.values.get(id)?.keys() ?? []) if (d >= from && d <= end) set.add(d);
  return [...set].sort();
}

/** Time-weighted return, money P&L and benchmark return over each period (see the module doc). */
export function periodReturns(x: PerformanceInput): PeriodReturn[] {
  const { lots, end } = x;
  const from = lots.reduce((m, l) => (l.acquiredAt < m ? l.acquiredAt : m), end);
  const dates = tradingDates(lots, x.prices, end);
  const ranges = x.periods.map((p) => ({ period: p, range: periodRange(p, end, x.inception) }));
  const at = x.shared?.offset(dates) ?? -1;
  let grid: readonly string[];
  let source: PathSource;
  let benchmark: (from: number, to: number) => Decimal;
  if (x.shared && at >= 0) {
    const shared = x.shared;
    grid = dates;
    source = shared.source(at, dates.length, x.currency);
    benchmark = (b, e) => shared.benchmarkProduct(x.benchmark, x.currency, at + b, at + e);
  } else {
    // only from the earliest base date any period needs, on histories rebased there
    let s = dates.length;
    for (const { range } of ranges) {
      let b = -1;
      for (let i = 0; i < dates.length && dates[i] <= range.start; i++) b = i;
      s = Math.min(s, Math.max(b, 0));
    }
    grid = s > 0 ? dates.slice(s) : dates;
    const prices = grid.length ? rebase(x.prices, grid[0], [...new Set([...lots.map((l) => l.instrumentId), ...benchmarkIndexIds(x.benchmark)])]) : x.prices;
    const fx = grid.length ? rebase(x.fx, grid[0]) : x.fx;
    source = directPaths(prices, fx, x.currencyOf, x.currency, grid);
    const growth = benchmarkGrowth(x.benchmark, x.currencyOf, prices, fx, x.currency, grid);
    benchmark = (b, e) => {
      let g = ONE;
      for (let i = b + 1; i <= e; i++) g = g.times(growth[i]);
      return g;
    };
  }
  const held = holdingPaths(lots, grid, source);
  return ranges.map(({ period, range }) => {
    const w = windowReturn(held, range.start, range.end);
    const start = w.baseIndex >= 0 ? grid[w.baseIndex] : grid.length ? (range.start > from ? range.start : from) : range.end;
    const stop = w.endIndex >= 0 ? grid[w.endIndex] : range.end;
    const r = w.twr.toNumber();
    const br = grid.length ? benchmark(w.baseIndex, w.endIndex).minus(ONE).toNumber() : null;
    const days = daysBetween(start, stop);
    return {
      period,
      start,
      end: stop,
      return: r,
      annualized: days > 366 ? Math.pow(1 + r, 365 / days) - 1 : null,
      benchmarkReturn: br,
      excessReturn: br === null ? null : r - br,
      pnl: roundMoney(w.pnl),
    };
  });
}
