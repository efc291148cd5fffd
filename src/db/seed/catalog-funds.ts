/**
 * Public funds (公募基金) and bonds of the demo catalog. Names, issuers and managers are
 * fictional; NAVs and prices are SIMULATED.
 */
import { DAILY_T1, DAILY_T3, LISTED, liq, product } from './catalog-product-helpers.js';
import type { CatalogInstrument } from './catalog-types.js';

const DINGYUAN = ['鼎元基金管理有限公司', 'Dingyuan Fund Management Co., Ltd.'] as const;
const JINGHE = ['景和基金管理有限公司', 'Jinghe Fund Management Co., Ltd.'] as const;
const CHANGLAN = ['长澜基金管理有限公司', 'Changlan Asset Management Co., Ltd.'] as const;
const HANCHUAN = ['瀚川基金管理有限公司', 'Hanchuan Fund Management Co., Ltd.'] as const;

const EQ_FEES = { management: '0.0120', custody: '0.0020', subscription: '0.0150', redemption: '0.0050' };
const BOND_FEES = { management: '0.0030', custody: '0.0010', subscription: '0.0060', redemption: '0.0010' };
const MMF_FEES = { management: '0.0015', custody: '0.0005', subscription: '0.0000', redemption: '0.0000' };
const IDX_FEES = { management: '0.0050', custody: '0.0010', subscription: '0.0120', redemption: '0.0050' };

