/**
 * client_summary on a seeded book: every figure equal to the client tools' own (get_portfolio,
 * get_performance, portfolio_risk), the attention items, the conversation count over the
 * last 90 days, the book check (another advisor's client, an unknown id, a client
 * principal), the output schema and the grounding of the answer.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ungroundedFigures } from '../../compliance/guards/grounding.js';
import type { Db } from '../../db/db.js';
import type { GetPerformanceResult, GetPortfolioResult, PortfolioRiskResult } from '../contract.js';
import { executeTool } from '../registry.js';
import { AS_OF, type SeededBook, advisorCtx, openSeededBook, run, timed } from '../__fixtures__/seeded-book.js';
import { ClientSummaryResult, clientSummaryTool } from './index.js';
import { clientSummaryPlanner } from './planner.js';

describe('client_summary', () => {
  let book: SeededBook;
  let db: Db;
  beforeAll(async () => {
    book = await openSeededBook();
    db = book.db;
    // C0003's conversations: two in the last 90 days to the as-of date, one older, one after it; one of another client
    const at = ['2026-11-19T09:00:00Z', '2026-09-01T09:00:00Z', '2026-08-01T09:00:00Z', '2026-11-25T09:00:00Z'];
    for (const t of at) {
      await db.query(`INSERT INTO conversations (id, principal_role, principal_id, client_id, created_at) VALUES ($1, 'client', 'C0003', 'C0003', $2)`, [randomUUID(), t]);
    }
    await db.query(`INSERT INTO conversations (id, principal_role, principal_id, client_id, created_at) VALUES ($1, 'client', 'C0001', 'C0001', $2)`, [randomUUID(), at[0]]);
  }, 240_000);
  afterAll(async () => db?.close());

  const summary = (clientId: string, lang: 'zh' | 'en' = 'zh') => run<ClientSummaryResult>('client_summary', { clientId }, advisorCtx(db, 'A001', lang));

  it('shows the figures the client tools show', async () => {
    const { ms, value: r } = await timed(() => summary('C0003'));
    console.log(`client_summary: ${ms.toFixed(0)} ms`);
    expect(ClientSummaryResult.parse(r)).toEqual(r);
    const ctx = advisorCtx(db);
    const p = await run<GetPortfolioResult>('get_portfolio', { clientId: 'C0003' }, ctx);
    const perf = await run<GetPerformanceResult>('get_performance', { clientId: 'C0003', periods: ['YTD', '1Y'] }, ctx);
    const risk = await run<PortfolioRiskResult>('portfolio_risk', { clientId: 'C0003' }, ctx);
    expect(r).toMatchObject({ clientId: 'C0003', name: '陈美玲', asOf: AS_OF, currency: p.currency, value: p.totalValue, cost: p.totalCost, unrealizedPnl: p.unrealizedPnl });
    expect(r.unrealizedPnlPct).toBeCloseTo(p.unrealizedPnlPct, 12);
    for (const s of p.allocation.byAssetClass) {
      const a = r.allocation.find((x) => x.assetClass === s.key)!;
      expect([a.value, a.weight]).toEqual([s.value, s.weight]);
      const t = p.targetAllocation.find((x) => x.assetClass === s.key);
      if (t) expect(a.drift).toBeCloseTo(s.weight - t.weight, 12);
    }
    for (const t of p.targetAllocation) expect(r.allocation.find((x) => x.assetClass === t.assetClass)?.target).toBeCloseTo(t.weight, 12);
    expect(r.performance?.benchmark).toEqual(perf.benchmark);
    expect(r.performance?.periods.map((x) => [x.period, x.start, x.end, x.return, x.benchmarkReturn])).toEqual(
      perf.periods.map((x) => [x.period, x.start, x.end, x.return, x.benchmarkReturn]),
    );
    expect([r.risk?.annualVolatility, r.risk?.maxDrawdown, r.risk?.observations]).toEqual([risk.annualVolatility, risk.maxDrawdown, risk.observations]);
    expect(r.topHoldings.map((h) => [h.instrumentId, h.value, h.weight, h.unrealizedPnl])).toEqual(
      p.holdings.slice(0, 5).map((h) => [h.instrumentId, h.marketValue, h.weight, h.unrealizedPnl]),
    );
    expect(r.holdings).toBe(p.holdings.length);
    expect(r.conversations).toEqual({ days: 90, count: 2 });
  });

  it('lists what needs attention: products above the profile, an expired or missing assessment', async () => {
    const wang = await summary('C0004');
    expect(wang.profile.level).toBe(1);
    expect(wang.attention.aboveProfile.map((h) => h.instrumentId)).toContain('018401');
    expect(wang.attention.aboveProfile.every((h) => (h.riskLevel ?? 0) > 1)).toBe(true);
    const missing = await summary(book.missing);
    expect(missing.profile).toMatchObject({ level: null, state: 'missing' });
    expect(missing.attention.assessment).toMatchObject({ state: 'missing' });
    const expired = await summary(book.expired);
    expect(expired.profile).toMatchObject({ expired: true, state: 'expired', expiresAt: '2026-11-01T02:00:00.000Z' });
    expect(expired.attention.assessment).toMatchObject({ state: 'expired', daysLeft: -19 });
    const chen = await summary('C0003');
    expect(chen.attention).toMatchObject({ aboveProfile: [], assessment: null });
  });

  it("refuses a client of another book, an unknown id and anyone but an advisor", async () => {
    const other = (await db.query<{ id: string }>("SELECT id FROM clients WHERE advisor_id = 'A002' ORDER BY id LIMIT 1")).rows[0].id;
    expect(await executeTool('client_summary', { clientId: other }, advisorCtx(db))).toMatchObject({ ok: false, error: { code: 'WD_ERR_FORBIDDEN', path: 'clientId' } });
    expect(await executeTool('client_summary', { clientId: 'C9999' }, advisorCtx(db))).toMatchObject({ ok: false, error: { code: 'WD_ERR_UNKNOWN_CLIENT' } });
    expect(await executeTool('client_summary', {}, advisorCtx(db))).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION', path: 'clientId' } });
    const asClient = { ...advisorCtx(db), principal: { role: 'client' as const, clientId: 'C0003' } };
    expect(await executeTool('client_summary', { clientId: 'C0003' }, asClient)).toMatchObject({ ok: false, error: { code: 'WD_ERR_FORBIDDEN' } });
    await expect(clientSummaryTool.execute({ clientId: 'C0003' }, asClient)).rejects.toMatchObject({ code: 'WD_ERR_FORBIDDEN' });
    expect(await run<ClientSummaryResult>('client_summary', { clientId: other }, advisorCtx(db, 'A002'))).toMatchObject({ clientId: other });
  });

  it('answers in the third person, by name and id, with figures of the result only', async () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const id of ['C0003', 'C0004', book.expired, book.missing]) {
        const r = await summary(id, lang);
        const text = clientSummaryPlanner.compose({ q: '', lang, role: 'advisor', intent: 'client_summary', outcomes: [{ tool: 'client_summary', args: { clientId: id }, result: r }] });
        expect(ungroundedFigures(text, [r, { clientId: id }], ''), text).toEqual([]);
        expect(text).toContain(lang === 'zh' ? `${r.name}（${id}）` : `${r.name} (${id})`);
        expect(text).not.toMatch(/您的|\byour portfolio\b/);
      }
    }
  });
});
