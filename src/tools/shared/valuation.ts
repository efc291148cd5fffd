/**
 * Valuation of a client's lots: market value = quantity × latest close × FX (through
 * CNY), all in decimal.js. Each holding's value and cost are rounded half-even to 2 dp in
 * the report currency, and totals are sums of those rounded figures, so holdings and
 * allocation slices always add up to the total exactly.
 *
 * Cost basis is converted at the valuation date's FX (not the FX of the purchase day),
 * so unrealized P&L shows the gain in the report currency at today's rates.
 */
import type { Db, Queryable } from '../../db/db.js';
import { type InstrumentRow, fxToCnyAt, getInstruments, latestCloses, latestPriceDate } from '../../db/repos/market.js';
import { type LotRow, getLots } from '../../db/repos/portfolio.js';
import { WealthDeskError } from '../../errors.js';
import { type Decimal, type FxToCny, ZERO, convert, dec, fxRate, ratio, round2, roundMoney } from '../../money.js';
import type { AllocationSlice, Currency } from '../contract.js';

export interface ValuedHolding {
  instrument: InstrumentRow;
  quantity: Decimal;
  /** Σ quantity × cost price, instrument currency, unrounded. */
  costLocal: Decimal;
  /** Latest close on or before the valuation date (average cost when the instrument has no price). */
  price: string;
  priceDate: string;
  valueLocal: Decimal;
  /** Report currency, rounded to 2 dp. */
  value: Decimal;
  /** Report currency at the valuation date's FX, rounded to 2 dp. */
  cost: Decimal;
}

export interface Valuation {
  asOf: string;
  currency: Currency;
  fx: FxToCny;
  holdings: ValuedHolding[]; // marketValue desc, then id
  total: Decimal;
  totalCost: Decimal;
}

/** The valuation date: latest price date ≤ `asOf` (or the latest available). */
export async function valuationDate(db: Queryable, asOf?: string): Promise<string> {
  const d = await latestPriceDate(db, asOf);
  if (!d) throw new WealthDeskError('WD_ERR_NOT_FOUND', asOf ? `no prices on or before ${asOf}` : 'no market data');
  return d;
}

/** Values a set of lots (one client) with the given market data; pure. */
export function valueLots(
  lots: readonly LotRow[],
  instruments: ReadonlyMap<string, InstrumentRow>,
  closes: ReadonlyMap<string, { close: string; date: string }>,
  fx: FxToCny,
  currency: Currency,
  asOf: string,
): Valuation {
  const byInstrument = new Map<string, { qty: Decimal; cost: Decimal; first: string }>();
  for (const l of lots) {
    const p = byInstrument.get(l.instrumentId);
    const q = dec(l.quantity);
    const c = q.times(dec(l.costPrice));
    if (p) byInstrument.set(l.instrumentId, { qty: p.qty.plus(q), cost: p.cost.plus(c), first: p.first < l.acquiredAt ? p.first : l.acquiredAt });
    else byInstrument.set(l.instrumentId, { qty: q, cost: c, first: l.acquiredAt });
  }
  const holdings: ValuedHolding[] = [];
  for (const [id, pos] of byInstrument) {
    const instrument = instruments.get(id);
    if (!instrument) throw new WealthDeskError('WD_ERR_NOT_FOUND', `unknown instrument ${id}`);
    const px = closes.get(id);
    const price = px ? px.close : pos.qty.isZero() ? '0' : pos.cost.div(pos.qty).toString();
    const valueLocal = pos.qty.times(dec(price));
    holdings.push({
      instrument,
      quantity: pos.qty,
      costLocal: pos.cost,
      price,
      priceDate: px ? px.date : pos.first,
      valueLocal,
      value: round2(convert(valueLocal, instrument.currency, currency, fx)),
      cost: round2(convert(pos.cost, instrument.currency, currency, fx)),
    });
  }
  holdings.sort((a, b) => b.value.comparedTo(a.value) || (a.instrument.id < b.instrument.id ? -1 : 1));
  return {
    asOf,
    currency,
    fx,
    holdings,
    total: holdings.reduce((s, h) => s.plus(h.value), ZERO),
    totalCost: holdings.reduce((s, h) => s.plus(h.cost), ZERO),
  };
}

/** Loads and values a client's lots acquired on or before the valuation date. */
export async function valueClient(db: Db, clientId: string, currency: Currency, asOf?: string): Promise<Valuation> {
  const date = await valuationDate(db, asOf);
  const lots = await getLots(db, clientId, date);
  const ids = [...new Set(lots.map((l) => l.instrumentId))];
  const [instruments, closes, fx] = await Promise.all([getInstruments(db, ids), latestCloses(db, ids, date), fxToCnyAt(db, date)]);
  return valueLots(lots, instruments, closes, fx, currency, date);
}

/** Sums holding values by a key; slices sorted by value desc; weights as fractions of the total. */
export function allocate(v: Valuation, key: (h: ValuedHolding) => string): AllocationSlice[] {
  const m = new Map<string, Decimal>();
  for (const h of v.holdings) m.set(key(h), (m.get(key(h)) ?? ZERO).plus(h.value));
  return [...m]
    .map(([k, value]) => ({ key: k, value: roundMoney(value), weight: ratio(value, v.total), d: value }))
    .sort((a, b) => b.d.comparedTo(a.d) || (a.key < b.key ? -1 : 1))
    .map(({ key: k, value, weight }) => ({ key: k, value, weight }));
}

/** 1 unit of each of CNY/USD/HKD in the report currency, 8 dp (for the `fx` field). */
export function fxTable(v: Valuation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of ['CNY', 'USD', 'HKD']) {
    if (c === 'CNY' || v.fx[c]) out[c] = roundMoney(fxRate(c, v.currency, v.fx), 8);
  }
  return out;
}

/**
 * Largest |actual − target| weight over the union of asset classes; `cls` null when the
 * client has no target allocation or no holdings.
 */
export function maxDrift(v: Valuation, target: readonly { assetClass: string; weight: string }[]): { drift: number; cls: string | null } {
  if (target.length === 0 || v.total.isZero()) return { drift: 0, cls: null };
  const actual = new Map<string, Decimal>();
  for (const h of v.holdings) actual.set(h.instrument.assetClass, (actual.get(h.instrument.assetClass) ?? ZERO).plus(h.value));
  const classes = new Set([...actual.keys(), ...target.map((t) => t.assetClass)]);
  let best = { drift: 0, cls: null as string | null };
  for (const c of [...classes].sort()) {
    const a = (actual.get(c) ?? ZERO).div(v.total);
    const t = dec(target.find((x) => x.assetClass === c)?.weight ?? '0');
    const d = a.minus(t).abs().toNumber();
    if (d > best.drift) best = { drift: d, cls: c };
  }
  return best;
}