/** Public funds: equity, mixed, bond, money-market, index and QDII. */
export const PUBLIC_FUNDS: CatalogInstrument[] = [
  product({
    id: '018101', name: '鼎元消费精选股票A', nameEn: 'Dingyuan Consumer Select Equity Fund A',
    assetClass: 'fund', sector: 'consumer', risk: 4, benchmarkId: '000300.SH',
    sim: ['1.0000', 0.22, 0.075, 'CN', 0.9],
    info: {
      productType: 'public_fund', category: 'equity_fund', issuer: DINGYUAN[0], issuerEn: DINGYUAN[1],
      manager: '周明轩', managerEn: 'Zhou Mingxuan', launchDate: '2019-03-18', fees: EQ_FEES, liquidity: DAILY_T3,
      minPurchase: '10.00',
      strategy: '股票仓位不低于 80%，精选食品饮料、家电与医药等消费行业龙头。自下而上选股，偏好现金流稳定、ROE 持续高于 15% 的公司，行业集中度较高，净值波动较大。',
      strategyEn: 'Holds at least 80% in equities, picking leaders in food and beverage, home appliances and healthcare consumption. Bottom-up selection favours stable cash flow and ROE persistently above 15%; sector concentration is high and NAV swings are large.',
      benchmarkText: '中证主要消费指数收益率×80% + 中债综合指数收益率×20%',
      benchmarkTextEn: '80% CSI Consumer Staples Index + 20% ChinaBond Composite Index',
    },
  }),
  product({
    id: '018102', name: '景和科技创新股票A', nameEn: 'Jinghe Tech Innovation Equity Fund A',
    assetClass: 'fund', sector: 'technology', risk: 4, benchmarkId: '399006.SZ',
    sim: ['1.0000', 0.25, 0.085, 'CN', 1.1],
    info: {
      productType: 'public_fund', category: 'equity_fund', issuer: JINGHE[0], issuerEn: JINGHE[1],
      manager: '林晓雯', managerEn: 'Lin Xiaowen', launchDate: '2020-07-06', fees: EQ_FEES, liquidity: DAILY_T3,
      minPurchase: '10.00',
      strategy: '聚焦半导体、新能源与高端制造等科技创新方向，股票仓位 80%–95%。以产业趋势研究为核心，持有研发投入高、成长确定性强的公司；可投资科创板与创业板，波动显著高于市场平均。',
      strategyEn: 'Focuses on semiconductors, new energy and advanced manufacturing with 80–95% in equities. Built on industry-trend research, it holds companies with high R&D spending and visible growth, including STAR Market and ChiNext names; volatility is well above the market average.',
      benchmarkText: '中证科技龙头指数收益率×80% + 中债综合指数收益率×20%',
      benchmarkTextEn: '80% CSI Tech Leaders Index + 20% ChinaBond Composite Index',
    },
  }),
  product({
    id: '018103', name: '长澜医疗健康股票A', nameEn: 'Changlan Healthcare Equity Fund A',
    assetClass: 'fund', sector: 'healthcare', risk: 4, benchmarkId: '000300.SH',
    sim: ['1.0000', 0.23, 0.07, 'CN', 0.85],
    info: {
      productType: 'public_fund', category: 'equity_fund', issuer: CHANGLAN[0], issuerEn: CHANGLAN[1],
      manager: '赵立新', managerEn: 'Zhao Lixin', launchDate: '2018-11-12', fees: EQ_FEES, liquidity: DAILY_T3,
      minPurchase: '10.00',
      strategy: '投资于创新药、医疗器械与医疗服务，股票仓位不低于 80%。关注集采与医保谈判对盈利的影响，分散持有 40–60 只股票以控制单一政策风险。',
      strategyEn: 'Invests in innovative drugs, medical devices and healthcare services with at least 80% in equities. It tracks the earnings impact of volume-based procurement and insurance negotiations and holds 40–60 stocks to limit single-policy risk.',
      benchmarkText: '中证医药卫生指数收益率×85% + 中债综合指数收益率×15%',
      benchmarkTextEn: '85% CSI Healthcare Index + 15% ChinaBond Composite Index',
    },
  }),
  product({
    id: '018104', name: '瀚川价值平衡混合A', nameEn: 'Hanchuan Value Balanced Hybrid Fund A',
    assetClass: 'fund', sector: 'financials', risk: 3, benchmarkId: '000300.SH',
    sim: ['1.0000', 0.16, 0.06, 'CN', 0.7],
    info: {
      productType: 'public_fund', category: 'mixed_fund', issuer: HANCHUAN[0], issuerEn: HANCHUAN[1],
      manager: '孙嘉怡', managerEn: 'Sun Jiayi', launchDate: '2017-05-22', fees: EQ_FEES, liquidity: DAILY_T3,
      minPurchase: '10.00',
      strategy: '股票仓位 30%–70% 灵活调整，以低估值、高股息的金融与公用事业股为主，其余配置利率债与高等级信用债。通过股债再平衡降低回撤，适合追求稳健增值的投资者。',
      strategyEn: 'Flexes equities between 30% and 70%, mainly low-valuation, high-dividend financials and utilities, with the rest in government and high-grade credit bonds. Stock-bond rebalancing limits drawdowns for investors seeking steady growth.',
      benchmarkText: '沪深300指数收益率×50% + 中债综合指数收益率×50%',
      benchmarkTextEn: '50% CSI 300 Index + 50% ChinaBond Composite Index',
    },
  }),
  product({
    id: '018201', name: '鼎元稳健纯债债券A', nameEn: 'Dingyuan Steady Pure Bond Fund A',
    assetClass: 'fund', risk: 2, benchmarkId: 'CBA00101.CS',
    sim: ['1.0000', 0.025, 0.033, 'CN_BOND', 0.9],
    info: {
      productType: 'public_fund', category: 'bond_fund', issuer: DINGYUAN[0], issuerEn: DINGYUAN[1],
      manager: '何振宇', managerEn: 'He Zhenyu', launchDate: '2016-09-01', fees: BOND_FEES, liquidity: DAILY_T1,
      minPurchase: '10.00',
      strategy: '只投资债券，不投资股票与可转债。以利率债和 AA+ 及以上信用债为主，组合久期 2–5 年，通过久期管理与骑乘策略获取票息与资本利得。',
      strategyEn: 'Invests only in bonds — no stocks or convertibles. It holds government bonds and credit rated AA+ or better with a duration of 2–5 years, earning coupons and capital gains through duration management and roll-down.',
      benchmarkText: '中债综合财富(总值)指数收益率',
      benchmarkTextEn: 'ChinaBond Composite Wealth (Total Value) Index',
    },
  }),
  product({
    id: '018202', name: '景和短债债券A', nameEn: 'Jinghe Short-term Bond Fund A',
    assetClass: 'fund', risk: 2, benchmarkId: 'CBA00101.CS',
    sim: ['1.0000', 0.02, 0.028, 'CN_BOND', 0.6],
    info: {
      productType: 'public_fund', category: 'bond_fund', issuer: JINGHE[0], issuerEn: JINGHE[1],
      manager: '郭静', managerEn: 'Guo Jing', launchDate: '2019-10-14', fees: { ...BOND_FEES, management: '0.0020' }, liquidity: DAILY_T1,
      minPurchase: '1.00',
      strategy: '投资剩余期限不超过 3 年的短期债券与同业存单，组合久期控制在 1 年以内。目标是在控制波动的前提下取得高于货币基金的收益，适合流动性管理。',
      strategyEn: 'Invests in bonds and negotiable certificates of deposit with no more than 3 years to maturity, keeping portfolio duration under one year. It aims to beat money-market funds with low volatility and suits liquidity management.',
      benchmarkText: '中债总财富(1年以下)指数收益率×80% + 一年期定期存款利率(税后)×20%',
      benchmarkTextEn: '80% ChinaBond Total Wealth (under 1Y) Index + 20% one-year time-deposit rate (after tax)',
    },
  }),
  product({
    id: '018203', name: '长澜双利增强债券A', nameEn: 'Changlan Enhanced Income Bond Fund A',
    assetClass: 'fund', risk: 3, benchmarkId: 'CBA00101.CS',
    sim: ['1.0000', 0.035, 0.04, 'CN_BOND', 1.0],
    info: {
      productType: 'public_fund', category: 'bond_fund', issuer: CHANGLAN[0], issuerEn: CHANGLAN[1],
      manager: '吴昊天', managerEn: 'Wu Haotian', launchDate: '2015-04-20', fees: BOND_FEES, liquidity: DAILY_T1,
      minPurchase: '10.00',
      strategy: '二级债基：不低于 80% 投资债券，最多 20% 投资股票与可转债以增强收益。债券部分以中高等级信用债为主，权益部分偏好红利低波股票。',
      strategyEn: 'A secondary bond fund: at least 80% in bonds and up to 20% in stocks and convertibles for extra return. The bond sleeve holds mid- to high-grade credit; the equity sleeve prefers low-volatility dividend stocks.',
      benchmarkText: '中债综合指数收益率×90% + 沪深300指数收益率×10%',
      benchmarkTextEn: '90% ChinaBond Composite Index + 10% CSI 300 Index',
    },
  }),
  product({
    id: '018301', name: '鼎元天天利货币A', nameEn: 'Dingyuan Daily Money Market Fund A',
    assetClass: 'fund', risk: 1, benchmarkId: 'CBA00101.CS',
    sim: ['1.0000', 0.002, 0.018, 'NONE', 0],
    info: {
      productType: 'public_fund', category: 'money_market_fund', issuer: DINGYUAN[0], issuerEn: DINGYUAN[1],
      manager: '沈若兰', managerEn: 'Shen Ruolan', launchDate: '2014-06-09', fees: MMF_FEES,
      liquidity: liq('T+0', '工作日可申赎，支持单日 1 万元以内 T+0 快速赎回', 'Business-day dealing; same-day (T+0) redemption up to 10,000 CNY a day'),
      minPurchase: '1.00',
      strategy: '投资于现金、银行存款、同业存单与剩余期限 397 天以内的债券，组合平均剩余期限不超过 120 天。每日计算收益并结转份额，七日年化收益率随市场利率变动。',
      strategyEn: 'Invests in cash, bank deposits, negotiable CDs and bonds maturing within 397 days, with a weighted average maturity of at most 120 days. Income accrues daily as new units; the 7-day annualised yield moves with market rates.',
      benchmarkText: '七天通知存款利率(税后)',
      benchmarkTextEn: 'Seven-day call deposit rate (after tax)',
    },
  }),
  product({
    id: '018302', name: '景和现金宝货币', nameEn: 'Jinghe Cash Treasure Money Market Fund',
    assetClass: 'fund', risk: 1, benchmarkId: 'CBA00101.CS',
    sim: ['1.0000', 0.002, 0.017, 'NONE', 0],
    info: {
      productType: 'public_fund', category: 'money_market_fund', issuer: JINGHE[0], issuerEn: JINGHE[1],
      manager: '韩雪', managerEn: 'Han Xue', launchDate: '2015-01-26', fees: { ...MMF_FEES, management: '0.0020' },
      liquidity: liq('T+0', '工作日可申赎，支持 T+0 快速赎回', 'Business-day dealing with same-day (T+0) redemption'),
      minPurchase: '0.01',
      strategy: '现金管理工具，投资于短期货币市场工具，追求本金的高度流动性与稳定收益，但不保证本金与收益。适合存放日常备用金。',
      strategyEn: 'A cash-management tool investing in short-term money-market instruments for high liquidity and steady income; neither principal nor income is guaranteed. Suited to everyday cash reserves.',
      benchmarkText: '七天通知存款利率(税后)',
      benchmarkTextEn: 'Seven-day call deposit rate (after tax)',
    },
  }),
  product({
    id: '018401', name: '瀚川沪深300指数增强A', nameEn: 'Hanchuan CSI 300 Enhanced Index Fund A',
    assetClass: 'fund', risk: 4, benchmarkId: '000300.SH',
    sim: ['1.0000', 0.21, 0.075, 'CN', 1.0],
    info: {
      productType: 'public_fund', category: 'index_fund', issuer: HANCHUAN[0], issuerEn: HANCHUAN[1],
      manager: '陆文博', managerEn: 'Lu Wenbo', launchDate: '2018-02-05', fees: IDX_FEES, liquidity: DAILY_T3,
      minPurchase: '10.00',
      strategy: '以沪深300指数为基准，80% 以上资产投资于成份股及备选成份股，用多因子量化模型小幅超配或低配个股。年化跟踪误差目标不超过 7.75%，力争获取超越指数的收益。',
      strategyEn: 'Benchmarked to the CSI 300 with over 80% in constituents and candidates, using a multi-factor quantitative model to tilt stock weights. It targets annual tracking error of at most 7.75% while seeking excess return over the index.',
      benchmarkText: '沪深300指数收益率×95% + 银行活期存款利率(税后)×5%',
      benchmarkTextEn: '95% CSI 300 Index + 5% demand-deposit rate (after tax)',
    },
  }),
  product({
    id: '018402', name: '长澜创业板ETF联接A', nameEn: 'Changlan ChiNext ETF Feeder Fund A',
    assetClass: 'fund', sector: 'technology', risk: 4, benchmarkId: '399006.SZ',
    sim: ['1.0000', 0.25, 0.08, 'CN', 1.2],
    info: {
      productType: 'public_fund', category: 'index_fund', issuer: CHANGLAN[0], issuerEn: CHANGLAN[1],
      manager: '许子谦', managerEn: 'Xu Ziqian', launchDate: '2021-08-16', fees: IDX_FEES, liquidity: DAILY_T3,
      minPurchase: '10.00',
      strategy: '通过投资目标 ETF 紧密跟踪创业板指数，目标 ETF 占基金资产不低于 90%。被动投资，不主动择时，净值随创业板成长股大幅波动。',
      strategyEn: 'Tracks the ChiNext Index by holding at least 90% of assets in the target ETF. Passive with no market timing; the NAV swings with ChiNext growth stocks.',
      benchmarkText: '创业板指数收益率×95% + 银行活期存款利率(税后)×5%',
      benchmarkTextEn: '95% ChiNext Index + 5% demand-deposit rate (after tax)',
    },
  }),
  product({
    id: '018403', name: '鼎元中证红利指数A', nameEn: 'Dingyuan CSI Dividend Index Fund A',
    assetClass: 'fund', sector: 'utilities', risk: 3, benchmarkId: '000300.SH',
    sim: ['1.0000', 0.17, 0.065, 'CN', 0.7],
    info: {
      productType: 'public_fund', category: 'index_fund', issuer: DINGYUAN[0], issuerEn: DINGYUAN[1],
      manager: '唐一鸣', managerEn: 'Tang Yiming', launchDate: '2019-12-02', fees: IDX_FEES, liquidity: DAILY_T3,
      minPurchase: '10.00',
      strategy: '跟踪中证红利指数，成份股为现金股息率高、分红稳定的 100 只 A 股。行业偏向银行、能源与公用事业，波动低于宽基指数。',
      strategyEn: 'Tracks the CSI Dividend Index of 100 A-shares with high, steady cash dividends. It tilts towards banks, energy and utilities and is less volatile than broad indices.',
      benchmarkText: '中证红利指数收益率×95% + 银行活期存款利率(税后)×5%',
      benchmarkTextEn: '95% CSI Dividend Index + 5% demand-deposit rate (after tax)',
    },
  }),
  product({
    id: '018501', name: '景和纳斯达克100指数(QDII)A', nameEn: 'Jinghe Nasdaq-100 Index Fund (QDII) A',
    assetClass: 'fund', region: 'US', sector: 'technology', risk: 4, benchmarkId: 'NDX',
    sim: ['1.0000', 0.22, 0.1, 'US', 1.15],
    info: {
      productType: 'public_fund', category: 'qdii_fund', issuer: JINGHE[0], issuerEn: JINGHE[1],
      manager: 'Michael Turner', managerEn: 'Michael Turner', launchDate: '2020-03-30', fees: IDX_FEES,
      liquidity: liq('T+7', '每个工作日开放，赎回款 T+7 内到账；受外汇额度限制可能暂停大额申购', 'Open every business day; redemptions paid within T+7; large subscriptions may pause when FX quota runs short'),
      minPurchase: '10.00',
      strategy: '通过 QDII 额度投资纳斯达克100指数成份股，跟踪美国科技与成长龙头。以人民币计价，净值同时承受美股波动与美元兑人民币汇率波动。',
      strategyEn: 'Uses QDII quota to hold Nasdaq-100 constituents, tracking US technology and growth leaders. Priced in CNY, so the NAV carries both US equity risk and USD/CNY exchange-rate risk.',
      benchmarkText: '纳斯达克100指数收益率(经汇率调整)×95% + 人民币活期存款利率(税后)×5%',
      benchmarkTextEn: '95% Nasdaq-100 Index (FX-adjusted) + 5% CNY demand-deposit rate (after tax)',
    },
  }),
  product({
    id: '018502', name: '瀚川全球医疗(QDII)', nameEn: 'Hanchuan Global Healthcare Fund (QDII)',
    assetClass: 'fund', region: 'GLOBAL', sector: 'healthcare', risk: 4, benchmarkId: 'SPX',
    sim: ['1.0000', 0.18, 0.07, 'US', 0.7],
    info: {
      productType: 'public_fund', category: 'qdii_fund', issuer: HANCHUAN[0], issuerEn: HANCHUAN[1],
      manager: '孙嘉怡', managerEn: 'Sun Jiayi', launchDate: '2021-04-19', fees: EQ_FEES,
      liquidity: liq('T+7', '每个工作日开放，赎回款 T+7 内到账', 'Open every business day; redemptions paid within T+7'),
      minPurchase: '10.00',
      strategy: '投资全球医疗健康企业，美国市场占比约 60%，其余为欧洲、日本与中国香港。兼顾大型制药的防御性与生物科技的成长性，以人民币计价并承担汇率风险。',
      strategyEn: 'Invests in healthcare companies worldwide, about 60% in the US and the rest in Europe, Japan and Hong Kong. It balances defensive big pharma with growth biotech; priced in CNY with currency risk.',
      benchmarkText: 'MSCI 全球医疗保健指数收益率(经汇率调整)×90% + 人民币活期存款利率(税后)×10%',
      benchmarkTextEn: '90% MSCI World Health Care Index (FX-adjusted) + 10% CNY demand-deposit rate (after tax)',
    },
  }),
  product({
    id: '018503', name: '景和美元债(QDII)美元现汇', nameEn: 'Jinghe USD Bond Fund (QDII) USD Class',
    assetClass: 'fund', currency: 'USD', region: 'US', risk: 2, benchmarkId: 'USTREAS',
    sim: ['1.0000', 0.04, 0.045, 'US_BOND', 0.85],
    info: {
      productType: 'public_fund', category: 'qdii_fund', issuer: JINGHE[0], issuerEn: JINGHE[1],
      manager: 'Sarah Lin', managerEn: 'Sarah Lin', launchDate: '2019-07-08', fees: BOND_FEES,
      liquidity: liq('T+5', '每个工作日开放，美元现汇赎回款 T+5 内到账', 'Open every business day; USD redemptions paid within T+5'),
      minPurchase: '100.00',
      strategy: '以美元计价，主要投资美国国债与投资级中资美元债，组合久期 3–5 年。收益来自美元票息与利差，适合持有美元资产、希望获取稳定收益的投资者。',
      strategyEn: 'USD-denominated, mainly US Treasuries and investment-grade Chinese USD bonds with a 3–5 year duration. Returns come from USD coupons and spreads, for investors holding USD who want steady income.',
      benchmarkText: '彭博美国国债指数收益率×60% + 彭博中资美元投资级债券指数收益率×40%',
      benchmarkTextEn: '60% Bloomberg US Treasury Index + 40% Bloomberg China USD Investment Grade Index',
    },
  }),
];

