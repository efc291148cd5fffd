/**
 * Integration: the issue-3 tools on the seeded demo book (20 clients). optimize_portfolio
 * agrees with `wealthdesk optimize` run on the exact price table it used (exported as CSV)
 * where both read no expected return, and with the quant solver on the CMA returns where
 * they do; it never raises an unsuitable holding, and trades are funded by sales.
 * project_goal, portfolio_risk and optimize_portfolio give one client the same expected
 * return (the CMA). check_rebalance's trades bring the classes back to target, never trade
 * cash and never sell units inside a holding period; scoping holds for advisors.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { seedDemoData } from '../db/seed/seed.js';
import { storeTargets } from '../db/testing.js';
import { catalogById } from '../db/seed/catalog.js';
import { CMA, portfolioAssumptions } from '../quant/cma.js';
import { cmaClassOf } from '../quant/cma-class.js';
import { optimize, performance } from '../quant/optim/index.js';
import { sampleCov } from '../quant/risk-models.js';
import type { GetPortfolioResult, PortfolioRiskResult } from './contract.js';
import type { BacktestStrategyResult, CheckRebalanceResult, OptimizePortfolioResult, ProjectGoalResult } from './contract-construction.js';
import { loadConstructionData, selectColumns, writePriceTableCsv } from './shared/construction-data.js';
import { optimizationInputs } from './optimize-portfolio/index.js';
import { executeTool } from './registry.js';
import type { ToolContext } from './types.js';

const run = promisify(execFile);

/** The CMA class and expected return of a catalog instrument, read from the catalog (not the tools' helper). */
function cmaOf(id: string): { cmaClass: string; mu: number } {
  const c = catalogById(id)!;
  const cmaClass = cmaClassOf({ assetClass: c.assetClass, category: c.product?.category, currency: c.currency, region: c.region, riskLevel: c.riskLevel, sector: c.sector });
  return { cmaClass, mu: CMA.classes[cmaClass].expectedReturn };
}

/** ISO date + a holding period as the product terms state it (days, or calendar months clamped to the month's end). */
function plusPeriod(iso: string, p: { days?: number; months?: number }): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (p.days) return new Date(d.getTime() + p.days * 86_400_000).toISOString().slice(0, 10);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + p.months!;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))).toISOString().slice(0, 10);
}

