import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixNonPositiveSemidefinite, isPositiveSemidefinite } from './linalg.js';
import { parsePriceCsv, type PriceTable } from './price-table.js';
import { covToCorr, expCov, ledoitWolf, sampleCov, type ShrinkageTarget } from './risk-models.js';

const peer = (f: string) => readFileSync(resolve(process.cwd(), '../shared/data/peers', f), 'utf8');

/** A labelled square matrix CSV (",T1,T2…" header, one "Ti,v…" row each) as a map by ticker. */
function readLabelled(f: string): { tickers: string[]; m: number[][] } {
  const lines = peer(f).trim().split(/\r?\n/);
  const tickers = lines[0].split(',').slice(1);
  return { tickers, m: lines.slice(1).map((l) => l.split(',').slice(1).map(Number)) };
}

function expectMatrixClose(got: number[][], gotTickers: string[], f: string, tol = 1e-8): void {
  const ref = readLabelled(f);
  expect(ref.tickers.length).toBe(gotTickers.length);
  const at = new Map(gotTickers.map((t, i) => [t, i]));
  let worst = 0;
  ref.tickers.forEach((ti, i) =>
    ref.tickers.forEach((tj, j) => {
      const g = got[at.get(ti) as number][at.get(tj) as number];
      worst = Math.max(worst, Math.abs(g - ref.m[i][j]) / Math.abs(ref.m[i][j]));
    }),
  );
  expect(worst).toBeLessThan(tol);
}

describe('covariance estimators against PyPortfolioOpt 1.5.6 and skfolio', () => {
  const ppo = parsePriceCsv(peer('ppo_stock_prices.csv'));

  it('sampleCov = pairwise-complete sample covariance × 252', () => {
    expectMatrixClose(sampleCov(ppo), ppo.tickers, 'ppo_sample_cov.csv');
  });

  for (const target of ['single_factor', 'constant_variance', 'constant_correlation'] as ShrinkageTarget[]) {
    it(`ledoitWolf(${target})`, () => {
      expectMatrixClose(ledoitWolf(ppo, { target }), ppo.tickers, `ppo_ledoit_wolf_${target}_cov.csv`);
    });
  }

  it('skfolio’s S&P 500 covariance file is daily: sampleCov with frequency 1', () => {
    const sk = parsePriceCsv(peer('skfolio_sp500_prices_2018-01-02_2022-12-28.csv'));
    expectMatrixClose(sampleCov(sk, { frequency: 1 }), sk.tickers, 'skfolio_sp500_2018_2022_daily_sample_cov.csv');
  });
});

// A: 100, 110, 99, 108.9, 108.9 → 0.1, −0.1, 0.1, 0.   B: –, 100, 102, 102, 104.04 → –, 0.02, 0, 0.02.
const small = parsePriceCsv('d,A,B\n1,100,\n2,110,100\n3,99,102\n4,108.9,102\n5,108.9,104.04\n'.replace(/^(\d)/gm, '2024-01-0$1'));

describe('sampleCov by hand', () => {
  it('uses pairwise-complete rows with their own means, ddof 1', () => {
    const c = sampleCov(small, { frequency: 1 });
    // var A: mean 0.025, squared deviations .005625 + .015625 + .005625 + .000625 = .0275 → /3
    expect(c[0][0]).toBeCloseTo(0.0275 / 3, 12);
    // var B: mean .04/3, squared deviations sum 2.6667e-4 → /2
    expect(c[1][1]).toBeCloseTo((2 * (0.02 - 0.04 / 3) ** 2 + (0.04 / 3) ** 2) / 2, 12);
    // shared rows 2–4: A −0.1, 0.1, 0 (mean 0); B .02, 0, .02 → Σ a·b / 2 = −0.002/2
    expect(c[0][1]).toBeCloseTo(-0.001, 12);
    expect(c[1][0]).toBe(c[0][1]);
    expect(sampleCov(small)[0][1]).toBeCloseTo(-0.001 * 252, 10);
  });

  it('expCov weights recent covariation more (span 3 → decay 0.5)', () => {
    const c = expCov(small, { span: 3, frequency: 1 });
    // A's squared deviations from 0.025, latest first: .000625, .005625, .015625, .005625 × 1, .5, .25, .125
    expect(c[0][0]).toBeCloseTo((0.000625 + 0.0028125 + 0.00390625 + 0.000703125) / 1.875, 12);
  });
});

