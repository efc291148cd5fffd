/**
 * The time-weighted return of a client's lots.
 *
 * On each trading date d (a date on which any held instrument has a close) the value is
 * V_d = Σ over lots acquired on or before d of quantity × close(≤ d) × FX(≤ d) in the
 * report currency (a lot whose instrument has no close yet is carried at cost). A lot's
 * purchase is an external flow F_d = quantity × cost price × FX(d), booked on the first
 * trading date on or after its `acquired_at`, at the start of that day. The daily return
 * r_d = V_d / (V_{d−1} + F_d) − 1 therefore measures the investment, not the
 * contribution, and the period return chain-links Π(1 + r_d) − 1 (time-weighted).
 *
 * Between two purchase days the daily factors telescope (V_{d+1}/V_d · V_{d+2}/V_{d+1} …),
 * so the chain-linked product needs V only on the days around purchases and at the ends of
 * the period: {@link windowReturn} evaluates it there, in decimal.js, and a period costs a
 * few dozen valuations however many trading days it spans.
 */
import { type History, carryForward } from '../../db/repos/market.js';
import type { LotRow } from '../../db/repos/portfolio.js';
import { WealthDeskError } from '../../errors.js';
import { type Decimal, ONE, ZERO, dec } from '../../money.js';

/**
 * Per-book memo of the day-by-day paths the series are built from (FX to the report
 * currency, price × FX per instrument), keyed by what they depend on: the key, the report
 * currency and the exact date grid. Many clients of a book share instruments and the
 * same business-day grid, so each path is computed once per question instead of once per
 * client. Only valid for one set of histories (create one per batch).
 */
export class PathCache {
  private readonly paths = new Map<string, unknown>();
  private readonly grids = new WeakMap<readonly string[], string>();

  /** The memoized value for `key` on `dates`, computed by `make` the first time. */
  get<T>(key: string, dates: readonly string[], make: () => T): T {
    let g = this.grids.get(dates);
    if (g === undefined) {
      g = `${dates.length}:${dates.join(',')}`;
      this.grids.set(dates, g);
    }
    const k = `${key}|${g}`;
    if (this.paths.has(k)) return this.paths.get(k) as T;
    const v = make();
    this.paths.set(k, v);
    return v;
  }
}

/**
 * FX to the report currency on each date, carried forward (CNY → 1); dates before a
 * currency's first rate take that first rate. WD_ERR_NOT_FOUND when a currency has no
 * rate at all in or before the window.
 */
export function fxPath(fx: History, ccy: string, report: string, dates: readonly string[], cache?: PathCache): Decimal[] {
  if (cache) return cache.get(`fx:${ccy}>${report}`, dates, () => fxPath(fx, ccy, report, dates));
  const path = (c: string): Decimal[] => {
    if (c === 'CNY') return dates.map(() => ONE);
    const raw = carryForward(fx, c, dates);
    const first = raw.find((v) => v !== null);
    if (first === undefined) throw new WealthDeskError('WD_ERR_NOT_FOUND', `no FX rate for ${c}`);
    return raw.map((v) => dec(v ?? first));
  };
  const to = path(report);
  const from = path(ccy);
  return dates.map((_, i) => from[i].div(to[i]));
}

/**
 * The same history seen from `from`: each key's anchor becomes its latest observation
 * strictly before `from` (observations are kept; {@link carryForward} reads only the
 * dates it walks). A series computed on dates ≥ `from` from the rebased history equals
 * one computed from a history fetched from `from` — so one fetch serves many windows.
 */
export function rebase(h: History, from: string, keys?: Iterable<string>): History {
  const anchor = new Map(h.anchor);
  for (const key of keys ?? h.values.keys()) {
    const obs = h.values.get(key);
    if (!obs) continue;
    let best: { date: string; value: string } | undefined;
    for (const [d, v] of obs) if (d < from && (!best || d > best.date)) best = { date: d, value: v };
    if (best) anchor.set(key, best);
  }
  return { dates: h.dates.filter((d) => d >= from), values: h.values, anchor };
}

/** Where the day-by-day paths of the held instruments come from (see {@link directPaths}). */
export interface PathSource {
  /** The instrument's close on each date, carried forward (null before its first close). */
  closes(id: string): readonly (string | null)[];
  /** FX from the instrument's currency to the report currency on each date. */
  rate(id: string): readonly Decimal[];
}

/** Paths read straight from the histories over `dates`. */
export function directPaths(prices: History, fx: History, currencyOf: ReadonlyMap<string, string>, report: string, dates: readonly string[], cache?: PathCache): PathSource {
  return {
    closes: (id) => carryForward(prices, id, dates),
    rate: (id) => fxPath(fx, currencyOf.get(id) ?? 'CNY', report, dates, cache),
  };
}

