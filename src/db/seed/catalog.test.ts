/** The catalog is consistent data: unique ids, known benchmarks, complete product facts. */
import { describe, expect, it } from 'vitest';
import { CATALOG, PRODUCTS, TRADABLE, catalogById } from './catalog.js';

const DECIMAL = /^\d+\.\d{2,4}$/;

describe('catalog', () => {
  it('has unique ids, enough instruments and products, and known benchmarks', () => {
    expect(new Set(CATALOG.map((i) => i.id)).size).toBe(CATALOG.length);
    expect(TRADABLE.length).toBeGreaterThanOrEqual(60);
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(30);
    expect([...new Set(PRODUCTS.map((p) => p.riskLevel))].sort()).toEqual([1, 2, 3, 4, 5]);
    for (const i of CATALOG) {
      if (i.benchmarkId) expect(catalogById(i.benchmarkId)?.assetClass, `${i.id} benchmark`).toBe('index');
    }
    for (const c of ['CNY', 'USD', 'HKD']) expect(catalogById(`CASH-${c}`)?.sim.vol).toBe(0);
  });

  it('rates stocks R4/R5, trades A-shares in lots of 100, and gives products full facts', () => {
    for (const i of CATALOG.filter((x) => x.assetClass.startsWith('equity_'))) expect([4, 5]).toContain(i.riskLevel);
    for (const i of CATALOG.filter((x) => x.assetClass === 'equity_cn')) expect(i.lotSize).toBe(100);
    for (const p of PRODUCTS) {
      const f = p.product;
      expect(f.fees.management, p.id).toMatch(DECIMAL);
      expect(f.fees.custody, p.id).toMatch(DECIMAL);
      expect(f.fees.subscription, p.id).toMatch(DECIMAL);
      expect(f.launchDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(f.strategy.length, p.id).toBeGreaterThan(30);
      expect(f.strategyEn.length, p.id).toBeGreaterThan(60);
      expect(f.issuer && f.issuerEn && f.benchmarkText && f.benchmarkTextEn && f.liquidity.zh && f.liquidity.en).toBeTruthy();
      if (p.assetClass === 'private') expect(f.minPurchase).toBe('1000000.00');
      if (p.assetClass === 'wealth') expect([1, 2, 3]).toContain(p.riskLevel);
      if (p.assetClass === 'private') expect([4, 5]).toContain(p.riskLevel);
    }
    const funds = PRODUCTS.filter((p) => p.product.productType === 'public_fund');
    expect(funds.every((f) => /^\d{6}$/.test(f.id))).toBe(true);
    expect(new Set(funds.map((f) => f.product.category))).toEqual(
      new Set(['equity_fund', 'mixed_fund', 'bond_fund', 'money_market_fund', 'index_fund', 'qdii_fund']),
    );
  });
});
