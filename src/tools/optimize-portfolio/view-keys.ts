/**
 * What a Black-Litterman view may name besides an instrument id: one of the asset classes
 * or sectors the contract lists ({@link VIEW_ASSET_CLASSES}, {@link VIEW_SECTORS}), or a
 * common name for one in English or Chinese ("tech", "bonds", "科技", "港股") — the schema's
 * description gives such names as examples, so they must resolve.
 */
import { VIEW_ASSET_CLASSES, VIEW_SECTORS } from '../contract-construction.js';

type ViewClass = (typeof VIEW_ASSET_CLASSES)[number];
type ViewSector = (typeof VIEW_SECTORS)[number];

/** Other names of each key, written as {@link normalizeKey} leaves them (lower case, `_` between words). */
export const VIEW_KEY_ALIASES: Readonly<Record<ViewClass | ViewSector, readonly string[]>> = {
  equity_cn: ['a_shares', 'a_share', 'china_a', 'china_a_shares', 'cn_equity', 'cn_equities', 'china_equities', 'chinese_stocks', 'a股', 'a股市场'],
  equity_hk: ['hk_equity', 'hk_equities', 'hk_stocks', 'hong_kong_equities', 'hong_kong_stocks', '港股'],
  equity_us: ['us_equity', 'us_equities', 'us_stocks', 'american_stocks', '美股'],
  bond: ['bonds', 'fixed_income', '债券', '债', '固收'],
  fund: ['funds', 'mutual_funds', 'mutual_fund', 'public_funds', '基金', '公募', '公募基金'],
  wealth: ['wealth_products', 'wealth_product', 'bank_wealth', 'wealth_management', '理财', '银行理财'],
  private: ['private_funds', 'private_fund', 'private_equity', '私募', '私募基金'],
  reit: ['reits', '不动产', '公募reits'],
  technology: ['tech', 'it', 'information_technology', 'tech_stocks', '科技', '科技股', '信息技术', '互联网', '半导体', '芯片'],
  consumer: ['consumption', 'consumer_staples', 'consumer_discretionary', 'consumer_stocks', '消费', '消费股'],
  healthcare: ['health_care', 'health', 'pharma', 'pharmaceuticals', 'biotech', 'medical', '医药', '医疗', '医药股', '医疗保健'],
  financials: ['financial', 'finance', 'banks', 'banking', 'financial_stocks', '金融', '金融股', '银行股'],
  energy: ['oil', 'oil_and_gas', '能源', '能源股'],
  materials: ['material', 'basic_materials', '材料', '原材料'],
  industrials: ['industrial', '工业', '工业股'],
  utilities: ['utility', '公用事业'],
  communication: ['communications', 'communication_services', 'telecom', 'telecoms', '通信', '电信', '传媒'],
  real_estate: ['realestate', 'property', 'properties', '房地产', '地产'],
};

const BY_NAME: ReadonlyMap<string, ViewClass | ViewSector> = new Map(
  (Object.entries(VIEW_KEY_ALIASES) as [ViewClass | ViewSector, readonly string[]][]).flatMap(([key, names]) => [[key, key] as const, ...names.map((n) => [n, key] as const)]),
);

/** Lower case, spaces and hyphens to `_`: "Real Estate" → real_estate, "A-shares" → a_shares. */
export function normalizeKey(key: string): string {
  return key.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The asset class or sector a view key names, or null when it names neither. */
export function viewKey(key: string): { kind: 'assetClass' | 'sector'; key: string } | null {
  const k = BY_NAME.get(normalizeKey(key));
  if (k === undefined) return null;
  return { kind: (VIEW_ASSET_CLASSES as readonly string[]).includes(k) ? 'assetClass' : 'sector', key: k };
}