/** One instrument of {@link HoldingPaths}: its carried closes and FX on each date, and its lots by start date. */
interface InstrumentPath {
  closes: readonly (string | null)[];
  rate: readonly Decimal[];
  /** Index of the first date on or after the purchase, quantity, cost price; by start. */
  lots: { start: number; q: Decimal; cost: Decimal }[];
}

/** A client's holdings over the trading dates: what is held from which date, each instrument's close and FX. */
export interface HoldingPaths {
  dates: readonly string[];
  instruments: InstrumentPath[];
  /** Indexes of the dates with purchases (flows), ascending. */
  flowDays: number[];
}

/** Lays a set of lots over `dates` (ascending trading dates), with the paths from `source`. */
export function holdingPaths(lots: readonly LotRow[], dates: readonly string[], source: PathSource): HoldingPaths {
  const byInstrument = new Map<string, InstrumentPath>();
  const flowDays = new Set<number>();
  for (const lot of lots) {
    const start = firstOnOrAfter(dates, lot.acquiredAt);
    if (start < 0) continue;
    let p = byInstrument.get(lot.instrumentId);
    if (!p) byInstrument.set(lot.instrumentId, (p = { closes: source.closes(lot.instrumentId), rate: source.rate(lot.instrumentId), lots: [] }));
    p.lots.push({ start, q: dec(lot.quantity), cost: dec(lot.costPrice) });
    flowDays.add(start);
  }
  for (const p of byInstrument.values()) p.lots.sort((a, b) => a.start - b.start);
  return { dates, instruments: [...byInstrument.values()], flowDays: [...flowDays].sort((a, b) => a - b) };
}

/** Index of the first date ≥ `d` in ascending `dates`, or −1 (binary search). */
export function firstOnOrAfter(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo < dates.length ? lo : -1;
}

/** V_i: the value of the lots held on date i in the report currency (0 for i < 0), unrounded. */
export function valueAt(h: HoldingPaths, i: number): Decimal {
  let v = ZERO;
  if (i < 0) return v;
  for (const p of h.instruments) {
    let qty = ZERO;
    let atCost = ZERO; // Σ quantity × cost price, instrument currency
    for (const l of p.lots) {
      if (l.start > i) break;
      qty = qty.plus(l.q);
      atCost = atCost.plus(l.q.times(l.cost));
    }
    if (qty.isZero()) continue;
    const c = p.closes[i];
    v = v.plus(c !== null ? qty.times(dec(c)).times(p.rate[i]) : atCost.times(p.rate[i]));
  }
  return v;
}

/** F_i: purchases booked on date i in the report currency, unrounded. */
export function flowAt(h: HoldingPaths, i: number): Decimal {
  let f = ZERO;
  for (const p of h.instruments) for (const l of p.lots) if (l.start === i) f = f.plus(l.q.times(l.cost).times(p.rate[i]));
  return f;
}

export interface WindowResult {
  /** Index of the base date, or −1 when the window starts before the first date. */
  baseIndex: number;
  endIndex: number;
  twr: Decimal;
  pnl: Decimal;
}

/**
 * TWR and money P&L over (base, end]: base = the last date ≤ `start` (−1 = before the
 * first date, so day one counts), end = the last date ≤ `end`. TWR = Π (1 + r_d) − 1
 * evaluated segment by segment between purchase days (a day with no capital counts as
 * r = 0); P&L = V_end − V_base − Σ flows in (base, end].
 */
export function windowReturn(h: HoldingPaths, start: string, end: string): WindowResult {
  let baseIndex = -1;
  let endIndex = -1;
  for (let i = 0; i < h.dates.length; i++) {
    if (h.dates[i] <= start) baseIndex = i;
    if (h.dates[i] <= end) endIndex = i;
  }
  let g = ONE;
  let flows = ZERO;
  const values = new Map<number, Decimal>();
  const V = (i: number): Decimal => {
    let v = values.get(i);
    if (!v) values.set(i, (v = valueAt(h, i)));
    return v;
  };
  if (endIndex > baseIndex) {
    const cuts = h.flowDays.filter((f) => f > baseIndex && f <= endIndex);
    const starts = [baseIndex + 1, ...cuts.filter((f) => f > baseIndex + 1)];
    for (let k = 0; k < starts.length; k++) {
      const u = starts[k];
      const w = k + 1 < starts.length ? starts[k + 1] - 1 : endIndex;
      const den = V(u - 1).plus(flowAt(h, u));
      // V_w / (V_{u−1} + F_u) = Π over u..w of the daily factors; no capital → factor 1
      if (!den.isZero()) g = g.times(V(w).div(den));
    }
    for (const f of cuts) flows = flows.plus(flowAt(h, f));
  }
  return { baseIndex, endIndex, twr: g.minus(ONE), pnl: V(endIndex).minus(V(baseIndex)).minus(flows) };
}

/** ISO date arithmetic in UTC: `months` back, clamping the day (Mar 31 − 1M = Feb 28/29). */
export function minusMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Calendar days from a to b (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
