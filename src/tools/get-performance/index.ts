/**
 * get_performance: time-weighted return (see {@link ../shared/performance-series.ts}) over 1M,
 * 3M, 6M, YTD, 1Y, 3Y, since inception (SI) and calendar years (`2025`), annualized for periods longer than 366
 * days as (1 + R)^(365 / days) − 1, with the money P&L over each period and a
 * benchmark's return over the same dates.
 *
 * Periods end at the valuation date E (latest price date ≤ as-of). Nominal starts:
 * 1M/3M/1Y/3Y = E minus 1/3/12/36 calendar months; YTD = 31 Dec of the previous year;
 * SI = the day before the client's inception date; a calendar year Y = 31 Dec of Y−1 to
 * 31 Dec of Y (or E in the current year). A period reaching before the first lot starts at the
 * first lot (the reported `start` says so).
 *
 * Benchmark rule: the one asked for (an instrument id); else a blend of the client's
 * target allocation, each asset class represented by its index (the most common
 * `benchmark_id` of instruments of that class; cash earns 0; classes without an index are
 * dropped and the rest re-weighted), rebalanced daily; with no target allocation, the
 * index of the base currency's equities. Benchmark prices are converted to the report
 * currency (price × FX), like the portfolio.
 */
import { getTargetAllocation } from '../../db/repos/clients.js';
import {
  type History,
  type InstrumentRow,
  carryForward,
  classBenchmarks,
  currencyBenchmark,
  fxHistory,
  getInstruments,
  priceHistory,
} from '../../db/repos/market.js';
import { getLots } from '../../db/repos/portfolio.js';
import { WealthDeskError } from '../../errors.js';
import { type Decimal, ONE, ZERO, dec, roundMoney } from '../../money.js';
import { GetPerformanceInput, type GetPerformanceResult, type Period, type PeriodReturn } from '../contract.js';
import { dailySeries, daysBetween, fxPath, minusMonths, window } from '../shared/performance-series.js';
import { resolveClient } from '../shared/scope.js';
import { type ToolContext, defineTool } from '../types.js';
import { isCalendarYear } from '../../vocab.js';
import { valuationDate } from '../shared/valuation.js';
import { getPerformancePlanner } from './planner.js';

const ALL: Period[] = ['1M', '3M', 'YTD', '1Y', '3Y', 'SI'];

interface BenchmarkSpec {
  id: string;
  name: string;
  nameEn: string;
  parts: { indexId: string | null; weight: Decimal }[]; // null = cash (0 return)
}