const MOF = ['中华人民共和国财政部', 'Ministry of Finance of the PRC'] as const;
const BOND_NO_FEES = { management: '0.0000', custody: '0.0000', subscription: '0.0000' };
const MERIDIAN = ['子午线资产管理(美国)', 'Meridian Asset Management (US)'] as const;

function govBond(
  id: string, name: string, nameEn: string, risk: 1 | 2, issuer: readonly [string, string], category: 'government_bond' | 'policy_bank_bond',
  sim: [string, number, number], launchDate: string, years: number, coupon: string,
): CatalogInstrument {
  return product({
    id, name, nameEn, assetClass: 'bond', risk, lotSize: 10, benchmarkId: 'CBA00101.CS',
    sim: [sim[0], sim[1], sim[2], 'CN_BOND', sim[1] / 0.025],
    info: {
      productType: 'bond', category, issuer: issuer[0], issuerEn: issuer[1], manager: '—', managerEn: '—', launchDate,
      fees: BOND_NO_FEES, liquidity: liq('T+1', '交易所或银行柜台买卖，T+1 交收', 'Traded on exchange or over the bank counter; T+1 settlement'),
      minPurchase: '1000.00',
      strategy: `${years} 年期固定利率附息债券，票面利率 ${coupon}%，每年付息一次、到期还本。${category === 'government_bond' ? '以国家信用发行，利息收入免征所得税' : '由政策性银行发行，信用等级与国债接近'}；二级市场价格随利率变化波动。`,
      strategyEn: `${years}-year fixed-rate coupon bond paying ${coupon}% once a year with principal at maturity. ${category === 'government_bond' ? 'Backed by the central government; interest is exempt from income tax' : 'Issued by a policy bank with credit close to government bonds'}; the secondary-market price moves with interest rates.`,
      benchmarkText: '中债新综合财富(总值)指数', benchmarkTextEn: 'ChinaBond New Composite Wealth (Total Value) Index',
    },
  });
}

