/**
 * book_overview on a seeded book: totals and splits recomputed from get_portfolio and
 * SQL, attention counts equal to the matching screens, another advisor's book, the
 * output schema and the grounding of the answer.
 */
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ungroundedFigures } from '../../compliance/guards/grounding.js';
import { money } from '../../lang/format.js';
import type { Db } from '../../db/db.js';
import type { GetPortfolioResult } from '../contract.js';
import { executeTool } from '../registry.js';
import type { ScreenBookResult } from '../screen-book/schema.js';
import { AS_OF, type SeededBook, advisorCtx, openSeededBook, run, timed } from '../__fixtures__/seeded-book.js';
import { BookOverviewResult } from './index.js';
import { bookOverviewPlanner } from './planner.js';

describe('book_overview', () => {
  let book: SeededBook;
  let db: Db;
  beforeAll(async () => {
    book = await openSeededBook();
    db = book.db;
  }, 240_000);
  afterAll(async () => db?.close());

  it('sums the book in CNY (or USD) as get_portfolio values each client, split by profile and asset class', async () => {
    const { ms, value: r } = await timed(() => run<BookOverviewResult>('book_overview', {}, advisorCtx(db)));
    console.log(`book_overview on a ${book.a001.length}-client book: ${ms.toFixed(0)} ms`);
    expect(BookOverviewResult.parse(r)).toEqual(r);
    expect(r).toMatchObject({ advisorId: 'A001', asOf: AS_OF, currency: 'CNY', clients: book.a001.length });
    let aum = new Decimal(0);
    const byClass = new Map<string, Decimal>();
    for (const id of book.a001) {
      const p = await run<GetPortfolioResult>('get_portfolio', { clientId: id, currency: 'CNY' }, advisorCtx(db));
      aum = aum.plus(p.totalValue);
      for (const s of p.allocation.byAssetClass) byClass.set(s.key, (byClass.get(s.key) ?? new Decimal(0)).plus(s.value));
    }
    expect(r.aum).toBe(aum.toFixed(2));
    expect(Object.fromEntries(r.byAssetClass.map((s) => [s.key, s.value]))).toEqual(Object.fromEntries([...byClass].map(([k, v]) => [k, v.toFixed(2)])));
    expect(r.byAssetClass.reduce((s, x) => s.plus(x.value), new Decimal(0)).toFixed(2)).toBe(r.aum);
    expect(r.byRiskProfile.reduce((s, x) => s.plus(x.aum), new Decimal(0)).toFixed(2)).toBe(r.aum);

    const levels = (await db.query<{ level: number | null; n: number }>(
      `SELECT p.level, count(*)::int AS n FROM clients c LEFT JOIN LATERAL (
         SELECT level FROM risk_profiles WHERE client_id = c.id ORDER BY assessed_at DESC, id DESC LIMIT 1) p ON true
        WHERE c.advisor_id = 'A001' GROUP BY p.level ORDER BY p.level NULLS LAST`,
    )).rows;
    expect(r.byRiskProfile.map((x) => [x.profile, x.clients])).toEqual(levels.map((x) => [x.level === null ? null : Number(x.level), Number(x.n)]));

    const usd = await run<BookOverviewResult>('book_overview', { currency: 'USD' }, advisorCtx(db));
    let aumUsd = new Decimal(0);
    for (const id of book.a001) aumUsd = aumUsd.plus((await run<GetPortfolioResult>('get_portfolio', { clientId: id, currency: 'USD' }, advisorCtx(db))).totalValue);
    expect(usd).toMatchObject({ currency: 'USD', aum: aumUsd.toFixed(2) });
  }, 120_000);

  it('counts the clients needing attention as the screens list them', async () => {
    const r = await run<BookOverviewResult>('book_overview', {}, advisorCtx(db));
    const total = async (args: Record<string, unknown>) => (await run<ScreenBookResult>('screen_book', args, advisorCtx(db))).total;
    expect(r.attention).toEqual({
      aboveProfile: await total({ criterion: 'above_profile' }),
      assessmentDue: await total({ criterion: 'assessment_due', withinDays: 30 }),
      drift: await total({ criterion: 'drift', threshold: 0.05 }),
      concentration: await total({ criterion: 'concentration', threshold: 0.2 }),
    });
    expect(r.attention.aboveProfile).toBeGreaterThanOrEqual(3); // C0004's R4 fund, the missing and the expired profile
    expect(r.thresholds).toEqual({ drift: 0.05, concentration: 0.2, withinDays: 30 });
  });

  it("shows only the advisor's own book, and only to advisors", async () => {
    const r = await run<BookOverviewResult>('book_overview', {}, advisorCtx(db, 'A002'));
    const n = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM clients WHERE advisor_id = 'A002'")).rows[0].n;
    expect(r).toMatchObject({ advisorId: 'A002', clients: Number(n) });
    const mine = await run<BookOverviewResult>('book_overview', {}, advisorCtx(db));
    expect(r.aum).not.toBe(mine.aum);
    const asClient = { ...advisorCtx(db), principal: { role: 'client' as const, clientId: 'C0001' } };
    expect(await executeTool('book_overview', {}, asClient)).toMatchObject({ ok: false, error: { code: 'WD_ERR_FORBIDDEN' } });
  });

  it('answers with figures of the result only, in both languages', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const r = await run<BookOverviewResult>('book_overview', {}, advisorCtx(db, 'A001', lang));
      const text = bookOverviewPlanner.compose({ q: '', lang, role: 'advisor', intent: 'book_overview', outcomes: [{ tool: 'book_overview', args: {}, result: r }] });
      expect(ungroundedFigures(text, [r, {}], ''), text).toEqual([]);
      expect(text).toContain(String(r.clients));
      expect(text).toContain(money(r.aum, r.currency));
    }
  });
});
