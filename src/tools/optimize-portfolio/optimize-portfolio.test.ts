import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { CMA } from '../../quant/cma.js';
import { cmaClassOf } from '../../quant/cma-class.js';
import { performance } from '../../quant/optim/index.js';
import { sampleCov } from '../../quant/risk-models.js';
import { INSTRUMENTS, LAST, insertBook } from '../__fixtures__/book.js';
import type { OptimizePortfolioResult } from '../contract-construction.js';
import { floorVolatility, isSmoothNav, loadConstructionData, selectColumns } from '../shared/construction-data.js';
import { ungroundedFigures } from '../../compliance/guards/grounding.js';
import { capWeights } from './index.js';
import { optimizePortfolioPlanner } from './planner.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';

/** CMA expected return of a fixture instrument (not in the catalog: placed by class, currency, region, risk). */
function cmaMu(id: string): number {
  const i = INSTRUMENTS.find((x) => x.id === id)!;
  return CMA.classes[cmaClassOf({ assetClass: i.assetClass, currency: i.currency, region: i.region, riskLevel: i.riskLevel })].expectedReturn;
}

for (const target of storeTargets()) {
  describe(`optimize_portfolio on ${target.name}`, () => {
    let db: Db;
    const ctx = (clientId: string): ToolContext => ({ principal: { role: 'client', clientId }, db, lang: 'en', asOf: LAST, state: {} });
    beforeAll(async () => {
      db = await target.open();
      await insertBook(db);
      // C1 re-assessed as C2 (conservative): its R4 stocks are now above its level
      await db.query(`INSERT INTO risk_profiles (client_id, level, score, assessed_at, expires_at) VALUES ('C1', 2, 25, '2024-01-02T00:00:00Z', '2025-01-02T00:00:00Z')`);
    });
    afterAll(async () => db?.close());

    it('a C2 client never gets an R4 product above its current weight; figures use one estimator', async () => {
      for (const objective of ['max-sharpe', 'min-volatility', 'risk-parity', 'hrp']) {
        const out = await executeTool('optimize_portfolio', { objective }, ctx('C1'));
        if (!out.ok) throw new Error(JSON.stringify(out.error));
        const r = out.result as OptimizePortfolioResult;
        expect(r.riskProfile.level).toBe(2);
        expect(r.holdings.reduce((s, h) => s + h.proposedWeight, 0)).toBeCloseTo(1, 9);
        for (const h of r.holdings) {
          expect(h.suitable).toBe((h.riskLevel ?? 5) <= 2);
          if (!h.suitable) expect(h.proposedWeight).toBeLessThanOrEqual(h.currentWeight + 1e-9);
          expect(h.proposedWeight).toBeGreaterThanOrEqual(-1e-12);
        }
        expect(r.holdings.find((h) => h.instrumentId === 'CASH')!.fixed).toBe('zero-variance');
        // before/after recomputed: expected return from the CMA class of each holding, volatility from the same table
        const data = await loadConstructionData(db, 'C1', { asOf: LAST });
        const t = selectColumns(data.table, data.holdings.map((_, j) => j));
        const mu = data.holdings.map((h) => cmaMu(h.instrument.id));
        const cov = sampleCov(t);
        const w = (k: 'currentWeight' | 'proposedWeight') => data.holdings.map((h) => r.holdings.find((x) => x.instrumentId === h.instrument.id)![k]);
        expect(r.before.expectedReturn).toBeCloseTo(performance(w('currentWeight'), mu, cov).expectedReturn, 12);
        expect(r.after.expectedReturn).toBeCloseTo(performance(w('proposedWeight'), mu, cov).expectedReturn, 12);
        expect(r.before.volatility).toBeCloseTo(performance(w('currentWeight'), mu, cov).volatility, 12);
        expect(r.after.volatility).toBeCloseTo(performance(w('proposedWeight'), mu, cov).volatility, 12);
        expect(r.inputs.expectedReturns.byInstrument.CN1).toEqual({ cmaClass: 'equity_cn', expectedReturn: cmaMu('CN1') });
        if (objective === 'min-volatility') expect(r.after.volatility).toBeLessThanOrEqual(r.before.volatility + 1e-12);
      }
    });

    it('defaults: a 30% cap and ±10 pp bands, relaxed stepwise (and said so) when suitability makes them unreachable', async () => {
      const out = await executeTool('optimize_portfolio', {}, ctx('C1'));
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const r = out.result as OptimizePortfolioResult;
      const w = (id: string) => r.holdings.find((h) => h.instrumentId === id)!;
      // CN1, US1, HK1 (R4) may not grow: with BOND1 alone able to, 30% each cannot hold the sleeve; 35% can
      const s = r.inputs.investableWeight;
      const room = (cap: number) => ['CN1', 'US1', 'HK1', 'BOND1'].reduce((a, id) => a + Math.min(w(id).suitable ? 1 : w(id).currentWeight / s, cap / s), 0);
      expect(room(0.3)).toBeLessThan(1);
      expect(room(0.35)).toBeGreaterThanOrEqual(1);
      expect(r.inputs.maxWeight).toBe(0.35);
      // equity_cn targets 30% but CN1 can only shrink from ~9%: 30% − 20 pp is still out of reach, 30% − 30 pp is not
      expect(0.3 - 0.2).toBeGreaterThan(w('CN1').currentWeight);
      expect(r.inputs.classBand).toBe(0.3);
      expect(r.notes.slice(0, 3)).toEqual([
        'Constraints: no holding above 35% of the portfolio; each asset class within ±30 pp of its target allocation',
        'too few holdings can be raised to respect a 30% cap: relaxed to 35%',
        'the ±10 pp class bands cannot be met together with the other constraints (suitability, cap or target): widened to ±30 pp',
      ]);
      for (const h of r.holdings) if (!h.fixed) expect(h.proposedWeight).toBeLessThanOrEqual(0.35 + 1e-9);
      const targets: Record<string, number> = { equity_cn: 0.3, equity_us: 0.2, equity_hk: 0.1, bond: 0.3 };
      expect(r.inputs.bands.map((b) => [b.assetClass, b.min, b.max])).toEqual(
        Object.entries(targets)
          .sort()
          .map(([c, t]) => [c, Math.max(0, Math.round((t - 0.3) * 100) / 100), Math.round((t + 0.3) * 100) / 100]),
      );
      for (const b of r.inputs.bands) {
        const cw = r.byAssetClass.find((x) => x.assetClass === b.assetClass)!.proposedWeight;
        expect(cw).toBeGreaterThanOrEqual(b.min - 1e-9);
        expect(cw).toBeLessThanOrEqual(b.max + 1e-9);
      }
      // asking for no cap and no bands gives the unconstrained max-Sharpe (only suitability): different here
      const free = await executeTool('optimize_portfolio', { maxWeight: 1, classBand: null }, ctx('C1'));
      if (!free.ok) throw new Error(JSON.stringify(free.error));
      const f = free.result as OptimizePortfolioResult;
      expect([f.inputs.maxWeight, f.inputs.classBand, f.inputs.bands, f.notes[0]]).toEqual([1, null, [], 'cash and holdings without price history are kept at their current weight']);
      expect(f.holdings.find((h) => h.instrumentId === 'BOND1')!.proposedWeight).toBeGreaterThan(0.35 + 1e-6);
    });

    it('respects a turnover limit and a class-wide Black-Litterman view', async () => {
      const out = await executeTool('optimize_portfolio', { objective: 'min-volatility', maxTurnover: 0.1 }, ctx('C1'));
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const r = out.result as OptimizePortfolioResult;
      expect(r.holdings.reduce((s, h) => s + Math.abs(h.change), 0)).toBeLessThanOrEqual(0.1 + 1e-7);
      const bl = await executeTool('optimize_portfolio', { views: [{ type: 'relative', asset: 'bond', versus: 'equity_us', return: 0.03 }] }, ctx('C1'));
      if (!bl.ok) throw new Error(JSON.stringify(bl.error));
      const b = bl.result as OptimizePortfolioResult;
      expect(b.objective).toBe('black-litterman');
      expect(b.blackLitterman!.views[0].assets).toEqual(['BOND1', 'US1']);
      // the view lifts bonds relative to US equity
      const spread = (x: Record<string, number>) => x.BOND1 - x.US1;
      expect(spread(b.blackLitterman!.posteriorReturns)).toBeGreaterThan(spread(b.blackLitterman!.priorReturns));
      // the prior is the CMA: each holding's class return
      for (const [id, mu] of Object.entries(b.blackLitterman!.priorReturns)) expect(mu).toBe(cmaMu(id));
    });

    it('composes: expected returns from the CMA, risk from history; more than ten holdings end with an uncounted "not shown"', async () => {
      const out = await executeTool('optimize_portfolio', { objective: 'min-volatility' }, ctx('C1'));
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const r = out.result as OptimizePortfolioResult;
      // 13 holdings: the table shows 10
      const many = { ...r, holdings: [...r.holdings, ...[1, 2, 3, 4, 5, 6, 7, 8].map((k) => ({ ...r.holdings[0], instrumentId: `X${k}`, currentWeight: 0.001 * k, proposedWeight: 0.001 * k, change: 0 }))] };
      for (const lang of ['zh', 'en'] as const) {
        const text = optimizePortfolioPlanner.compose({ q: '', lang, role: 'client', intent: 'optimize', outcomes: [{ tool: 'optimize_portfolio', args: {}, result: many }] });
        expect(ungroundedFigures(text, [many], '')).toEqual([]);
        expect(text).toContain(lang === 'zh' ? `预期收益来自资本市场假设 ${CMA.version}` : `Expected returns come from the capital-market assumptions ${CMA.version}`);
        expect(text).toContain(lang === 'zh' ? '（其余较小的持仓未列出）' : '(smaller holdings not shown)');
        expect(text.split('\n').filter((l) => l.startsWith('| ') && !/Holding|持仓/.test(l))).toHaveLength(10);
      }
    });

    it('returns clear errors: expired profile, missing target, unknown view asset, bad objective, compliance', async () => {
      const cases: [string, unknown, string, string | undefined][] = [
        ['C2', {}, 'WD_ERR_PROFILE_EXPIRED', undefined],
        ['C1', { objective: 'efficient-risk' }, 'WD_ERR_VALIDATION', 'targetVolatility'],
        ['C1', { objective: 'best' }, 'WD_ERR_VALIDATION', 'objective'],
        ['C1', { views: [{ type: 'absolute', asset: 'gold', return: 0.1 }] }, 'WD_ERR_VALIDATION', 'views.0.asset'],
        ['C1', { objective: 'hrp', maxTurnover: 0.2 }, 'WD_ERR_VALIDATION', 'maxTurnover'],
      ];
      for (const [id, args, code, path] of cases) {
        const out = await executeTool('optimize_portfolio', args, ctx(id));
        expect(out.ok ? 'ok' : [out.error.code, out.error.path]).toEqual([code, path]);
      }
      const comp = await executeTool('optimize_portfolio', {}, { ...ctx('C1'), principal: { role: 'compliance', reviewerId: 'R1' } });
      expect(comp.ok ? 'ok' : comp.error.code).toBe('WD_ERR_FORBIDDEN');
    });
  });
}

