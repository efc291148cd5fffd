import { describe, expect, it } from 'vitest';
// Read-only: the demo catalog, so the mapping is checked against every instrument the system holds.
import { TRADABLE } from '../db/seed/catalog.js';
import { CMA, arithmeticReturn, cmaCovariance, geometricReturn, isCmaClass, portfolioAssumptions } from './cma.js';
import { cmaClassOf, instrumentExpectedReturns } from './cma-class.js';
import { projectGoal } from './monte-carlo.js';

/** Lower-triangular Cholesky factor; throws unless the matrix is positive definite. */
function cholesky(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 1e-10)) throw new Error(`not positive definite at ${i} (pivot ${s})`);
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

function expectValidCorrelation(c: readonly (readonly number[])[], n: number): void {
  expect(c).toHaveLength(n);
  for (let i = 0; i < n; i++) {
    expect(c[i]).toHaveLength(n);
    expect(c[i][i]).toBeCloseTo(1, 12);
    for (let j = 0; j < n; j++) {
      expect(c[i][j]).toBe(c[j][i]);
      expect(Math.abs(c[i][j])).toBeLessThanOrEqual(1);
    }
  }
  const l = cholesky(c);
  // L·Lᵀ reproduces the matrix.
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(l[i].reduce((s, x, k) => s + x * l[j][k], 0)).toBeCloseTo(c[i][j], 12);
}

// The documented inputs (docs/capital-market-assumptions.md), typed in again here on purpose.
const FX = 0.045;
const arith = (g: number, sigma: number) => (1 + g) * Math.exp((sigma * sigma) / 2) - 1;
const DOC = {
  cash_cny: { g: 0.013 - 0.0015, local: 0.003 },
  cash_usd: { g: 0.0325 - 0.0025, local: 0.005 },
  bond_cn: { g: 0.019 - 0.0005, local: 5.5 * 0.004 },
  bond_us: { g: 0.038, local: 4 * 0.0095 },
  equity_cn: { g: 0.027 + 0.035 + 0.01 - 0.015 + 0, local: 0.24 },
  equity_hk: { g: 0.032 + 0.025 + 0.015 - 0.005 + 0, local: 0.25 },
  equity_us: { g: 0.013 + 0.018 + 0.025 + 0.005 - 0.015, local: 0.17 },
  reit_cn: { g: 0.048 + 0.01 - 0.015, local: 0.15 },
  reit_hk: { g: 0.065 - 0.005 - 0.005, local: 0.2 },
} as const;
const USD_BLOC = new Set(['cash_usd', 'bond_us', 'equity_hk', 'equity_us', 'reit_hk']);
const mu = (c: keyof typeof DOC) => arith(DOC[c].g, DOC[c].local);

