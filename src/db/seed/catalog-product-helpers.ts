/** Small constructors that keep the product catalog files readable. */
import type {
  AssetClass,
  CatalogInstrument,
  CurrencyCode,
  Factor,
  Liquidity,
  ProductInfo,
  Region,
  RiskLevel,
  Sector,
} from './catalog-types.js';

export interface ProductSpec {
  id: string;
  name: string;
  nameEn: string;
  assetClass: AssetClass;
  currency?: CurrencyCode;
  region?: Region;
  sector?: Sector | null;
  risk: RiskLevel;
  lotSize?: number;
  benchmarkId: string;
  /** [start, vol, drift, factor, beta] of the simulation. */
  sim: [string, number, number, Factor, number];
  info: ProductInfo;
}

/** Builds a product instrument; the description is the strategy with a simulated-data note. */
export function product(p: ProductSpec): CatalogInstrument {
  const [start, vol, drift, factor, beta] = p.sim;
  return {
    id: p.id,
    name: p.name,
    nameEn: p.nameEn,
    assetClass: p.assetClass,
    currency: p.currency ?? 'CNY',
    region: p.region ?? 'CN',
    sector: p.sector ?? null,
    riskLevel: p.risk,
    isProduct: true,
    lotSize: p.lotSize ?? 1,
    minPurchase: p.info.minPurchase,
    marketCap: null,
    benchmarkId: p.benchmarkId,
    description: `${p.info.strategy}（演示产品，净值为模拟）`,
    descriptionEn: `${p.info.strategyEn} (demo product, simulated NAV)`,
    sim: { start, vol, drift, factor, beta },
    product: p.info,
  };
}

/** A liquidity term. */
export function liq(code: string, zh: string, en: string, lockupMonths = 0): Liquidity {
  return { code, zh, en, lockupMonths };
}

export const DAILY_T1 = liq('T+1', '每个工作日开放申购赎回，赎回款 T+1 到账', 'Open every business day; redemptions paid T+1');
export const DAILY_T3 = liq('T+3', '每个工作日开放申购赎回，赎回款 T+3 到账', 'Open every business day; redemptions paid T+3');
export const LISTED = liq('listed', '交易所上市交易，T+1 交收', 'Exchange-listed; T+1 settlement');
