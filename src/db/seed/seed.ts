/**
 * The deterministic demo data set: catalog, three years of simulated business-day closes,
 * daily FX, advisors and a client book. Same seed and as-of date → the same rows, on any
 * day and on PGlite or PostgreSQL. Everything is inserted with multi-row
 * `INSERT … SELECT * FROM unnest(…)` statements inside one transaction.
 *
 * Calendar: weekdays only; exchange holidays are not modelled (see business-days.ts).
 */
import { WealthDeskError } from '../../errors.js';
import type { Db, Queryable } from '../db.js';
import { businessDays } from './business-days.js';
import { CATALOG } from './catalog.js';
import { generateBook, type Market } from './clients.js';
import { simulateFx } from './fx.js';
import { createRng } from './prng.js';
import { simulatePrices } from './simulate-prices.js';

export interface SeedOptions {
  /** PRNG seed (32-bit integer); default 42. */
  seed?: number;
  /** Last business day of the data, 'YYYY-MM-DD'; default '2026-11-20' (a Friday). */
  asOf?: string;
  /** Number of clients (the five personas first); default 200. */
  clients?: number;
  /** Delete existing domain rows (and conversations) first; default false. */
  reset?: boolean;
}

export interface SeedCounts {
  advisors: number;
  clients: number;
  instruments: number;
  products: number;
  prices: number;
  fxRates: number;
  lots: number;
  transactions: number;
}

export interface SeedSummary {
  /** True when this call inserted the data; false when the store was already seeded. */
  seeded: boolean;
  counts: SeedCounts;
  /** Wall time of the call in milliseconds. */
  ms: number;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_AS_OF = '2026-11-20';
export const DEFAULT_CLIENTS = 200;
/** pg_advisory_xact_lock key, so app replicas starting together seed once. */
const LOCK_KEY = 7_246_111;
const BATCH = 20_000;

/** Domain tables in FK-safe delete order (children first). */
const DOMAIN_TABLES = ['goals', 'target_allocations', 'transactions', 'lots', 'accounts', 'risk_profiles', 'clients', 'advisors', 'prices', 'fx_rates', 'instruments'];
const CONVERSATION_TABLES = ['turns', 'messages', 'conversations'];
const SERIAL_TABLES = ['goals', 'transactions', 'lots', 'risk_profiles', 'messages'];

/** True when the store holds demo (or any) client data. */
export async function isSeeded(db: Queryable): Promise<boolean> {
  const r = await db.query<{ s: boolean }>('SELECT EXISTS (SELECT 1 FROM clients) AS s');
  return r.rows[0]?.s === true;
}

/** Row counts of the seeded tables. */
export async function seedCounts(db: Queryable): Promise<SeedCounts> {
  const r = await db.query<Record<keyof SeedCounts, number>>(`SELECT
    (SELECT count(*)::int FROM advisors) AS advisors, (SELECT count(*)::int FROM clients) AS clients,
    (SELECT count(*)::int FROM instruments) AS instruments, (SELECT count(*)::int FROM instruments WHERE is_product) AS products,
    (SELECT count(*)::int FROM prices) AS prices, (SELECT count(*)::int FROM fx_rates) AS "fxRates",
    (SELECT count(*)::int FROM lots) AS lots, (SELECT count(*)::int FROM transactions) AS transactions`);
  return r.rows[0];
}

/** Checks and fills in seed options; throws WD_ERR_VALIDATION naming the bad one. */
export function validateSeedOptions(o: SeedOptions): Required<SeedOptions> {
  const seed = o.seed ?? DEFAULT_SEED;
  const asOf = o.asOf ?? DEFAULT_AS_OF;
  const clients = o.clients ?? DEFAULT_CLIENTS;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new WealthDeskError('WD_ERR_VALIDATION', `seed must be an integer in 0…4294967295, got ${seed}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) || new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) !== asOf) {
    throw new WealthDeskError('WD_ERR_VALIDATION', `as-of must be a date YYYY-MM-DD, got "${asOf}"`);
  }
  if (!Number.isInteger(clients) || clients < 1 || clients > 10_000) throw new WealthDeskError('WD_ERR_VALIDATION', `clients must be an integer in 1…10000, got ${clients}`);
  return { seed, asOf, clients, reset: o.reset ?? false };
}

/** Simulates the market: closes per instrument (null before a product's launch) and FX. */
export function simulateMarket(seed: number, asOf: string): Market {
  const days = businessDays(asOf, 3);
  const rng = createRng(seed);
  const raw = simulatePrices(CATALOG, days.length, rng.fork('prices'));
  const prices = new Map<string, (string | null)[]>();
  for (const i of CATALOG) {
    const s: (string | null)[] = raw.get(i.id) as string[];
    const launch = i.product?.launchDate;
    if (launch && launch > days[0]) for (let t = 0; t < days.length && days[t] < launch; t++) s[t] = null;
    prices.set(i.id, s);
  }
  return { days, prices, fx: simulateFx(days.length, rng.fork('fx')) };
}

/** `INSERT INTO table (cols) SELECT * FROM unnest($1::t1[], …)` in batches of columns-as-arrays. */
async function insertColumns(tx: Queryable, table: string, cols: [name: string, type: string, values: unknown[]][]): Promise<void> {
  const n = cols[0][2].length;
  const sql = `INSERT INTO ${table} (${cols.map((c) => c[0]).join(', ')}) SELECT * FROM unnest(${cols.map((c, k) => `$${k + 1}::${c[1]}[]`).join(', ')})`;
  for (let lo = 0; lo < n; lo += BATCH) {
    await tx.query(sql, cols.map((c) => c[2].slice(lo, lo + BATCH)));
  }
}

/**
 * Seeds the demo data set. A seeded store is left alone (returns `seeded: false`) unless
 * `reset`, which first deletes domain rows in FK order and conversations, messages and
 * turns, and restarts their id sequences (so a reset store equals a fresh one).
 */
export async function seedDemoData(db: Db, o: SeedOptions = {}): Promise<SeedSummary> {
  const opt = validateSeedOptions(o);
  const t0 = performance.now();
  const seeded = await db.transaction(async (tx) => {
    if (db.kind === 'pg') await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    if (!opt.reset && (await isSeeded(tx))) return false;
    if (opt.reset) {
      for (const t of [...CONVERSATION_TABLES, ...DOMAIN_TABLES]) await tx.query(`DELETE FROM ${t}`);
      for (const t of SERIAL_TABLES) await tx.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), 1, false)`);
    }
    const market = simulateMarket(opt.seed, opt.asOf);
    const book = generateBook(opt.clients, opt.asOf, market, createRng(opt.seed).fork('clients'));
    await insertAll(tx, market, book);
    return true;
  });
  const counts = await seedCounts(db);
  return { seeded, counts, ms: Math.round(performance.now() - t0) };
}

