import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backtest } from './backtest.js';
import { parsePriceCsv } from './price-table.js';
import { simpleReturns } from './returns.js';
import { computeMetrics, portfolioReturns } from './risk-metrics.js';

const peers = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/peers');
const table = simpleReturns(parsePriceCsv(readFileSync(join(peers, 'ppo_stock_prices.csv'), 'utf8')));
// Last ~3 years of four long-listed names.
const cols = ['AAPL', 'XOM', 'PFE', 'WMT'].map((t) => table.tickers.indexOf(t));
const sub = {
  dates: table.dates.slice(-750),
  tickers: cols.map((j) => table.tickers[j]),
  returns: table.returns.slice(-750).map((row) => cols.map((j) => row[j])),
};

describe('backtest', () => {
  it('buy-and-hold of one asset equals its compounded return', () => {
    const r = backtest({ returns: sub, targetWeights: [1, 0, 0, 0], strategy: { type: 'buy-and-hold' }, initialValue: 1000, costBps: 50 });
    let g = 1000;
    sub.returns.forEach((row, t) => {
      g *= 1 + row[0]!;
      expect(Math.abs(r.values[t] / g - 1)).toBeLessThan(1e-12);
    });
    expect(r.rebalances).toBe(0);
    expect(r.totalCost).toBe(0);
    const m = computeMetrics(sub.returns.map((row) => row[0]!));
    expect(r.metrics.annualReturn).toBeCloseTo(m.annualReturn, 12);
    expect(r.metrics.maxDrawdown).toBeCloseTo(m.maxDrawdown, 12);
  });

  it('costs reduce value by exactly traded amount × bps', () => {
    const returns = { dates: ['2024-01-02', '2024-01-03', '2024-01-04'], tickers: ['A', 'B'], returns: [[0.1, -0.05], [0.02, 0.01], [0, 0]] };
    const base = { returns, targetWeights: [0.5, 0.5], strategy: { type: 'threshold', band: 0 } as const, initialValue: 100 };
    const free = backtest(base);
    const paid = backtest({ ...base, costBps: 25 });
    // Day 1: holdings 55 / 47.5 (102.5). Rebalancing to V' trades |0.5V'−55| + |0.5V'−47.5| = 7.5.
    expect(free.values[0]).toBeCloseTo(102.5, 12);
    expect(paid.values[0]).toBeCloseTo(102.5 - 7.5 * 0.0025, 12);
    // Day 2 from V' = 102.48125 at 50/50: holdings 52.2654375 / 51.75153125.
    const v1 = 102.48125;
    const a = 0.5 * v1 * 1.02;
    const b = 0.5 * v1 * 1.01;
    const traded = Math.abs(a - b); // both legs move by half the gap when V' stays between them
    const v2 = a + b - 0.0025 * traded;
    // Check the traded amount against V' (it is |a−b| only if the legs straddle 0.5·V').
    expect(Math.abs(0.5 * v2 - a) + Math.abs(0.5 * v2 - b)).toBeCloseTo(traded, 12);
    expect(paid.values[1]).toBeCloseTo(v2, 12);
    expect(paid.totalCost).toBeCloseTo(7.5 * 0.0025 + 0.0025 * traded, 12);
    expect(paid.rebalances).toBe(2); // never after the final row
  });

  it('threshold band 0 rebalances every period and equals the daily-rebalanced constant mix', () => {
    const w = [0.4, 0.3, 0.2, 0.1];
    const r = backtest({ returns: sub, targetWeights: w, strategy: { type: 'threshold', band: 0 } });
    expect(r.rebalances).toBe(sub.dates.length - 1);
    const mix = portfolioReturns(sub, w).returns;
    let g = 1;
    mix.forEach((x, t) => {
      g *= 1 + x;
      expect(Math.abs(r.values[t] / g - 1)).toBeLessThan(1e-11);
    });
  });

  it('periodic rebalancing happens at each period end; wider bands trade less', () => {
    const w = [0.25, 0.25, 0.25, 0.25];
    const monthly = backtest({ returns: sub, targetWeights: w, strategy: { type: 'periodic', every: 'monthly' }, costBps: 10 });
    const months = new Set(sub.dates.map((d) => d.slice(0, 7)));
    expect(monthly.rebalances).toBe(months.size - 1);
    const quarterly = backtest({ returns: sub, targetWeights: w, strategy: { type: 'periodic', every: 'quarterly' }, costBps: 10 });
    const annual = backtest({ returns: sub, targetWeights: w, strategy: { type: 'periodic', every: 'annual' }, costBps: 10 });
    expect(annual.rebalances).toBe(new Set(sub.dates.map((d) => d.slice(0, 4))).size - 1);
    expect(quarterly.rebalances).toBeLessThan(monthly.rebalances);
    const tight = backtest({ returns: sub, targetWeights: w, strategy: { type: 'threshold', band: 0.01 } });
    const loose = backtest({ returns: sub, targetWeights: w, strategy: { type: 'threshold', band: 0.05 } });
    expect(loose.turnover).toBeLessThan(tight.turnover);
    expect(monthly.totalCost).toBeGreaterThan(0);
    expect(monthly.metrics.observations).toBe(sub.dates.length);
  });

  it('skips leading rows where a held asset has no return yet and rejects bad input', () => {
    const returns = { dates: ['d1', 'd2', 'd3', 'd4'], tickers: ['A', 'B'], returns: [[0.01, null], [0.02, null], [0.01, 0.03], [0.0, null]] };
    const r = backtest({ returns, targetWeights: [0.5, 0.5], strategy: { type: 'buy-and-hold' } });
    expect(r.dates).toEqual(['d3', 'd4']);
    expect(r.values[1]).toBeCloseTo(0.5 * 1.01 + 0.5 * 1.03, 15); // later null = flat
    expect(() => backtest({ returns, targetWeights: [1], strategy: { type: 'buy-and-hold' } })).toThrow(/target weights/);
    expect(() => backtest({ returns, targetWeights: [0.5, 0.5], strategy: { type: 'threshold', band: -1 } })).toThrow(/band/);
  });
});
