/**
 * Market data: instruments, latest closes, FX to CNY and price/FX history. Closes are
 * decimal strings in the instrument's currency; FX rates are `rate_cny` (1 unit of the
 * currency = rate CNY; CNY is 1 and has no rows). "As of" always means the latest
 * observation on or before the date.
 */
import { Decimal, type FxToCny } from '../../money.js';
import type { Currency } from '../../tools/contract.js';
import type { Queryable } from '../db.js';

export interface InstrumentRow {
  id: string;
  name: string;
  nameEn: string;
  assetClass: string;
  currency: Currency;
  region: string;
  sector: string | null;
  riskLevel: number | null;
  isProduct: boolean;
  productType: string | null;
  benchmarkId: string | null;
}

const INSTRUMENT_COLS = `id, name, name_en AS "nameEn", asset_class AS "assetClass", trim(currency) AS currency, region,
  sector, risk_level AS "riskLevel", is_product AS "isProduct", product_type AS "productType", benchmark_id AS "benchmarkId"`;

/** Instruments by id (missing ids are simply absent from the map). */
export async function getInstruments(db: Queryable, ids: readonly string[]): Promise<Map<string, InstrumentRow>> {
  const out = new Map<string, InstrumentRow>();
  if (ids.length === 0) return out;
  const r = await db.query<InstrumentRow>(`SELECT ${INSTRUMENT_COLS} FROM instruments WHERE id = ANY($1::text[])`, [ids]);
  for (const row of r.rows) out.set(row.id, row);
  return out;
}

/** One instrument, or undefined. */
export async function getInstrument(db: Queryable, id: string): Promise<InstrumentRow | undefined> {
  return (await getInstruments(db, [id])).get(id);
}

/**
 * The valuation date: the latest price date on or before `asOf` (any instrument), or
 * the latest price date at all when `asOf` is undefined; undefined when there are no prices.
 */
export async function latestPriceDate(db: Queryable, asOf?: string): Promise<string | undefined> {
  // two statements rather than `$1 IS NULL OR …`, so both can use prices_date_idx
  const r = asOf
    ? await db.query<{ d: string | null }>(`SELECT max(date) AS d FROM prices WHERE date <= $1::date`, [asOf])
    : await db.query<{ d: string | null }>(`SELECT max(date) AS d FROM prices`);
  return r.rows[0]?.d ?? undefined;
}

export interface Close {
  close: string;
  date: string;
}

/** For each instrument, its latest close on or before `date` (instruments without one are absent). */
export async function latestCloses(db: Queryable, ids: readonly string[], date: string): Promise<Map<string, Close>> {
  const out = new Map<string, Close>();
  if (ids.length === 0) return out;
  // One index probe per instrument (primary key instrument_id, date) rather than sorting
  // every close of every instrument, which DISTINCT ON would.
  const r = await db.query<{ id: string; close: string; date: string }>(
    `SELECT i.id, p.close, p.date FROM unnest($1::text[]) AS i(id)
       CROSS JOIN LATERAL (SELECT close, date FROM prices WHERE instrument_id = i.id AND date <= $2::date
                            ORDER BY date DESC LIMIT 1) p`,
    [[...new Set(ids)], date],
  );
  for (const row of r.rows) out.set(row.id, { close: row.close, date: row.date });
  return out;
}

/** Rates to CNY as of `date` (latest on or before), CNY included as 1. */
export async function fxToCnyAt(db: Queryable, date: string): Promise<FxToCny> {
  const r = await db.query<{ currency: string; rate: string }>(
    `SELECT DISTINCT ON (currency) trim(currency) AS currency, rate_cny AS rate FROM fx_rates
      WHERE date <= $1::date ORDER BY currency, date DESC`,
    [date],
  );
  const fx: Record<string, Decimal> = { CNY: new Decimal(1) };
  for (const row of r.rows) fx[row.currency] = new Decimal(row.rate);
  return Object.freeze(fx);
}

/**
 * A history table: `dates` ascending, and per key the observations by date. Each key
 * also has an `anchor`, its latest observation strictly before the first date of the
 * window, so callers can carry a value forward into the window.
 */
export interface History {
  dates: string[];
  values: Map<string, Map<string, string>>;
  anchor: Map<string, { date: string; value: string }>;
}

/**
 * Closes of `ids` with from ≤ date ≤ to, plus each instrument's anchor (latest close
 * before `from`). `dates` is the union of the instruments' price dates in the window.
 */
