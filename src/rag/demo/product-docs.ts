/**
 * Per-product documents of the demo library, written from the seed catalog so every
 * fact (code, manager, fees, lock-up, risk level, benchmark) matches the database.
 * Chinese: 招募说明书摘要 / 产品说明书 / 债券产品概要; English: prospectus summaries and
 * fact sheets.
 */
import { Decimal } from 'decimal.js';
import type { CatalogInstrument, ProductInfo } from '../../db/seed/catalog.js';
import type { DocModel, DocSection } from './doc-model.js';

export type Product = CatalogInstrument & { product: ProductInfo };

const RISK_ZH = ['', 'R1（低风险）', 'R2（中低风险）', 'R3（中风险）', 'R4（中高风险）', 'R5（高风险）'];
const RISK_EN = ['', 'R1 (low)', 'R2 (medium-low)', 'R3 (medium)', 'R4 (medium-high)', 'R5 (high)'];
const PROFILE_ZH = ['', 'C1 保守型', 'C2 稳健型', 'C3 平衡型', 'C4 成长型', 'C5 进取型'];
const PROFILE_EN = ['', 'C1 Conservative', 'C2 Cautious', 'C3 Balanced', 'C4 Growth', 'C5 Aggressive'];

export const pct = (s: string | undefined) => (s === undefined ? '—' : `${new Decimal(s).mul(100).toFixed(2)}%`);
const money = (s: string | null, ccy: string) => (s === null ? '—' : `${new Decimal(s).toNumber().toLocaleString('en-US')} ${ccy}`);

const TYPE_ZH: Record<string, string> = {
  equity_fund: '股票型基金', mixed_fund: '混合型基金', bond_fund: '债券型基金', money_market_fund: '货币市场基金', index_fund: '指数型基金',
  qdii_fund: 'QDII 基金', fixed_income_wealth: '固定收益类理财产品', cash_wealth: '现金管理类理财产品', mixed_wealth: '混合类理财产品',
  equity_long_short: '股票多空策略私募基金', quant_hedge: '量化对冲私募基金', cta: '管理期货（CTA）私募基金', multi_strategy: '多策略私募基金',
  c_reit: '公募 REITs（基础设施证券投资基金）', hk_reit: '香港房地产投资信托基金', government_bond: '记账式国债', policy_bank_bond: '政策性金融债', treasury_etf: '美国国债 ETF',
};
const TYPE_EN: Record<string, string> = {
  equity_fund: 'equity fund', mixed_fund: 'hybrid (mixed) fund', bond_fund: 'bond fund', money_market_fund: 'money market fund', index_fund: 'index fund',
  qdii_fund: 'QDII fund (overseas investment)', fixed_income_wealth: 'fixed-income bank wealth product', cash_wealth: 'cash-management wealth product',
  mixed_wealth: 'mixed-asset bank wealth product', equity_long_short: 'equity long/short private fund', quant_hedge: 'quantitative market-neutral private fund',
  cta: 'managed futures (CTA) private fund', multi_strategy: 'multi-strategy private fund', c_reit: 'China public infrastructure REIT', hk_reit: 'Hong Kong REIT',
  government_bond: 'government bond', policy_bank_bond: 'policy bank bond', treasury_etf: 'US Treasury ETF',
};

