/**
 * Daily valuations of a client's lots and the time-weighted return built from them.
 *
 * On each trading date d (a date on which any held instrument has a close) the value is
 * V_d = Σ over lots acquired on or before d of quantity × close(≤ d) × FX(≤ d) in the
 * report currency (a lot whose instrument has no close yet is carried at cost). A lot's
 * purchase is an external flow F_d = quantity × cost price × FX(d), booked on the first
 * trading date on or after its `acquired_at`, at the start of that day. The daily return
 * r_d = V_d / (V_{d−1} + F_d) − 1 therefore measures the investment, not the
 * contribution, and the period return chain-links Π(1 + r_d) − 1 (time-weighted).
 */
import { type History, carryForward } from '../../db/repos/market.js';
import type { LotRow } from '../../db/repos/portfolio.js';
import { WealthDeskError } from '../../errors.js';
import { type Decimal, ONE, ZERO, dec } from '../../money.js';

export interface DailySeries {
  dates: string[];
  /** V_d, report currency, unrounded. */
  values: Decimal[];
  /** F_d, purchases booked on d, report currency, unrounded. */
  flows: Decimal[];
  /** 1 + r_d as Decimal (1 where the day has no capital). */
  growth: Decimal[];
}

/**
 * FX to the report currency on each date, carried forward (CNY → 1); dates before a
 * currency's first rate take that first rate. WD_ERR_NOT_FOUND when a currency has no
 * rate at all in or before the window.
 */
export function fxPath(fx: History, ccy: string, report: string, dates: readonly string[]): Decimal[] {
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
 * Builds the daily series of a set of lots over `dates` (ascending trading dates).
 * `currencyOf` gives each instrument's currency.
 */
export function dailySeries(
  lots: readonly LotRow[],
  currencyOf: ReadonlyMap<string, string>,
  prices: History,
  fx: History,
  report: string,
  dates: readonly string[],
): DailySeries {
  const n = dates.length;
  const values = dates.map(() => ZERO);
  const flows = dates.map(() => ZERO);
  const ids = [...new Set(lots.map((l) => l.instrumentId))];
  const fxBy = new Map<string, Decimal[]>();
  for (const c of new Set(ids.map((id) => currencyOf.get(id) ?? 'CNY'))) fxBy.set(c, fxPath(fx, c, report, dates));
  const closesBy = new Map(ids.map((id) => [id, carryForward(prices, id, dates)]));
  for (const lot of lots) {
    const start = dates.findIndex((d) => d >= lot.acquiredAt);
    if (start < 0) continue;
    const q = dec(lot.quantity);
    const cost = dec(lot.costPrice);
    const rate = fxBy.get(currencyOf.get(lot.instrumentId) ?? 'CNY')!;
    const closes = closesBy.get(lot.instrumentId)!;
    flows[start] = flows[start].plus(q.times(cost).times(rate[start]));
    for (let i = start; i < n; i++) {
      const c = closes[i];
      values[i] = values[i].plus(q.times(c ? dec(c) : cost).times(rate[i]));
    }
  }
  const growth = dates.map((_, i) => {
    const base = (i > 0 ? values[i - 1] : ZERO).plus(flows[i]);
    return base.isZero() ? ONE : values[i].div(base);
  });
  return { dates: [...dates], values, flows, growth };
}

export interface WindowResult {
  /** Index of the base date in the series, or −1 when the window starts before the series. */
  baseIndex: number;
  endIndex: number;
  twr: Decimal;
  pnl: Decimal;
}

/**
 * TWR and money P&L over (base, end]: base = the last series date ≤ `start` (−1 = before
 * the first date, so day one counts), end = the last series date ≤ `end`.
 * P&L = V_end − V_base − Σ flows in (base, end].
 */
export function window(s: DailySeries, start: string, end: string): WindowResult {
  let baseIndex = -1;
  let endIndex = -1;
  for (let i = 0; i < s.dates.length; i++) {
    if (s.dates[i] <= start) baseIndex = i;
    if (s.dates[i] <= end) endIndex = i;
  }
  let g = ONE;
  let flows = ZERO;
  for (let i = baseIndex + 1; i <= endIndex; i++) {
    g = g.times(s.growth[i]);
    flows = flows.plus(s.flows[i]);
  }
  const vEnd = endIndex >= 0 ? s.values[endIndex] : ZERO;
  const vBase = baseIndex >= 0 ? s.values[baseIndex] : ZERO;
  return { baseIndex, endIndex, twr: g.minus(ONE), pnl: vEnd.minus(vBase).minus(flows) };
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
