import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discreteAllocation } from './discrete-allocation.js';

describe('discreteAllocation', () => {
  it('A-shares in 100-share lots and a fund with a minimum purchase', () => {
    const r = discreteAllocation({
      weights: { '600519': 0.5, '000001': 0.3, FUND: 0.2 },
      prices: { '600519': 1500, '000001': 11.2, FUND: 1.35 },
      totalValue: 400_000,
      lotSizes: { '600519': 100, '000001': 100 },
      minPurchase: { FUND: 1000 },
    });
    // 600519: one lot costs 150 000; target 200 000 → 1 lot (2 would overshoot to 300 000).
    expect(r.shares['600519']).toBe(100);
    expect(r.shares['000001'] % 100).toBe(0);
    const spent = 100 * 1500 + r.shares['000001'] * 11.2 + (r.shares.FUND ?? 0) * 1.35;
    expect(r.leftover).toBeCloseTo(400_000 - spent, 6);
    expect(r.leftover).toBeGreaterThanOrEqual(0);
    // Only 600519 is still under target, and its next lot (150 000) does not fit.
    expect(r.leftover).toBeLessThan(150_000);
    expect(r.weightsAchieved['000001']).toBeGreaterThan(0.3 - 1120 / 400_000);
    expect(r.weightsAchieved.FUND).toBeGreaterThan(0.2 - 1.35 / 400_000);
    expect(r.weightsAchieved['600519']).toBeCloseTo(150_000 / 400_000, 12);
  });

  it('skips a position whose target is below its minimum purchase unless cash is left for it', () => {
    const r = discreteAllocation({
      weights: { A: 0.99, B: 0.01 },
      prices: { A: 10, B: 1 },
      totalValue: 10_000,
      minPurchase: { B: 5000 },
    });
    expect(r.shares.B).toBeUndefined();
    expect(r.shares.A).toBe(990);
    expect(r.leftover).toBeCloseTo(100, 9);
  });

  it('matches exhaustive search on a tiny case', () => {
    const prices = { A: 37, B: 83, C: 151 };
    const weights = { A: 0.2, B: 0.3, C: 0.5 };
    const total = 1000;
    const r = discreteAllocation({ weights, prices, totalValue: total });
    let best = Infinity;
    for (let a = 0; a <= 27; a++)
      for (let b = 0; b <= 12; b++)
        for (let c = 0; c <= 6; c++) {
          if (a * 37 + b * 83 + c * 151 > total) continue;
          const e = ((a * 37) / total - 0.2) ** 2 + ((b * 83) / total - 0.3) ** 2 + ((c * 151) / total - 0.5) ** 2;
          best = Math.min(best, e);
        }
    const got = Object.entries(weights).reduce((s, [t, w]) => s + (r.weightsAchieved[t] - w) ** 2, 0);
    expect(got).toBeLessThanOrEqual(best * 1.5 + 1e-12);
  });

  it('property: never overspends, respects lots and minimums, and leaves nothing affordable under target', () => {
    const asset = fc.record({
      w: fc.double({ min: 0.01, max: 1, noNaN: true }),
      price: fc.double({ min: 0.5, max: 500, noNaN: true }),
      lot: fc.constantFrom(1, 10, 100),
      min: fc.constantFrom(0, 0, 1000, 5000),
    });
    fc.assert(
      fc.property(fc.array(asset, { minLength: 1, maxLength: 8 }), fc.double({ min: 1000, max: 1e6, noNaN: true }), (assets, total) => {
        const names = assets.map((_, k) => `T${k}`);
        const input = {
          weights: Object.fromEntries(names.map((t, k) => [t, assets[k].w])),
          prices: Object.fromEntries(names.map((t, k) => [t, assets[k].price])),
          lotSizes: Object.fromEntries(names.map((t, k) => [t, assets[k].lot])),
          minPurchase: Object.fromEntries(names.map((t, k) => [t, assets[k].min])),
          totalValue: total,
        };
        const r = discreteAllocation(input);
        let spent = 0;
        names.forEach((t, k) => {
          const q = r.shares[t] ?? 0;
          expect(q % assets[k].lot).toBe(0);
          if (q > 0) expect(q * assets[k].price).toBeGreaterThanOrEqual(assets[k].min - 1e-9);
          spent += q * assets[k].price;
        });
        expect(spent).toBeLessThanOrEqual(total);
        expect(r.leftover).toBeGreaterThanOrEqual(0);
        expect(Math.abs(r.leftover - (total - spent))).toBeLessThan(1e-6);
        // Greedy completeness: any position still below target costs more than the leftover.
        const wSum = assets.reduce((a, x) => a + x.w, 0);
        names.forEach((t, k) => {
          const q = r.shares[t] ?? 0;
          const deficit = (assets[k].w / wSum) * total - q * assets[k].price;
          if (deficit > 0) {
            const lotsNeeded = q > 0 ? 1 : Math.max(1, Math.ceil(assets[k].min / (assets[k].price * assets[k].lot) - 1e-12));
            expect(lotsNeeded * assets[k].price * assets[k].lot).toBeGreaterThan(r.leftover - 1e-6);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('rejects bad input', () => {
    expect(() => discreteAllocation({ weights: { A: 1 }, prices: {}, totalValue: 100 })).toThrow(/price for A/);
    expect(() => discreteAllocation({ weights: { A: 1 }, prices: { A: 1 }, totalValue: 0 })).toThrow(/totalValue/);
    expect(() => discreteAllocation({ weights: { A: 1 }, prices: { A: 1 }, totalValue: 10, lotSizes: { A: 0.5 } })).toThrow(/lot size/);
  });
});
