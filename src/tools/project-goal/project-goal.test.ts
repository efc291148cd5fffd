import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { LAST, insertBook } from '../__fixtures__/book.js';
import type { ProjectGoalResult } from '../contract-construction.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';

const D = Decimal.clone({ precision: 60 });

/** FV of V0 and an end-of-month annuity C over n months at monthly growth g (closed form). */
function fv(v0: string, c: string, g: Decimal, n: number): Decimal {
  const gn = g.pow(n);
  return new D(v0).times(gn).plus(new D(c).times(gn.minus(1)).div(g.minus(1)));
}

for (const target of storeTargets()) {
  describe(`project_goal on ${target.name}`, () => {
    let db: Db;
    const ctx: () => ToolContext = () => ({ principal: { role: 'client', clientId: 'C1' }, db, lang: 'zh', asOf: LAST, state: {} });
    beforeAll(async () => {
      db = await target.open();
      await insertBook(db);
    });
    afterAll(async () => db?.close());

    async function goal(args: unknown): Promise<ProjectGoalResult> {
      const out = await executeTool('project_goal', args, ctx());
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      return out.result as ProjectGoalResult;
    }

    it('with volatility 0 equals the closed-form future value, and gives the exact contribution for the goal', async () => {
      const r = await goal({ targetAmount: '5000000', years: 20, monthlyContribution: 5000, initialAmount: '100000', expectedReturn: 0.06, volatility: 0 });
      const g = new D('1.06').pow(new D(1).div(12));
      const want = fv('100000', '5000', g, 240);
      expect(Math.abs(new D(r.medianFinal).minus(want).toNumber())).toBeLessThanOrEqual(0.01);
      for (const p of r.percentiles) {
        p.values.forEach((v, y) => expect(Math.abs(new D(v).minus(fv('100000', '5000', g, 12 * y)).toNumber())).toBeLessThanOrEqual(0.01));
      }
      expect(r.probability).toBe(want.gte(5_000_000) ? 1 : 0);
      // C* with V0·gᴺ + C*(gᴺ − 1)/(g − 1) = target
      const gn = g.pow(240);
      const need = new D(5_000_000).minus(new D(100000).times(gn)).times(g.minus(1)).div(gn.minus(1));
      expect(Math.abs(new D(r.requiredMonthlyFor50).minus(need).toNumber())).toBeLessThanOrEqual(0.011);
      expect(r.assumptions.source).toBe('given');
      expect(r.horizonDate.slice(0, 4)).toBe(String(Number(LAST.slice(0, 4)) + 20));
    });

    it('reads amounts in today’s money under inflation and is the same for the same question', async () => {
      const a = { targetAmount: 1_000_000, years: 10, monthlyContribution: '2000', initialAmount: 50_000, expectedReturn: 0.05, volatility: 0, inflation: 0.02 };
      const r = await goal(a);
      const g = new D('1.05').div('1.02').pow(new D(1).div(12));
      expect(Math.abs(new D(r.medianFinal).minus(fv('50000', '2000', g, 120)).toNumber())).toBeLessThanOrEqual(0.01);
      const s = { ...a, volatility: 0.15, inflation: undefined };
      expect(await goal(s)).toEqual(await goal(s));
      const risky = await goal(s);
      expect(risky.probability).toBeGreaterThan(0);
      expect(risky.probability).toBeLessThan(1);
      const p5 = risky.percentiles[0].values.at(-1)!;
      const p95 = risky.percentiles[4].values.at(-1)!;
      expect(new D(p5).lt(risky.medianFinal) && new D(risky.medianFinal).lt(p95)).toBe(true);
    });

    it('defaults the start to the current portfolio and the horizon to a target date', async () => {
      const r = await goal({ targetAmount: '2000000', targetDate: '2030-06-30', monthlyContribution: 1000 });
      expect(r.years).toBe(7); // 2024-01-24 → 2030-06-30 is 6.4 years, rounded up
      expect(r.assumptions.source).toBe('portfolio-history');
      const p = await executeTool('get_portfolio', {}, ctx());
      expect(r.assumptions.initialAmount).toBe(p.ok ? (p.result as { totalValue: string }).totalValue : 'error');
      expect(r.assumptions.volatility).toBeGreaterThan(0);
    });

    it('returns argument errors with their path', async () => {
      for (const [args, path] of [
        [{ targetAmount: '-5' }, 'targetAmount'],
        [{ targetAmount: 1e6, years: 0 }, 'years'],
        [{ targetAmount: 1e6, targetDate: '2020-01-01' }, 'targetDate'],
      ] as const) {
        const out = await executeTool('project_goal', args, ctx());
        expect(out.ok).toBe(false);
        if (!out.ok) expect(out.error.path).toBe(path);
      }
    });
  });
}
