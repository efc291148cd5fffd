/**
 * Bank wealth products (银行理财), private funds (私募), REITs and cash of the demo
 * catalog. Names, issuers and managers are fictional; NAVs and prices are SIMULATED.
 */
import { DAILY_T1, LISTED, liq, product } from './catalog-product-helpers.js';
import type { CatalogInstrument, CurrencyCode, RiskLevel } from './catalog-types.js';

const QINGSONG = ['青松理财有限责任公司', 'Qingsong Wealth Management Co., Ltd.'] as const;
const ANLAN = ['安澜理财有限责任公司', 'Anlan Wealth Management Co., Ltd.'] as const;
const JIAHE = ['嘉禾理财有限责任公司', 'Jiahe Wealth Management Co., Ltd.'] as const;

interface WealthSpec {
  id: string; name: string; nameEn: string; risk: RiskLevel; issuer: readonly [string, string];
  manager: [string, string]; launch: string; vol: number; drift: number; beta: number;
  category: 'fixed_income_wealth' | 'cash_wealth' | 'mixed_wealth'; mgmt: string; min: string;
  liquidity: ReturnType<typeof liq>; strategy: string; strategyEn: string; bench: [string, string];
}

function wealth(w: WealthSpec): CatalogInstrument {
  return product({
    id: w.id, name: w.name, nameEn: w.nameEn, assetClass: 'wealth', risk: w.risk, benchmarkId: 'CBA00101.CS',
    sim: ['1.0000', w.vol, w.drift, 'CN_BOND', w.beta],
    info: {
      productType: 'bank_wealth', category: w.category, issuer: w.issuer[0], issuerEn: w.issuer[1],
      manager: w.manager[0], managerEn: w.manager[1], launchDate: w.launch,
      fees: { management: w.mgmt, custody: '0.0002', subscription: '0.0000', redemption: '0.0000' },
      liquidity: w.liquidity, minPurchase: w.min, strategy: w.strategy, strategyEn: w.strategyEn,
      benchmarkText: w.bench[0], benchmarkTextEn: w.bench[1],
    },
  });
}

