import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { backtest } from '../../quant/backtest.js';
import { simpleReturns } from '../../quant/returns.js';
import { LAST, insertBook } from '../__fixtures__/book.js';
import type { BacktestStrategyResult } from '../contract-construction.js';
import { loadConstructionData } from '../shared/construction-data.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';

for (const target of storeTargets()) {
  describe(`backtest_strategy on ${target.name}`, () => {
    let db: Db;
    const ctx = (clientId: string): ToolContext => ({ principal: { role: 'client', clientId }, db, lang: 'en', asOf: LAST, state: {} });
    beforeAll(async () => {
      db = await target.open();
      await insertBook(db);
    });
    afterAll(async () => db?.close());

    it("splits each class target over the client's holdings and matches the quant backtest", async () => {
      const out = await executeTool('backtest_strategy', { strategy: 'threshold', band: 0.02, costBps: 20 }, ctx('C1'));
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const r = out.result as BacktestStrategyResult;
      // C1 holds one instrument per class: weights are the class targets
      const want: Record<string, number> = { CN1: 0.3, US1: 0.2, HK1: 0.1, BOND1: 0.3, CASH: 0.1 };
      expect(Object.fromEntries(r.weights.map((w) => [w.instrumentId, w.weight]))).toEqual(
        expect.objectContaining(Object.fromEntries(Object.entries(want).map(([k, v]) => [k, expect.closeTo(v, 12)]))),
      );
      const data = await loadConstructionData(db, 'C1', { asOf: LAST });
      const cols = r.weights.map((w) => data.table.tickers.indexOf(w.instrumentId));
      const table = { dates: data.table.dates, tickers: r.weights.map((w) => w.instrumentId), prices: data.table.prices.map((row) => cols.map((j) => row[j])) };
      const start = Number(r.startValue);
      const q = backtest({ returns: simpleReturns(table), targetWeights: r.weights.map((w) => w.weight), strategy: { type: 'threshold', band: 0.02 }, costBps: 20, initialValue: start });
      expect(r.strategy.rebalances).toBe(q.rebalances);
      expect(r.strategy.sharpe).toBeCloseTo(q.metrics.sharpe, 10);
      expect(Math.abs(Number(r.strategy.endValue) - q.values.at(-1)!)).toBeLessThan(0.006);
      expect(r.buyAndHold.rebalances).toBe(0);
      expect(r.series.at(-1)).toEqual({ date: r.endDate, strategy: r.strategy.endValue, buyAndHold: r.buyAndHold.endValue });
    });

    it('stands in an index for a target class the client does not hold', async () => {
      const out = await executeTool('backtest_strategy', { strategy: 'monthly' }, ctx('C2'));
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const r = out.result as BacktestStrategyResult;
      expect(r.weights.reduce((s, w) => s + w.weight, 0)).toBeCloseTo(1, 12);
      expect(r.strategy.rebalances).toBeGreaterThan(0);
      const bad = await executeTool('backtest_strategy', { strategy: 'weekly' }, ctx('C2'));
      expect(bad.ok ? 'ok' : bad.error.path).toBe('strategy');
    });
  });
}