/** Category-specific risks (zh, en). */
const RISKS: Record<string, [string[], string[]]> = {
  equity: [
    ['市场风险：股票价格受宏观经济、政策和投资者情绪影响，基金净值可能大幅波动，历史上单年回撤可超过 30%。', '行业集中风险：本基金集中投资于特定行业，行业景气下行时净值跌幅可能大于市场。', '流动性风险：巨额赎回时基金可能延期支付赎回款。'],
    ['Market risk: share prices move with the economy, policy and sentiment; the NAV can fall sharply, and single-year drawdowns above 30% have occurred in the past.', 'Concentration risk: the fund is concentrated in particular sectors and may fall more than the market when they weaken.', 'Liquidity risk: on very large redemptions the fund may defer payment.'],
  ],
  bond: [
    ['利率风险：市场利率上升时债券价格下跌，组合久期越长影响越大。', '信用风险：发行人违约或评级下调可能导致本金损失。', '本产品不保证本金和收益，过往业绩不代表未来表现。'],
    ['Interest-rate risk: bond prices fall when rates rise; the longer the duration, the larger the effect.', 'Credit risk: an issuer default or downgrade can cause loss of principal.', 'Principal and returns are not guaranteed; past performance does not indicate future results.'],
  ],
  cash: [
    ['收益率下行风险：货币市场利率下降时七日年化收益率随之下降。', '本产品不保证本金和收益，不等同于银行存款，不受存款保险保障。', '快速赎回设有单日额度上限。'],
    ['Yield risk: the 7-day annualized yield falls when money-market rates fall.', 'Principal and returns are not guaranteed; this is not a bank deposit and not covered by deposit insurance.', 'Instant redemption is subject to a daily cap.'],
  ],
  qdii: [
    ['汇率风险：基金以人民币计价而投资于境外资产，人民币升值会降低以人民币计的收益。', '境外市场风险：境外市场交易时间、制度和税收与境内不同。', '额度风险：外汇额度不足时基金可能暂停或限制大额申购。'],
    ['Currency risk: the fund invests abroad; exchange-rate moves change returns measured in the purchase currency.', 'Overseas market risk: trading hours, rules and taxes differ from the domestic market.', 'Quota risk: when the FX quota is short the fund may suspend or limit large subscriptions.'],
  ],
  private: [
    ['合格投资者要求：仅向金融资产不低于 300 万元或近三年年均收入不低于 50 万元的合格投资者销售，单笔认购不低于 100 万元。', '流动性风险：设有 6 个月锁定期，此后每月开放一次，锁定期内不能赎回。', '策略风险：使用杠杆、衍生品或做空时，亏损可能放大，最大回撤可能超过 20%。', '业绩报酬：按高水位法对超额收益计提 20% 的业绩报酬。'],
    ['Qualified investors only: financial assets of at least CNY 3 million or average annual income of at least CNY 500,000 over three years; minimum subscription CNY 1 million.', 'Liquidity risk: a 6-month lock-up applies, then monthly dealing; no redemption during the lock-up.', 'Strategy risk: leverage, derivatives or short selling can magnify losses; drawdowns may exceed 20%.', 'Performance fee: 20% of gains above the high-water mark.'],
  ],
  reit: [
    ['底层资产运营风险：租金、车流量或发电量下降会减少可供分配金额。', '二级市场价格风险：REITs 在交易所交易，价格可能偏离资产估值，出现折价或溢价。', '分红不确定：每年至少分配 90% 的可供分配金额，但金额随经营变化。'],
    ['Operating risk: lower rents, traffic or power output reduce distributable income.', 'Market price risk: REIT units trade on an exchange and may trade at a discount or premium to appraised value.', 'Distributions vary: at least 90% of distributable income is paid out yearly, but the amount depends on operations.'],
  ],
};

export function riskKey(p: Product): keyof typeof RISKS {
  const c = p.product.category;
  if (p.product.productType === 'private_fund') return 'private';
  if (p.product.productType === 'reit') return 'reit';
  if (c === 'qdii_fund' && p.riskLevel! > 2) return 'qdii';
  if (c === 'money_market_fund' || c === 'cash_wealth') return 'cash';
  if (['equity_fund', 'mixed_fund', 'index_fund'].includes(c)) return 'equity';
  return 'bond';
}

function feeRows(p: Product, zh: boolean): string[][] {
  const f = p.product.fees;
  const rows: [string, string, string | undefined][] = [
    ['管理费', 'Management fee', f.management],
    ['托管费', 'Custody fee', f.custody],
    ['认/申购费（最高）', 'Subscription fee (max)', f.subscription],
    ['赎回费', 'Redemption fee', f.redemption],
    ['业绩报酬', 'Performance fee', f.performance],
  ];
  return rows.filter((r) => r[2] !== undefined).map(([z, e, v]) => [zh ? z : e, pct(v), zh ? (z.includes('认') || z.includes('赎') ? '按交易金额' : '按年，每日计提') : e.startsWith('Sub') || e.startsWith('Red') ? 'per transaction' : e.startsWith('Perf') ? 'above high-water mark' : 'per year, accrued daily']);
}