/** Bank wealth products, R1–R3, net-value (净值型) after the 2018 asset-management rules. */
export const BANK_WEALTH: CatalogInstrument[] = [
  wealth({
    id: 'WM-2024-031', name: '青松理财天天盈现金管理1号', nameEn: 'Qingsong Daily Cash Management No.1', risk: 1,
    issuer: QINGSONG, manager: ['钱思远', 'Qian Siyuan'], launch: '2021-05-10', vol: 0.01, drift: 0.025, beta: 0.2,
    category: 'cash_wealth', mgmt: '0.0020', min: '1.00',
    liquidity: liq('T+0', '每日开放，单日 5 万元以内实时赎回', 'Open daily; instant redemption up to 50,000 CNY a day'),
    strategy: '现金管理类理财产品，投资于存款、同业存单、短期债券与逆回购，组合平均剩余期限不超过 120 天。净值型产品，不承诺保本与收益。',
    strategyEn: 'A cash-management wealth product investing in deposits, negotiable CDs, short-term bonds and reverse repos, with weighted average maturity of at most 120 days. Net-value product; principal and returns are not promised.',
    bench: ['业绩比较基准：七天通知存款利率(税后)+1.2%', 'Benchmark: seven-day call deposit rate (after tax) + 1.2%'],
  }),
  wealth({
    id: 'WM-2024-045', name: '青松理财稳享90天持有期', nameEn: 'Qingsong Steady 90-Day Holding Period', risk: 2,
    issuer: QINGSONG, manager: ['钱思远', 'Qian Siyuan'], launch: '2022-02-21', vol: 0.015, drift: 0.03, beta: 0.4,
    category: 'fixed_income_wealth', mgmt: '0.0030', min: '1.00',
    liquidity: liq('90D', '每笔份额持有满 90 天后可赎回', 'Each purchase can be redeemed after 90 days', 3),
    strategy: '固定收益类理财，80% 以上投资于债券、存款等债权类资产，以高等级信用债票息为主要收益来源。每笔申购需持有满 90 天，期间净值随债市波动。',
    strategyEn: 'A fixed-income product with over 80% in bonds, deposits and other debt, earning mainly high-grade credit coupons. Each purchase must be held 90 days; the NAV moves with the bond market meanwhile.',
    bench: ['业绩比较基准：年化 2.60%–3.20%', 'Benchmark: 2.60%–3.20% a year'],
  }),
  wealth({
    id: 'WM-2023-112', name: '安澜理财安鑫一年定开', nameEn: 'Anlan Anxin One-Year Periodic Open Fund', risk: 2,
    issuer: ANLAN, manager: ['冯佳琪', 'Feng Jiaqi'], launch: '2023-01-09', vol: 0.02, drift: 0.032, beta: 0.6,
    category: 'fixed_income_wealth', mgmt: '0.0040', min: '10000.00',
    liquidity: liq('closed', '封闭期 12 个月，每年开放一次申赎', 'Closed for 12 months; opens once a year for dealing', 12),
    strategy: '一年定期开放的固定收益类理财，持有到期为主，配置中高等级信用债与少量二级资本债。封闭期内不可赎回，适合一年内不用的闲置资金。',
    strategyEn: 'A fixed-income product that opens once a year, mostly held to maturity in mid- to high-grade credit with some bank tier-2 capital bonds. No redemption during the closed period; for money not needed within a year.',
    bench: ['业绩比较基准：年化 2.90%–3.50%', 'Benchmark: 2.90%–3.50% a year'],
  }),
  wealth({
    id: 'WM-2024-018', name: '安澜理财睿享固收+六个月', nameEn: 'Anlan Ruixiang Fixed Income Plus 6-Month', risk: 3,
    issuer: ANLAN, manager: ['冯佳琪', 'Feng Jiaqi'], launch: '2022-08-15', vol: 0.03, drift: 0.035, beta: 0.9,
    category: 'mixed_wealth', mgmt: '0.0050', min: '10000.00',
    liquidity: liq('6M', '封闭期 6 个月，之后每 6 个月开放一次', 'Closed for 6 months, then opens every 6 months', 6),
    strategy: '“固收+”策略：85%–95% 投资于债券，5%–15% 投资于股票、可转债与权益类基金以增强收益。权益部分可能带来阶段性回撤。',
    strategyEn: 'A "fixed income plus" strategy: 85–95% in bonds and 5–15% in stocks, convertibles and equity funds for extra return. The equity sleeve can cause temporary drawdowns.',
    bench: ['业绩比较基准：年化 3.00%–4.50%', 'Benchmark: 3.00%–4.50% a year'],
  }),
  wealth({
    id: 'WM-2023-087', name: '嘉禾理财嘉盈日开', nameEn: 'Jiahe Jiaying Daily Open', risk: 1,
    issuer: JIAHE, manager: ['蒋文涛', 'Jiang Wentao'], launch: '2020-11-02', vol: 0.01, drift: 0.026, beta: 0.2,
    category: 'cash_wealth', mgmt: '0.0025', min: '1.00', liquidity: DAILY_T1,
    strategy: '每日开放的低波动理财，投资于货币市场工具与一年以内的短债。赎回 T+1 到账，适合替代活期存款管理流动资金。',
    strategyEn: 'A low-volatility daily-open product investing in money-market instruments and bonds within one year. Redemptions paid T+1; an alternative to demand deposits for liquid funds.',
    bench: ['业绩比较基准：中国人民银行七天通知存款利率+1.0%', 'Benchmark: PBOC seven-day call deposit rate + 1.0%'],
  }),
  wealth({
    id: 'WM-2024-062', name: '嘉禾理财稳健养老18个月', nameEn: 'Jiahe Steady Pension 18-Month', risk: 2,
    issuer: JIAHE, manager: ['蒋文涛', 'Jiang Wentao'], launch: '2022-05-16', vol: 0.02, drift: 0.034, beta: 0.7,
    category: 'fixed_income_wealth', mgmt: '0.0035', min: '10000.00',
    liquidity: liq('18M', '最短持有 18 个月，之后每日可赎回', 'Minimum holding 18 months, then redeemable daily', 18),
    strategy: '面向养老储备的固定收益类理财，以利率债与高等级信用债为底仓，设置平滑基金平抑净值波动。适合为退休储备、期限较长的资金。',
    strategyEn: 'A fixed-income product for retirement saving built on government and high-grade credit bonds, with a smoothing reserve to dampen NAV swings. For long-horizon retirement money.',
    bench: ['业绩比较基准：年化 3.20%–4.00%', 'Benchmark: 3.20%–4.00% a year'],
  }),
];

interface PrivateSpec {
  id: string; name: string; nameEn: string; risk: 4 | 5; issuer: [string, string]; manager: [string, string];
  launch: string; sim: [number, number, 'CN' | 'NONE', number]; category: 'equity_long_short' | 'quant_hedge' | 'cta' | 'multi_strategy';
  bench: string; strategy: string; strategyEn: string;
}

function privateFund(p: PrivateSpec): CatalogInstrument {
  return product({
    id: p.id, name: p.name, nameEn: p.nameEn, assetClass: 'private', risk: p.risk, benchmarkId: p.bench,
    sim: ['1.0000', ...p.sim],
    info: {
      productType: 'private_fund', category: p.category, issuer: p.issuer[0], issuerEn: p.issuer[1],
      manager: p.manager[0], managerEn: p.manager[1], launchDate: p.launch,
      fees: { management: '0.0150', custody: '0.0005', subscription: '0.0100', redemption: '0.0000', performance: '0.2000' },
      liquidity: liq('monthly', '封闭期 6 个月，之后每月开放一次', 'Six-month lock-up, then monthly dealing', 6),
      minPurchase: '1000000.00', strategy: p.strategy, strategyEn: p.strategyEn,
      benchmarkText: '不设业绩比较基准；业绩报酬按高水位法计提 20%', benchmarkTextEn: 'No benchmark; 20% performance fee above the high-water mark',
    },
  });
}