describe('CMA figures', () => {
  it('has version, asOf, 14 classes in matrix order, and is frozen', () => {
    expect(CMA.asOf).toBe('2026-11');
    expect(CMA.version).toBe('2026.11-demo');
    expect(CMA.classIds).toHaveLength(14);
    expect(Object.keys(CMA.classes)).toEqual([...CMA.classIds]);
    expect(Object.isFrozen(CMA)).toBe(true);
    expect(Object.isFrozen(CMA.classes.equity_cn)).toBe(true);
    expect(Object.isFrozen(CMA.correlation[0])).toBe(true);
    expect(() => {
      (CMA.classes.equity_cn as { expectedReturn: number }).expectedReturn = 0.5;
    }).toThrow(TypeError);
    expect(CMA.classIds.every(isCmaClass)).toBe(true);
    expect(isCmaClass('equity_jp')).toBe(false);
  });

  it('base classes follow from the documented building blocks: μ = (1+g)·exp(σ²/2) − 1; FX adds 4.5% volatility to the USD bloc', () => {
    for (const c of Object.keys(DOC) as (keyof typeof DOC)[]) {
      const f = CMA.classes[c];
      const blocks = f.blocks.reduce((s, b) => s + b.value, 0);
      expect(blocks).toBeCloseTo(DOC[c].g, 14);
      expect(f.localVolatility).toBeCloseTo(DOC[c].local, 14);
      expect(f.expectedReturn).toBeCloseTo(mu(c), 14);
      const sigma = USD_BLOC.has(c) ? Math.sqrt(DOC[c].local ** 2 + FX ** 2) : DOC[c].local;
      expect(f.volatility).toBeCloseTo(sigma, 14);
      expect(f.currency).toBe(USD_BLOC.has(c) ? 'USD' : 'CNY');
      expect(f.geometricReturn).toBeCloseTo(geometricReturn(f.expectedReturn, f.volatility), 14);
    }
    // Spot values as printed in the doc (rounded to 0.01%).
    const pct = (x: number) => Math.round(x * 10_000) / 100;
    expect(pct(CMA.classes.equity_cn.expectedReturn)).toBe(8.79);
    expect(pct(CMA.classes.equity_cn.geometricReturn)).toBe(5.7);
    expect(pct(CMA.classes.bond_cn.expectedReturn)).toBe(1.87);
    expect(pct(CMA.classes.cash_cny.expectedReturn)).toBe(1.15);
    expect(pct(CMA.classes.equity_us.volatility)).toBe(17.59);
  });

  it('composites are exposures + premium; their variance adds the active risk', () => {
    // Mixed funds: 50% A-shares, 45% CNY bonds, 5% cash, no alpha, 4% active risk.
    const f = CMA.classes.balanced_cn;
    expect(f.expectedReturn).toBeCloseTo(0.5 * mu('equity_cn') + 0.45 * mu('bond_cn') + 0.05 * mu('cash_cny'), 14);
    const [se, sb, sc] = [0.24, 0.022, 0.003];
    const v = 0.5 ** 2 * se ** 2 + 0.45 ** 2 * sb ** 2 + 0.05 ** 2 * sc ** 2 + 2 * 0.5 * 0.45 * -0.2 * se * sb + 0.04 ** 2;
    expect(f.volatility).toBeCloseTo(Math.sqrt(v), 14);
    // Absolute return: 80% cash + 20% A-shares + 2% strategy premium, 7% active risk.
    const h = CMA.classes.hedge_absolute_cn;
    expect(h.expectedReturn).toBeCloseTo(0.8 * mu('cash_cny') + 0.2 * mu('equity_cn') + 0.02, 14);
    expect(h.volatility).toBeCloseTo(Math.sqrt(0.8 ** 2 * sc ** 2 + 0.2 ** 2 * se ** 2 + 0.07 ** 2), 14);
    expect(h.exposures).toEqual({ cash_cny: 0.8, equity_cn: 0.2 });
  });

  it('correlation matrices are symmetric, unit-diagonal and positive definite (Cholesky), for CNY and USD investors and in local terms', () => {
    const n = CMA.classIds.length;
    expectValidCorrelation(CMA.correlation, n);
    expectValidCorrelation(CMA.localCorrelation, n);
    for (const base of ['CNY', 'USD', 'HKD'] as const) {
      const cov = cmaCovariance(base);
      const corr = cov.map((row, i) => row.map((x, j) => (i === j ? 1 : x / Math.sqrt(cov[i][i] * cov[j][j]))));
      expectValidCorrelation(corr, n);
    }
    const k = (c: string) => CMA.classIds.indexOf(c as never);
    // Local inputs survive: A-share/CNY-bond −0.20, A/H 0.70 in local terms.
    expect(CMA.localCorrelation[k('equity_cn')][k('bond_cn')]).toBeCloseTo(-0.2, 14);
    expect(CMA.localCorrelation[k('equity_cn')][k('equity_hk')]).toBeCloseTo(0.7, 14);
    // A CNY investor's USD cash and US Treasuries share the FX risk: ρ = σ_FX² / (σ₁σ₂).
    const rho = (FX * FX) / (Math.sqrt(0.005 ** 2 + FX ** 2) * Math.sqrt(0.038 ** 2 + FX ** 2));
    expect(CMA.correlation[k('cash_usd')][k('bond_us')]).toBeCloseTo(rho, 12);
  });

  it('geometricReturn and arithmeticReturn are inverse; the Monte Carlo median grows at the geometric rate', () => {
    expect(arithmeticReturn(geometricReturn(0.08, 0.2), 0.2)).toBeCloseTo(0.08, 14);
    expect(geometricReturn(0.05, 0)).toBeCloseTo(0.05, 15);
    const p = portfolioAssumptions([{ cmaClass: 'equity_cn', weight: 0.6 }, { cmaClass: 'bond_cn', weight: 0.4 }]);
    const r = projectGoal({ initialValue: 1_000_000, monthlyContribution: 0, years: 10, expectedReturn: p.expectedReturn, volatility: p.volatility, paths: 20_000, seed: 5 });
    const median = 1_000_000 * (1 + p.geometricReturn) ** 10;
    // Standard error of a lognormal median with 20 000 paths: ≈ 1.2533·σ√T/√n relative ≈ 0.4%.
    expect(Math.abs(r.medianFinal / median - 1)).toBeLessThan(0.015);
    expect(Math.abs(r.meanFinal / (1_000_000 * (1 + p.expectedReturn) ** 10) - 1)).toBeLessThan(0.03);
  });
});

