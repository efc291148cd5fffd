/**
 * optimize_portfolio on the seeded demo book, for the calls a reviewer found failing:
 * C0101 with a turnover limit (WD_ERR_SOLVER for every limit tried) and a Black-Litterman
 * view on "tech" (rejected although the schema gives it as an example).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { seedDemoData } from '../../db/seed/seed.js';
import { storeTargets } from '../../db/testing.js';
import type { OptimizePortfolioResult } from '../contract-construction.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';

for (const target of storeTargets()) {
  describe(`optimize_portfolio on the seeded book (${target.name})`, () => {
    let db: Db;
    const ctx = (clientId: string, lang: 'en' | 'zh' = 'en'): ToolContext => ({ principal: { role: 'client', clientId }, db, lang, state: {} });
    const ok = async (args: unknown, clientId = 'C0101', lang: 'en' | 'zh' = 'en'): Promise<OptimizePortfolioResult> => {
      const out = await executeTool('optimize_portfolio', args, ctx(clientId, lang));
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      return out.result as OptimizePortfolioResult;
    };
    const failed = async (args: unknown, clientId = 'C0101') => {
      const out = await executeTool('optimize_portfolio', args, ctx(clientId));
      if (out.ok) throw new Error('expected an error');
      return out.error as { code: string; message: string; path?: string };
    };
    beforeAll(async () => {
      db = await target.open();
      await seedDemoData(db, { clients: 101 });
    }, 120_000);
    afterAll(async () => db?.close());

    describe('a turnover limit (C0101: a private fund at 43% of the portfolio, above the 30% cap and its 0–15% band)', () => {
      it('is met for every limit and objective, with no other limit pushed further out', async () => {
        for (const args of [{ maxTurnover: 0.3 }, { maxTurnover: 0.45 }, { maxTurnover: 0.6 }, { maxTurnover: 0.3, objective: 'min-volatility' }, { maxTurnover: 0 }]) {
          const r = await ok(args);
          const turnover = r.holdings.reduce((a, h) => a + Math.abs(h.change), 0);
          expect(turnover).toBeLessThanOrEqual(args.maxTurnover + 1e-9);
          expect(r.holdings.reduce((a, h) => a + h.proposedWeight, 0)).toBeCloseTo(1, 9);
          for (const h of r.holdings) {
            expect(h.proposedWeight).toBeGreaterThanOrEqual(-1e-12);
            // above the cap: may shrink, never grow
            expect(h.proposedWeight).toBeLessThanOrEqual(Math.max(0.3, h.currentWeight) + 1e-9);
          }
          expect(r.inputs.maxTurnover).toBe(args.maxTurnover);
        }
      });

      it('30% cannot reach every limit: the ones broken are moved out only as far as the limit needs, and the notes say so', async () => {
        // private (target 5%, band 0–15%) is 43.1%: selling it down to 15% takes 2 × 28.1 pp of
        // turnover; 30% allows 15 pp of sales, so its limit is moved out to 28.1% and met exactly.
        for (const objective of ['max-sharpe', 'min-volatility']) {
          const r = await ok({ maxTurnover: 0.3, objective });
          const pf = r.holdings.find((h) => h.instrumentId === 'PF-2022-030')!;
          expect(pf.currentWeight).toBeCloseTo(0.4308, 4);
          expect(pf.proposedWeight).toBeCloseTo(0.2808, 4);
          expect(r.holdings.reduce((a, h) => a + Math.abs(h.change), 0)).toBeCloseTo(0.3, 9);
          expect(r.notes[1]).toBe(
            'within the 30% turnover limit not every limit can be met: fund at 18.8% (band 19%–39%); private at 28.1% (band 0%–15%); moved towards them as far as the limit allows',
          );
        }
        const zh = await ok({ maxTurnover: 0.3 }, 'C0101', 'zh');
        expect(zh.notes[1]).toBe('换手上限 30% 内无法同时满足全部约束：公募基金 18.8%（区间 19%–39%）；私募基金 28.1%（区间 0%–15%）；已在换手上限内尽量向其调整');
      });

      it('a limit that allows the whole move gives the proposal without one: no limit is loosened', async () => {
        const free = await ok({});
        for (const maxTurnover of [0.6, 2]) {
          const r = await ok({ maxTurnover });
          expect(r.notes.some((n) => n.includes('turnover limit'))).toBe(false);
          expect(r.holdings.find((h) => h.instrumentId === 'PF-2022-030')!.proposedWeight).toBeLessThanOrEqual(0.15 + 1e-9);
          expect(r.byAssetClass.find((c) => c.assetClass === 'fund')!.proposedWeight).toBeGreaterThanOrEqual(0.19 - 1e-9);
        }
        const r = await ok({ maxTurnover: 2 });
        r.holdings.forEach((h) => expect(h.proposedWeight).toBeCloseTo(free.holdings.find((x) => x.instrumentId === h.instrumentId)!.proposedWeight, 6));
      });

      it('a target it cannot reach is a 4xx naming the limits in conflict and what they allow, in portfolio terms', async () => {
        // no cap or bands asked: the error is the same (it comes once they are dropped) after far fewer solves
        const e = await failed({ objective: 'efficient-return', targetReturn: 0.2, maxTurnover: 0.3, maxWeight: 1, classBand: 0 });
        expect(e.code).toBe('WD_ERR_INFEASIBLE');
        expect(e.path).toBe('targetReturn');
        expect(e.message).toBe(
          'targetReturn: 20% cannot be met together with maxTurnover 30% and the current holdings (no new product is added), even without the holding cap and class bands; the highest expected return they allow is 6.8%',
        );
        const v = await failed({ objective: 'efficient-risk', targetVolatility: 0.05, maxTurnover: 0.1, maxWeight: 1, classBand: 0 });
        expect(v.code).toBe('WD_ERR_INFEASIBLE');
        expect(v.message).toMatch(/^targetVolatility: 5% cannot be met together with maxTurnover 10% and the current holdings .*; the lowest volatility they allow is 10\.9%$/);
        // without the limit the same volatility target is met (with the bands dropped, as the notes say)
        expect((await ok({ objective: 'efficient-risk', targetVolatility: 0.05 })).inputs.classBand).toBeNull();
      });
    });

    describe('Black-Litterman view keys', () => {
      // C0101 holds a technology fund (018102) and AAPL, and two bonds.
      const view = (asset: string, versus: string) => ({ views: [{ type: 'relative', asset, versus, return: 0.03 }] });

      it('"tech" (the schema’s own example), "Tech", "科技" and "technology" are one view', async () => {
        const ref = await ok(view('technology', 'bond'));
        expect(ref.blackLitterman!.views[0]).toMatchObject({ asset: 'technology', versus: 'bond', assets: ['018102', 'AAPL', '019741.SH', 'MTIY'] });
        for (const [a, b] of [['tech', 'bonds'], ['Tech', 'Fixed Income'], ['科技', '债券'], ['IT', 'bond']]) {
          const r = await ok(view(a, b));
          expect(r.blackLitterman!.views[0]).toMatchObject({ asset: 'technology', versus: 'bond' });
          expect(r.inputs.sleeveWeights).toEqual(ref.inputs.sleeveWeights);
        }
      });

      it('an unknown key lists the accepted ones; a known one the client does not hold says what it holds', async () => {
        const e = await failed(view('gold', 'bond'));
        expect(e.code).toBe('WD_ERR_VALIDATION');
        expect(e.path).toBe('views.0.asset');
        expect(e.message).toContain('"gold" is not a holding, asset class or sector');
        expect(e.message).toContain('an asset class (equity_cn, equity_hk, equity_us, bond, fund, wealth, private, reit)');
        expect(e.message).toContain('a sector (technology, consumer, healthcare, financials, energy, materials, industrials, utilities, communication, real_estate)');
        const n = await failed(view('tech', '能源'));
        expect(n.path).toBe('views.0.versus');
        expect(n.message).toBe(
          "views.0.versus: no optimizable holding is in sector energy; the client's are in asset classes bond, equity_cn, equity_hk, equity_us, fund, private, reit and sectors communication, consumer, financials, healthcare, real_estate, technology",
        );
      });
    });
  });
}