/** Private funds for qualified investors only (合格投资者, minimum 1,000,000 CNY), R4–R5. */
export const PRIVATE_FUNDS: CatalogInstrument[] = [
  privateFund({
    id: 'PF-2021-007', name: '远澜价值成长1号私募证券投资基金', nameEn: 'Yuanlan Value Growth No.1 Private Securities Fund', risk: 5,
    issuer: ['远澜资本管理有限公司', 'Yuanlan Capital Management Co., Ltd.'], manager: ['邵一帆', 'Shao Yifan'], launch: '2021-03-01',
    sim: [0.24, 0.09, 'CN', 1.0], category: 'equity_long_short', bench: '000300.SH',
    strategy: '集中持有 15–25 只 A 股与港股通成长股，仓位 60%–100% 灵活调整，可用股指期货对冲部分市场风险。业绩弹性大，最大回撤可能超过 30%。',
    strategyEn: 'Concentrates in 15–25 A-share and Stock Connect growth stocks, flexing exposure between 60% and 100% and hedging some market risk with index futures. Highly geared to the market; drawdowns can exceed 30%.',
  }),
  privateFund({
    id: 'PF-2022-013', name: '致衡量化中性1号', nameEn: 'Zhiheng Quant Market Neutral No.1', risk: 4,
    issuer: ['致衡量化投资管理有限公司', 'Zhiheng Quantitative Investment Management Co., Ltd.'], manager: ['顾天宁', 'Gu Tianning'], launch: '2022-01-10',
    sim: [0.12, 0.06, 'CN', 0.2], category: 'quant_hedge', bench: 'CBA00101.CS',
    strategy: '多因子量化选股构建多头组合，同时用中证500与沪深300股指期货空头对冲市场风险，力求获取与大盘涨跌相关性低的超额收益。基差与因子失效是主要风险。',
    strategyEn: 'Builds a long book with multi-factor stock selection and shorts CSI 500 and CSI 300 index futures against it, seeking excess return with low correlation to the market. Basis moves and factor decay are the main risks.',
  }),
  privateFund({
    id: 'PF-2020-021', name: '拓石宏观CTA1号', nameEn: 'Tuoshi Macro CTA No.1', risk: 5,
    issuer: ['拓石私募基金管理有限公司', 'Tuoshi Private Fund Management Co., Ltd.'], manager: ['魏子航', 'Wei Zihang'], launch: '2020-06-15',
    sim: [0.18, 0.07, 'NONE', 0], category: 'cta',
    bench: 'CBA00101.CS',
    strategy: '以趋势跟踪为主的管理期货策略，交易商品、股指与国债期货，杠杆较高。收益与股债相关性低，但在震荡行情中可能连续亏损。',
    strategyEn: 'A managed-futures strategy built on trend following across commodity, equity-index and bond futures, with high leverage. Returns have little correlation with stocks and bonds but can lose for long stretches in choppy markets.',
  }),
  privateFund({
    id: 'PF-2023-004', name: '明湖精选成长2号', nameEn: 'Minghu Select Growth No.2', risk: 5,
    issuer: ['明湖投资管理有限公司', 'Minghu Investment Management Co., Ltd.'], manager: ['罗清扬', 'Luo Qingyang'], launch: '2023-02-20',
    sim: [0.25, 0.1, 'CN', 1.1], category: 'equity_long_short', bench: '399006.SZ',
    strategy: '专注科技与先进制造的股票多头策略，仓位通常 80% 以上，单一行业上限 40%。追求长期资本增值，短期波动与回撤显著。',
    strategyEn: 'A long-biased equity strategy in technology and advanced manufacturing, usually over 80% invested with a 40% cap per industry. Aims at long-term capital growth with marked short-term swings and drawdowns.',
  }),
  privateFund({
    id: 'PF-2022-030', name: '远澜多策略稳进1号', nameEn: 'Yuanlan Multi-Strategy Steady No.1', risk: 4,
    issuer: ['远澜资本管理有限公司', 'Yuanlan Capital Management Co., Ltd.'], manager: ['邵一帆', 'Shao Yifan'], launch: '2022-09-05',
    sim: [0.13, 0.07, 'CN', 0.45], category: 'multi_strategy', bench: '000300.SH',
    strategy: '在股票多头、量化中性、可转债与债券之间动态分配风险预算，目标年化波动 10%–15%。通过策略分散降低对单一市场的依赖。',
    strategyEn: 'Shifts a risk budget across long equity, quant market-neutral, convertibles and bonds, targeting 10–15% annual volatility. Diversifying across strategies reduces reliance on any single market.',
  }),
];