/** Government and policy-bank bonds, and US Treasury ETFs. */
export const BONDS: CatalogInstrument[] = [
  govBond('019741.SH', '24国债08', '2024 Treasury Bond Series 08 (10Y)', 1, MOF, 'government_bond', ['100.50', 0.035, 0.028], '2024-04-15', 10, '2.27'),
  govBond('019722.SH', '23国债15', '2023 Treasury Bond Series 15 (5Y)', 1, MOF, 'government_bond', ['100.10', 0.022, 0.026], '2023-07-20', 5, '2.40'),
  govBond('240205.IB', '24国开05', 'China Development Bank 2024 Series 05 (10Y)', 2, ['国家开发银行', 'China Development Bank'], 'policy_bank_bond', ['101.20', 0.04, 0.03], '2024-03-11', 10, '2.35'),
  govBond('230410.IB', '23农发10', 'Agricultural Development Bank 2023 Series 10 (7Y)', 2, ['中国农业发展银行', 'Agricultural Development Bank of China'], 'policy_bank_bond', ['100.80', 0.03, 0.029], '2023-06-05', 7, '2.62'),
  ...(
    [
      ['MTSY', '子午线1-3年美国国债ETF', 'Meridian 1-3 Year US Treasury ETF', '82.00', 0.02, 0.035, 0.44, '1–3', '0.0015'],
      ['MTIY', '子午线3-7年美国国债ETF', 'Meridian 3-7 Year US Treasury ETF', '115.00', 0.045, 0.035, 0.95, '3–7', '0.0015'],
    ] as const
  ).map(([id, name, nameEn, start, vol, drift, beta, band, fee]) =>
    product({
      id, name, nameEn, assetClass: 'bond', currency: 'USD', region: 'US', risk: 2, benchmarkId: 'USTREAS',
      sim: [start, vol, drift, 'US_BOND', beta],
      info: {
        productType: 'bond', category: 'treasury_etf', issuer: MERIDIAN[0], issuerEn: MERIDIAN[1], manager: 'Daniel Brooks',
        managerEn: 'Daniel Brooks', launchDate: '2012-09-24', fees: { management: fee, custody: '0.0000', subscription: '0.0000' },
        liquidity: LISTED, minPurchase: start,
        strategy: `被动跟踪剩余期限 ${band} 年的美国国债指数，按月分配利息。美元计价，波动主要来自美国利率变化，对人民币投资者另有汇率风险。`,
        strategyEn: `Passively tracks an index of US Treasuries with ${band} years to maturity and pays interest monthly. USD-denominated; volatility comes from US rates, with currency risk for CNY investors.`,
        benchmarkText: `ICE 美国国债 ${band} 年指数`, benchmarkTextEn: `ICE US Treasury ${band} Year Index`,
      },
    }),
  ),
];