describe('floorVolatility', () => {
  it('raises only smooth assets below the floor to it, keeping every correlation', () => {
    const vol = [0.01, 0.2, 0.005, 0];
    const corr = [
      [1, 0.3, 0.5, 0],
      [0.3, 1, -0.2, 0],
      [0.5, -0.2, 1, 0],
      [0, 0, 0, 1],
    ];
    const cov = corr.map((row, i) => row.map((c, j) => c * vol[i] * vol[j]));
    const { cov: f, applied } = floorVolatility(cov, [true, true, false, true], 0.02);
    expect(applied.map((a) => [a.index, a.volatility])).toEqual([[0, 0.02]]);
    expect(applied[0].sampleVolatility).toBeCloseTo(0.01, 15);
    const out = [0.02, 0.2, 0.005, 0];
    for (let i = 0; i < 4; i++) {
      expect(Math.sqrt(f[i][i])).toBeCloseTo(out[i], 15);
      for (let j = 0; j < 4; j++) if (out[i] > 0 && out[j] > 0) expect(f[i][j] / (out[i] * out[j])).toBeCloseTo(corr[i][j], 12);
    }
    expect(floorVolatility(cov, [true, true, true, true], 0).cov).toEqual(cov);
  });

  it('treats bank wealth and money-market funds as smooth-NAV, not bond funds or stocks', () => {
    const i = (assetClass: string, productType: string | null, name: string, nameEn: string) => isSmoothNav({ assetClass, productType, name, nameEn });
    expect(i('wealth', 'bank_wealth', '稳健理财90天', '90-day wealth')).toBe(true);
    expect(i('fund', 'public_fund', '鼎元天天利货币A', 'Dingyuan Daily Money Market Fund A')).toBe(true);
    expect(i('fund', 'public_fund', '鼎元纯债', 'Dingyuan Pure Bond Fund')).toBe(false);
    expect(i('equity_cn', null, '贵州茅台', 'Kweichow Moutai')).toBe(false);
  });
});

describe('capWeights', () => {
  it('caps and spreads the excess pro rata, keeping the sum', () => {
    const w = capWeights([0.5, 0.3, 0.2], [0.1, 1, 1]);
    expect(w[0]).toBeCloseTo(0.1, 15);
    expect(w[1] / w[2]).toBeCloseTo(1.5, 12);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
  });
});
