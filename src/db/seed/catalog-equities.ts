/**
 * Listed equities and benchmark indices of the demo catalog. Tickers and names are of
 * real listed companies for recognisability; every price in the demo is SIMULATED.
 * Market caps are rough orders of magnitude in the listing currency.
 */
import type { CatalogInstrument, CurrencyCode, Factor, Region, RiskLevel, Sector } from './catalog-types.js';

type Market = 'CN' | 'HK' | 'US';
const MARKET: Record<Market, { cls: CatalogInstrument['assetClass']; ccy: CurrencyCode; lot: number; bench: string }> = {
  CN: { cls: 'equity_cn', ccy: 'CNY', lot: 100, bench: '000300.SH' },
  HK: { cls: 'equity_hk', ccy: 'HKD', lot: 100, bench: 'HSI' },
  US: { cls: 'equity_us', ccy: 'USD', lot: 1, bench: 'SPX' },
};
const PLACE: Record<Market, [string, string]> = {
  CN: ['A 股', 'China A-share'],
  HK: ['港股', 'Hong Kong-listed'],
  US: ['美股', 'US-listed'],
};

function stock(
  m: Market,
  id: string,
  name: string,
  nameEn: string,
  sector: Sector,
  start: string,
  vol: number,
  beta: number,
  marketCap: string,
  risk: RiskLevel,
  zh: string,
  en: string,
): CatalogInstrument {
  const k = MARKET[m];
  return {
    id,
    name,
    nameEn,
    assetClass: k.cls,
    currency: k.ccy,
    region: m,
    sector,
    riskLevel: risk,
    isProduct: false,
    lotSize: k.lot,
    minPurchase: null,
    marketCap,
    benchmarkId: k.bench,
    description: `${PLACE[m][0]}，${zh}（演示数据，价格为模拟）`,
    descriptionEn: `${PLACE[m][1]} ${en} (demo data, simulated prices)`,
    sim: { start, vol, drift: 0.07 + (beta - 1) * 0.03, factor: m, beta },
  };
}

/** A-shares (CNY, 100-share lots). */
export const A_SHARES: CatalogInstrument[] = [
  stock('CN', '600519.SH', '贵州茅台', 'Kweichow Moutai', 'consumer', '1750.00', 0.26, 0.9, '2200000000000', 4, '高端白酒龙头', 'premium baijiu leader'),
  stock('CN', '000858.SZ', '五粮液', 'Wuliangye Yibin', 'consumer', '142.00', 0.31, 1.0, '550000000000', 4, '浓香型白酒龙头', 'strong-aroma baijiu maker'),
  stock('CN', '300750.SZ', '宁德时代', 'CATL', 'industrials', '182.00', 0.39, 1.2, '800000000000', 5, '动力电池龙头，创业板', 'EV battery leader, ChiNext board'),
  stock('CN', '601318.SH', '中国平安', 'Ping An Insurance', 'financials', '45.00', 0.28, 1.0, '820000000000', 4, '综合金融保险集团', 'integrated insurance and financial group'),
  stock('CN', '600036.SH', '招商银行', 'China Merchants Bank', 'financials', '31.50', 0.26, 0.9, '800000000000', 4, '零售银行龙头', 'leading retail bank'),
  stock('CN', '601398.SH', '工商银行', 'ICBC', 'financials', '5.10', 0.22, 0.6, '1800000000000', 4, '国有大型商业银行', 'large state-owned commercial bank'),
  stock('CN', '002594.SZ', '比亚迪', 'BYD', 'consumer', '245.00', 0.37, 1.2, '720000000000', 5, '新能源汽车龙头', 'new-energy vehicle leader'),
  stock('CN', '601012.SH', '隆基绿能', 'LONGi Green Energy', 'energy', '23.00', 0.40, 1.2, '170000000000', 5, '光伏硅片与组件龙头', 'solar wafer and module maker'),
  stock('CN', '600276.SH', '恒瑞医药', 'Jiangsu Hengrui Pharmaceuticals', 'healthcare', '46.00', 0.30, 0.9, '290000000000', 4, '创新药龙头', 'innovative drug maker'),
  stock('CN', '000333.SZ', '美的集团', 'Midea Group', 'consumer', '56.00', 0.27, 1.0, '400000000000', 4, '家电龙头', 'home appliance leader'),
  stock('CN', '601899.SH', '紫金矿业', 'Zijin Mining', 'materials', '13.80', 0.34, 1.1, '360000000000', 4, '铜金矿业龙头', 'copper and gold miner'),
  stock('CN', '600900.SH', '长江电力', 'China Yangtze Power', 'utilities', '23.50', 0.22, 0.6, '570000000000', 4, '水电运营龙头', 'hydropower operator'),
  stock('CN', '688981.SH', '中芯国际', 'SMIC', 'technology', '52.00', 0.40, 1.3, '410000000000', 5, '晶圆代工龙头，科创板', 'foundry leader, STAR Market'),
  stock('CN', '000651.SZ', '格力电器', 'Gree Electric Appliances', 'consumer', '36.00', 0.28, 0.9, '200000000000', 4, '空调龙头', 'air-conditioner maker'),
  stock('CN', '300059.SZ', '东方财富', 'East Money Information', 'financials', '14.80', 0.40, 1.3, '230000000000', 5, '互联网券商与金融信息平台', 'online brokerage and financial data platform'),
];

