/**
 * Real-shaped answers with the tool results they were written from, for the output
 * guard's tests (batch and streaming). Figures are copied from the results the way the
 * offline planner's composers print them; the "bad" ones carry one invented figure.
 */
import type { OutputCheckContext } from '../output-guard.js';

export const PRODUCTS = [
  { id: '000001', name: '安盈稳健债券A', nameEn: 'AnYing Stable Bond A', riskLevel: 2 },
  { id: '018102', name: '景和科技创新股票A', nameEn: 'Jinghe Tech Innovation Equity A', riskLevel: 4 },
  { id: 'PF-ALPHA-01', name: '远航量化对冲一号', nameEn: 'Voyager Quant Hedge No.1', riskLevel: 5 },
];

export const HELP_ZH =
  '我可以帮您查看组合市值与资产配置、收益表现、组合风险（波动率、VaR、最大回撤、夏普比率），做风险测评，优化组合、检查再平衡、测算理财目标、回测调仓策略，以及查询产品资料（费率、封闭期、风险等级、基金经理）。例如：“我的组合现在值多少钱？”“我每月投5000，20年后能到500万吗？”';

export const RISK_RESULT = {
  asOf: '2026-11-20',
  observations: 250,
  currency: 'CNY',
  portfolioValue: '1234567.89',
  annualVolatility: 0.12345,
  maxDrawdown: -0.1842,
  var: [{ confidence: 0.95, horizonDays: 1, method: 'historical', var: -0.021, varAmount: '-25926.00', cvar: -0.0305, cvarAmount: '-37654.32' }],
  sharpe: 0.8512,
  riskFreeRate: 0.015,
  sortino: 1.2087,
};

export const RISK_ZH = [
  '基于截至 2026-11-20 的 250 个交易日数据，您的组合（市值 ¥1,234,567.89）：',
  '- 年化波动率：12.35%',
  '- 最大回撤：-18.42%',
  '- 95% 1日VaR（历史法）：-2.10%，约 ¥-25,926.00；CVaR -3.05%，约 ¥-37,654.32',
  '- 夏普比率：0.85（无风险利率 1.50%），索提诺比率：1.21',
  '以上为基于历史数据的估计，不代表未来的损失上限。',
].join('\n');

