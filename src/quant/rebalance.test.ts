import { describe, expect, it } from 'vitest';
import { computeDrift, needsRebalance, rebalanceTargets, rebalanceTrades } from './rebalance.js';

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

  it('residual class: cash is never traded; cash above target funds the buys, the net of the trades stays in cash', () => {
    // 1000 in all: equity 500 (target 400), bond 300 (target 500), cash 200 (target 100).
    const positions = [
      { id: 'EQ', assetClass: 'equity', value: 500, price: 1 },
      { id: 'BD', assetClass: 'bond', value: 300, price: 1 },
      { id: 'CASH', assetClass: 'cash', value: 200, price: 1 },
    ];
    const r = rebalanceTrades({ positions, target: { equity: 0.4, bond: 0.5, cash: 0.1 }, costBps: 10, residualClass: 'cash' });
    expect(r.trades.some((t) => t.id === 'CASH' || t.id === 'cash')).toBe(false);
    const sell = r.trades.find((t) => t.side === 'sell')!;
    const buy = r.trades.find((t) => t.side === 'buy')!;
    expect([sell.id, sell.quantity]).toEqual(['EQ', 100]);
    // the buy wants 200: funded by 100 − 0.1 (sale net of cost) + 100 (cash above target), with its own cost
    expect(buy.id).toBe('BD');
    expect(buy.quantity).toBe(Math.floor((100 - 0.1 + 100) / 1.001));
    const cashAfter = 200 + sell.amount - sell.cost - buy.amount - buy.cost;
    expect(cashAfter).toBeGreaterThanOrEqual(100 - 1e-9);
    expect(cashAfter).toBeLessThan(100 + 1.5); // within one unit of the bond plus costs
    // below target: nothing is bought with the cash, the sale's proceeds stay there
    const low = rebalanceTrades({ positions, target: { equity: 0.4, bond: 0.3, cash: 0.3 }, residualClass: 'cash' });
    expect(low.trades.map((t) => [t.id, t.side, t.amount])).toEqual([['EQ', 'sell', 100]]);
    // without a residual class the old behaviour: cash is bought like any class
    const old = rebalanceTrades({ positions, target: { equity: 0.4, bond: 0.3, cash: 0.3 } });
    expect(old.trades.find((t) => t.id === 'CASH')?.side).toBe('buy');
  });

  it('rebalanceTargets: a class whose unsellable value is above its share keeps it; the others share the rest by target', () => {
    expect(rebalanceTargets(1000, { a: 0.5, b: 0.5 }, {})).toEqual({ a: 500, b: 500 });
    // a has 700 locked: b gets the remaining 300
    expect(rebalanceTargets(1000, { a: 0.5, b: 0.5 }, { a: 700 })).toEqual({ a: 700, b: 300 });
    // a keeps 600; b and c would share 400 as 240 : 160, but c cannot go below 200: c keeps 200, b gets 200
    const t = rebalanceTargets(1000, { a: 0.5, b: 0.3, c: 0.2 }, { a: 600, c: 200 });
    expect(t.a).toBe(600);
    expect(t.c).toBe(200);
    expect(t.b).toBeCloseTo(200, 9);
    // a locked value below the target changes nothing
    expect(rebalanceTargets(1000, { a: 0.5, b: 0.5 }, { a: 100, b: 0 })).toEqual({ a: 500, b: 500 });
    // a class held but not in the target, locked: kept, the targets share the rest
    const u = rebalanceTargets(1000, { a: 0.6, b: 0.4 }, { x: 100 });
    expect([u.x, u.a, u.b]).toEqual([100, 540, 360]);
  });

  it('never sells a locked lot: the unlocked units are sold, the rest of the portfolio is rebalanced around the locked ones', () => {
    // WM: 600 units at 1, 400 of them locked (e.g. a 90-day holding period); target wealth 0.2 of 1000
    const wm = {
      id: 'WM', assetClass: 'wealth', value: 600, price: 1,
      lots: [
        { quantity: 200, costPrice: 1, acquiredAt: '2024-01-02' },
        { quantity: 400, costPrice: 1, acquiredAt: '2024-06-03', locked: true },
      ],
    };
    const eq = { id: 'EQ', assetClass: 'equity', value: 400, price: 1 };
    for (const taxAware of [false, true]) {
      const r = rebalanceTrades({ positions: [wm, eq], target: { wealth: 0.2, equity: 0.8 }, taxAware });
      expect(r.targets).toEqual({ wealth: 400, equity: 600 });
      const sell = r.trades.find((t) => t.side === 'sell')!;
      expect([sell.id, sell.quantity, sell.amount]).toEqual(['WM', 200, 200]);
      expect(sell.realizedGain).toBe(0);
      expect(r.trades.find((t) => t.side === 'buy')).toMatchObject({ id: 'EQ', quantity: 200 });
    }
    // everything locked: no sale, no buy
    const all = { ...wm, lots: wm.lots.map((l) => ({ ...l, locked: true })) };
    const none = rebalanceTrades({ positions: [all, eq], target: { wealth: 0.2, equity: 0.8 }, allowTlh: true });
    expect(none.trades).toEqual([]);
    expect(none.targets).toEqual({ wealth: 600, equity: 400 });
    // a locked losing lot is no harvesting candidate (it cannot be sold)
    const losing = { ...wm, lots: [{ quantity: 600, costPrice: 2, acquiredAt: '2024-06-03', locked: true }] };
    expect(rebalanceTrades({ positions: [losing, eq], target: { wealth: 0.5, equity: 0.5 }, allowTlh: true }).tlhCandidates).toEqual([]);
  });
});
