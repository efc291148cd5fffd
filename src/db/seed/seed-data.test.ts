/**
 * The full-size demo data set against what issue 2 demands, checked from the stored
 * rows: counts and coverage, holdings per client, lot sizes, cost prices, target
 * weights, and the realized volatility and cross-region correlation of the simulated
 * prices (computed here from the closes, independently of the simulator's parameters).
 */
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db.js';
import { storeTargets } from '../testing.js';
import { PRODUCTS } from './catalog.js';
import { seedDemoData, type SeedSummary } from './seed.js';

function logReturns(closes: string[]): number[] {
  return closes.slice(1).map((c, i) => Math.log(Number(c) / Number(closes[i])));
}
function annualVol(r: number[]): number {
  const m = r.reduce((s, x) => s + x, 0) / r.length;
  return Math.sqrt((r.reduce((s, x) => s + (x - m) ** 2, 0) / (r.length - 1)) * 252);
}
function corr(a: number[], b: number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let c = 0, va = 0, vb = 0;
  for (let i = 0; i < a.length; i++) {
    c += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return c / Math.sqrt(va * vb);
}

for (const target of storeTargets()) {
  describe(`full demo data set (${target.name})`, () => {
    let db: Db;
    let summary: SeedSummary;
    const closes = new Map<string, string[]>();
    const cls = new Map<string, string>();
    beforeAll(async () => {
      db = await target.open();
      summary = await seedDemoData(db);
      const r = await db.query<{ instrument_id: string; closes: string[]; asset_class: string }>(
        `SELECT p.instrument_id, i.asset_class, array_agg(p.close::text ORDER BY p.date) AS closes
           FROM prices p JOIN instruments i ON i.id = p.instrument_id GROUP BY 1, 2`,
      );
      for (const row of r.rows) {
        closes.set(row.instrument_id, row.closes);
        cls.set(row.instrument_id, row.asset_class);
      }
    }, 120_000);
    afterAll(async () => db?.close());

    it('has the counts and coverage issue 2 asks for', async () => {
      const c = summary.counts;
      expect(summary.seeded).toBe(true);
      expect(c.advisors).toBeGreaterThanOrEqual(5);
      expect(c.clients).toBe(200);
      const tradable = await db.query<{ n: number }>(`SELECT count(*)::int n FROM instruments WHERE asset_class <> 'index'`);
      expect(tradable.rows[0].n).toBeGreaterThanOrEqual(60);
      const risk = await db.query<{ risk_level: number; n: number }>(
        `SELECT risk_level, count(*)::int n FROM instruments WHERE is_product GROUP BY 1 ORDER BY 1`,
      );
      expect(risk.rows.map((r) => r.risk_level)).toEqual([1, 2, 3, 4, 5]);
      expect(risk.rows.reduce((s, r) => s + r.n, 0)).toBeGreaterThanOrEqual(30);
      expect(c.products).toBe(PRODUCTS.length);
      const held = await db.query<{ classes: number; ccys: number }>(
        `SELECT count(DISTINCT i.asset_class)::int classes, count(DISTINCT i.currency)::int ccys FROM lots l JOIN instruments i ON i.id = l.instrument_id`,
      );
      expect(held.rows[0].classes).toBeGreaterThanOrEqual(6);
      expect(held.rows[0].ccys).toBe(3);
      const per = await db.query<{ lo: number; hi: number; clients: number }>(
        `SELECT min(n)::int lo, max(n)::int hi, count(*)::int clients FROM (SELECT client_id, count(DISTINCT instrument_id) n FROM lots GROUP BY 1) x`,
      );
      expect(per.rows[0]).toEqual({ lo: expect.any(Number), hi: expect.any(Number), clients: 200 });
      expect(per.rows[0].lo).toBeGreaterThanOrEqual(3);
      expect(per.rows[0].hi).toBeLessThanOrEqual(15);
      const ccy = await db.query<{ base_currency: string; jurisdiction: string; n: number }>(
        `SELECT base_currency, jurisdiction, count(*)::int n FROM clients GROUP BY 1, 2 ORDER BY 1`,
      );
      expect(ccy.rows.map((r) => `${r.base_currency}/${r.jurisdiction}`)).toEqual(['CNY/CN', 'HKD/HK', 'USD/US']);
      expect(ccy.rows[0].n).toBeGreaterThan(100);
    });

    it('gives every client a current, mostly unexpired profile and goals for some', async () => {
      const r = await db.query<{ expired: number; total: number; levels: number }>(
        `SELECT count(*) FILTER (WHERE expires_at < '2026-11-20')::int expired, count(*)::int total, count(DISTINCT level)::int levels
           FROM (SELECT DISTINCT ON (client_id) * FROM risk_profiles ORDER BY client_id, assessed_at DESC) cur`,
      );
      expect(r.rows[0].total).toBe(200);
      expect(r.rows[0].levels).toBe(5);
      expect(r.rows[0].expired / 200).toBeGreaterThanOrEqual(0.03);
      expect(r.rows[0].expired / 200).toBeLessThanOrEqual(0.08);
      const bad = await db.query(`SELECT 1 FROM risk_profiles WHERE expires_at <> assessed_at + interval '1 year'`);
      expect(bad.rows).toHaveLength(0);
      const goals = await db.query<{ n: number }>(`SELECT count(DISTINCT client_id)::int n FROM goals`);
      expect(goals.rows[0].n).toBeGreaterThan(20);
      const personas = await db.query(
        `SELECT c.id, c.name, c.base_currency, rp.level FROM clients c
           JOIN LATERAL (SELECT level FROM risk_profiles p WHERE p.client_id = c.id ORDER BY assessed_at DESC LIMIT 1) rp ON true
          WHERE c.id <= 'C0005' ORDER BY c.id`,
      );
      expect(personas.rows).toEqual([
        { id: 'C0001', name: '张伟', base_currency: 'CNY', level: 3 },
        { id: 'C0002', name: 'Emily Chen', base_currency: 'USD', level: 4 },
        { id: 'C0003', name: '陈美玲', base_currency: 'HKD', level: 2 },
        { id: 'C0004', name: '王芳', base_currency: 'CNY', level: 1 },
        { id: 'C0005', name: '李强', base_currency: 'CNY', level: 5 },
      ]);
    });

    it('keeps target weights summing to exactly 1', async () => {
      const r = await db.query<{ client_id: string; weights: string[] }>(
        `SELECT client_id, array_agg(weight::text) weights FROM target_allocations GROUP BY 1`,
      );
      expect(r.rows).toHaveLength(200);
      for (const row of r.rows) {
        const sum = row.weights.reduce((s, w) => s.plus(w), new Decimal(0));
        expect(sum.toFixed(6), row.client_id).toBe('1.000000');
      }
    });

    it('sizes lots in board lots at the close of the acquisition day, funded by deposits', async () => {
      const a = await db.query<{ quantity: string }>(
        `SELECT l.quantity::text FROM lots l JOIN instruments i ON i.id = l.instrument_id WHERE i.asset_class = 'equity_cn'`,
      );
      expect(a.rows.length).toBeGreaterThan(20);
      for (const row of a.rows) expect(new Decimal(row.quantity).mod(100).isZero(), row.quantity).toBe(true);
      const cost = await db.query<{ total: number; matched: number }>(
        `SELECT count(*)::int total, count(p.close) FILTER (WHERE p.close = l.cost_price)::int matched
           FROM lots l LEFT JOIN prices p ON p.instrument_id = l.instrument_id AND p.date = l.acquired_at`,
      );
      expect(cost.rows[0].matched).toBe(cost.rows[0].total);
      // Deposits minus buys leave exactly the cash lots in each account.
      const cash = await db.query(
        `SELECT a.id, coalesce(t.s, 0) AS tx, coalesce(c.q, 0) AS cash FROM accounts a
           LEFT JOIN (SELECT account_id, sum(amount) s FROM transactions GROUP BY 1) t ON t.account_id = a.id
           LEFT JOIN (SELECT account_id, sum(quantity) q FROM lots WHERE instrument_id LIKE 'CASH-%' GROUP BY 1) c ON c.account_id = a.id
          WHERE coalesce(t.s, 0) <> coalesce(c.q, 0)`,
      );
      expect(cash.rows).toHaveLength(0);
      const buys = await db.query<{ n: number; lots: number }>(
        `SELECT (SELECT count(*)::int FROM transactions WHERE type = 'buy') n, (SELECT count(*)::int FROM lots WHERE instrument_id NOT LIKE 'CASH-%') lots`,
      );
      expect(buys.rows[0].n).toBe(buys.rows[0].lots);
      const ccyMismatch = await db.query(
        `SELECT 1 FROM lots l JOIN accounts a ON a.id = l.account_id JOIN instruments i ON i.id = l.instrument_id WHERE a.currency <> i.currency`,
      );
      expect(ccyMismatch.rows).toHaveLength(0);
    });

    it('simulates weekday closes with realistic volatility per class', () => {
      const sp = closes.get('SPX') as string[];
      expect(sp.length).toBeGreaterThanOrEqual(780);
      const ranges: Record<string, [number, number]> = {
        equity_cn: [0.19, 0.45], equity_hk: [0.19, 0.4], equity_us: [0.15, 0.4], bond: [0.017, 0.055],
        wealth: [0.008, 0.035], private: [0.1, 0.28], reit: [0.1, 0.23],
      };
      for (const [id, c] of closes) {
        const v = annualVol(logReturns(c));
        const k = cls.get(id) as string;
        if (ranges[k]) {
          expect(v, `${id} vol`).toBeGreaterThanOrEqual(ranges[k][0]);
          expect(v, `${id} vol`).toBeLessThanOrEqual(ranges[k][1]);
        }
        if (k === 'cash') expect(new Set(c)).toEqual(new Set(['1.000000']));
      }
      const fundVol = (id: string) => annualVol(logReturns(closes.get(id) as string[]));
      expect(fundVol('018301')).toBeGreaterThan(0.001);
      expect(fundVol('018301')).toBeLessThan(0.005);
      for (const id of ['018201', '018202', '018203']) {
        expect(fundVol(id), id).toBeGreaterThan(0.015);
        expect(fundVol(id), id).toBeLessThan(0.045);
      }
      for (const id of ['018101', '018102', '018103', '018401', '018402', '018501']) {
        expect(fundVol(id), id).toBeGreaterThan(0.15);
        expect(fundVol(id), id).toBeLessThan(0.28);
      }
      const mmf = closes.get('018301') as string[];
      const years = (mmf.length - 1) / 252;
      const yieldPa = (Number(mmf[mmf.length - 1]) / Number(mmf[0])) ** (1 / years) - 1;
      expect(yieldPa).toBeGreaterThan(0.012);
      expect(yieldPa).toBeLessThan(0.024);
    });

    it('correlates regions as intended (CN–HK ≈ 0.6, HK–US ≈ 0.5, CN–US ≈ 0.3)', () => {
      const r = (id: string) => logReturns(closes.get(id) as string[]);
      const cnHk = corr(r('000300.SH'), r('HSI'));
      const hkUs = corr(r('HSI'), r('SPX'));
      const cnUs = corr(r('000300.SH'), r('SPX'));
      expect(cnHk).toBeGreaterThan(0.45);
      expect(cnHk).toBeLessThan(0.72);
      expect(hkUs).toBeGreaterThan(0.35);
      expect(hkUs).toBeLessThan(0.62);
      expect(cnUs).toBeGreaterThan(0.15);
      expect(cnUs).toBeLessThan(0.45);
      expect(cnHk).toBeGreaterThan(cnUs);
      // Stocks co-move with their own market index more than with another region's.
      expect(corr(r('600519.SH'), r('000300.SH'))).toBeGreaterThan(corr(r('600519.SH'), r('SPX')));
      expect(corr(r('AAPL'), r('SPX'))).toBeGreaterThan(0.4);
    });

    it('stores weekday FX with USD in its band and HKD on the peg', async () => {
      const r = await db.query<{ date: string; usd: string; hkd: string; dow: number }>(
        `SELECT u.date, u.rate_cny::text usd, h.rate_cny::text hkd, extract(isodow FROM u.date)::int dow
           FROM fx_rates u JOIN fx_rates h ON h.date = u.date AND h.currency = 'HKD' WHERE u.currency = 'USD' ORDER BY u.date`,
      );
      expect(r.rows.length).toBe(closes.get('SPX')?.length);
      expect(r.rows.every((x) => x.dow <= 5)).toBe(true);
      const usd = r.rows.map((x) => x.usd);
      for (const x of r.rows) {
        expect(Number(x.usd)).toBeGreaterThanOrEqual(7.05);
        expect(Number(x.usd)).toBeLessThanOrEqual(7.4);
        const peg = new Decimal(x.usd).div(x.hkd).toNumber();
        expect(peg).toBeGreaterThan(7.75);
        expect(peg).toBeLessThan(7.85);
      }
      const v = annualVol(logReturns(usd));
      expect(v).toBeGreaterThan(0.02);
      expect(v).toBeLessThan(0.04);
      expect(r.rows[r.rows.length - 1].date).toBe('2026-11-20');
    });
  });
}