export const getPerformanceTool = defineTool({
  name: 'get_performance',
  description:
    "The client's time-weighted return (not distorted by deposits or purchases) over 1M, 3M, 6M, YTD, 1Y, 3Y, since inception and calendar years (\"2025\" = last year), " +
    'annualized for periods over a year, the money gain over each period and a benchmark comparison. Use for 收益怎么样 / ' +
    'how did my portfolio do this year / vs the benchmark.',
  schema: GetPerformanceInput,
  roles: ['client', 'advisor'],
  scope: 'client',
  activity: { zh: '正在计算收益…', en: 'Calculating the returns…' },
  planner: getPerformancePlanner,
  async execute(args, ctx): Promise<GetPerformanceResult> {
    const client = await resolveClient(ctx, args.clientId);
    const clientId = client.id;
    const currency = args.currency ?? client.baseCurrency;
    const end = await valuationDate(ctx.db, ctx.asOf);
    const bench = await resolveBenchmark(ctx, args.benchmark, clientId, client.baseCurrency);

    const lots = await getLots(ctx.db, clientId, end);
    const ids = [...new Set(lots.map((l) => l.instrumentId))];
    const benchIds = bench.parts.flatMap((p) => (p.indexId ? [p.indexId] : []));
    const from = lots.reduce((m, l) => (l.acquiredAt < m ? l.acquiredAt : m), end);
    const instruments = await getInstruments(ctx.db, [...ids, ...benchIds]);
    const [prices, benchPrices, fx] = await Promise.all([
      priceHistory(ctx.db, ids, from, end),
      priceHistory(ctx.db, benchIds, from, end),
      fxHistory(ctx.db, ['USD', 'HKD', 'CNY'], from, end),
    ]);
    const dateSet = new Set<string>();
    for (const m of prices.values.values()) for (const d of m.keys()) dateSet.add(d);
    const dates = [...dateSet].sort();
    const currencyOf = new Map([...instruments.values()].map((i) => [i.id, i.currency as string]));
    const series = dailySeries(lots, currencyOf, prices, fx, currency, dates);
    const benchGrowth = benchmarkGrowth(bench, instruments, benchPrices, fx, currency, dates);

    const periods: PeriodReturn[] = (args.periods?.length ? [...new Set(args.periods)] : ALL).map((period) => {
      const range = periodRange(period, end, client.inceptionDate);
      const w = window(series, range.start, range.end);
      const start = w.baseIndex >= 0 ? series.dates[w.baseIndex] : dates.length ? maxDate(range.start, from) : range.end;
      const stop = w.endIndex >= 0 ? series.dates[w.endIndex] : range.end;
      let bg = ONE;
      for (let i = w.baseIndex + 1; i <= w.endIndex; i++) bg = bg.times(benchGrowth[i]);
      const r = w.twr.toNumber();
      const br = dates.length ? bg.minus(ONE).toNumber() : null;
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
    return { clientId, clientName: client.name, asOf: end, currency, benchmark: { id: bench.id, name: bench.name, nameEn: bench.nameEn }, periods };
  },
});

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
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

async function resolveBenchmark(ctx: ToolContext, asked: string | undefined, clientId: string, base: string): Promise<BenchmarkSpec> {
  const describe = (i: InstrumentRow): BenchmarkSpec => ({ id: i.id, name: i.name, nameEn: i.nameEn, parts: [{ indexId: i.id, weight: ONE }] });
  if (asked) {
    const i = (await getInstruments(ctx.db, [asked.trim()])).get(asked.trim());
    if (!i) throw new WealthDeskError('WD_ERR_NOT_FOUND', `unknown benchmark ${asked.slice(0, 32)}`, { details: { path: 'benchmark' } });
    return describe(i);
  }
  const target = await getTargetAllocation(ctx.db, clientId);
  if (target.length > 0) {
    const byClass = await classBenchmarks(ctx.db);
    const raw = target
      .filter((t) => !dec(t.weight).isZero())
      .map((t) => ({ cls: t.assetClass, indexId: t.assetClass === 'cash' ? null : (byClass.get(t.assetClass) ?? undefined), weight: dec(t.weight) }))
      .filter((p) => p.indexId !== undefined) as { cls: string; indexId: string | null; weight: Decimal }[];
    const total = raw.reduce((s, p) => s.plus(p.weight), ZERO);
    if (raw.length > 0 && !total.isZero()) {
      const names = await getInstruments(ctx.db, raw.flatMap((p) => (p.indexId ? [p.indexId] : [])));
      // one part per index (two classes may share one), largest first
      const merged = new Map<string | null, Decimal>();
      for (const p of raw) merged.set(p.indexId, (merged.get(p.indexId) ?? ZERO).plus(p.weight.div(total)));
      const parts = [...merged]
        .map(([indexId, weight]) => ({ indexId, weight }))
        .sort((a, b) => b.weight.comparedTo(a.weight) || String(a.indexId).localeCompare(String(b.indexId)));
      const label = (en: boolean) =>
        parts
          .map((p) => `${p.weight.times(100).toDecimalPlaces(1).toString()}% ${p.indexId ? (en ? names.get(p.indexId)?.nameEn : names.get(p.indexId)?.name) ?? p.indexId : en ? 'cash' : '现金'}`)
          .join(' + ');
      return { id: 'blend', name: `目标配置混合基准：${label(false)}`, nameEn: `Target-allocation blend: ${label(true)}`, parts };
    }
  }
  const id = await currencyBenchmark(ctx.db, base);
  const i = id ? (await getInstruments(ctx.db, [id])).get(id) : undefined;
  if (!i) throw new WealthDeskError('WD_ERR_NOT_FOUND', `no benchmark index for ${base}`, { details: { path: 'benchmark' } });
  return describe(i);
}

/** 1 + r_b on each series date; the day before the first date comes from the price/FX anchors. */
function benchmarkGrowth(
  b: BenchmarkSpec,
  instruments: ReadonlyMap<string, InstrumentRow>,
  prices: History,
  fx: History,
  report: string,
  dates: readonly string[],
): Decimal[] {
  if (dates.length === 0) return [];
  const ext = ['0000-01-01', ...dates]; // before every observation → the anchor value
  const growth = dates.map(() => ZERO);
  for (const p of b.parts) {
    if (!p.indexId) continue; // cash: 0 return
    const closes = carryForward(prices, p.indexId, ext);
    const rate = fxPath(fx, instruments.get(p.indexId)?.currency ?? 'CNY', report, ext);
    for (let i = 0; i < dates.length; i++) {
      const a = closes[i];
      const c = closes[i + 1];
      if (a && c) growth[i] = growth[i].plus(p.weight.times(dec(c).times(rate[i + 1]).div(dec(a).times(rate[i])).minus(ONE)));
    }
  }
  return growth.map((r) => r.plus(ONE));
}

