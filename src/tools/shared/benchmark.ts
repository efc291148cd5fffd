/**
 * The benchmark a client's returns are compared with: the one asked for (an instrument
 * id); else a blend of the client's target allocation, each asset class represented by
 * its index (the most common `benchmark_id` of instruments of that class; cash earns 0;
 * classes without an index are dropped and the rest re-weighted), rebalanced daily; with
 * no target allocation, the index of the base currency's equities. Benchmark prices are
 * converted to the report currency (price × FX), like the portfolio.
 */
import type { Queryable } from '../../db/db.js';
import type { TargetWeight } from '../../db/repos/clients.js';
import { type History, type InstrumentRow, carryForward, classBenchmarks, currencyBenchmark, getInstruments } from '../../db/repos/market.js';
import { WealthDeskError } from '../../errors.js';
import { type Decimal, ONE, ZERO, dec } from '../../money.js';
import { fxPath } from './performance-series.js';

export interface BenchmarkSpec {
  id: string;
  name: string;
  nameEn: string;
  /** Index parts and their weights; `indexId` null = cash (0 return). */
  parts: { indexId: string | null; weight: Decimal }[];
}

/** What benchmarks are built from: the index of each asset class and of each base currency, and the indexes' names. */
export interface BenchmarkRefs {
  byClass: ReadonlyMap<string, string>;
  byCurrency: ReadonlyMap<string, string | undefined>;
  names: ReadonlyMap<string, InstrumentRow>;
}

/** Loads the benchmark references for clients of these base currencies (a few queries, once per book). */
export async function benchmarkRefs(db: Queryable, baseCurrencies: Iterable<string>): Promise<BenchmarkRefs> {
  const byClass = await classBenchmarks(db);
  const byCurrency = new Map<string, string | undefined>();
  for (const c of new Set(baseCurrencies)) byCurrency.set(c, await currencyBenchmark(db, c));
  const ids = [...new Set([...byClass.values(), ...[...byCurrency.values()].filter((x): x is string => Boolean(x))])];
  return { byClass, byCurrency, names: await getInstruments(db, ids) };
}

function single(i: InstrumentRow): BenchmarkSpec {
  return { id: i.id, name: i.name, nameEn: i.nameEn, parts: [{ indexId: i.id, weight: ONE }] };
}

/** The benchmark of a client with this target allocation and base currency (see the module doc). */
export function benchmarkFor(target: readonly TargetWeight[], base: string, refs: BenchmarkRefs): BenchmarkSpec {
  const raw = target
    .filter((t) => !dec(t.weight).isZero())
    .map((t) => ({ indexId: t.assetClass === 'cash' ? null : (refs.byClass.get(t.assetClass) ?? undefined), weight: dec(t.weight) }))
    .filter((p) => p.indexId !== undefined) as { indexId: string | null; weight: Decimal }[];
  const total = raw.reduce((s, p) => s.plus(p.weight), ZERO);
  if (raw.length > 0 && !total.isZero()) {
    // one part per index (two classes may share one), largest first
    const merged = new Map<string | null, Decimal>();
    for (const p of raw) merged.set(p.indexId, (merged.get(p.indexId) ?? ZERO).plus(p.weight.div(total)));
    const parts = [...merged]
      .map(([indexId, weight]) => ({ indexId, weight }))
      .sort((a, b) => b.weight.comparedTo(a.weight) || String(a.indexId).localeCompare(String(b.indexId)));
    const label = (en: boolean) =>
      parts
        .map((p) => `${p.weight.times(100).toDecimalPlaces(1).toString()}% ${p.indexId ? (en ? refs.names.get(p.indexId)?.nameEn : refs.names.get(p.indexId)?.name) ?? p.indexId : en ? 'cash' : '现金'}`)
        .join(' + ');
    return { id: 'blend', name: `目标配置混合基准：${label(false)}`, nameEn: `Target-allocation blend: ${label(true)}`, parts };
  }
  const id = refs.byCurrency.get(base);
  const i = id ? refs.names.get(id) : undefined;
  if (!i) throw new WealthDeskError('WD_ERR_NOT_FOUND', `no benchmark index for ${base}`, { details: { path: 'benchmark' } });
  return single(i);
}

/** The benchmark asked for (an instrument id), else the client's default {@link benchmarkFor}. */
export async function resolveBenchmark(db: Queryable, asked: string | undefined, target: readonly TargetWeight[], base: string): Promise<BenchmarkSpec> {
  if (asked) {
    const i = (await getInstruments(db, [asked.trim()])).get(asked.trim());
    if (!i) throw new WealthDeskError('WD_ERR_NOT_FOUND', `unknown benchmark ${asked.slice(0, 32)}`, { details: { path: 'benchmark' } });
    return single(i);
  }
  return benchmarkFor(target, base, await benchmarkRefs(db, [base]));
}

/** The index ids a benchmark needs prices of. */
export function benchmarkIndexIds(b: BenchmarkSpec): string[] {
  return b.parts.flatMap((p) => (p.indexId ? [p.indexId] : []));
}

/**
 * 1 + r_b on each date of `dates` — the daily-rebalanced blend of the parts' returns; the
 * first date's return is from each index's close before it (the history's anchor).
 * `currencyOf` gives each index's currency.
 */
export function benchmarkGrowth(
  b: BenchmarkSpec,
  currencyOf: ReadonlyMap<string, string>,
  prices: History,
  fx: History,
  report: string,
  dates: readonly string[],
): Decimal[] {
  const ext = ['0000-01-01', ...dates]; // before every observation → the anchor value
  const rates = new Map<string, Decimal[]>();
  return blendGrowth(b, dates.length, 0, (id) => {
    const ccy = currencyOf.get(id) ?? 'CNY';
    let rate = rates.get(ccy);
    if (!rate) rates.set(ccy, (rate = fxPath(fx, ccy, report, ext)));
    return indexReturns(carryForward(prices, id, ext), rate, 0);
  });
}

/**
 * 1 + Σ wₚ rₚ on dates [from, n) of a grid, given each index's returns on those dates
 * (`returnsOf(id)[i − from]`, null where it has no closes); cash parts earn 0.
 */
export function blendGrowth(b: BenchmarkSpec, n: number, from: number, returnsOf: (indexId: string) => readonly (Decimal | null)[]): Decimal[] {
  const growth: Decimal[] = [];
  for (let i = from; i < n; i++) growth.push(ZERO);
  for (const p of b.parts) {
    if (!p.indexId) continue; // cash: 0 return
    const r = returnsOf(p.indexId);
    for (let k = 0; k < growth.length; k++) {
      const x = r[k];
      if (x) growth[k] = growth[k].plus(p.weight.times(x));
    }
  }
  return growth.map((r) => r.plus(ONE));
}

/**
 * An index's return in the report currency on each grid date from `from` on: from its
 * close × FX on the previous date to the date's; null without both closes. `closes` and
 * `rate` run over the extended grid (the anchor first, then the grid's dates).
 */
export function indexReturns(closes: readonly (string | null)[], rate: readonly Decimal[], from: number): (Decimal | null)[] {
  const out: (Decimal | null)[] = [];
  for (let i = from; i + 1 < closes.length; i++) {
    const a = closes[i];
    const c = closes[i + 1];
    out.push(a && c ? dec(c).times(rate[i + 1]).div(dec(a).times(rate[i])).minus(ONE) : null);
  }
  return out;
}