const REIT_FEES = { management: '0.0080', custody: '0.0001', subscription: '0.0000' };

/** Listed REITs: three C-REITs (CNY) and one Hong Kong REIT (HKD). */
export const REITS: CatalogInstrument[] = (
  [
    ['508091.SH', '申江张江产业园REIT', 'Shenjiang Zhangjiang Industrial Park REIT', 'CNY', 'CN', 3, '3.500', 0.15, 0.055, 'CN', 0.35, '申江基金管理有限公司', 'Shenjiang Fund Management Co., Ltd.', '钟慧', 'Zhong Hui', '2021-06-21',
      '持有上海张江科学城的研发办公园区，收入来自租金。每年至少分配 90% 可供分配金额；出租率与租金水平是主要风险。', 'Owns R&D office parks in Shanghai Zhangjiang Science City with rental income. Distributes at least 90% of distributable cash each year; occupancy and rent levels are the main risks.'],
    ['180203.SZ', '申江高速公路REIT', 'Shenjiang Expressway REIT', 'CNY', 'CN', 3, '8.200', 0.13, 0.05, 'CN', 0.3, '申江基金管理有限公司', 'Shenjiang Fund Management Co., Ltd.', '钟慧', 'Zhong Hui', '2022-04-28',
      '持有长三角一段收费高速公路的特许经营权，收入来自通行费。特许经营期届满资产归还政府，分红中包含本金返还。', 'Holds the concession of a toll expressway in the Yangtze River Delta, earning toll income. The asset returns to the government when the concession ends, so distributions include return of capital.'],
    ['508066.SH', '景和清洁能源REIT', 'Jinghe Clean Energy REIT', 'CNY', 'CN', 4, '6.800', 0.18, 0.06, 'CN', 0.45, '景和基金管理有限公司', 'Jinghe Fund Management Co., Ltd.', '林晓雯', 'Lin Xiaowen', '2023-03-29',
      '持有西北地区风电与光伏电站，收入来自上网电费与补贴。发电量受天气影响，补贴回款节奏影响现金分派。', 'Owns wind and solar farms in north-west China, earning power sales and subsidies. Output depends on weather, and subsidy payment timing affects distributions.'],
    ['0897.HK', '港汇商业房地产信托', 'Harbour Link Commercial REIT', 'HKD', 'HK', 4, '38.00', 0.2, 0.06, 'HK', 0.6, '港汇房托管理有限公司', 'Harbour Link REIT Management Ltd.', '梁家俊', 'Leung Ka-chun', '2012-10-08',
      '持有香港与深圳的购物中心及写字楼，每半年派息，派息比率 100%。利率上升与零售租金下行会压低单位价格。', 'Owns shopping malls and offices in Hong Kong and Shenzhen and pays out 100% of distributable income twice a year. Rising rates and falling retail rents weigh on the unit price.'],
  ] as const
).map(([id, name, nameEn, ccy, region, risk, start, vol, drift, factor, beta, issuer, issuerEn, manager, managerEn, launch, zh, en]) =>
  product({
    id, name, nameEn, assetClass: 'reit', currency: ccy as CurrencyCode, region, sector: 'real_estate', risk, lotSize: 100,
    benchmarkId: region === 'HK' ? 'HSI' : '000300.SH', sim: [start, vol, drift, factor, beta],
    info: {
      productType: 'reit', category: region === 'HK' ? 'hk_reit' : 'c_reit', issuer, issuerEn, manager, managerEn, launchDate: launch,
      fees: REIT_FEES, liquidity: LISTED, minPurchase: null, strategy: zh, strategyEn: en,
      benchmarkText: '不设业绩比较基准', benchmarkTextEn: 'No benchmark',
    },
  }),
);

/** Cash balances, one per currency; price constant 1. */
export const CASH: CatalogInstrument[] = (['CNY', 'USD', 'HKD'] as const).map((c) => ({
  id: `CASH-${c}`,
  name: { CNY: '人民币现金', USD: '美元现金', HKD: '港币现金' }[c],
  nameEn: `${c} cash`,
  assetClass: 'cash',
  currency: c,
  region: c === 'CNY' ? 'CN' : c === 'USD' ? 'US' : 'HK',
  sector: null,
  riskLevel: 1,
  isProduct: false,
  lotSize: 1,
  minPurchase: null,
  marketCap: null,
  benchmarkId: null,
  description: `账户中的${c}现金余额`,
  descriptionEn: `${c} cash balance held in the account`,
  sim: { start: '1', vol: 0, drift: 0, factor: 'NONE', beta: 0 },
}));
