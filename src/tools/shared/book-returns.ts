/**
 * Period returns of a whole book at once — each portfolio exactly as `get_performance`
 * computes it with its defaults (the client's base currency and default benchmark) —
 * in a few reads: the benchmark references, and one price and FX history for every
 * instrument and index of the book.
 *
 * The book's trading dates form one grid (every close of a held instrument). Most
 * portfolios trade on a contiguous run of it, and for them the carried closes, the FX
 * paths and the benchmark's cumulative growth are taken from the grid, computed once per
 * question (a benchmark's growth over (b, e] is C_e / C_b of its running product). The
 * grid is used only where that is exact: every index and FX observation in its span
 * falls on a grid date. Other portfolios (weekly NAVs only, say) are computed alone.
 */
import type { Queryable } from '../../db/db.js';
import type { TargetWeight } from '../../db/repos/clients.js';
import { type History, carryForward, fxHistory, getInstruments, priceHistory } from '../../db/repos/market.js';
import type { LotRow } from '../../db/repos/portfolio.js';
import { WealthDeskError } from '../../errors.js';
import { type Decimal, ONE } from '../../money.js';
import type { Period, PeriodReturn } from '../contract.js';
import { type BenchmarkSpec, benchmarkFor, benchmarkIndexIds, benchmarkRefs, blendGrowth, indexReturns } from './benchmark.js';
import { type PathSource, fxPath } from './performance-series.js';
import { type SharedPaths, periodReturns } from './performance.js';

/** The book's date grid and the paths on it (see the module doc). */
class BookGrid implements SharedPaths {
  private readonly index = new Map<string, number>();
  private readonly memo = new Map<string, unknown>();

  constructor(
    private readonly dates: readonly string[],
    private readonly prices: History,
    private readonly fx: History,
    private readonly currencyOf: ReadonlyMap<string, string>,
    /** Whether the grid's paths are exact for its runs (every index/FX observation in its span is a grid date). */
    private readonly exact: boolean,
  ) {
    dates.forEach((d, i) => this.index.set(d, i));
  }

  /** Builds the grid of the held instruments' closes in [from, end] and checks it against the indexes and FX. */
  static of(prices: History, fx: History, currencyOf: ReadonlyMap<string, string>, held: Iterable<string>, indexes: Iterable<string>, from: string, end: string): BookGrid {
    const set = new Set<string>();
    for (const id of held) for (const d of prices.values.get(id)?.keys() ?? []) if (d >= from && d <= end) set.add(d);
    const dates = [...set].sort();
    const first = dates[0];
    const last = dates[dates.length - 1];
    const onGrid = (obs: ReadonlyMap<string, string> | undefined) => [...(obs?.keys() ?? [])].every((d) => d < first || d > last || set.has(d));
    const exact = dates.length > 0 && [...indexes].every((id) => onGrid(prices.values.get(id))) && [...fx.values.values()].every(onGrid);
    return new BookGrid(dates, prices, fx, currencyOf, exact);
  }

  offset(dates: readonly string[]): number {
    if (!this.exact || dates.length === 0) return -1;
    const at = this.index.get(dates[0]);
    const to = this.index.get(dates[dates.length - 1]);
    return at !== undefined && to !== undefined && to - at + 1 === dates.length ? at : -1;
  }

  private get<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  source(at: number, length: number, report: string): PathSource {
    const slice = <T>(xs: readonly T[]) => (at === 0 && length === xs.length ? xs : xs.slice(at, at + length));
    return {
      closes: (id) => slice(this.get(`close:${id}`, () => carryForward(this.prices, id, this.dates))),
      rate: (id) => {
        const ccy = this.currencyOf.get(id) ?? 'CNY';
        return slice(this.get(`fx:${ccy}>${report}`, () => fxPath(this.fx, ccy, report, this.dates)));
      },
    };
  }