/** Hong Kong stocks (HKD; board lots simplified to 100). */
export const HK_SHARES: CatalogInstrument[] = [
  stock('HK', '0700.HK', '腾讯控股', 'Tencent Holdings', 'communication', '305.00', 0.32, 1.1, '2900000000000', 4, '社交与游戏平台', 'social and gaming platform'),
  stock('HK', '9988.HK', '阿里巴巴-W', 'Alibaba Group', 'consumer', '78.00', 0.35, 1.2, '1600000000000', 5, '电商与云计算', 'e-commerce and cloud'),
  stock('HK', '0005.HK', '汇丰控股', 'HSBC Holdings', 'financials', '60.00', 0.22, 0.7, '1150000000000', 4, '国际银行集团', 'international banking group'),
  stock('HK', '1299.HK', '友邦保险', 'AIA Group', 'financials', '70.00', 0.26, 0.9, '800000000000', 4, '泛亚寿险集团', 'pan-Asian life insurer'),
  stock('HK', '0941.HK', '中国移动', 'China Mobile', 'communication', '64.00', 0.22, 0.6, '1380000000000', 4, '电信运营商', 'telecom operator'),
  stock('HK', '3690.HK', '美团-W', 'Meituan', 'consumer', '105.00', 0.35, 1.3, '650000000000', 5, '本地生活服务平台', 'local services platform'),
  stock('HK', '1810.HK', '小米集团-W', 'Xiaomi', 'technology', '15.50', 0.35, 1.2, '390000000000', 5, '智能手机与智能汽车', 'smartphones and smart EVs'),
  stock('HK', '0388.HK', '香港交易所', 'Hong Kong Exchanges and Clearing', 'financials', '275.00', 0.28, 1.0, '350000000000', 4, '交易所运营商', 'exchange operator'),
  stock('HK', '2318.HK', '中国平安', 'Ping An Insurance (H)', 'financials', '40.00', 0.30, 1.0, '300000000000', 4, '综合金融保险集团 H 股', 'integrated insurer, H shares'),
  stock('HK', '0883.HK', '中国海洋石油', 'CNOOC', 'energy', '15.20', 0.28, 0.8, '720000000000', 4, '海上油气生产商', 'offshore oil and gas producer'),
  stock('HK', '9618.HK', '京东集团-SW', 'JD.com', 'consumer', '118.00', 0.35, 1.2, '370000000000', 5, '零售与物流', 'retail and logistics'),
];