/** Chinese summary / 产品说明书 of one product. */
export function zhProductDoc(p: Product): DocModel {
  const i = p.product;
  const r = p.riskLevel ?? 3;
  const kind = i.productType === 'public_fund' ? '招募说明书摘要' : i.productType === 'bank_wealth' || i.productType === 'private_fund' ? '产品说明书' : i.productType === 'reit' ? '产品概要' : '债券产品概要';
  const lock = i.liquidity.lockupMonths;
  const sections: DocSection[] = [
    {
      heading: '一、产品基本信息',
      table: {
        header: ['项目', '内容'],
        rows: [
          ['产品名称', p.name], ['产品代码', p.id], ['产品类型', TYPE_ZH[i.category] ?? i.category], ['管理人', i.issuer], ['投资经理', i.manager],
          ['成立日期', i.launchDate], ['风险等级', RISK_ZH[r]!], ['计价币种', p.currency], ['起购金额', money(i.minPurchase, p.currency)],
        ],
      },
    },
    { heading: '二、投资目标与投资策略', paras: [i.strategy, `投资经理${i.manager}负责本产品的日常投资管理，${i.issuer}投资决策委员会对重大配置调整进行审议。`] },
    { heading: '三、业绩比较基准', paras: [`本产品的业绩比较基准为：${i.benchmarkText}。业绩比较基准不构成对收益的承诺。`, `按模拟净值测算，本产品历史年化波动率约为 ${(p.sim.vol * 100).toFixed(1)}%。`] },
    { heading: '四、费用', paras: ['本产品的各项费用如下表所示，费率以年化或单笔交易金额计。'], table: { header: ['费用项目', '费率', '计提方式'], rows: feeRows(p, true) } },
    { heading: '五、申购、赎回与封闭期', paras: [`${i.liquidity.zh}。`, lock > 0 ? `本产品设有 ${lock} 个月的封闭期（锁定期），封闭期内不能赎回，请确认资金在此期间无使用需求。` : '本产品没有封闭期，投资者可在开放日申请赎回。'] },
    { heading: '六、风险揭示', paras: RISKS[riskKey(p)]![0] },
    { heading: '七、适合的投资者', paras: [`本产品风险等级为${RISK_ZH[r]}，适合风险承受能力评估为 ${PROFILE_ZH[r]} 及以上的投资者。风险测评结果低于 C${r} 的投资者不宜购买本产品。`] },
  ];
  return { title: `${p.name}（${p.id}）${kind}`, lang: 'zh', sections, runningHeader: `${i.issuer}  ${p.name}${kind}`, runningFooter: '演示文件，仅供测试' };
}

/** English prospectus summary / fact sheet of one product. */
export function enProductDoc(p: Product): DocModel {
  const i = p.product;
  const r = p.riskLevel ?? 3;
  const kind = i.productType === 'public_fund' ? 'Prospectus Summary' : 'Product Fact Sheet';
  const lock = i.liquidity.lockupMonths;
  const sections: DocSection[] = [
    {
      heading: 'Key facts',
      table: {
        header: ['Item', 'Detail'],
        rows: [
          ['Product', p.nameEn], ['Code', p.id], ['Type', TYPE_EN[i.category] ?? i.category], ['Manager (firm)', i.issuerEn], ['Portfolio manager', i.managerEn],
          ['Launch date', i.launchDate], ['Risk level', RISK_EN[r]!], ['Currency', p.currency], ['Minimum investment', money(i.minPurchase, p.currency)],
        ],
      },
    },
    { heading: 'Investment objective and strategy', paras: [i.strategyEn, `${i.managerEn} runs the portfolio day to day; major allocation changes go to the investment committee of ${i.issuerEn}.`] },
    { heading: 'Benchmark', paras: [`Performance benchmark: ${i.benchmarkTextEn}. The benchmark is not a promise of returns.`, `Based on simulated NAV history, annualized volatility has been about ${(p.sim.vol * 100).toFixed(1)}%.`] },
    { heading: 'Fees and charges', paras: ['The charges below are annual rates unless marked per transaction.'], table: { header: ['Charge', 'Rate', 'Basis'], rows: feeRows(p, false) } },
    { heading: 'Dealing, redemption and lock-up', paras: [`${i.liquidity.en}.`, lock > 0 ? `There is a lock-up period of ${lock} months during which units cannot be redeemed; invest only money you will not need during that time.` : 'There is no lock-up period; units can be redeemed on any dealing day.'] },
    { heading: 'Key risks', paras: RISKS[riskKey(p)]![1] },
    { heading: 'Who is it for', paras: [`Risk level ${RISK_EN[r]}: suitable for investors assessed as ${PROFILE_EN[r]} or above. Investors with a lower risk profile should not buy it.`] },
  ];
  return { title: `${p.nameEn} (${p.id}) ${kind}`, lang: 'en', sections, runningHeader: `${i.issuerEn} | ${p.nameEn}`, runningFooter: 'Demo document for testing' };
}
