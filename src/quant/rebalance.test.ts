import { describe, expect, it } from 'vitest';
import { computeDrift, needsRebalance, rebalanceTrades } from './rebalance.js';

describe('computeDrift / needsRebalance', () => {
  it('normalises values and targets and reports absolute and relative drift', () => {
    const rows = computeDrift({ equity: 700_000, bond: 250_000, cash: 50_000 }, { equity: 60, bond: 40 });
    const by = Object.fromEntries(rows.map((r) => [r.assetClass, r]));
    expect(by.equity.current).toBeCloseTo(0.7, 15);
    expect(by.equity.drift).toBeCloseTo(0.1, 15);
    expect(by.equity.relativeDrift).toBeCloseTo(0.1 / 0.6, 15);
    expect(by.bond.drift).toBeCloseTo(-0.15, 15);
    expect(by.cash).toMatchObject({ target: 0, relativeDrift: 1 });
    expect(rows[0].assetClass).toBe('bond'); // largest |drift| first
    expect(needsRebalance(rows, { absolute: 0.05 })).toBe(true);
    expect(needsRebalance(rows, { absolute: 0.2 })).toBe(false);
    expect(needsRebalance(rows, { relative: 0.3 })).toBe(true); // bond −37.5%
    expect(needsRebalance(rows, { relative: 1.5 })).toBe(false);
    expect(needsRebalance(rows, {})).toBe(false);
  });
});

describe('rebalanceTrades', () => {
  it('moves 70/30 to 60/40 cash-neutrally with costs in bps', () => {
    const r = rebalanceTrades({
      positions: [
        { id: 'EQ', assetClass: 'equity', value: 700 },
        { id: 'BD', assetClass: 'bond', value: 300 },
      ],
      target: { equity: 0.6, bond: 0.4 },
      costBps: 10,
    });
    const sell = r.trades.find((t) => t.side === 'sell')!;
    const buy = r.trades.find((t) => t.side === 'buy')!;
    expect(sell).toMatchObject({ id: 'EQ' });
    expect(sell.amount).toBeCloseTo(100, 12);
    expect(sell.cost).toBeCloseTo(0.1, 12);
    expect(buy.id).toBe('BD');
    expect(buy.amount).toBeCloseTo(99.9 / 1.001, 10);
    expect(sell.amount - sell.cost - buy.amount - buy.cost).toBeCloseTo(0, 10);
    expect(r.totalCost).toBeCloseTo(sell.cost + buy.cost, 15);
    expect(r.tlhCandidates).toEqual([]);
  });

  it('tax-aware sells take losing lots first (highest cost), FIFO otherwise', () => {
    const lots = [
      { quantity: 10, costPrice: 5, acquiredAt: '2020-01-02' },
      { quantity: 10, costPrice: 12, acquiredAt: '2021-01-04' },
      { quantity: 10, costPrice: 8, acquiredAt: '2022-01-04' },
    ];
    const positions = [
      { id: 'STK', assetClass: 'equity', value: 300, price: 10, lots },
      { id: 'BND', assetClass: 'bond', value: 300, price: 1 },
    ];
    // Target 150/450 → sell 150 = 15 units.
    const fifo = rebalanceTrades({ positions, target: { equity: 0.25, bond: 0.75 } });
    const s1 = fifo.trades.find((t) => t.side === 'sell')!;
    expect(s1.quantity).toBe(15);
    expect(s1.realizedGain).toBeCloseTo(10 * (10 - 5) + 5 * (10 - 12), 12); // +40
    const aware = rebalanceTrades({ positions, target: { equity: 0.25, bond: 0.75 }, taxAware: true, taxRate: 0.2, allowTlh: true });
    const s2 = aware.trades.find((t) => t.side === 'sell')!;
    expect(s2.realizedGain).toBeCloseTo(10 * (10 - 12) + 5 * (10 - 8), 12); // −10
    expect(s2.estimatedTax).toBe(0);
    expect(aware.tlhCandidates).toEqual([{ id: 'STK', unrealizedLoss: 20 }]);
    expect(fifo.tlhCandidates).toEqual([]); // only where the jurisdiction allows
  });

  it('respects lot sizes on both sides and drops trades below minTrade', () => {
    const r = rebalanceTrades({
      positions: [
        { id: '600519', assetClass: 'equity', value: 1_000_000, price: 1000, lotSize: 100 },
        { id: 'FUND', assetClass: 'bond', value: 200_000, price: 1.5, lotSize: 1 },
        { id: 'MMF', assetClass: 'cash', value: 1000, price: 1 },
      ],
      target: { equity: 0.5, bond: 0.5, cash: 0 },
      minTrade: 5000,
    });
    const sell = r.trades.find((t) => t.id === '600519')!;
    expect(sell.quantity! % 100).toBe(0);
    expect(sell.quantity).toBe(400); // 398.5k rounded up to 4 lots
    const buy = r.trades.find((t) => t.id === 'FUND')!;
    expect(Number.isInteger(buy.quantity)).toBe(true);
    expect(r.trades.find((t) => t.id === 'MMF')).toBeUndefined(); // 1000 < minTrade
    const proceeds = r.trades.filter((t) => t.side === 'sell').reduce((a, t) => a + t.amount - t.cost, 0);
    const spent = r.trades.filter((t) => t.side === 'buy').reduce((a, t) => a + t.amount + t.cost, 0);
    expect(spent).toBeLessThanOrEqual(proceeds + 1e-9);
  });

  it('buys a target class with no position under the class name', () => {
    const r = rebalanceTrades({ positions: [{ id: 'EQ', assetClass: 'equity', value: 100 }], target: { equity: 0.8, gold: 0.2 } });
    expect(r.trades.map((t) => [t.id, t.side])).toEqual([
      ['EQ', 'sell'],
      ['gold', 'buy'],
    ]);
  });
});