const clients = Array.from({ length: 10 }, (_, i) => ({ id: `C${String(i + 1).padStart(4, '0')}`, name: ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴霞'][i], totalValue: `${(i + 1) * 100000}.00` }));
export const CLIENTS_RESULT = { asOf: '2026-11-20', total: 34, more: 24, clients };

export const CLIENTS_EN = [
  '34 client(s) match (as of 2026-11-20):',
  ...clients.map((c) => `- ${c.name} (${c.id}) C3, ¥${Number(c.totalValue).toLocaleString('en-US', { minimumFractionDigits: 2 })}`),
  '… and 24 more',
].join('\n');

export const REBALANCE_RESULT = {
  currency: 'CNY',
  drift: [
    { assetClass: 'equity', currentWeight: 0.425, targetWeight: 0.3 },
    { assetClass: 'bond', currentWeight: 0.35, targetWeight: 0.5 },
    { assetClass: 'cash', currentWeight: 0.225, targetWeight: 0.2 },
  ],
  totals: { sell: '154320.99', buy: '185185.18', cashLeft: '30864.19' },
};

export const REBALANCE_EN = [
  'Your equity weight has drifted well above target, so a rebalance is due. Here is the drift by class:',
  '',
  '| Class | Current | Target |',
  '|---|---|---|',
  '| Equity | 42.50% | 30.00% |',
  '| Bonds | 35.00% | 50.00% |',
  '| Cash | 22.50% | 20.00% |',
  '',
  'Selling ¥154,320.99 and buying ¥185,185.18 leaves cash left ¥30,864.19.',
].join('\n');

export const PRODUCT_ZH =
  '景和科技创新股票A的管理费 1.20%，托管费 0.20%。产品说明书写道：“本基金的管理费为每年1.20%。托管费为每年0.20%。” [1]《景和科技创新股票A 产品说明书》\n该产品风险等级为 R4，属于较高风险产品。';
export const PRODUCT_RESULT = { product: { id: '018102', fees: { management: '0.012', custody: '0.002' }, riskLevel: 4 } };

/** A long sentence with no boundary for well over LONG_UNIT characters, every figure from the result. */
export const LONG_ZH = `根据您的持仓明细，${'股票类资产占比 42.50%，债券类资产占比 35.00%，现金类资产占比 22.50%，'.repeat(5)}整体配置与目标相比股票偏高，债券偏低，现金基本持平，因此我们认为目前需要进行再平衡。\n以上仅供参考。`;

export interface Case {
  name: string;
  answer: string;
  ctx: OutputCheckContext;
}

const C3 = { products: PRODUCTS, clientRiskLevel: 3, clientProfileExpired: false };

/** Answers the guard should pass, flag or refuse, with their contexts. */
export const CASES: Case[] = [
  { name: 'help text (trusted)', answer: HELP_ZH, ctx: { lang: 'zh', toolResults: [], userText: '你能做什么？', trustedTexts: [HELP_ZH] } },
  { name: 'help text (not trusted)', answer: HELP_ZH, ctx: { lang: 'zh', toolResults: [], userText: '你能做什么？' } },
  { name: 'risk', answer: RISK_ZH, ctx: { lang: 'zh', toolResults: [RISK_RESULT], toolNames: ['portfolio_risk'], userText: '我的组合风险大吗', ...C3 } },
  {
    name: 'risk with an invented figure',
    answer: RISK_ZH.replace('- 最大回撤：-18.42%', '- 最大回撤：-18.42%\n- 明年预期收益：9.80%'),
    ctx: { lang: 'zh', toolResults: [RISK_RESULT], toolNames: ['portfolio_risk'], userText: '我的组合风险大吗', ...C3 },
  },
  { name: 'clients and 24 more', answer: CLIENTS_EN, ctx: { lang: 'en', toolResults: [CLIENTS_RESULT], toolNames: ['list_clients'], userText: 'which clients are C3?' } },
  { name: 'rebalance table', answer: REBALANCE_EN, ctx: { lang: 'en', toolResults: [REBALANCE_RESULT], toolNames: ['check_rebalance'], userText: 'how should I rebalance?' } },
  {
    name: 'rebalance table, one invented cell',
    answer: REBALANCE_EN.replace('| Bonds | 35.00% | 50.00% |', '| Bonds | 35.00% | 48.70% |'),
    ctx: { lang: 'en', toolResults: [REBALANCE_RESULT], toolNames: ['check_rebalance'], userText: 'how should I rebalance?' },
  },
  { name: 'product quote', answer: PRODUCT_ZH, ctx: { lang: 'zh', toolResults: [PRODUCT_RESULT], toolNames: ['get_product'], userText: '景和科技创新股票A的管理费是多少', ...C3 } },
  {
    name: 'promise',
    answer: '您的组合市值 ¥1,234,567.89。\n这个产品保本保收益，放心买。\n年化波动率 12.35%。',
    ctx: { lang: 'zh', toolResults: [RISK_RESULT], userText: '我的组合' },
  },
  {
    name: 'suitability breach',
    answer: '您的组合市值 ¥1,234,567.89，年化波动率 12.35%。\n远航量化对冲一号近期表现亮眼。建议您适当配置远航量化对冲一号。',
    ctx: { lang: 'zh', toolResults: [RISK_RESULT], userText: '有什么推荐', ...C3 },
  },
  { name: 'long unit', answer: LONG_ZH, ctx: { lang: 'zh', toolResults: [REBALANCE_RESULT], userText: '我的配置怎么样' } },
  {
    name: 'long unit with a late invented figure',
    answer: LONG_ZH.replace('因此我们认为', '预计明年收益 7.65%，因此我们认为'),
    ctx: { lang: 'zh', toolResults: [REBALANCE_RESULT], userText: '我的配置怎么样' },
  },
];
