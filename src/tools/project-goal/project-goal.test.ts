import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { ungroundedFigures } from '../../compliance/guards/grounding.js';
import { CMA, portfolioAssumptions } from '../../quant/cma.js';
import { cmaClassOf } from '../../quant/cma-class.js';
import { DATES, INSTRUMENTS, LAST, LOTS, closeOn, fxOn, insertBook } from '../__fixtures__/book.js';
import type { ProjectGoalResult } from '../contract-construction.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';
import { projectGoalPlanner } from './planner.js';

const D = Decimal.clone({ precision: 60 });

/** Value of `qty` units at the latest close on or before the last day, in CNY, to the cent (as valued). */
function valueCny(id: string, qty: string): number {
  const i = INSTRUMENTS.find((x) => x.id === id)!;
  let t = DATES.length - 1;
  while (closeOn(i, t) === undefined) t--;
  const px = new Decimal(closeOn(i, t)!).times(i.currency === 'CNY' ? 1 : fxOn(i.currency, DATES.length - 1));
  return px.times(qty).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toNumber();
}

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
      // shown bounded: a simulation never proves 0% or 100%
      expect(r.probabilityDisplay).toEqual(want.gte(5_000_000) ? { value: 0.99, bound: 'above', text: '>99%' } : { value: 0.01, bound: 'below', text: '<1%' });
      // every outcome is the closed form: p10 = p50 = p90
      for (const v of Object.values(r.outcomeRange)) expect(Math.abs(new D(v).minus(want).toNumber())).toBeLessThanOrEqual(0.01);
      // C* with V0·gᴺ + C*(gᴺ − 1)/(g − 1) = target
      const gn = g.pow(240);
      const need = new D(5_000_000).minus(new D(100000).times(gn)).times(g.minus(1)).div(gn.minus(1));
      expect(Math.abs(new D(r.requiredMonthlyFor50).minus(need).toNumber())).toBeLessThanOrEqual(0.011);
      // levers: with every path the same, 50% and 75% need the same contribution; the years needed are the
      // first year whose closed-form value at 5,000 a month reaches the target
      expect(r.levers.monthlyFor50).toBe(r.requiredMonthlyFor50);
      expect(r.levers.monthlyFor75).toBe(r.requiredMonthlyFor50);
      let y = 1;
      while (y <= 50 && fv('100000', '5000', g, 12 * y).lt(5_000_000)) y++;
      expect(r.levers).toMatchObject({ yearsFor50: y <= 50 ? y : null, yearsFor75: y <= 50 ? y : null, maxYears: 50 });
      expect(r.assumptions.source).toBe('given');
      expect(r.assumptions.statedByUser).toEqual(['expectedReturn', 'volatility']);
      expect(r.assumptions.cmaVersion).toBeNull();
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

    it('defaults the start to the current portfolio, the assumptions to its capital-market assumptions and the horizon to a target date', async () => {
      const r = await goal({ targetAmount: '2000000', targetDate: '2030-06-30', monthlyContribution: 1000 });
      expect(r.years).toBe(7); // 2024-01-24 → 2030-06-30 is 6.4 years, rounded up
      expect(r.assumptions.source).toBe('cma');
      expect(r.assumptions.cmaVersion).toBe(CMA.version);
      const p = await executeTool('get_portfolio', {}, ctx());
      expect(r.assumptions.initialAmount).toBe(p.ok ? (p.result as { totalValue: string }).totalValue : 'error');
      // C1 holds CN1, US1, HK1, BOND1, CASH: A-shares, US and HK equities, CNY bonds, CNY cash, weights by value in CNY
      const classOf = (id: string) => {
        const i = INSTRUMENTS.find((x) => x.id === id)!;
        return cmaClassOf({ assetClass: i.assetClass, currency: i.currency, region: i.region, riskLevel: i.riskLevel });
      };
      expect(['CN1', 'US1', 'HK1', 'BOND1', 'CASH'].map(classOf)).toEqual(['equity_cn', 'equity_us', 'equity_hk', 'bond_cn', 'cash_cny']);
      const byId = new Map<string, Decimal>();
      for (const l of LOTS.filter((x) => x.clientId === 'C1')) byId.set(l.instrumentId, (byId.get(l.instrumentId) ?? new Decimal(0)).plus(l.quantity));
      const want = portfolioAssumptions([...byId].map(([id, q]) => ({ cmaClass: classOf(id), weight: valueCny(id, q.toString()) })), { baseCurrency: 'CNY' });
      expect(r.assumptions.expectedReturn).toBeCloseTo(want.expectedReturn, 14);
      expect(r.assumptions.volatility).toBeCloseTo(want.volatility, 14);
      expect(r.assumptions.geometricReturn).toBeCloseTo(want.geometricReturn, 14);
      // one figure stated: the other comes from the CMA
      const mixed = await goal({ targetAmount: '2000000', years: 7, monthlyContribution: 1000, expectedReturn: 0.05 });
      expect(mixed.assumptions).toMatchObject({ source: 'mixed', statedByUser: ['expectedReturn'], expectedReturn: 0.05, volatility: r.assumptions.volatility, cmaVersion: CMA.version });
    });

    it('takes the amounts in the currency the user named ("HK$15m" for a CNY client): the portfolio is valued in it, the probability is the same', async () => {
      const cny = await goal({ targetAmount: '2000000', years: 7, monthlyContribution: 1000, expectedReturn: 0.05, volatility: 0.1 });
      const fx = new Decimal(fxOn('HKD', DATES.length - 1)); // CNY per HKD
      const hkd = await goal({ targetAmount: new Decimal(2000000).div(fx).toFixed(2), years: 7, monthlyContribution: new Decimal(1000).div(fx).toFixed(2), expectedReturn: 0.05, volatility: 0.1, currency: 'HKD' });
      expect(hkd.currency).toBe('HKD');
      const p = await executeTool('get_portfolio', { currency: 'HKD' }, ctx());
      expect(hkd.assumptions.initialAmount).toBe(p.ok ? (p.result as { totalValue: string }).totalValue : 'error');
      expect(Math.abs(hkd.probability - cny.probability)).toBeLessThan(0.01);
    });

    it('composes the probability as displayed, the assumptions, the p10–p90 range and the levers; every figure from the result (zh, en)', async () => {
      const args = { targetAmount: '2000000', years: 15, monthlyContribution: 3000 };
      const r = await goal(args);
      expect(r.probability).toBeGreaterThan(0);
      expect(r.probability).toBeLessThan(1);
      expect(new D(r.outcomeRange.p10).lt(r.outcomeRange.p50) && new D(r.outcomeRange.p50).lt(r.outcomeRange.p90)).toBe(true);
      expect(r.outcomeRange.p50).toBe(r.medianFinal);
      const m = (x: string) => `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(Number(x))} CNY`;
      const pc = (x: number) => `${(Math.round(x * 10000) / 100).toFixed(2)}%`;
      for (const lang of ['zh', 'en'] as const) {
        const text = projectGoalPlanner.compose({ q: '', lang, role: 'client', intent: 'goal', outcomes: [{ tool: 'project_goal', args, result: r }] });
        expect(ungroundedFigures(text, [r, args], '')).toEqual([]);
        expect(text).not.toMatch(/100\.00%|\b0\.00%/);
        expect(text).toContain(r.probabilityDisplay.text);
        expect(text).toContain(`${pc(r.assumptions.expectedReturn)}`);
        expect(text).toContain(`${pc(r.assumptions.volatility)}`);
        expect(text).toContain(`${CMA.version}`);
        expect(text).toContain(m(r.outcomeRange.p10));
        expect(text).toContain(m(r.outcomeRange.p90));
        for (const x of [r.levers.monthlyFor50, r.levers.monthlyFor75]) if (Number(x) > 0) expect(text).toContain(m(x));
        if (lang === 'zh') {
          expect(text).toContain(`10% 的情况下低于 ${m(r.outcomeRange.p10)}，10% 的情况下高于 ${m(r.outcomeRange.p90)}`);
          expect(text).toContain('并非预测');
        } else {
          expect(text).toContain(`capital-market assumptions ${CMA.version}, not a forecast`);
          expect(text).toContain(`a 10% chance of ending below ${m(r.outcomeRange.p10)}`);
        }
      }
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
