/**
 * A small, hand-made book for the tool tests: 2 advisors, 3 clients, 9 instruments
 * (4 indexes), 60 business days of closes and FX from 2023-11-01, and lots including a
 * mid-period purchase. Values are plain decimal strings so tests can recompute every
 * figure independently.
 */
import type { Db } from '../../db/db.js';

/** 60 business days from 2023-11-01. */
export const DATES: string[] = (() => {
  const out: string[] = [];
  const d = new Date(Date.UTC(2023, 10, 1));
  while (out.length < 60) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
})();
export const LAST = DATES[DATES.length - 1];

export interface FixtureInstrument {
  id: string;
  assetClass: string;
  currency: 'CNY' | 'USD' | 'HKD';
  region: string;
  benchmarkId: string | null;
  riskLevel: number | null;
  /** Base price in cents (or 1e-4 units for NAV products). */
  base: number;
  a: number;
  m: number;
  trend: number;
  scale: 100 | 10000;
  /** Only every `every`-th business day has a close (weekly NAV). */
  every?: number;
}

export const INSTRUMENTS: FixtureInstrument[] = [
  { id: 'CN1', assetClass: 'equity_cn', currency: 'CNY', region: 'CN', benchmarkId: 'IDX-CN', riskLevel: 4, base: 1050, a: 37, m: 23, trend: 2, scale: 100 },
  { id: 'US1', assetClass: 'equity_us', currency: 'USD', region: 'US', benchmarkId: 'IDX-US', riskLevel: 4, base: 18000, a: 53, m: 41, trend: 9, scale: 100 },
  { id: 'HK1', assetClass: 'equity_hk', currency: 'HKD', region: 'HK', benchmarkId: 'IDX-HK', riskLevel: 4, base: 8000, a: 29, m: 31, trend: -3, scale: 100 },
  { id: 'BOND1', assetClass: 'bond', currency: 'CNY', region: 'CN', benchmarkId: 'IDX-BOND', riskLevel: 2, base: 10000, a: 11, m: 7, trend: 1, scale: 100 },
  { id: 'WM1', assetClass: 'wealth', currency: 'CNY', region: 'CN', benchmarkId: null, riskLevel: 2, base: 10000, a: 3, m: 5, trend: 4, scale: 10000, every: 5 },
  { id: 'CASH', assetClass: 'cash', currency: 'CNY', region: 'CN', benchmarkId: null, riskLevel: 1, base: 100, a: 0, m: 1, trend: 0, scale: 100 },
  { id: 'IDX-CN', assetClass: 'index', currency: 'CNY', region: 'CN', benchmarkId: null, riskLevel: null, base: 380000, a: 61, m: 47, trend: 30, scale: 100 },
  { id: 'IDX-US', assetClass: 'index', currency: 'USD', region: 'US', benchmarkId: null, riskLevel: null, base: 450000, a: 71, m: 59, trend: 50, scale: 100 },
  { id: 'IDX-HK', assetClass: 'index', currency: 'HKD', region: 'HK', benchmarkId: null, riskLevel: null, base: 1700000, a: 43, m: 67, trend: -40, scale: 100 },
  { id: 'IDX-BOND', assetClass: 'index', currency: 'CNY', region: 'CN', benchmarkId: null, riskLevel: null, base: 22000, a: 5, m: 3, trend: 2, scale: 100 },
];

/** Close of instrument `i` on business day `t` as a decimal string, or undefined (no NAV that day). */
export function closeOn(i: FixtureInstrument, t: number): string | undefined {
  if (i.every && t % i.every !== 0) return undefined;
  const units = i.base + ((t * i.a) % i.m) - Math.floor(i.m / 2) + t * i.trend;
  return i.scale === 100 ? (units / 100).toFixed(2) : (units / 10000).toFixed(4);
}

/** FX to CNY on business day t. */
export function fxOn(ccy: 'USD' | 'HKD', t: number): string {
  return ccy === 'USD' ? ((71000 + ((t * 13) % 17) - 8) / 10000).toFixed(4) : ((9100 + ((t * 7) % 11) - 5) / 10000).toFixed(4);
}

export interface FixtureLot {
  clientId: string;
  instrumentId: string;
  quantity: string;
  costPrice: string;
  day: number;
}

