import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { DATES, INSTRUMENTS, LAST, LOTS, closeOn, fxOn, insertBook } from '../__fixtures__/book.js';
import type { GetPerformanceResult, PeriodReturn } from '../contract.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';

const D = Decimal.clone({ precision: 60 });
const inst = (id: string) => INSTRUMENTS.find((i) => i.id === id)!;
function lastClose(id: string, t: number): string {
  for (let k = t; k >= 0; k--) {
    const c = closeOn(inst(id), k);
    if (c) return c;
  }
  throw new Error('no close');
}
const rate = (ccy: string, t: number) => (ccy === 'CNY' ? new D(1) : new D(fxOn(ccy as 'USD' | 'HKD', t)));
/** V(t): Σ lots held on day t of qty × close × FX to CNY. */
const V = (c: string, t: number) =>
  LOTS.filter((l) => l.clientId === c && l.day <= t).reduce(
    (s, l) => s.plus(new D(l.quantity).times(lastClose(l.instrumentId, t)).times(rate(inst(l.instrumentId).currency, t))),
    new D(0),
  );
/** F(t): purchases on day t at cost × FX. */
const F = (c: string, t: number) =>
  LOTS.filter((l) => l.clientId === c && l.day === t).reduce(
    (s, l) => s.plus(new D(l.quantity).times(l.costPrice).times(rate(inst(l.instrumentId).currency, t))),
    new D(0),
  );
/** Index level in CNY on day t. */
const I = (id: string, t: number) => new D(closeOn(inst(id), t)!).times(rate(inst(id).currency, t)).toNumber();
/** Last business-day index ≤ an ISO date. */
const baseIdx = (iso: string) => DATES.reduce((b, d, i) => (d <= iso ? i : b), -1);

for (const target of storeTargets()) {
  describe(`get_performance on ${target.name}`, () => {
    let db: Db;
    const ctx = (clientId: string): ToolContext => ({ principal: { role: 'client', clientId }, db, lang: 'en', asOf: LAST, state: {} });
    beforeAll(async () => {
      db = await target.open();
      await insertBook(db);
    });
    afterAll(async () => db?.close());

    async function run(clientId: string, args: Record<string, unknown> = {}): Promise<GetPerformanceResult> {
      const out = await executeTool('get_performance', args, ctx(clientId));
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      return out.result as GetPerformanceResult;
    }
    const period = (r: GetPerformanceResult, p: string) => r.periods.find((x) => x.period === p) as PeriodReturn;

    it('since inception: TWR links the sub-periods between purchases (days 0, 10, 50), not distorted by them', async () => {
      const r = await run('C1');
      // hand computation: each purchase is a flow at cost at the start of its day
      const twr = V('C1', 9).div(F('C1', 0))
        .times(V('C1', 10).div(V('C1', 9).plus(F('C1', 10))))
        .times(V('C1', 49).div(V('C1', 10)))
        .times(V('C1', 50).div(V('C1', 49).plus(F('C1', 50))))
        .times(V('C1', 59).div(V('C1', 50)))
        .minus(1);
      const si = period(r, 'SI');
      expect(si.return).toBeCloseTo(twr.toNumber(), 13);
      expect(si.start).toBe(DATES[0]);
      expect(si.end).toBe(LAST);
      expect(si.annualized).toBeNull();
      const pnl = V('C1', 59).minus(F('C1', 0)).minus(F('C1', 10)).minus(F('C1', 50));
      expect(si.pnl).toBe(pnl.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2));
      // 3Y reaches before the first lot: same figures, starting at the first lot
      expect(period(r, '3Y')).toMatchObject({ start: DATES[0], return: si.return, pnl: si.pnl });
      expect(r.periods.map((p) => p.period)).toEqual(['1M', '3M', 'YTD', '1Y', '3Y', 'SI']);
    });

    it('1M and YTD windows containing the mid-period purchase', async () => {
      const r = await run('C1', { periods: ['1M', 'YTD'] });
      const L = 59;
      expect(LAST.slice(0, 7)).toBe('2024-01');
      const oneMonthBack = `2023-12-${LAST.slice(8)}`;
      for (const [p, b] of [['1M', baseIdx(oneMonthBack)], ['YTD', baseIdx('2023-12-31')]] as const) {
        expect(b).toBeLessThan(49);
        const twr = V('C1', 49).div(V('C1', b)).times(V('C1', 50).div(V('C1', 49).plus(F('C1', 50)))).times(V('C1', L).div(V('C1', 50))).minus(1);
        const pr = period(r, p);
        expect(pr.start).toBe(DATES[b]);
        expect(pr.return).toBeCloseTo(twr.toNumber(), 13);
        expect(pr.pnl).toBe(V('C1', L).minus(V('C1', b)).minus(F('C1', 50)).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2));
        // default benchmark: the target-allocation blend, rebalanced daily, cash earning 0
        const w: [string, number][] = [['IDX-CN', 0.3], ['IDX-US', 0.2], ['IDX-HK', 0.1], ['IDX-BOND', 0.3]];
        let g = 1;
        for (let t = b + 1; t <= L; t++) g *= 1 + w.reduce((s, [id, wt]) => s + wt * (I(id, t) / I(id, t - 1) - 1), 0);
        expect(pr.benchmarkReturn).toBeCloseTo(g - 1, 12);
        expect(pr.excessReturn).toBeCloseTo(pr.return - (g - 1), 12);
      }
      expect(r.benchmark.id).toBe('blend');
      expect(r.benchmark.nameEn).toContain('30% IDX-CN name');
    });

    it('a chosen benchmark, the base-currency index without a target, and an unknown benchmark', async () => {
      const r = await run('C1', { periods: ['SI'], benchmark: 'IDX-US' });
      expect(r.benchmark.id).toBe('IDX-US');
      // SI starts before the first close: the first day has no benchmark return
      expect(period(r, 'SI').benchmarkReturn).toBeCloseTo(I('IDX-US', 59) / I('IDX-US', 0) - 1, 12);
      const c3 = await run('C3', { periods: ['SI'] });
      expect(c3.benchmark.id).toBe('IDX-CN');
      // one lot, no later flows: TWR = close(L) / cost − 1
      expect(period(c3, 'SI').return).toBeCloseTo(new D(closeOn(inst('CN1'), 59)!).div('9.8').minus(1).toNumber(), 13);
      const bad = await executeTool('get_performance', { benchmark: 'NOPE' }, ctx('C1'));
      expect(bad).toMatchObject({ ok: false, error: { code: 'WD_ERR_NOT_FOUND', path: 'benchmark' } });
      const badPeriod = await executeTool('get_performance', { periods: ['5Y'] }, ctx('C1'));
      expect(badPeriod).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION', path: 'periods.0' } });
    });

    it('a USD client in USD: values through CNY, flows on the first purchase day', async () => {
      const r = await run('C2', { periods: ['SI'] });
      expect(r.currency).toBe('USD');
      const Vu = (t: number) => V('C2', t).div(rate('USD', t));
      const Fu = (t: number) => F('C2', t).div(rate('USD', t));
      const twr = Vu(4).div(Fu(3)).times(Vu(5).div(Vu(4).plus(Fu(5)))).times(Vu(7).div(Vu(5)))
        .times(Vu(8).div(Vu(7).plus(Fu(8)))).times(Vu(59).div(Vu(8))).minus(1);
      expect(period(r, 'SI').return).toBeCloseTo(twr.toNumber(), 13);
      expect(period(r, 'SI').start).toBe(DATES[3]);
    });
  });
}
