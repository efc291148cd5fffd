/**
 * Types of the demo instrument and product catalog (see `catalog.ts`). The catalog is
 * plain typed data: the seed turns it into `instruments` rows and simulated prices,
 * the retrieval corpus writes product documents from it, the planner extracts product
 * names and codes from it.
 *
 * All prices in the demo are SIMULATED (a seeded factor model, `simulate-prices.ts`);
 * tickers of real listed companies are used for recognisability only. Product names,
 * issuers and managers are fictional.
 */

export type AssetClass =
  | 'equity_cn'
  | 'equity_hk'
  | 'equity_us'
  | 'bond'
  | 'fund'
  | 'wealth'
  | 'private'
  | 'reit'
  | 'cash'
  | 'index';
export type CurrencyCode = 'CNY' | 'USD' | 'HKD';
export type Region = 'CN' | 'HK' | 'US' | 'GLOBAL';
export type RiskLevel = 1 | 2 | 3 | 4 | 5;

/** Simulation factors. Equity region factors are correlated; bond factors are rates factors. */
export type Factor = 'CN' | 'HK' | 'US' | 'CN_BOND' | 'US_BOND' | 'NONE';
/** Sector factors shared across regions (a tech stock in HK co-moves with one in the US). */
export type Sector =
  | 'consumer'
  | 'financials'
  | 'technology'
  | 'energy'
  | 'materials'
  | 'healthcare'
  | 'industrials'
  | 'utilities'
  | 'communication'
  | 'real_estate';

export type ProductType = 'public_fund' | 'bank_wealth' | 'private_fund' | 'reit' | 'bond';
/** Sub-category of a product, e.g. the kind of public fund. */
export type ProductCategory =
  | 'equity_fund'
  | 'mixed_fund'
  | 'bond_fund'
  | 'money_market_fund'
  | 'index_fund'
  | 'qdii_fund'
  | 'fixed_income_wealth'
  | 'cash_wealth'
  | 'mixed_wealth'
  | 'equity_long_short'
  | 'quant_hedge'
  | 'cta'
  | 'multi_strategy'
  | 'c_reit'
  | 'hk_reit'
  | 'government_bond'
  | 'policy_bank_bond'
  | 'treasury_etf';

/** Parameters of the seeded price simulation. Annualized figures are fractions (0.25 = 25%). */
export interface SimSpec {
  /** First close (instrument currency), a decimal string. */
  start: string;
  /** Target annualized volatility of daily log returns. */
  vol: number;
  /** Expected annual (arithmetic) return. */
  drift: number;
  /** Which market factor drives it. */
  factor: Factor;
  /** Loading on the factor (1 = moves with it one to one). */
  beta: number;
}

/** Fees as decimal-string fractions per year (management, custody) or per purchase (subscription). */
export interface ProductFees {
  management: string;
  custody: string;
  subscription: string;
  redemption?: string;
  /** Share of profits above the high-water mark (private funds). */
  performance?: string;
}

export interface Liquidity {
  /** Short code: 'T+0', 'T+1', 'T+2', 'T+3', 'daily', 'weekly', 'monthly', 'quarterly', 'closed', 'listed'. */
  code: string;
  zh: string;
  en: string;
  /** Lock-up (封闭期) in months; 0 for none. */
  lockupMonths: number;
}

/** What a sold product carries beyond the instrument row. */
export interface ProductInfo {
  productType: ProductType;
  category: ProductCategory;
  issuer: string;
  issuerEn: string;
  manager: string;
  managerEn: string;
  /** 'YYYY-MM-DD' */
  launchDate: string;
  fees: ProductFees;
  liquidity: Liquidity;
  /** Minimum first purchase in the product currency, decimal string; null for exchange-listed (one board lot). */
  minPurchase: string | null;
  strategy: string;
  strategyEn: string;
  /** Benchmark as stated in the documents (业绩比较基准). */
  benchmarkText: string;
  benchmarkTextEn: string;
}

/** One instrument of the catalog: the `instruments` row, its simulation, and product facts. */
export interface CatalogInstrument {
  id: string;
  name: string;
  nameEn: string;
  assetClass: AssetClass;
  currency: CurrencyCode;
  region: Region;
  sector: Sector | null;
  /** R1–R5; stocks R4/R5, indices null. */
  riskLevel: RiskLevel | null;
  isProduct: boolean;
  lotSize: number;
  /** Minimum purchase in instrument currency (decimal string) or null. */
  minPurchase: string | null;
  /** Approximate market capitalisation in instrument currency (decimal string), stocks only. */
  marketCap: string | null;
  /** Default benchmark instrument id (an index). */
  benchmarkId: string | null;
  description: string;
  descriptionEn: string;
  sim: SimSpec;
  product?: ProductInfo;
}