describe('portfolioAssumptions', () => {
  it('100% of one class gives that class’s figures, for every class', () => {
    for (const c of CMA.classIds) {
      const p = portfolioAssumptions([{ cmaClass: c, weight: 1 }]);
      expect(p.expectedReturn).toBe(CMA.classes[c].expectedReturn);
      expect(p.volatility).toBeCloseTo(CMA.classes[c].volatility, 14);
      expect(p.byClass).toHaveLength(1);
    }
    const cash = portfolioAssumptions([{ cmaClass: 'cash_cny', weight: 250_000 }]);
    expect(cash.expectedReturn).toBe(CMA.classes.cash_cny.expectedReturn);
    expect(cash.volatility).toBeCloseTo(0.003, 14);
  });

  it('60/40 A-shares/CNY bonds: μ = 0.6μ₁ + 0.4μ₂, σ² = w₁²σ₁² + w₂²σ₂² + 2w₁w₂ρσ₁σ₂ from the documented inputs', () => {
    const p = portfolioAssumptions([{ cmaClass: 'equity_cn', weight: 0.6 }, { cmaClass: 'bond_cn', weight: 0.4 }]);
    const m = 0.6 * arith(0.057, 0.24) + 0.4 * arith(0.0185, 0.022);
    const v = 0.36 * 0.24 ** 2 + 0.16 * 0.022 ** 2 + 2 * 0.6 * 0.4 * -0.2 * 0.24 * 0.022;
    expect(p.expectedReturn).toBeCloseTo(m, 14);
    expect(p.volatility).toBeCloseTo(Math.sqrt(v), 14);
    expect(p.expectedReturn).toBeCloseTo(0.060229, 6);
    expect(p.volatility).toBeCloseTo(0.142501, 6);
    expect(p.geometricReturn).toBeCloseTo(geometricReturn(m, Math.sqrt(v)), 14);
    // Contributions add up: Σ returnContribution = μ, Σ riskContribution = σ.
    expect(p.byClass.reduce((s, x) => s + x.returnContribution, 0)).toBeCloseTo(p.expectedReturn, 14);
    expect(p.byClass.reduce((s, x) => s + x.riskContribution, 0)).toBeCloseTo(p.volatility, 14);
    expect(p.byClass.map((x) => x.cmaClass)).toEqual(['bond_cn', 'equity_cn']);
  });

  it('sums weights of the same class and normalizes', () => {
    const a = portfolioAssumptions([{ cmaClass: 'equity_cn', weight: 0.6 }, { cmaClass: 'bond_cn', weight: 0.4 }]);
    const b = portfolioAssumptions([
      { cmaClass: 'equity_cn', weight: 200 },
      { cmaClass: 'bond_cn', weight: 150 },
      { cmaClass: 'equity_cn', weight: 100 },
      { cmaClass: 'bond_cn', weight: 50 },
    ]);
    expect(b.expectedReturn).toBeCloseTo(a.expectedReturn, 14);
    expect(b.volatility).toBeCloseTo(a.volatility, 14);
    expect(b.byClass.map((x) => x.weight)).toEqual([0.4, 0.6]);
  });

  it('FX: a CNY investor’s 50/50 US equities/Treasuries carries the whole FX variance; a USD investor’s does not; μ is the same', () => {
    const w = [{ cmaClass: 'equity_us', weight: 0.5 }, { cmaClass: 'bond_us', weight: 0.5 }];
    const local = 0.25 * 0.17 ** 2 + 0.25 * 0.038 ** 2 + 2 * 0.25 * 0.1 * 0.17 * 0.038;
    const cny = portfolioAssumptions(w);
    const usd = portfolioAssumptions(w, { baseCurrency: 'USD' });
    expect(cny.volatility).toBeCloseTo(Math.sqrt(local + FX * FX), 14);
    expect(usd.volatility).toBeCloseTo(Math.sqrt(local), 14);
    expect(usd.expectedReturn).toBe(cny.expectedReturn);
    // A USD investor holding A-shares carries the FX risk instead.
    expect(portfolioAssumptions([{ cmaClass: 'equity_cn', weight: 1 }], { baseCurrency: 'HKD' }).volatility).toBeCloseTo(Math.sqrt(0.24 ** 2 + FX ** 2), 14);
  });

  it('rejects unknown classes, negative or non-finite weights and a zero total', () => {
    expect(() => portfolioAssumptions([{ cmaClass: 'gold', weight: 1 }])).toThrow(RangeError);
    expect(() => portfolioAssumptions([{ cmaClass: 'bond_cn', weight: -0.1 }, { cmaClass: 'equity_cn', weight: 1.1 }])).toThrow(/≥ 0/);
    expect(() => portfolioAssumptions([{ cmaClass: 'bond_cn', weight: Number.NaN }])).toThrow(RangeError);
    expect(() => portfolioAssumptions([{ cmaClass: 'bond_cn', weight: 0 }])).toThrow(/positive sum/);
    expect(() => portfolioAssumptions([])).toThrow(/positive sum/);
    expect(() => cmaCovariance('EUR' as never)).toThrow(RangeError);
  });
});