export const LOTS: FixtureLot[] = [
  { clientId: 'C1', instrumentId: 'CN1', quantity: '1000', costPrice: '10.50', day: 0 },
  { clientId: 'C1', instrumentId: 'US1', quantity: '50', costPrice: '180.25', day: 0 },
  { clientId: 'C1', instrumentId: 'CASH', quantity: '5000', costPrice: '1', day: 0 },
  { clientId: 'C1', instrumentId: 'HK1', quantity: '400', costPrice: '80.10', day: 10 },
  { clientId: 'C1', instrumentId: 'BOND1', quantity: '200', costPrice: '100.00', day: 50 },
  { clientId: 'C2', instrumentId: 'US1', quantity: '100', costPrice: '170', day: 3 },
  { clientId: 'C2', instrumentId: 'CN1', quantity: '500', costPrice: '11', day: 5 },
  { clientId: 'C2', instrumentId: 'WM1', quantity: '1000.5', costPrice: '1.0', day: 8 },
  { clientId: 'C3', instrumentId: 'CN1', quantity: '2000', costPrice: '9.8', day: 0 },
];

export const TARGETS: Record<string, [string, string][]> = {
  C1: [['equity_cn', '0.3'], ['equity_us', '0.2'], ['equity_hk', '0.1'], ['bond', '0.3'], ['cash', '0.1']],
  C2: [['equity_us', '0.6'], ['equity_cn', '0.2'], ['wealth', '0.2']],
};

/** Inserts the whole fixture (one transaction). */
export async function insertBook(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO advisors (id, name, name_en, email) VALUES ('A1','王经理','Manager Wang','a1@x'), ('A2','李经理','Manager Li','a2@x')`);
    await tx.query(`INSERT INTO clients (id, advisor_id, name, name_en, base_currency, inception_date) VALUES
      ('C1','A1','张三','Zhang San','CNY','${DATES[0]}'),
      ('C2','A1','Amy Chen','Amy Chen','USD','${DATES[3]}'),
      ('C3','A2','李四','Li Si','CNY','${DATES[0]}')`);
    for (const i of INSTRUMENTS) {
      await tx.query(
        `INSERT INTO instruments (id, name, name_en, asset_class, currency, region, risk_level, benchmark_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [i.id, `${i.id}中文`, `${i.id} name`, i.assetClass, i.currency, i.region, i.riskLevel, i.benchmarkId],
      );
      const rows: string[] = [];
      DATES.forEach((d, t) => {
        const c = closeOn(i, t);
        if (c) rows.push(`('${i.id}','${d}',${c})`);
      });
      await tx.query(`INSERT INTO prices (instrument_id, date, close) VALUES ${rows.join(',')}`);
    }
    const fx = DATES.flatMap((d, t) => [`('${d}','USD',${fxOn('USD', t)})`, `('${d}','HKD',${fxOn('HKD', t)})`]);
    await tx.query(`INSERT INTO fx_rates (date, currency, rate_cny) VALUES ${fx.join(',')}`);
    for (const c of ['C1', 'C2', 'C3']) {
      await tx.query(`INSERT INTO accounts (id, client_id, name, currency, opened_at) VALUES ($1,$2,'main','CNY',$3)`, [`ACC-${c}`, c, DATES[0]]);
    }
    for (const l of LOTS) {
      await tx.query(`INSERT INTO lots (client_id, account_id, instrument_id, quantity, cost_price, acquired_at) VALUES ($1,$2,$3,$4,$5,$6)`, [
        l.clientId,
        `ACC-${l.clientId}`,
        l.instrumentId,
        l.quantity,
        l.costPrice,
        DATES[l.day],
      ]);
    }
    for (const [c, ws] of Object.entries(TARGETS)) {
      for (const [cls, w] of ws) await tx.query(`INSERT INTO target_allocations VALUES ($1,$2,$3)`, [c, cls, w]);
    }
    await tx.query(`INSERT INTO risk_profiles (client_id, level, score, reasons, assessed_at, expires_at) VALUES
      ('C1', 3, 30, '["seeded"]', '2023-06-01T00:00:00Z', '2024-06-01T00:00:00Z'),
      ('C2', 4, 36, '[]', '2022-01-01T00:00:00Z', '2023-01-01T00:00:00Z')`);
  });
}
