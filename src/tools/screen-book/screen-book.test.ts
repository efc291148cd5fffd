/**
 * screen_book on a seeded book (see `__fixtures__/seeded-book.ts`): every criterion is
 * checked against an expectation computed independently — from SQL or from the client
 * tools (get_portfolio, get_performance, portfolio_risk, list_clients) run client by
 * client — plus scope (another advisor's book, a client, compliance), the output schema
 * and the grounding of the composed answers. Prints the time of each criterion.
 */
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ungroundedFigures } from '../../compliance/guards/grounding.js';
import type { Db } from '../../db/db.js';
import type { GetPerformanceResult, GetPortfolioResult, ListClientsResult, PortfolioRiskResult } from '../contract.js';
import { executeTool } from '../registry.js';
import { AS_OF, type SeededBook, advisorCtx, openSeededBook, run, timed } from '../__fixtures__/seeded-book.js';
import { composeScreen } from './compose.js';
import { SCREEN_CRITERIA, ScreenBookResult } from './schema.js';
import { screenBookTool } from './index.js';

const EQUITY = new Set(['equity_cn', 'equity_hk', 'equity_us']);
const CEILING: Record<number, number | null> = { 1: 0.05, 2: 0.08, 3: 0.12, 4: 0.18, 5: null };
const NOW = new Date(`${AS_OF}T23:59:59Z`);