for (const target of storeTargets()) {
  describe(`issue-3 tools on the seeded book (${target.name})`, () => {
    let db: Db;
    let dir: string;
    const asClient = (clientId: string): ToolContext => ({ principal: { role: 'client', clientId }, db, lang: 'en', state: {} });
    async function call<T>(name: string, args: unknown, ctx: ToolContext): Promise<T> {
      const out = await executeTool(name, args, ctx);
      if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
      return out.result as T;
    }
    beforeAll(async () => {
      db = await target.open();
      await seedDemoData(db, { clients: 20 });
      dir = mkdtempSync(join(tmpdir(), 'wd-opt-'));
    }, 120_000);
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await db?.close();
    });

    it('min-volatility equals `wealthdesk optimize` on the exported price table; max-sharpe is the same solver on the CMA returns', async () => {
      // a client whose holdings are all suitable: the bounds are then one [0, sleeve cap] for every asset, like --weight-bounds
      const args = { classBand: 0, volFloor: 0, objective: 'min-volatility' };
      let chosen: OptimizePortfolioResult | undefined;
      for (let k = 1; k <= 20 && !chosen; k++) {
        const id = `C${String(k).padStart(4, '0')}`;
        const out = await executeTool('optimize_portfolio', args, asClient(id));
        if (out.ok && (out.result as OptimizePortfolioResult).holdings.every((h) => h.suitable)) chosen = out.result as OptimizePortfolioResult;
      }
      expect(chosen).toBeDefined();
      const minVol = chosen!;
      const data = await loadConstructionData(db, minVol.clientId);
      const inp = optimizationInputs(data, minVol.riskProfile.level);
      expect(inp.sleeveTable.tickers).toEqual(minVol.inputs.universe);
      const csv = join(dir, `${minVol.clientId}.csv`);
      await writePriceTableCsv(inp.sleeveTable, csv);
      expect(minVol.inputs.maxWeight).toBe(0.3);
      expect(minVol.inputs.sleeveMaxWeight).toBeCloseTo(Math.min(1, 0.3 / minVol.inputs.investableWeight), 15);
      expect([minVol.inputs.classBand, minVol.inputs.bands, minVol.inputs.volFloors]).toEqual([null, [], []]);
      const bounds = `0,${minVol.inputs.sleeveMaxWeight}`;
      const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', 'optimize', '--prices', csv, '--objective', 'min-volatility', '--weight-bounds', bounds], {
        cwd: process.cwd(),
        timeout: 60_000,
      });
      const cli = JSON.parse(stdout) as { weights: Record<string, number> };
      for (const t of minVol.inputs.universe) expect(Math.abs(minVol.inputs.sleeveWeights[t] - cli.weights[t])).toBeLessThan(1e-6);

      // max-sharpe: the CLI keeps the historical CAGR; the tool uses each holding's CMA class return
      const r = await call<OptimizePortfolioResult>('optimize_portfolio', { ...args, objective: 'max-sharpe' }, asClient(minVol.clientId));
      const mu = r.inputs.universe.map((t) => cmaOf(t).mu);
      for (const t of r.inputs.universe) expect(r.inputs.expectedReturns.byInstrument[t]).toEqual({ cmaClass: cmaOf(t).cmaClass, expectedReturn: cmaOf(t).mu });
      expect(r.inputs.expectedReturns.cmaVersion).toBe(CMA.version);
      const direct = optimize({ mu, cov: sampleCov(inp.sleeveTable), tickers: r.inputs.universe, objective: 'max-sharpe', bounds: [0, r.inputs.sleeveMaxWeight] });
      for (const [k, t] of r.inputs.universe.entries()) {
        expect(Math.abs(r.inputs.sleeveWeights[t] - direct.weights[k])).toBeLessThan(1e-6);
        expect(direct.weights[k]).toBeLessThanOrEqual(r.inputs.sleeveMaxWeight + 1e-9);
        const h = r.holdings.find((x) => x.instrumentId === t)!;
        expect(Math.abs(h.proposedWeight - r.inputs.investableWeight * direct.weights[k])).toBeLessThan(1e-6);
      }
      expect(r.holdings.reduce((s, h) => s + h.proposedWeight, 0)).toBeCloseTo(1, 9);
      for (const h of r.holdings) {
        expect(h.proposedWeight).toBeGreaterThanOrEqual(h.bounds[0] - 1e-9);
        expect(h.proposedWeight).toBeLessThanOrEqual(h.bounds[1] + 1e-9);
      }
      // trades: funded by the sales, whole lots, amount = quantity × price × FX
      const sells = r.trades.filter((t) => t.side === 'sell').reduce((s, t) => s.plus(t.amount), new Decimal(0));
      const buys = r.trades.filter((t) => t.side === 'buy').reduce((s, t) => s.plus(t.amount), new Decimal(0));
      expect(buys.lte(sells.plus('0.05'))).toBe(true);
      expect(r.tradeSummary.cashChange).toBe(sells.minus(buys).toFixed(2));
      const lots = await db.query<{ id: string; lot: number }>('SELECT id, lot_size AS lot FROM instruments WHERE id = ANY($1::text[])', [r.trades.map((t) => t.instrumentId)]);
      for (const t of r.trades) {
        const lot = Number(lots.rows.find((x) => x.id === t.instrumentId)!.lot);
        const h = data.holdings.find((x) => x.instrument.id === t.instrumentId)!;
        const soldAll = t.side === 'sell' && new Decimal(t.quantity).eq(h.quantity.toString());
        if (!soldAll) expect(new Decimal(t.quantity).mod(lot).isZero()).toBe(true);
      }
    }, 120_000);

    it('C0001 max-sharpe with the defaults: capped, within the class bands, diversified; smooth NAVs floored before and after', async () => {
      const r = await call<OptimizePortfolioResult>('optimize_portfolio', { objective: 'max-sharpe' }, asClient('C0001'));
      // (d) the weights sum to 1
      expect(r.holdings.reduce((s, h) => s + h.proposedWeight, 0)).toBeCloseTo(1, 9);
      // (a) no holding above the 30% cap (none needed relaxing for this client)
      expect([r.inputs.maxWeight, r.inputs.classBand, r.inputs.volFloor]).toEqual([0.3, 0.1, 0.02]);
      for (const h of r.holdings) expect(h.proposedWeight).toBeLessThanOrEqual(0.3 + 1e-9);
      // (b) each class with an optimized holding stays within ±10 points of the stored target (normalized as check_rebalance does)
      const t = await db.query<{ asset_class: string; weight: string }>(`SELECT asset_class, weight FROM target_allocations WHERE client_id = 'C0001'`);
      const sum = t.rows.reduce((s, x) => s + Number(x.weight), 0);
      const target = new Map(t.rows.map((x) => [x.asset_class, Number(x.weight) / sum]));
      const optimized = new Set(r.holdings.filter((h) => h.fixed === null).map((h) => h.assetClass));
      expect(r.inputs.bands.map((b) => b.assetClass).sort()).toEqual([...optimized].sort());
      for (const c of optimized) {
        const w = r.holdings.filter((h) => h.assetClass === c).reduce((s, h) => s + h.proposedWeight, 0);
        expect(Math.abs(w - (target.get(c) ?? 0))).toBeLessThanOrEqual(0.1 + 1e-9);
      }
      // (c) diversified: at least 4 holdings of 1% or more, bonds kept, the wealth product no longer dominant
      expect(r.holdings.filter((h) => h.proposedWeight >= 0.01).length).toBeGreaterThanOrEqual(4);
      expect(r.byAssetClass.find((x) => x.assetClass === 'bond')!.proposedWeight).toBeGreaterThanOrEqual(0.1 - 1e-9);
      expect(r.notes[0]).toMatch(/^Constraints: no holding above 30% of the portfolio; each asset class within ±10 pp/);
      // before/after recomputed here: expected return Σ w μ over every holding with μ its CMA class return;
      // volatility from the sample covariance with the wealth product's row/column scaled to 2% volatility
      const data = await loadConstructionData(db, 'C0001');
      const expected = (k: 'currentWeight' | 'proposedWeight') => r.holdings.reduce((s, h) => s + h[k] * cmaOf(h.instrumentId).mu, 0);
      expect(r.before.expectedReturn).toBeCloseTo(expected('currentWeight'), 12);
      expect(r.after.expectedReturn).toBeCloseTo(expected('proposedWeight'), 12);
      const cols = data.holdings.map((_, j) => j).filter((j) => data.holdings[j].instrument.id !== 'CASH-CNY');
      const table = selectColumns(data.table, cols);
      const mu = cols.map((j) => cmaOf(data.holdings[j].instrument.id).mu);
      const cov = sampleCov(table);
      const f = cols.map((j, k) => (data.holdings[j].instrument.assetClass === 'wealth' && Math.sqrt(cov[k][k]) < 0.02 ? 0.02 / Math.sqrt(cov[k][k]) : 1));
      expect(f.filter((x) => x > 1).length).toBe(1);
      expect(r.inputs.volFloors.map((x) => x.instrumentId)).toEqual(cols.filter((_, k) => f[k] > 1).map((j) => data.holdings[j].instrument.id));
      const floored = cov.map((row, i) => row.map((v, j) => v * f[i] * f[j]));
      const w = (k: 'currentWeight' | 'proposedWeight') => cols.map((j) => r.holdings.find((h) => h.instrumentId === data.holdings[j].instrument.id)![k]);
      const before = performance(w('currentWeight'), mu, floored);
      const after = performance(w('proposedWeight'), mu, floored);
      expect(r.before.volatility).toBeCloseTo(before.volatility, 12);
      expect(r.before.sharpe).toBeCloseTo(r.before.expectedReturn / before.volatility, 10);
      expect(r.after.volatility).toBeCloseTo(after.volatility, 12);
      expect(r.after.sharpe).toBeCloseTo(r.after.expectedReturn / after.volatility, 10);
      // and without the floor the wealth product's volatility is the sample one: the floor raised it
      expect(performance(w('currentWeight'), mu, cov).volatility).toBeLessThan(before.volatility);
    }, 60_000);

    it('never raises a holding above the client’s risk level, whatever the objective or view', async () => {
      const unsuitable = await db.query<{ client_id: string }>(
        `SELECT DISTINCT l.client_id FROM lots l JOIN instruments i ON i.id = l.instrument_id
           JOIN LATERAL (SELECT level, expires_at FROM risk_profiles r WHERE r.client_id = l.client_id ORDER BY assessed_at DESC LIMIT 1) p ON true
          WHERE i.risk_level > p.level AND p.expires_at > '2026-11-21' ORDER BY 1`,
      );
      expect(unsuitable.rows.length).toBeGreaterThan(0);
      const id = unsuitable.rows[0].client_id;
      const base = await call<OptimizePortfolioResult>('optimize_portfolio', {}, asClient(id));
      const bad = base.holdings.filter((h) => !h.suitable);
      expect(bad.length).toBeGreaterThan(0);
      const views = [{ type: 'absolute', asset: bad[0].instrumentId, return: 0.8, confidence: 1 }];
      for (const args of [{}, { objective: 'min-volatility' }, { objective: 'hrp' }, { objective: 'risk-parity' }, { views }]) {
        const r = await call<OptimizePortfolioResult>('optimize_portfolio', args, asClient(id));
        for (const h of r.holdings.filter((x) => !x.suitable)) expect(h.proposedWeight).toBeLessThanOrEqual(h.currentWeight + 1e-9);
        expect(r.holdings.reduce((s, h) => s + h.proposedWeight, 0)).toBeCloseTo(1, 9);
        expect(r.trades.filter((t) => t.side === 'buy').every((t) => r.holdings.find((h) => h.instrumentId === t.instrumentId)!.suitable)).toBe(true);
      }
    }, 120_000);

    it('asks for a new assessment when the profile expired (C0010)', async () => {
      const out = await executeTool('optimize_portfolio', {}, asClient('C0010'));
      expect(out.ok).toBe(false);
      if (!out.ok) expect(out.error.code).toBe('WD_ERR_PROFILE_EXPIRED');
    });

    it('serves an advisor only the clients of the book', async () => {
      const c = await db.query<{ advisor_id: string }>(`SELECT advisor_id FROM clients WHERE id = 'C0002'`);
      const own = c.rows[0].advisor_id;
      const other = await db.query<{ id: string }>(`SELECT id FROM advisors WHERE id <> $1 ORDER BY id LIMIT 1`, [own]);
      const advisor = (advisorId: string): ToolContext => ({ principal: { role: 'advisor', advisorId }, db, lang: 'en', state: {} });
      for (const name of ['optimize_portfolio', 'check_rebalance', 'project_goal', 'backtest_strategy']) {
        const args = name === 'project_goal' ? { targetAmount: 1e6, clientId: 'C0002' } : name === 'backtest_strategy' ? { strategy: 'annual', clientId: 'C0002' } : { clientId: 'C0002' };
        const denied = await executeTool(name, args, advisor(other.rows[0].id));
        expect(denied.ok ? 'ok' : denied.error.code).toBe('WD_ERR_FORBIDDEN');
        const allowed = await executeTool(name, args, advisor(own));
        expect(allowed.ok ? (allowed.result as { clientId: string }).clientId : allowed.error).toBe('C0002');
      }
      // a client naming another client still gets their own data
      const mine = await call<CheckRebalanceResult>('check_rebalance', { clientId: 'C0002' }, asClient('C0003'));
      expect(mine.clientId).toBe('C0003');
    }, 60_000);

    it('check_rebalance trades bring each class to target, cash-neutral', async () => {
      const r = await call<CheckRebalanceResult>('check_rebalance', {}, asClient('C0002'));
      expect(r.rebalanceNeeded).toBe(true);
      const value = new Map(r.drift.map((d) => [d.assetClass, new Decimal(d.currentValue)]));
      let costs = new Decimal(0);
      for (const t of r.trades) {
        value.set(t.assetClass, (value.get(t.assetClass) ?? new Decimal(0))[t.side === 'buy' ? 'plus' : 'minus'](t.amount));
        costs = costs.plus(t.cost);
      }
      const sells = r.trades.filter((t) => t.side === 'sell').reduce((s, t) => s.plus(t.amount), new Decimal(0));
      const buys = r.trades.filter((t) => t.side === 'buy').reduce((s, t) => s.plus(t.amount), new Decimal(0));
      const left = sells.minus(buys).minus(costs);
      expect(left.toFixed(2)).toBe(r.totals.cashChange);
      // C0002 holds cash above its target: the excess funds buys (cash falls), cash itself is never traded
      expect(r.trades.filter((t) => t.assetClass === 'cash')).toEqual([]);
      const cashNow = value.get('cash') ?? new Decimal(0);
      expect(r.totals.cashAfter).toBe(cashNow.plus(left).toFixed(2));
      expect(cashNow.plus(left).gte(0)).toBe(true);
      value.set('cash', cashNow.plus(left));
      const total = new Decimal(r.portfolioValue).minus(costs);
      for (const d of r.drift) expect(Math.abs(value.get(d.assetClass)!.div(total).toNumber() - d.targetWeight)).toBeLessThan(0.01);
      expect(r.tax.jurisdiction).toBe('US');
    });

    it('check_rebalance never trades cash: C0001’s cash below target takes the net of the trades', async () => {
      const r = await call<CheckRebalanceResult>('check_rebalance', {}, asClient('C0001'));
      // (a tester saw "buy CASH-CNY 13416 units, cost 13.42 CNY" here)
      expect(r.trades.filter((t) => t.assetClass === 'cash' || t.instrumentId?.startsWith('CASH'))).toEqual([]);
      expect(r.trades.length).toBeGreaterThan(0);
      const sum = (side: string, k: 'amount' | 'cost') => r.trades.filter((t) => side === '*' || t.side === side).reduce((s, t) => s.plus(t[k]), new Decimal(0));
      const change = sum('sell', 'amount').minus(sum('buy', 'amount')).minus(sum('*', 'cost'));
      expect(r.totals.cashChange).toBe(change.toFixed(2));
      const cash = r.drift.find((d) => d.assetClass === 'cash')!;
      expect(new Decimal(cash.currentValue).lt(cash.targetValue)).toBe(true);
      expect(change.gt(0)).toBe(true);
      expect(r.totals.cashAfter).toBe(new Decimal(cash.currentValue).plus(change).toFixed(2));
      const total = new Decimal(r.portfolioValue).minus(sum('*', 'cost'));
      expect(Math.abs(new Decimal(r.totals.cashAfter).div(total).toNumber() - cash.targetWeight)).toBeLessThan(0.01);
    });

    it('check_rebalance never sells units inside their holding / lock-up period (C0019) and rebalances around them', async () => {
      const asOf = '2026-11-20';
      const r = await call<CheckRebalanceResult>('check_rebalance', {}, { ...asClient('C0019'), asOf });
      expect(r.asOf).toBe(asOf);
      const lots = await db.query<{ instrument_id: string; quantity: string; acquired: string }>(
        `SELECT instrument_id, quantity::text, acquired_at::text AS acquired FROM lots WHERE client_id = 'C0019' AND acquired_at <= $1`,
        [asOf],
      );
      // expected from the catalog's product terms, e.g. '最短持有 18 个月' (18 months), '每笔份额持有满 90 天' (90 days)
      const lockedQty = new Map<string, Decimal>();
      const freeQty = new Map<string, Decimal>();
      const until = new Map<string, string>();
      for (const l of lots.rows) {
        const liq = catalogById(l.instrument_id)?.product?.liquidity;
        const end = !liq ? null : liq.code === '90D' ? plusPeriod(l.acquired, { days: 90 }) : liq.lockupMonths > 0 ? plusPeriod(l.acquired, { months: liq.lockupMonths }) : null;
        const m = end !== null && asOf < end ? lockedQty : freeQty;
        m.set(l.instrument_id, (m.get(l.instrument_id) ?? new Decimal(0)).plus(l.quantity));
        if (end !== null && asOf < end && (until.get(l.instrument_id) ?? '') < end) until.set(l.instrument_id, end);
      }
      expect([...lockedQty.keys()].sort()).toEqual(['WM-2023-112', 'WM-2024-062']);
      expect(r.locked.map((x) => [x.instrumentId, x.quantity, x.until]).sort()).toEqual(
        [...lockedQty].map(([id, q]) => [id, q.toString(), until.get(id)]).sort(),
      );
      for (const t of r.trades.filter((x) => x.side === 'sell')) {
        expect(new Decimal(t.quantity!).lte(freeQty.get(t.instrumentId!) ?? 0)).toBe(true);
      }
      // the 18-month pension product has no free unit: it is not sold at all
      expect(r.trades.some((t) => t.instrumentId === 'WM-2024-062')).toBe(false);
      expect(r.notes[0]).toMatch(/holding or lock-up period/);
      // around them: wealth stays at or above its locked value, every other class lands near its share of the rest
      const lockedValue = r.locked.reduce((s, x) => s.plus(x.value), new Decimal(0));
      const costs = r.trades.reduce((s, t) => s.plus(t.cost), new Decimal(0));
      const totalAfter = new Decimal(r.portfolioValue).minus(costs);
      const wealthAfter = r.after.find((a) => a.assetClass === 'wealth')!.weight;
      expect(wealthAfter).toBeGreaterThanOrEqual(lockedValue.div(totalAfter).toNumber() - 1e-9);
      const wealthTarget = r.drift.find((d) => d.assetClass === 'wealth')!.targetWeight;
      const scale = Math.max(0, 1 - Math.max(wealthAfter, wealthTarget)) / (1 - wealthTarget);
      for (const d of r.drift.filter((x) => x.assetClass !== 'wealth')) {
        expect(Math.abs(r.after.find((a) => a.assetClass === d.assetClass)!.weight - d.targetWeight * scale)).toBeLessThan(0.01);
      }
    });

    it('project_goal, portfolio_risk and optimize_portfolio give C0001 the same expected return: the CMA for the current holdings', async () => {
      const g = await call<ProjectGoalResult>('project_goal', { targetAmount: '5000000', years: 20, monthlyContribution: 5000 }, asClient('C0001'));
      const risk = await call<PortfolioRiskResult>('portfolio_risk', {}, asClient('C0001'));
      const o = await call<OptimizePortfolioResult>('optimize_portfolio', {}, asClient('C0001'));
      expect(g.assumptions.source).toBe('cma');
      expect(g.assumptions.cmaVersion).toBe(CMA.version);
      expect(risk.expected.cmaVersion).toBe(CMA.version);
      expect(risk.expected.expectedReturn).toBe(g.assumptions.expectedReturn);
      expect(o.before.expectedReturn).toBe(g.assumptions.expectedReturn);
      expect(risk.expected.volatility).toBe(g.assumptions.volatility);
      // and it is the CMA figure of the holdings (classes read from the catalog here), weights by market value
      const p = await call<GetPortfolioResult>('get_portfolio', {}, asClient('C0001'));
      const want = portfolioAssumptions(p.holdings.map((h) => ({ cmaClass: cmaOf(h.instrumentId).cmaClass, weight: Number(h.marketValue) })), { baseCurrency: 'CNY' });
      expect(g.assumptions.expectedReturn).toBeCloseTo(want.expectedReturn, 14);
      expect(g.assumptions.volatility).toBeCloseTo(want.volatility, 14);
      // not the history: the risk card's realized figure is a different number
      expect(risk.annualReturn).not.toBeCloseTo(risk.expected.expectedReturn, 3);
    }, 60_000);

    it('project_goal and backtest_strategy answer from the portfolio', async () => {
      const g = await call<ProjectGoalResult>('project_goal', { targetAmount: '5000000', years: 20, monthlyContribution: 5000 }, asClient('C0001'));
      expect(g.assumptions.source).toBe('cma');
      expect(g.percentiles.map((p) => p.values.length)).toEqual([21, 21, 21, 21, 21]);
      const again = await call<ProjectGoalResult>('project_goal', { targetAmount: 5e6, years: 20, monthlyContribution: '5000' }, asClient('C0001'));
      expect(again).toEqual(g);
      const b = await call<BacktestStrategyResult>('backtest_strategy', { strategy: 'threshold', band: 0.03 }, asClient('C0001'));
      expect(b.weights.reduce((s, w) => s + w.weight, 0)).toBeCloseTo(1, 12);
      expect(b.series.at(-1)!.strategy).toBe(b.strategy.endValue);
    }, 60_000);
  });
}