/** US stocks (USD, single shares). */
export const US_SHARES: CatalogInstrument[] = [
  stock('US', 'AAPL', '苹果', 'Apple', 'technology', '190.00', 0.25, 1.1, '2950000000000', 4, '消费电子与服务', 'consumer electronics and services'),
  stock('US', 'MSFT', '微软', 'Microsoft', 'technology', '370.00', 0.24, 1.1, '2750000000000', 4, '软件与云计算', 'software and cloud'),
  stock('US', 'NVDA', '英伟达', 'NVIDIA', 'technology', '48.00', 0.35, 1.5, '1200000000000', 5, 'GPU 与 AI 算力', 'GPUs and AI computing'),
  stock('US', 'AMZN', '亚马逊', 'Amazon', 'consumer', '145.00', 0.30, 1.2, '1500000000000', 4, '电商与云计算', 'e-commerce and cloud'),
  stock('US', 'GOOGL', '谷歌-A', 'Alphabet Class A', 'communication', '136.00', 0.28, 1.1, '1700000000000', 4, '搜索与广告', 'search and advertising'),
  stock('US', 'META', 'Meta', 'Meta Platforms', 'communication', '335.00', 0.35, 1.3, '860000000000', 5, '社交网络', 'social networks'),
  stock('US', 'TSLA', '特斯拉', 'Tesla', 'consumer', '235.00', 0.35, 1.5, '750000000000', 5, '电动汽车', 'electric vehicles'),
  stock('US', 'JPM', '摩根大通', 'JPMorgan Chase', 'financials', '152.00', 0.22, 0.9, '440000000000', 4, '综合性银行', 'universal bank'),
  stock('US', 'JNJ', '强生', 'Johnson & Johnson', 'healthcare', '154.00', 0.18, 0.5, '370000000000', 4, '医药与医疗器械', 'pharma and medical devices'),
  stock('US', 'XOM', '埃克森美孚', 'Exxon Mobil', 'energy', '104.00', 0.25, 0.8, '420000000000', 4, '综合能源', 'integrated energy'),
  stock('US', 'BRK.B', '伯克希尔-B', 'Berkshire Hathaway Class B', 'financials', '358.00', 0.18, 0.8, '780000000000', 4, '多元控股集团', 'diversified holding company'),
  stock('US', 'V', '维萨', 'Visa', 'financials', '253.00', 0.20, 0.9, '520000000000', 4, '支付网络', 'payments network'),
  stock('US', 'KO', '可口可乐', 'Coca-Cola', 'consumer', '58.00', 0.18, 0.5, '250000000000', 4, '饮料', 'beverages'),
];

function index(
  id: string,
  name: string,
  nameEn: string,
  region: Region,
  ccy: CurrencyCode,
  start: string,
  vol: number,
  factor: Factor,
  beta: number,
  drift: number,
  zh: string,
  en: string,
  sector: Sector | null = null,
): CatalogInstrument {
  return {
    id,
    name,
    nameEn,
    assetClass: 'index',
    currency: ccy,
    region,
    sector,
    riskLevel: null,
    isProduct: false,
    lotSize: 1,
    minPurchase: null,
    marketCap: null,
    benchmarkId: null,
    description: `${zh}（基准指数，不可直接交易；演示数据，点位为模拟）`,
    descriptionEn: `${en} (benchmark index, not tradable; demo data, simulated levels)`,
    sim: { start, vol, drift, factor, beta },
  };
}

/** Benchmark indices: driven by their market factor with little idiosyncratic noise. */
export const INDICES: CatalogInstrument[] = [
  index('000300.SH', '沪深300', 'CSI 300 Index', 'CN', 'CNY', '3500.00', 0.205, 'CN', 1, 0.06, 'A 股大盘蓝筹指数', 'A-share large-cap index'),
  index('399006.SZ', '创业板指', 'ChiNext Index', 'CN', 'CNY', '1900.00', 0.3, 'CN', 1.3, 0.08, '创业板成长股指数', 'ChiNext growth index', 'technology'),
  index('HSI', '恒生指数', 'Hang Seng Index', 'HK', 'HKD', '17500.00', 0.23, 'HK', 1, 0.06, '香港大盘指数', 'Hong Kong large-cap index'),
  index('HSTECH', '恒生科技指数', 'Hang Seng TECH Index', 'HK', 'HKD', '3900.00', 0.33, 'HK', 1.3, 0.08, '香港科技股指数', 'Hong Kong technology index', 'technology'),
  index('SPX', '标普500', 'S&P 500 Index', 'US', 'USD', '4500.00', 0.165, 'US', 1, 0.08, '美国大盘指数', 'US large-cap index'),
  index('NDX', '纳斯达克100', 'Nasdaq-100 Index', 'US', 'USD', '15800.00', 0.21, 'US', 1.15, 0.1, '美国科技成长指数', 'US tech and growth index', 'technology'),
  index('CBA00101.CS', '中债新综合财富指数', 'ChinaBond New Composite Wealth Index', 'CN', 'CNY', '225.00', 0.025, 'CN_BOND', 1, 0.035, '中国债券市场总回报指数', 'China bond market total-return index'),
  index('USTREAS', '美国国债指数', 'US Treasury Index', 'US', 'USD', '2300.00', 0.045, 'US_BOND', 1, 0.03, '美国国债总回报指数', 'US Treasury total-return index'),
];