export async function priceHistory(db: Queryable, ids: readonly string[], from: string, to: string): Promise<History> {
  const values = new Map<string, Map<string, string>>();
  const anchor = new Map<string, { date: string; value: string }>();
  const dateSet = new Set<string>();
  if (ids.length === 0) return { dates: [], values, anchor };
  const unique = [...new Set(ids)];
  // One row per instrument with its closes packed as 'date:close,…' (date order): a few
  // long strings cross the driver much faster than one row per close (≈10× on PGlite for
  // a book's three years of prices). The anchor is one index probe per instrument.
  const rows = await db.query<{ id: string; s: string | null; ad: string | null; ac: string | null }>(
    `SELECT i.id, w.s, a.date AS ad, a.close AS ac FROM unnest($1::text[]) AS i(id)
       CROSS JOIN LATERAL (SELECT string_agg(date::text || ':' || close::text, ',' ORDER BY date) AS s FROM prices
                            WHERE instrument_id = i.id AND date BETWEEN $2::date AND $3::date) w
       LEFT JOIN LATERAL (SELECT date, close FROM prices WHERE instrument_id = i.id AND date < $2::date
                           ORDER BY date DESC LIMIT 1) a ON true`,
    [unique, from, to],
  );
  for (const row of rows.rows) {
    if (row.ad !== null && row.ac !== null) anchor.set(row.id, { date: row.ad, value: row.ac });
    if (!row.s) continue;
    const m = new Map<string, string>();
    for (const pair of row.s.split(',')) {
      const k = pair.indexOf(':');
      const d = pair.slice(0, k);
      dateSet.add(d);
      m.set(d, pair.slice(k + 1));
    }
    values.set(row.id, m);
  }
  return { dates: [...dateSet].sort(), values, anchor };
}

/** FX to CNY of `currencies` (CNY skipped) with from ≤ date ≤ to, plus anchors; same shape as prices. */
export async function fxHistory(db: Queryable, currencies: readonly string[], from: string, to: string): Promise<History> {
  const ccys = currencies.filter((c) => c !== 'CNY');
  const values = new Map<string, Map<string, string>>();
  const anchor = new Map<string, { date: string; value: string }>();
  const dateSet = new Set<string>();
  if (ccys.length === 0) return { dates: [], values, anchor };
  const rows = await db.query<{ c: string; date: string; rate: string }>(
    `SELECT trim(currency) AS c, date, rate_cny AS rate FROM fx_rates
      WHERE currency = ANY($1::text[]) AND date BETWEEN $2::date AND $3::date ORDER BY date`,
    [ccys, from, to],
  );
  for (const row of rows.rows) {
    dateSet.add(row.date);
    let m = values.get(row.c);
    if (!m) values.set(row.c, (m = new Map()));
    m.set(row.date, row.rate);
  }
  const a = await db.query<{ c: string; date: string; rate: string }>(
    `SELECT DISTINCT ON (currency) trim(currency) AS c, date, rate_cny AS rate FROM fx_rates
      WHERE currency = ANY($1::text[]) AND date < $2::date ORDER BY currency, date DESC`,
    [ccys, from],
  );
  for (const row of a.rows) anchor.set(row.c, { date: row.date, value: row.rate });
  return { dates: [...dateSet].sort(), values, anchor };
}

/**
 * Walks `dates` ascending and yields, per key, the last value on or before each date
 * (carried forward from the anchor); null where a key has no observation yet.
 */
export function carryForward(h: History, key: string, dates: readonly string[]): (string | null)[] {
  const obs = h.values.get(key);
  let last: string | null = h.anchor.get(key)?.value ?? null;
  return dates.map((d) => {
    const v = obs?.get(d);
    if (v !== undefined) last = v;
    return last;
  });
}

/**
 * The index each asset class is benchmarked against: the most common `benchmark_id`
 * among instruments of that class (ties → smallest id). Classes without one are absent.
 */
export async function classBenchmarks(db: Queryable): Promise<Map<string, string>> {
  const r = await db.query<{ cls: string; bid: string }>(
    `SELECT DISTINCT ON (asset_class) asset_class AS cls, benchmark_id AS bid FROM instruments
      WHERE benchmark_id IS NOT NULL GROUP BY asset_class, benchmark_id
      ORDER BY asset_class, count(*) DESC, benchmark_id`,
  );
  return new Map(r.rows.map((x) => [x.cls, x.bid]));
}

/**
 * The default index for a base currency: the most common `benchmark_id` among equity
 * instruments in that currency, else the first index instrument in that currency.
 */
export async function currencyBenchmark(db: Queryable, currency: string): Promise<string | undefined> {
  const r = await db.query<{ bid: string }>(
    `SELECT benchmark_id AS bid FROM instruments
      WHERE benchmark_id IS NOT NULL AND currency = $1 AND asset_class LIKE 'equity%'
      GROUP BY benchmark_id ORDER BY count(*) DESC, benchmark_id LIMIT 1`,
    [currency],
  );
  if (r.rows[0]) return r.rows[0].bid;
  const i = await db.query<{ id: string }>(
    `SELECT id FROM instruments WHERE asset_class = 'index' AND currency = $1 ORDER BY id LIMIT 1`,
    [currency],
  );
  return i.rows[0]?.id;
}

/**
 * The last `count` dates (ascending) on or before `end` on which any of `ids` has a close.
 */
export async function lastTradingDates(db: Queryable, ids: readonly string[], end: string, count: number): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await db.query<{ date: string }>(
    `SELECT DISTINCT date FROM prices WHERE instrument_id = ANY($1::text[]) AND date <= $2::date ORDER BY date DESC LIMIT $3`,
    [ids, end, count],
  );
  return r.rows.map((x) => x.date).reverse();
}