async function insertAll(tx: Queryable, m: Market, b: ReturnType<typeof generateBook>): Promise<void> {
  const C = CATALOG;
  await insertColumns(tx, 'instruments', [
    ['id', 'text', C.map((i) => i.id)], ['name', 'text', C.map((i) => i.name)], ['name_en', 'text', C.map((i) => i.nameEn)],
    ['asset_class', 'text', C.map((i) => i.assetClass)], ['currency', 'text', C.map((i) => i.currency)], ['region', 'text', C.map((i) => i.region)],
    ['sector', 'text', C.map((i) => i.sector)], ['risk_level', 'int2', C.map((i) => i.riskLevel)], ['is_product', 'bool', C.map((i) => i.isProduct)],
    ['product_type', 'text', C.map((i) => i.product?.productType ?? null)], ['lot_size', 'int4', C.map((i) => i.lotSize)],
    ['min_purchase', 'numeric', C.map((i) => i.minPurchase)], ['market_cap', 'numeric', C.map((i) => i.marketCap)],
    ['benchmark_id', 'text', C.map((i) => i.benchmarkId)], ['description', 'text', C.map((i) => `${i.description}\n${i.descriptionEn}`)],
    ['issuer', 'text', C.map((i) => i.product?.issuer ?? null)], ['launch_date', 'date', C.map((i) => i.product?.launchDate ?? null)],
  ]);
  const pid: string[] = [];
  const pdate: string[] = [];
  const pclose: string[] = [];
  for (const i of C) {
    const s = m.prices.get(i.id) as (string | null)[];
    s.forEach((close, t) => {
      if (close === null) return;
      pid.push(i.id);
      pdate.push(m.days[t]);
      pclose.push(close);
    });
  }
  await insertColumns(tx, 'prices', [['instrument_id', 'text', pid], ['date', 'date', pdate], ['close', 'numeric', pclose]]);
  const fxCcy = ['USD', 'HKD'] as const;
  await insertColumns(tx, 'fx_rates', [
    ['date', 'date', fxCcy.flatMap(() => m.days)],
    ['currency', 'text', fxCcy.flatMap((c) => m.days.map(() => c))],
    ['rate_cny', 'numeric', fxCcy.flatMap((c) => m.fx[c])],
  ]);
  const A = b.advisors;
  await insertColumns(tx, 'advisors', [
    ['id', 'text', A.map((a) => a.id)], ['name', 'text', A.map((a) => a.name)], ['name_en', 'text', A.map((a) => a.nameEn)], ['email', 'text', A.map((a) => a.email)],
    ['created_at', 'timestamptz', A.map(() => `${m.days[0]}T09:00:00+08:00`)],
  ]);
  const K = b.clients;
  await insertColumns(tx, 'clients', [
    ['id', 'text', K.map((c) => c.id)], ['advisor_id', 'text', K.map((c) => c.advisorId)], ['name', 'text', K.map((c) => c.name)],
    ['name_en', 'text', K.map((c) => c.nameEn)], ['base_currency', 'text', K.map((c) => c.baseCurrency)], ['jurisdiction', 'text', K.map((c) => c.jurisdiction)],
    ['language', 'text', K.map((c) => c.language)], ['birth_year', 'int4', K.map((c) => c.birthYear)], ['inception_date', 'date', K.map((c) => c.inceptionDate)],
    ['created_at', 'timestamptz', K.map((c) => `${c.inceptionDate}T09:00:00+08:00`)],
  ]);
  const R = b.riskProfiles;
  await insertColumns(tx, 'risk_profiles', [
    ['client_id', 'text', R.map((r) => r.clientId)], ['level', 'int2', R.map((r) => r.level)], ['score', 'int4', R.map((r) => r.score)],
    ['assessed_at', 'timestamptz', R.map((r) => r.assessedAt)], ['expires_at', 'timestamptz', R.map((r) => r.expiresAt)],
  ]);
  const T = b.targets;
  await insertColumns(tx, 'target_allocations', [['client_id', 'text', T.map((t) => t.clientId)], ['asset_class', 'text', T.map((t) => t.assetClass)], ['weight', 'numeric', T.map((t) => t.weight)]]);
  const Ac = b.accounts;
  await insertColumns(tx, 'accounts', [
    ['id', 'text', Ac.map((a) => a.id)], ['client_id', 'text', Ac.map((a) => a.clientId)], ['name', 'text', Ac.map((a) => a.name)],
    ['currency', 'text', Ac.map((a) => a.currency)], ['opened_at', 'date', Ac.map((a) => a.openedAt)],
  ]);
  const L = b.lots;
  await insertColumns(tx, 'lots', [
    ['client_id', 'text', L.map((l) => l.clientId)], ['account_id', 'text', L.map((l) => l.accountId)], ['instrument_id', 'text', L.map((l) => l.instrumentId)],
    ['quantity', 'numeric', L.map((l) => l.quantity)], ['cost_price', 'numeric', L.map((l) => l.costPrice)], ['acquired_at', 'date', L.map((l) => l.acquiredAt)],
  ]);
  const X = b.transactions;
  await insertColumns(tx, 'transactions', [
    ['client_id', 'text', X.map((x) => x.clientId)], ['account_id', 'text', X.map((x) => x.accountId)], ['instrument_id', 'text', X.map((x) => x.instrumentId)],
    ['type', 'text', X.map((x) => x.type)], ['trade_date', 'date', X.map((x) => x.tradeDate)], ['quantity', 'numeric', X.map((x) => x.quantity)],
    ['price', 'numeric', X.map((x) => x.price)], ['amount', 'numeric', X.map((x) => x.amount)], ['currency', 'text', X.map((x) => x.currency)],
  ]);
  const G = b.goals;
  await insertColumns(tx, 'goals', [
    ['client_id', 'text', G.map((g) => g.clientId)], ['name', 'text', G.map((g) => g.name)], ['target_amount', 'numeric', G.map((g) => g.targetAmount)],
    ['currency', 'text', G.map((g) => g.currency)], ['target_date', 'date', G.map((g) => g.targetDate)], ['monthly_contribution', 'numeric', G.map((g) => g.monthlyContribution)],
  ]);
}
