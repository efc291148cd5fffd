import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { storeTargets } from '../db/testing.js';
import { meanHistoricalReturn } from '../quant/expected-returns.js';
import { performance } from '../quant/optim/index.js';
import { sampleCov } from '../quant/risk-models.js';
import { LAST, insertBook } from './__fixtures__/book.js';
import type { OptimizePortfolioResult } from './contract-construction.js';
import { loadConstructionData, selectColumns } from './construction-data.js';
import { capWeights } from './optimize-portfolio.js';
import { executeTool } from './registry.js';
import type { ToolContext } from './types.js';

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
        // before/after recomputed from the same table with the same estimators
        const data = await loadConstructionData(db, 'C1', { asOf: LAST });
        const t = selectColumns(data.table, data.holdings.map((_, j) => j));
        const mu = meanHistoricalReturn(t);
        const cov = sampleCov(t);
        const w = (k: 'currentWeight' | 'proposedWeight') => data.holdings.map((h) => r.holdings.find((x) => x.instrumentId === h.instrument.id)![k]);
        expect(r.before.expectedReturn).toBeCloseTo(performance(w('currentWeight'), mu, cov).expectedReturn, 12);
        expect(r.after.volatility).toBeCloseTo(performance(w('proposedWeight'), mu, cov).volatility, 12);
        if (objective === 'min-volatility') expect(r.after.volatility).toBeLessThanOrEqual(r.before.volatility + 1e-12);
      }
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

describe('capWeights', () => {
  it('caps and spreads the excess pro rata, keeping the sum', () => {
    const w = capWeights([0.5, 0.3, 0.2], [0.1, 1, 1]);
    expect(w[0]).toBeCloseTo(0.1, 15);
    expect(w[1] / w[2]).toBeCloseTo(1.5, 12);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
  });
});