const fieldsOf = (i: (typeof TRADABLE)[number]) => ({
  id: i.id,
  assetClass: i.assetClass,
  category: i.product?.category ?? null,
  currency: i.currency,
  region: i.region,
  riskLevel: i.riskLevel,
  sector: i.sector,
});

describe('cmaClassOf', () => {
  it('maps every tradable catalog instrument (with its product category) as documented', () => {
    const got: Record<string, string[]> = {};
    for (const i of TRADABLE) (got[cmaClassOf(fieldsOf(i))] ??= []).push(i.id);
    expect(got).toEqual({
      equity_cn: ['600519.SH', '000858.SZ', '300750.SZ', '601318.SH', '600036.SH', '601398.SH', '002594.SZ', '601012.SH', '600276.SH', '000333.SZ', '601899.SH', '600900.SH', '688981.SH', '000651.SZ', '300059.SZ', '018101', '018102', '018103', '018401', '018402', '018403'],
      equity_hk: ['0700.HK', '9988.HK', '0005.HK', '1299.HK', '0941.HK', '3690.HK', '1810.HK', '0388.HK', '2318.HK', '0883.HK', '9618.HK'],
      equity_us: ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'META', 'TSLA', 'JPM', 'JNJ', 'XOM', 'BRK.B', 'V', 'KO', '018501', '018502'],
      bond_cn: ['019741.SH', '019722.SH', '240205.IB', '230410.IB', '018201', '018202'],
      bond_us: ['MTSY', 'MTIY', '018503'],
      balanced_cn: ['018104'],
      fixed_income_plus_cn: ['018203', 'WM-2024-018'],
      cash_cny: ['018301', '018302', 'WM-2024-031', 'WM-2023-087', 'CASH-CNY'],
      wealth_fixed_income_cn: ['WM-2024-045', 'WM-2023-112', 'WM-2024-062'],
      hedge_equity_cn: ['PF-2021-007', 'PF-2023-004'],
      hedge_absolute_cn: ['PF-2022-013', 'PF-2020-021', 'PF-2022-030'],
      reit_cn: ['508091.SH', '180203.SZ', '508066.SH'],
      reit_hk: ['0897.HK'],
      cash_usd: ['CASH-USD', 'CASH-HKD'],
    });
  });

  it('without the category (a bare instruments row) misplaces only the two documented instruments', () => {
    const differ = TRADABLE.filter((i) => cmaClassOf({ ...fieldsOf(i), category: null }) !== cmaClassOf(fieldsOf(i))).map((i) => [i.id, cmaClassOf({ ...fieldsOf(i), category: undefined })]);
    expect(differ).toEqual([
      ['018403', 'balanced_cn'],
      ['PF-2020-021', 'hedge_equity_cn'],
    ]);
  });

  it('indices map like equities of their region; an unknown asset class throws', () => {
    expect(cmaClassOf({ assetClass: 'index', region: 'HK' })).toBe('equity_hk');
    expect(cmaClassOf({ assetClass: 'index', region: 'US' })).toBe('equity_us');
    expect(cmaClassOf({ assetClass: 'index', region: 'CN' })).toBe('equity_cn');
    expect(() => cmaClassOf({ assetClass: 'crypto' })).toThrow(RangeError);
  });
});

describe('instrumentExpectedReturns', () => {
  it('gives each instrument its class’s μ, so Σ wᵢμᵢ equals portfolioAssumptions for the same weights', () => {
    const held = TRADABLE.filter((_, k) => k % 3 === 0).map(fieldsOf);
    const weights = held.map((_, k) => 1 + ((k * 7) % 5)); // uneven, not normalized
    const total = weights.reduce((a, b) => a + b, 0);
    const r = instrumentExpectedReturns(held);
    expect(r.map((x) => x.id)).toEqual(held.map((x) => x.id));
    r.forEach((x, k) => {
      expect(x.cmaClass).toBe(cmaClassOf(held[k]));
      expect(x.expectedReturn).toBe(CMA.classes[x.cmaClass].expectedReturn);
    });
    const viaInstruments = r.reduce((s, x, k) => s + (weights[k] / total) * x.expectedReturn, 0);
    const viaClasses = portfolioAssumptions(r.map((x, k) => ({ cmaClass: x.cmaClass, weight: weights[k] }))).expectedReturn;
    expect(viaInstruments).toBeCloseTo(viaClasses, 14);
    expect(new Set(r.map((x) => x.cmaClass)).size).toBeGreaterThan(8);
  });
});
