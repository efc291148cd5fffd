import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hierarchicalRiskParity, hierarchicalRiskParityFromReturns, linkage, quasiDiagOrder } from './hrp.js';
import { parsePriceCsv } from './price-table.js';
import { createRng } from './random.js';
import { simpleReturns } from './returns.js';

const peers = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/peers');

function randomCov(n: number, seed: number): number[][] {
  const rng = createRng(seed);
  const k = n + 3;
  const a = Array.from({ length: n }, () => Array.from({ length: k }, () => rng.normal() * 0.02));
  return a.map((ai, i) => a.map((aj, j) => ai.reduce((s, x, t) => s + x * aj[t], 0) / k + (i === j ? 1e-4 : 0)));
}

describe('hierarchicalRiskParity', () => {
  it('equals PyPortfolioOpt 1.5.6 HRPOpt on ppo_stock_prices.csv to 1e-6', () => {
    const table = parsePriceCsv(readFileSync(join(peers, 'ppo_stock_prices.csv'), 'utf8'));
    const expected = new Map(
      readFileSync(join(peers, 'ppo_weights_hrp.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map(([k, v]) => [k, Number(v)] as const),
    );
    const res = hierarchicalRiskParityFromReturns(simpleReturns(table));
    expect(expected.size).toBe(20);
    res.tickers.forEach((t, i) => expect(Math.abs(res.weights[i] - expected.get(t)!)).toBeLessThan(1e-6));
    // PyPortfolioOpt's test_quasi_dag: the first five leaves.
    expect(res.order.slice(0, 5)).toEqual([12, 6, 15, 14, 2]);
  });

  it('two assets: inverse-variance weights', () => {
    const cov = [
      [0.04, 0.01],
      [0.01, 0.09],
    ];
    const { weights } = hierarchicalRiskParity(cov);
    expect(weights[0]).toBeCloseTo(1 / 0.04 / (1 / 0.04 + 1 / 0.09), 14);
  });

  it('linkage matches scipy on a small hand-checked example', () => {
    // Points on a line at 0, 1, 3, 7: single linkage merges (0,1)@1, then {0,1}+2 @2, then +3 @4.
    const x = [0, 1, 3, 7];
    const d = x.map((a) => x.map((b) => Math.abs(a - b)));
    expect(linkage(d, 'single')).toEqual([
      [0, 1, 1, 2],
      [2, 4, 2, 3],
      [3, 5, 4, 4],
    ]);
    // complete: (0,1)@1, {0,1}+2 @3, +3 @7; average: +2 @2.5, +3 @ (7+6+4)/3
    expect(linkage(d, 'complete').map((r) => r[2])).toEqual([1, 3, 7]);
    expect(linkage(d, 'average').map((r) => r[2])).toEqual([1, 2.5, 17 / 3]);
    // ward on 1-D points: merge height √(2·n_a·n_b/(n_a+n_b))·|centroid gap|
    const ward = linkage(d, 'ward').map((r) => r[2]);
    expect(ward[0]).toBeCloseTo(1, 12);
    expect(ward[1]).toBeCloseTo(Math.sqrt((2 * 2 * 1) / 3) * 2.5, 12);
    expect(ward[2]).toBeCloseTo(Math.sqrt((2 * 3 * 1) / 4) * (7 - 4 / 3), 12);
    expect(quasiDiagOrder(linkage(d, 'single'), 4)).toEqual([3, 2, 0, 1]);
  });

  it('property: every linkage gives weights > 0 summing to 1 and a permutation order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom('single', 'average', 'complete', 'ward' as const),
        (n, seed, method) => {
          const { weights, order } = hierarchicalRiskParity(randomCov(n, seed), { linkage: method });
          expect(weights.every((w) => w > 0)).toBe(true);
          expect(Math.abs(weights.reduce((a, w) => a + w, 0) - 1)).toBeLessThan(1e-12);
          expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        },
      ),
      { numRuns: 60 },
    );
  });
});