  benchmarkProduct(b: BenchmarkSpec, report: string, from: number, to: number): Decimal {
    if (to <= from) return ONE;
    // Running product of the blend's growth from a floor (the earliest date asked for so
    // far): product over (from, to] = C_to / C_from, or C_to when from is below the floor.
    const floor = Math.max(from + 1, 0);
    const key = `bench:${b.parts.map((p) => `${p.indexId}=${p.weight.toString()}`).join('+')}>${report}`;
    let run = this.memo.get(key) as { floor: number; cum: Decimal[] } | undefined;
    if (!run || run.floor > floor) {
      let c = ONE;
      const cum = blendGrowth(b, this.dates.length, floor, (id) => this.indexReturns(id, report, floor)).map((g) => (c = c.times(g)));
      this.memo.set(key, (run = { floor, cum }));
    }
    const at = (i: number) => run.cum[i - run.floor];
    return from < run.floor ? at(to) : at(to).div(at(from));
  }

  /** An index's returns on grid dates [floor, n) in `report` (memoized from the lowest floor asked). */
  private indexReturns(id: string, report: string, floor: number): readonly (Decimal | null)[] {
    const key = `ix:${id}>${report}`;
    let run = this.memo.get(key) as { floor: number; r: (Decimal | null)[] } | undefined;
    if (!run || run.floor > floor) {
      const ext = this.get('ext', () => ['0000-01-01', ...this.dates]);
      const ccy = this.currencyOf.get(id) ?? 'CNY';
      const rate = this.get(`xfx:${ccy}>${report}`, () => fxPath(this.fx, ccy, report, ext));
      const closes = this.get(`xclose:${id}`, () => carryForward(this.prices, id, ext));
      this.memo.set(key, (run = { floor, r: indexReturns(closes, rate, floor) }));
    }
    const r = run;
    return r.floor === floor ? r.r : r.r.slice(floor - r.floor);
  }
}

/** One portfolio of {@link returnsOfMany}: its client (base currency, inception), lots and target allocation. */
export interface ManyInput {
  key: string;
  client: { baseCurrency: string; inceptionDate: string };
  lots: readonly LotRow[];
  target: readonly TargetWeight[];
}

/** A portfolio's period returns and the benchmark they are compared with. */
export interface ManyReturns {
  benchmark: { id: string; name: string; nameEn: string };
  periods: PeriodReturn[];
}

/**
 * The period returns of many portfolios (see the module doc). A portfolio without lots,
 * without a benchmark index, or whose period lies before its inception is absent.
 */
export async function returnsOfMany(db: Queryable, portfolios: readonly ManyInput[], periods: readonly Period[], end: string): Promise<Map<string, ManyReturns>> {
  const out = new Map<string, ManyReturns>();
  const live = portfolios.filter((p) => p.lots.length > 0);
  if (live.length === 0) return out;
  const refs = await benchmarkRefs(db, live.map((p) => p.client.baseCurrency));
  const benches = new Map<string, BenchmarkSpec>();
  for (const p of live) {
    try {
      benches.set(p.key, benchmarkFor(p.target, p.client.baseCurrency, refs));
    } catch (e) {
      if (!(e instanceof WealthDeskError && e.code === 'WD_ERR_NOT_FOUND')) throw e;
    }
  }
  const held = [...new Set(live.flatMap((p) => p.lots.map((l) => l.instrumentId)))];
  const indexes = [...new Set([...benches.values()].flatMap(benchmarkIndexIds))];
  const from = live.reduce((m, p) => p.lots.reduce((n, l) => (l.acquiredAt < n ? l.acquiredAt : n), m), end);
  const ids = [...new Set([...held, ...indexes])];
  const [instruments, prices, fx] = await Promise.all([getInstruments(db, ids), priceHistory(db, ids, from, end), fxHistory(db, ['USD', 'HKD', 'CNY'], from, end)]);
  const currencyOf = new Map([...instruments.values()].map((i) => [i.id, i.currency as string]));
  const shared = BookGrid.of(prices, fx, currencyOf, held, indexes, from, end);
  for (const p of live) {
    const benchmark = benches.get(p.key);
    if (!benchmark) continue;
    try {
      const r = periodReturns({ lots: p.lots, currencyOf, prices, fx, currency: p.client.baseCurrency, benchmark, periods, end, inception: p.client.inceptionDate, shared });
      out.set(p.key, { benchmark: { id: benchmark.id, name: benchmark.name, nameEn: benchmark.nameEn }, periods: r });
    } catch (e) {
      if (!(e instanceof WealthDeskError && e.code === 'WD_ERR_VALIDATION')) throw e;
    }
  }
  return out;
}