describe('screen_book', () => {
  let book: SeededBook;
  let db: Db;
  const cny = new Map<string, GetPortfolioResult>();
  const base = new Map<string, GetPortfolioResult>();

  beforeAll(async () => {
    book = await openSeededBook();
    db = book.db;
    const ctx = advisorCtx(db);
    for (const id of book.a001) {
      cny.set(id, await run<GetPortfolioResult>('get_portfolio', { clientId: id, currency: 'CNY' }, ctx));
      base.set(id, await run<GetPortfolioResult>('get_portfolio', { clientId: id }, ctx));
    }
  }, 240_000);
  afterAll(async () => db?.close());

  const screen = (args: Record<string, unknown>, advisor = 'A001', lang: 'zh' | 'en' = 'zh') =>
    run<ScreenBookResult>('screen_book', { limit: 200, ...args }, advisorCtx(db, advisor, lang));

  /** Current profile per client of A001: level and expiry (SQL). */
  async function profiles(): Promise<Map<string, { level: number; expires: Date }>> {
    const r = await db.query<{ client_id: string; level: number; expires_at: Date }>(
      `SELECT DISTINCT ON (client_id) client_id, level, expires_at FROM risk_profiles WHERE client_id IN (SELECT id FROM clients WHERE advisor_id = 'A001')
        ORDER BY client_id, assessed_at DESC, id DESC`,
    );
    return new Map(r.rows.map((x) => [x.client_id, { level: Number(x.level), expires: new Date(x.expires_at) }]));
  }

  const classSum = (p: GetPortfolioResult, classes: Set<string>) =>
    p.allocation.byAssetClass.filter((s) => classes.has(s.key)).reduce((s, x) => s.plus(x.value), new Decimal(0));
  const byKeyDesc = (a: { id: string; key: number | Decimal }, b: { id: string; key: number | Decimal }) => {
    const c = typeof a.key === 'number' ? (b.key as number) - a.key : (b.key as Decimal).comparedTo(a.key);
    return c || (a.id < b.id ? -1 : 1);
  };

  it('answers every criterion in time, with results that parse with the output schema', async () => {
    const times: Record<string, string> = {};
    for (const criterion of SCREEN_CRITERIA) {
      const args = criterion === 'holds_product' ? { criterion, product: '018201' } : { criterion };
      const { ms, value: r } = await timed(() => screen({ ...args, limit: 10 }));
      times[criterion] = `${ms.toFixed(0)} ms`;
      expect(ScreenBookResult.parse(r)).toEqual(r);
      expect(r.total, criterion).toBeGreaterThan(0);
      expect(r.shown).toBe(r.rows.length);
      expect(r.more).toBe(r.total - r.shown);
      expect(r.rows.length).toBe(Math.min(10, r.total));
      expect(r.asOf).toBe(AS_OF);
    }
    console.log(`screen_book on a ${book.a001.length}-client book (PGlite):`, times);
  }, 120_000);

  it('ranks cash, stocks and bonds by money in CNY and by share of the portfolio, as get_portfolio values them', async () => {
    for (const [criterion, classes] of [['cash', new Set(['cash'])], ['equity', EQUITY], ['bond', new Set(['bond'])]] as const) {
      const expected = book.a001
        .map((id) => ({ id, key: classSum(cny.get(id)!, classes), w: base.get(id)!.allocation.byAssetClass.filter((s) => classes.has(s.key)).reduce((s, x) => s + x.weight, 0) }))
        .filter((x) => !x.key.isZero());
      const r = await screen({ criterion });
      expect(r.rows.map((x) => x.clientId)).toEqual([...expected].sort(byKeyDesc).map((x) => x.id));
      expect(r.rows.map((x) => x.value)).toEqual([...expected].sort(byKeyDesc).map((x) => x.key.toFixed(2)));
      const byWeight = await screen({ criterion, basis: 'weight' });
      const w = [...expected].map((x) => ({ id: x.id, key: x.w })).sort(byKeyDesc);
      expect(byWeight.rows.map((x) => x.clientId)).toEqual(w.map((x) => x.id));
      byWeight.rows.forEach((row, i) => expect(row.metric).toBeCloseTo(w[i].key, 12));
    }
    const heavy = await screen({ criterion: 'equity', threshold: 0.4 });
    const heavyExpected = book.a001.filter((id) => base.get(id)!.allocation.byAssetClass.filter((s) => EQUITY.has(s.key)).reduce((s, x) => s + x.weight, 0) > 0.4);
    expect(new Set(heavy.rows.map((x) => x.clientId))).toEqual(new Set(heavyExpected));
    expect(heavy.threshold).toBe(0.4);
    const aum = await screen({ criterion: 'aum', limit: 3 });
    const expected = book.a001.map((id) => ({ id, key: new Decimal(cny.get(id)!.totalValue) })).sort(byKeyDesc);
    expect(aum.rows.map((x) => [x.clientId, x.value])).toEqual(expected.slice(0, 3).map((x) => [x.id, x.key.toFixed(2)]));
    expect(aum.total).toBe(book.a001.length);
    expect(aum.more).toBe(book.a001.length - 3);
  });

  it('finds the holders of a product by code or by name, largest position first (SQL and get_portfolio)', async () => {
    const holders = (await db.query<{ client_id: string }>(
      `SELECT DISTINCT client_id FROM lots WHERE instrument_id = '018201' AND acquired_at <= $1 AND client_id IN (SELECT id FROM clients WHERE advisor_id = 'A001')`,
      [AS_OF],
    )).rows.map((x) => x.client_id);
    expect(holders.length).toBeGreaterThan(1);
    const expected = holders
      .map((id) => ({ id, key: new Decimal(cny.get(id)!.holdings.find((h) => h.instrumentId === '018201')!.marketValue) }))
      .sort(byKeyDesc);
    for (const product of ['018201', '鼎元稳健纯债A', '鼎元稳健纯债债券A']) {
      const r = await screen({ criterion: 'holds_product', product });
      expect(r.product?.id).toBe('018201');
      expect(r.rows.map((x) => [x.clientId, x.value])).toEqual(expected.map((x) => [x.id, x.key.toFixed(2)]));
    }
    // a one-letter ticker is that stock, never a name with the letter in it; a company's name finds its stock
    for (const [product, id] of [['V', 'V'], ['v', 'V'], ['Visa', 'V'], ['Apple', 'AAPL'], ['腾讯', '0700.HK']]) {
      expect((await screen({ criterion: 'holds_product', product })).product?.id, product).toBe(id);
    }
    const none = await executeTool('screen_book', { criterion: 'holds_product', product: '完全不存在的产品' }, advisorCtx(db));
    expect(none).toMatchObject({ ok: false, error: { code: 'WD_ERR_NOT_FOUND', path: 'product' } });
    const noProduct = await executeTool('screen_book', { criterion: 'holds_product' }, advisorCtx(db));
    expect(noProduct).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION', path: 'product' } });
  });

  it('lists holdings above the profile and expired or missing profiles, naming the products (SQL)', async () => {
    const prof = await profiles();
    const rows = (await db.query<{ client_id: string; instrument_id: string; risk_level: number }>(
      `SELECT DISTINCT l.client_id, l.instrument_id, i.risk_level FROM lots l JOIN instruments i ON i.id = l.instrument_id
        WHERE l.acquired_at <= $1 AND l.client_id IN (SELECT id FROM clients WHERE advisor_id = 'A001') AND i.risk_level IS NOT NULL`,
      [AS_OF],
    )).rows;
    const expected = new Map<string, string[]>();
    for (const id of book.a001) {
      const p = prof.get(id);
      const above = rows.filter((x) => x.client_id === id && p && Number(x.risk_level) > p.level).map((x) => x.instrument_id).sort();
      if (!p || p.expires <= NOW || above.length) expected.set(id, above);
    }
    const r = await screen({ criterion: 'above_profile' });
    expect(new Set(r.rows.map((x) => x.clientId))).toEqual(new Set(expected.keys()));
    for (const row of r.rows) expect((row.detail.holdings ?? []).map((h) => h.instrumentId).sort()).toEqual(expected.get(row.clientId));
    expect(r.rows.find((x) => x.clientId === book.missing)).toMatchObject({ riskProfile: null, detail: { profileState: 'missing' } });
    expect(r.rows.find((x) => x.clientId === book.expired)).toMatchObject({ profileExpired: true, detail: { profileState: 'expired' } });
    expect(r.rows.find((x) => x.clientId === 'C0004')?.detail.holdings?.map((h) => h.instrumentId)).toContain('018401');
  });

  it('lists risk assessments missing, expired or expiring within the window (SQL)', async () => {
    const prof = await profiles();
    for (const withinDays of [30, 120]) {
      const limit = new Date(`${AS_OF}T00:00:00Z`);
      limit.setUTCDate(limit.getUTCDate() + withinDays);
      const expected = book.a001.filter((id) => {
        const p = prof.get(id);
        return !p || p.expires.toISOString().slice(0, 10) <= limit.toISOString().slice(0, 10);
      });
      const r = await screen({ criterion: 'assessment_due', withinDays });
      expect(r.withinDays).toBe(withinDays);
      expect(new Set(r.rows.map((x) => x.clientId))).toEqual(new Set(expected));
      expect(r.rows[0].clientId).toBe(book.missing); // never assessed comes first
      expect(r.rows[1].clientId).toBe(book.expired);
      const days = r.rows.slice(1).map((x) => x.metric as number);
      expect(days).toEqual([...days].sort((a, b) => a - b));
    }
  });

  it('flags volatility above the profile ceiling exactly as portfolio_risk measures it', async () => {
    const prof = await profiles();
    const expected: { id: string; vol: number; key: number }[] = [];
    for (const id of book.a001) {
      const p = prof.get(id);
      const ceiling = p ? CEILING[p.level] : null;
      if (ceiling === null || ceiling === undefined) continue;
      const risk = await run<PortfolioRiskResult>('portfolio_risk', { clientId: id }, advisorCtx(db));
      if (risk.annualVolatility > ceiling) expected.push({ id, vol: risk.annualVolatility, key: risk.annualVolatility - ceiling });
    }
    expect(expected.map((x) => x.id)).toContain(book.reassessed);
    const r = await screen({ criterion: 'risk_limit' });
    expect(r.rows.map((x) => x.clientId)).toEqual(expected.sort(byKeyDesc).map((x) => x.id));
    r.rows.forEach((row, i) => expect(row.metric).toBe(expected[i].vol));
    expect(r.ceilings).toEqual({ C1: 0.05, C2: 0.08, C3: 0.12, C4: 0.18, C5: null });
  }, 120_000);

  it('lists the clients who trailed their benchmark, exactly as get_performance measures it', async () => {
    for (const period of ['YTD', '2025'] as const) {
      const expected: { id: string; key: number; r: number; b: number }[] = [];
      for (const id of book.a001) {
        const out = await executeTool('get_performance', { clientId: id, periods: [period] }, advisorCtx(db));
        if (!out.ok) continue; // a calendar year before the client's inception
        const p = (out.result as GetPerformanceResult).periods[0];
        if (p.benchmarkReturn !== null && p.return < p.benchmarkReturn) expected.push({ id, key: p.benchmarkReturn - p.return, r: p.return, b: p.benchmarkReturn });
      }
      expected.sort(byKeyDesc);
      const r = await screen({ criterion: 'underperformed', ...(period === 'YTD' ? {} : { period }) });
      expect(r.period).toBe(period);
      expect(r.rows.map((x) => x.clientId)).toEqual(expected.map((x) => x.id));
      r.rows.forEach((row, i) => expect([row.detail.return, row.detail.benchmarkReturn]).toEqual([expected[i].r, expected[i].b]));
    }
  }, 120_000);

  it('finds concentrated portfolios (largest non-cash holding) above the threshold (get_portfolio)', async () => {
    for (const threshold of [undefined, 0.3]) {
      const t = threshold ?? 0.2;
      const expected = book.a001
        .map((id) => ({ id, h: base.get(id)!.holdings.find((x) => x.assetClass !== 'cash') }))
        .filter((x) => x.h && x.h.weight > t)
        .map((x) => ({ id: x.id, key: x.h!.weight, inst: x.h!.instrumentId }))
        .sort(byKeyDesc);
      const r = await screen({ criterion: 'concentration', ...(threshold ? { threshold } : {}) });
      expect(r.threshold).toBe(t);
      expect(r.rows.map((x) => [x.clientId, x.detail.holdings?.[0].instrumentId])).toEqual(expected.map((x) => [x.id, x.inst]));
      r.rows.forEach((row, i) => expect(row.metric).toBeCloseTo(expected[i].key, 12));
    }
  });

  it('finds drift above the threshold as list_clients measures it, and filters by profile, orders and limits', async () => {
    const lc = await run<ListClientsResult>('list_clients', { minDrift: 0.05, sortBy: 'drift', limit: 200 }, advisorCtx(db));
    const r = await screen({ criterion: 'drift' });
    expect(r.rows.map((x) => x.clientId)).toEqual(lc.clients.map((c) => c.id));
    r.rows.forEach((row, i) => expect(row.metric).toBe(lc.clients[i].maxDrift));

    const c3 = await screen({ criterion: 'cash', riskProfile: 3, limit: 3 });
    expect(c3.riskProfile).toBe(3);
    expect(c3.rows.every((x) => x.riskProfile === 3)).toBe(true);
    expect(c3.rows.length).toBe(3);
    const all = await screen({ criterion: 'cash' });
    const asc = await screen({ criterion: 'cash', order: 'asc', limit: 2 });
    const ascending = [...all.rows].sort((a, b) => new Decimal(a.value).comparedTo(b.value) || (a.clientId < b.clientId ? -1 : 1)); // ties by id either way
    expect(asc.rows.map((x) => x.clientId)).toEqual(ascending.slice(0, 2).map((x) => x.clientId));
    expect(asc.more).toBe(all.total - 2);
  });

  it("never shows another advisor's clients, and serves advisors only", async () => {
    const a002 = new Set((await db.query<{ id: string }>("SELECT id FROM clients WHERE advisor_id = 'A002'")).rows.map((x) => x.id));
    for (const criterion of ['aum', 'cash', 'concentration', 'underperformed'] as const) {
      const r = await screen({ criterion }, 'A002');
      expect(r.advisorId).toBe('A002');
      expect(r.rows.length).toBeGreaterThan(0);
      expect(r.rows.every((x) => a002.has(x.clientId))).toBe(true);
      expect(r.rows.some((x) => book.a001.includes(x.clientId))).toBe(false);
    }
    const asClient = { ...advisorCtx(db), principal: { role: 'client' as const, clientId: 'C0001' } };
    expect(await executeTool('screen_book', { criterion: 'cash' }, asClient)).toMatchObject({ ok: false, error: { code: 'WD_ERR_FORBIDDEN' } });
    await expect(screenBookTool.execute({ criterion: 'cash' }, asClient)).rejects.toMatchObject({ code: 'WD_ERR_FORBIDDEN' });
    const asReviewer = { ...advisorCtx(db), principal: { role: 'compliance' as const, reviewerId: 'R001' } };
    expect(await executeTool('screen_book', { criterion: 'cash' }, asReviewer)).toMatchObject({ ok: false, error: { code: 'WD_ERR_FORBIDDEN' } });
  });

  it('answers with the clients by name and id and only figures of the result, and says plainly when none match', async () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const args of [{ criterion: 'cash', limit: 3 }, { criterion: 'above_profile' }, { criterion: 'assessment_due' }, { criterion: 'risk_limit' }, { criterion: 'underperformed', limit: 5 }, { criterion: 'drift', limit: 4 }, { criterion: 'aum', limit: 2 }]) {
        const r = await screen(args, 'A001', lang);
        const text = composeScreen(r, lang);
        expect(ungroundedFigures(text, [r, args], ''), text).toEqual([]);
        for (const row of r.rows) expect(text).toContain(`${row.name}${lang === 'zh' ? '（' : ' ('}${row.clientId}`);
        if (r.more > 0) expect(text).toContain(String(r.more));
      }
    }
    const cash = await screen({ criterion: 'cash', limit: 3 });
    const zh = composeScreen(cash, 'zh');
    expect(zh).toContain(`现金最多的 3 位客户（共 ${cash.total} 位持有现金的客户`);
    expect(zh).toContain(`……另有 ${cash.more} 位`);
    const none = await screen({ criterion: 'concentration', threshold: 0.99 });
    expect(none.total).toBe(0);
    expect(composeScreen(none, 'zh')).toMatch(/^截至 2026-11-20，没有单一持仓/);
    expect(composeScreen(none, 'en')).toMatch(/^As of 2026-11-20, no client has a single holding/);
  });
});
