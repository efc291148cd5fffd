import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from './expected-returns.js';
import { parsePriceCsv } from './price-table.js';

const peer = (f: string) => readFileSync(resolve(process.cwd(), '../shared/data/peers', f), 'utf8');

// A: 100, 110, 99, 108.9 → returns 0.1, −0.1, 0.1.  B: –, 50, 50, 55 → returns –, 0, 0.1.
const small = parsePriceCsv('d,A,B\n2024-01-01,100,\n2024-01-02,110,50\n2024-01-03,99,50\n2024-01-04,108.9,55\n');

describe('meanHistoricalReturn', () => {
  it('is the CAGR over each asset’s own observations', () => {
    const [a, b] = meanHistoricalReturn(small, { frequency: 3 });
    // A: (1.1 · 0.9 · 1.1)^(3/3) − 1 = 1.089 − 1
    expect(a).toBeCloseTo(0.089, 14);
    // B: 2 observations (the leading blank is not one): (1 · 1.1)^(3/2) − 1
    expect(b).toBeCloseTo(1.1 ** 1.5 - 1, 14);
  });

  it('is mean × frequency without compounding', () => {
    const [a, b] = meanHistoricalReturn(small, { frequency: 252, compounding: false });
    expect(a).toBeCloseTo(((0.1 - 0.1 + 0.1) / 3) * 252, 12);
    expect(b).toBeCloseTo(((0 + 0.1) / 2) * 252, 12);
  });

  it('matches PyPortfolioOpt 1.5.6 mean_historical_return on its stock_prices.csv to 1e-8', () => {
    const t = parsePriceCsv(peer('ppo_stock_prices.csv'));
    const ref = new Map(
      peer('ppo_mu_mean_historical.csv')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(','))
        .map(([k, v]) => [k, Number(v)] as const),
    );
    const mu = meanHistoricalReturn(t);
    expect(ref.size).toBe(20);
    t.tickers.forEach((ticker, j) => {
      const want = ref.get(ticker) as number;
      expect(Math.abs(mu[j] - want) / Math.abs(want)).toBeLessThan(1e-8);
    });
  });
});

describe('emaHistoricalReturn', () => {
  it('weights the latest return most (span 3 → decay 0.5)', () => {
    // A: weights 0.25, 0.5, 1 on 0.1, −0.1, 0.1 → (0.025 − 0.05 + 0.1)/1.75
    const [a, b] = emaHistoricalReturn(small, { span: 3, frequency: 1, compounding: false });
    expect(a).toBeCloseTo(0.075 / 1.75, 14);
    // B: the missing first return still counts as a step: weights 0.5, 1 on 0, 0.1
    expect(b).toBeCloseTo(0.1 / 1.5, 14);
    const [ac] = emaHistoricalReturn(small, { span: 3, frequency: 2 });
    expect(ac).toBeCloseTo((1 + 0.075 / 1.75) ** 2 - 1, 14);
  });
});

describe('capmReturn', () => {
  // A returns 0.1, −0.1, 0.1; C constant (0, 0, 0). Equal-weighted market m = A/2, so
  // beta_A = cov(A, A/2)/var(A/2) = 2 and beta_C = 0.
  const t = parsePriceCsv('d,A,C\n2024-01-01,100,7\n2024-01-02,110,7\n2024-01-03,99,7\n2024-01-04,108.9,7\n');

  it('uses the equal-weighted market by default', () => {
    const [a, c] = capmReturn(t, { frequency: 3, riskFreeRate: 0.01 });
    const mkt = 1.05 * 0.95 * 1.05 - 1; // market CAGR with 3 periods a year over 3 returns
    expect(a).toBeCloseTo(0.01 + 2 * (mkt - 0.01), 12);
    expect(c).toBeCloseTo(0.01, 12);
  });

  it('uses given market prices aligned with the dates', () => {
    const [a, c] = capmReturn(t, { frequency: 3, market: [100, 110, 99, 108.9] });
    expect(a).toBeCloseTo(0.089, 12); // beta 1 × market CAGR 1.1·0.9·1.1 − 1
    expect(c).toBeCloseTo(0, 12);
  });
});
