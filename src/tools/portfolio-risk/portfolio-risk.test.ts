import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { ungroundedFigures } from '../../compliance/guards/grounding.js';
import { CMA, portfolioAssumptions } from '../../quant/cma.js';
import { cmaClassOf } from '../../quant/cma-class.js';
import { computeMetrics, riskContributions } from '../../quant/risk-metrics.js';
import { sampleCov } from '../../quant/risk-models.js';
import { historicalVar, parametricVar } from '../../quant/var.js';
import { DATES, INSTRUMENTS, LAST, LOTS, closeOn, fxOn, insertBook } from '../__fixtures__/book.js';
import type { PortfolioRiskResult } from '../contract.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';
import { portfolioRiskPlanner } from './planner.js';

const D = Decimal.clone({ precision: 50 });
const inst = (id: string) => INSTRUMENTS.find((i) => i.id === id)!;
const rate = (ccy: string, t: number) => (ccy === 'CNY' ? new D(1) : new D(fxOn(ccy as 'USD' | 'HKD', t)));
/** Price in CNY on day t (every fixture instrument but WM1 trades daily). */
const P = (id: string, t: number) => new D(closeOn(inst(id), t)!).times(rate(inst(id).currency, t));

for (const target of storeTargets()) {
  describe(`portfolio_risk on ${target.name}`, () => {
    let db: Db;
    const ctx = (clientId: string): ToolContext => ({ principal: { role: 'client', clientId }, db, lang: 'en', asOf: LAST, state: {} });
    beforeAll(async () => {
      db = await target.open();
      await insertBook(db);
    });
    afterAll(async () => db?.close());

    it("applies today's weights to the lookback history and reports the quant library's figures", async () => {
      const out = await executeTool('portfolio_risk', { lookbackDays: 60, riskFreeRate: 0.02 }, ctx('C1'));
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const r = out.result as PortfolioRiskResult;

      // the test's own series: current holdings' values → weights; daily returns of price × FX
      const ids = [...new Set(LOTS.filter((l) => l.clientId === 'C1').map((l) => l.instrumentId))];
      const qty = (id: string) => LOTS.filter((l) => l.clientId === 'C1' && l.instrumentId === id).reduce((s, l) => s.plus(l.quantity), new D(0));
      const values = ids.map((id) => qty(id).times(P(id, 59)).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN));
      const total = values.reduce((s, v) => s.plus(v), new D(0));
      const w = values.map((v) => v.div(total).toNumber());
      const series: number[] = [];
      for (let t = 1; t < DATES.length; t++) {
        series.push(ids.reduce((s, id, j) => s + w[j] * (P(id, t).toNumber() / P(id, t - 1).toNumber() - 1), 0));
      }
      const bench = DATES.slice(1).map((_, k) => P('IDX-CN', k + 1).toNumber() / P('IDX-CN', k).toNumber() - 1);
      const m = computeMetrics(series, { riskFreeRate: 0.02, benchmark: bench });

      expect(r.portfolioValue).toBe(total.toFixed(2));
      expect(r.observations).toBe(59);
      expect(r.annualVolatility).toBeCloseTo(m.annualVolatility, 12);
      expect(r.annualReturn).toBeCloseTo(m.annualReturn, 10);
      expect(r.sharpe).toBeCloseTo(m.sharpe, 10);
      expect(r.sortino).toBeCloseTo(m.sortino, 10);
      expect(r.maxDrawdown).toBeCloseTo(m.maxDrawdown, 12);
      expect(r.beta).toBeCloseTo(m.beta!, 10);
      expect(r.benchmark?.id).toBe('IDX-CN');
      expect(r.var).toHaveLength(8);
      const mu = series.reduce((a, b) => a + b, 0) / series.length;
      const sd = Math.sqrt(series.reduce((a, b) => a + (b - mu) ** 2, 0) / (series.length - 1));
      for (const f of r.var) {
        const e = f.method === 'historical' ? historicalVar(series, f.confidence, f.horizonDays) : parametricVar(mu, sd, f.confidence, f.horizonDays);
        expect(f.var).toBeCloseTo(e.var, 12);
        expect(f.cvar).toBeCloseTo(e.cvar, 12);
        expect(Math.abs(Number(f.varAmount) - e.var * total.toNumber())).toBeLessThan(0.006);
        expect(f.cvar).toBeGreaterThanOrEqual(f.var - 1e-12);
      }
      // concentration and risk contributions
      expect(r.concentration.hhi).toBeCloseTo(w.reduce((s, x) => s + x * x, 0), 14);
      expect(r.concentration.top[0].weight).toBeCloseTo(Math.max(...w), 14);
      const table = { dates: DATES, tickers: ids, prices: DATES.map((_, t) => ids.map((id) => P(id, t).toNumber())) };
      const rc = riskContributions(w, sampleCov(table, { frequency: 1 }));
      for (const c of r.riskContributors) expect(c.contribution).toBeCloseTo(rc[ids.indexOf(c.instrumentId)], 10);
      expect(r.riskContributors.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(1, 12);
      // cash has no variance: it contributes nothing
      expect(r.riskContributors.find((c) => c.instrumentId === 'CASH')!.contribution).toBeCloseTo(0, 14);

      // the realized window, and apart from it the long-run expected figures of the same weights from the CMA
      expect(r.history).toEqual({ basis: 'current weights over past prices', startDate: DATES[0], endDate: LAST });
      const cls = ids.map((id) => cmaClassOf({ assetClass: inst(id).assetClass, currency: inst(id).currency, region: inst(id).region, riskLevel: inst(id).riskLevel }));
      const want = portfolioAssumptions(cls.map((c, j) => ({ cmaClass: c, weight: values[j].toNumber() })), { baseCurrency: 'CNY' });
      expect(r.expected.expectedReturn).toBeCloseTo(want.expectedReturn, 14);
      expect(r.expected.volatility).toBeCloseTo(want.volatility, 14);
      expect(r.expected.geometricReturn).toBeCloseTo(want.geometricReturn, 14);
      expect(r.expected.cmaVersion).toBe(CMA.version);
      // reported in USD, the expected figures stay those of the client's base-currency (CNY) portfolio
      const usd = await executeTool('portfolio_risk', { lookbackDays: 60, riskFreeRate: 0.02, currency: 'USD' }, ctx('C1'));
      expect(usd.ok && (usd.result as PortfolioRiskResult).expected).toEqual(r.expected);

      // the answer keeps them apart: realized history first, then the long-run assumptions; every figure from the result
      for (const lang of ['zh', 'en'] as const) {
        const text = portfolioRiskPlanner.compose({ q: 'how risky is my portfolio', lang, role: 'client', intent: 'risk', outcomes: [{ tool: 'portfolio_risk', args: {}, result: r }] });
        expect(ungroundedFigures(text, [r], '')).toEqual([]);
        const pc = (x: number) => `${(Math.round(x * 10000) / 100).toFixed(2)}%`;
        const hist = text.indexOf(lang === 'zh' ? '历史表现' : 'Realized history');
        const longRun = text.indexOf(lang === 'zh' ? '长期假设' : 'Long-run assumptions');
        expect(hist).toBeGreaterThanOrEqual(0);
        expect(longRun).toBeGreaterThan(hist);
        expect(text.slice(longRun)).toContain(pc(r.expected.expectedReturn));
        expect(text.slice(longRun)).toContain(CMA.version);
        expect(text.slice(hist, longRun)).toContain(pc(r.annualReturn));
      }
    });

    it('uses the default lookback and rejects a bad one with its path', async () => {
      const out = await executeTool('portfolio_risk', {}, ctx('C3'));
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const r = out.result as PortfolioRiskResult;
      // one stock: volatility is that stock's, risk fully in it
      expect(r.observations).toBe(59);
      expect(r.riskContributors).toEqual([{ instrumentId: 'CN1', name: 'CN1 name', weight: 1, contribution: 1 }]);
      expect(r.concentration.hhi).toBe(1);
      expect(r.riskFreeRate).toBe(0.015);
      expect(await executeTool('portfolio_risk', { lookbackDays: 5 }, ctx('C1'))).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION', path: 'lookbackDays' } });
      expect(await executeTool('portfolio_risk', {}, { ...ctx('C1'), principal: { role: 'compliance', reviewerId: 'R1' } })).toMatchObject({
        ok: false,
        error: { code: 'WD_ERR_FORBIDDEN' },
      });
    });
  });
}
