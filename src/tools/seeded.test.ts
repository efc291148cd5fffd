/**
 * Integration: every issue-2 tool for the demo client C0001 on seeded PGlite, checked for
 * internal consistency (weights sum to 1, holdings and slices sum to the total, the same
 * total everywhere).
 */
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { getClient } from '../db/repos/clients.js';
import { seedDemoData } from '../db/seed/seed.js';
import { openTestPglite } from '../db/testing.js';
import type { AssessRiskProfileResult, GetPerformanceResult, GetPortfolioResult, ListClientsResult, PortfolioRiskResult } from './contract.js';
import { executeTool, toolsFor } from './registry.js';
import type { ToolContext } from './types.js';

describe('issue-2 tools on the seeded demo book', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => {
    db = await openTestPglite();
    await seedDemoData(db, { clients: 20 });
    ctx = { principal: { role: 'client', clientId: 'C0001' }, db, lang: 'zh', state: {} };
  });
  afterAll(async () => db?.close());

  async function run<T>(name: string, args: unknown, c = ctx): Promise<T> {
    const out = await executeTool(name, args, c);
    if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
    return out.result as T;
  }

  it('get_portfolio adds up and list_clients agrees with it', async () => {
    const p = await run<GetPortfolioResult>('get_portfolio', {});
    expect(p.holdings.length).toBeGreaterThanOrEqual(3);
    expect(p.holdings.reduce((s, h) => s.plus(h.marketValue), new Decimal(0)).toFixed(2)).toBe(p.totalValue);
    expect(p.holdings.reduce((s, h) => s + h.weight, 0)).toBeCloseTo(1, 10);
    for (const slices of Object.values(p.allocation)) {
      expect(slices.reduce((s, x) => s.plus(x.value), new Decimal(0)).toFixed(2)).toBe(p.totalValue);
      expect(slices.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(1, 10);
    }
    expect(new Decimal(p.totalValue).minus(p.totalCost).toFixed(2)).toBe(p.unrealizedPnl);
    const usd = await run<GetPortfolioResult>('get_portfolio', { currency: 'USD' });
    expect(usd.holdings.length).toBe(p.holdings.length);

    const client = (await getClient(db, 'C0001'))!;
    const book = await run<ListClientsResult>('list_clients', { limit: 200 }, { ...ctx, principal: { role: 'advisor', advisorId: client.advisorId } });
    const row = book.clients.find((c) => c.id === 'C0001')!;
    expect(p.baseCurrency).toBe(row.baseCurrency);
    expect(row.totalValue).toBe(p.totalValue);
    expect(book.total).toBe(book.clients.length);
  });

  it('get_performance and portfolio_risk return finite, consistent figures', async () => {
    const perf = await run<GetPerformanceResult>('get_performance', {});
    expect(perf.periods.map((x) => x.period)).toEqual(['1M', '3M', 'YTD', '1Y', '3Y', 'SI']);
    for (const x of perf.periods) {
      expect(Number.isFinite(x.return)).toBe(true);
      expect(x.start <= x.end).toBe(true);
      expect(x.benchmarkReturn === null || Number.isFinite(x.benchmarkReturn)).toBe(true);
    }
    const risk = await run<PortfolioRiskResult>('portfolio_risk', {});
    expect(risk.observations).toBeGreaterThan(100);
    expect(risk.annualVolatility).toBeGreaterThan(0);
    expect(risk.maxDrawdown).toBeLessThanOrEqual(0);
    expect(risk.riskContributors.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(1, 10);
    const v = (c: number, h: number, m: string) => risk.var.find((f) => f.confidence === c && f.horizonDays === h && f.method === m)!;
    expect(v(0.99, 1, 'parametric').var).toBeGreaterThan(v(0.95, 1, 'parametric').var);
    expect(v(0.95, 10, 'parametric').var).toBeGreaterThan(v(0.95, 1, 'parametric').var);
    const p = await run<GetPortfolioResult>('get_portfolio', {});
    expect(risk.portfolioValue).toBe(p.totalValue);
  });

  it('assess_risk_profile reads the seeded profile; the tool list per role', async () => {
    const r = await run<AssessRiskProfileResult>('assess_risk_profile', { action: 'get' });
    expect(r.status).toBe('profile');
    if (r.status === 'profile') expect(r.profile?.level).toBeGreaterThanOrEqual(1);
    expect(toolsFor('client').map((t) => t.name)).not.toContain('list_clients');
    expect(toolsFor('advisor').map((t) => t.name)).toContain('list_clients');
    expect(toolsFor('compliance').map((t) => t.name)).not.toContain('get_portfolio');
  });
});