describe('ledoitWolf edge cases', () => {
  it('a single asset gets its own variance for every target', () => {
    const one = parsePriceCsv('d,A\n2024-01-01,100\n2024-01-02,110\n2024-01-03,99\n2024-01-04,108.9\n');
    // returns 0.1, −0.1, 0.1: mean 1/30; Σ(r − mean)² = 2·(1/15)² + (2/15)² = 6/225
    expect(ledoitWolf(one, { frequency: 1 })[0][0]).toBeCloseTo(6 / 225 / 3, 12); // biased (÷T), scikit-learn
    expect(ledoitWolf(one, { frequency: 1, target: 'single_factor' })[0][0]).toBeCloseTo(6 / 225 / 3, 12);
    expect(ledoitWolf(one, { frequency: 1, target: 'constant_correlation' })[0][0]).toBeCloseTo(6 / 225 / 2, 12); // pairwise S, ddof 1
  });
});

describe('linear algebra helpers', () => {
  it('covToCorr divides by the standard deviations', () => {
    const r = covToCorr([
      [4, 2],
      [2, 9],
    ]);
    expect(r[0][0]).toBe(1);
    expect(r[1][1]).toBe(1);
    expect(r[0][1]).toBeCloseTo(2 / 6, 15);
  });

  it('fixNonPositiveSemidefinite clips negative eigenvalues (spectral)', () => {
    // eigenvalues 3 (vector (1,1)/√2) and −1 → 3 · ½[[1,1],[1,1]]
    const { matrix, fixed } = fixNonPositiveSemidefinite([
      [1, 2],
      [2, 1],
    ]);
    expect(fixed).toBe(true);
    matrix.flat().forEach((v) => expect(v).toBeCloseTo(1.5, 12));
    expect(isPositiveSemidefinite([[1, 0], [0, 2]])).toBe(true);
  });
});

describe('properties', () => {
  const table = fc
    .record({
      n: fc.integer({ min: 2, max: 4 }),
      T: fc.integer({ min: 6, max: 25 }),
      seed: fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 100, maxLength: 100 }),
      keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
    })
    .map(({ n, T, seed, keys }) => {
      const tickers = Array.from({ length: n }, (_, j) => `T${j}`);
      const prices: number[][] = [Array(n).fill(100)];
      for (let t = 1; t <= T; t++) prices.push(prices[t - 1].map((p, j) => p * (1 + seed[(t * n + j) % 100] + 0.002 * Math.sin(t * (j + 1.5)))));
      const dates = prices.map((_, t) => new Date(Date.UTC(2024, 0, 1 + t)).toISOString().slice(0, 10));
      const perm = tickers.map((_, j) => j).sort((a, b) => keys[a] - keys[b] || a - b);
      return { t: { dates, tickers, prices } as PriceTable, perm };
    });

  it('covariance estimators are invariant to the order of assets and PSD', () => {
    fc.assert(
      fc.property(table, ({ t, perm }) => {
        const permuted: PriceTable = { dates: t.dates, tickers: perm.map((j) => t.tickers[j]), prices: t.prices.map((row) => perm.map((j) => row[j])) };
        const estimators = [
          (x: PriceTable) => sampleCov(x),
          (x: PriceTable) => ledoitWolf(x),
          (x: PriceTable) => ledoitWolf(x, { target: 'constant_correlation' }),
          (x: PriceTable) => expCov(x, { span: 10 }),
        ];
        for (const est of estimators) {
          const a = est(t);
          const b = est(permuted);
          perm.forEach((pi, i) => perm.forEach((pj, j) => expect(b[i][j]).toBeCloseTo(a[pi][pj], 12)));
          expect(isPositiveSemidefinite(a)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
