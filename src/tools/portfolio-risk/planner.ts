/**
 * What the offline planner knows of portfolio_risk: volatility, VaR/CVaR, drawdown,
 * Sharpe, beta, concentration and risk contributions; the user's words choose what the
 * answer leads with; follow-ups change the confidence, the risk-free rate, the window
 * or the currency ("99%的呢？", "over the last year?").
 */
import { money, pct, ratio } from '../../lang/format.js';
import type { Lang } from '../../vocab.js';
import type { Slots } from '../../lang/slots.js';
import type { ComposeInput, ToolPlanner } from '../planning.js';
import { call, carry, isZh, ownResult, whose } from '../shared/plan-kit.js';
import type { PortfolioRiskResult, VarFigure } from '../contract.js';

const LOOKBACK: Partial<Record<string, number>> = { '3M': 63, '6M': 126, '1Y': 252, '3Y': 756 };

function args(s: Slots, u?: { norm: string; benchmark?: string }): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  if (u?.benchmark) a.benchmark = u.benchmark;
  // "用过去两年的数据算", "over 2 years of history": the window in trading days
  if (u && s.horizonYears && s.horizonYears <= 4 && /数据|历史|data|history|window|lookback|过去|past|last/.test(u.norm)) a.lookbackDays = Math.round(252 * s.horizonYears);
  if (s.riskFreeRate !== undefined) a.riskFreeRate = s.riskFreeRate;
  if (s.currency) a.currency = s.currency;
  // "use just the last year of data", "近一年的数据"
  if (u && a.lookbackDays === undefined && /(last|past|latest) (year|12 months)\b.{0,16}(data|history)|(data|history).{0,16}(last|past) (year|12 months)|(一|1)年的?(数据|历史)/.test(u.norm)) a.lookbackDays = 252;
  const lb = s.periods.map((p) => LOOKBACK[p]).find((x) => x !== undefined);
  if (lb && a.lookbackDays === undefined) a.lookbackDays = lb;
  return a;
}

type Focus = 'drawdown' | 'var' | 'sharpe' | 'vol' | 'beta' | 'concentration' | 'contrib';
const FOCUS: [Focus, RegExp][] = [
  ['drawdown', /回撤|drawdown|跌得|crash|大跌|暴跌/],
  ['var', /var\b|在险|shortfall|cvar|亏多少|lose|bad day|极端|最多可能亏|downside|下行/],
  ['sharpe', /夏普|sharpe|sortino|索提诺/],
  ['vol', /波动|volatil|\bvol\b/],
  ['beta', /贝塔|beta/],
  ['concentration', /集中|concentrat|hhi/],
  ['contrib', /贡献|contribut/],
];

function varLine(v: VarFigure, cur: string, lang: Lang): string {
  const conf = `${Math.round(v.confidence * 100)}%`;
  const method = isZh(lang) ? (v.method === 'historical' ? '历史法' : '参数法') : v.method;
  return isZh(lang)
    ? `- ${conf} ${v.horizonDays}日VaR（${method}）：${pct(v.var)}，约 ${money(v.varAmount, cur)}；CVaR ${pct(v.cvar)}，约 ${money(v.cvarAmount, cur)}`
    : `- ${conf} ${v.horizonDays}-day VaR (${method}): ${pct(v.var)}, about ${money(v.varAmount, cur)}; CVaR ${pct(v.cvar)}, about ${money(v.cvarAmount, cur)}`;
}

/** Risk answer; the user's words choose what leads (e.g. only max drawdown when asked). */
function composeRisk(q: string, r: PortfolioRiskResult, input: ComposeInput): string {
  const lang = input.lang;
  const w = whose(input, r.clientId, r.clientName);
  const focus = new Set(FOCUS.filter(([, re]) => re.test(q)).map(([f]) => f));
  const general = /风险大|风险高|风险怎么样|风险如何|有多大风险|risky|how much risk|risk (level|profile) of my portfolio|overall risk/.test(q);
  const all = focus.size === 0 || general;
  const c = r.currency;
  const returnAsked = /收益|回报|return|expected|预期/.test(q);
  const lines: string[] = [
    isZh(lang)
      ? `${w.zh}的组合（市值 ${money(r.portfolioValue, c)}）按当前持仓权重回溯截至 ${r.asOf} 的 ${r.observations} 个交易日，已实现的历史表现：`
      : `Realized history of ${w.en} portfolio (value ${money(r.portfolioValue, c)}) at today's weights, over ${r.observations} trading days to ${r.asOf}:`,
  ];
  if (all || returnAsked) lines.push(isZh(lang) ? `- 历史年化收益：${pct(r.annualReturn)}` : `- Historical annual return: ${pct(r.annualReturn)}`);
  if (all || focus.has('vol')) lines.push(isZh(lang) ? `- 年化波动率：${pct(r.annualVolatility)}` : `- Annualized volatility: ${pct(r.annualVolatility)}`);
  if (all || focus.has('drawdown')) lines.push(isZh(lang) ? `- 最大回撤：${pct(r.maxDrawdown)}` : `- Maximum drawdown: ${pct(r.maxDrawdown)}`);
  if (all || focus.has('var')) {
    const want = /99/.test(q) ? 0.99 : 0.95;
    const both = /99/.test(q) && /95/.test(q);
    for (const v of r.var) {
      if (v.method !== 'historical' && !/参数|parametric/.test(q)) continue;
      if (!both && v.confidence !== want) continue;
      lines.push(varLine(v, c, lang));
    }
  }
  if (all || focus.has('sharpe')) {
    lines.push(
      isZh(lang)
        ? `- 夏普比率：${ratio(r.sharpe)}（无风险利率 ${pct(r.riskFreeRate)}），索提诺比率：${ratio(r.sortino)}`
        : `- Sharpe ratio: ${ratio(r.sharpe)} (risk-free rate ${pct(r.riskFreeRate)}), Sortino: ${ratio(r.sortino)}`,
    );
  }
  if ((all || focus.has('beta')) && r.beta !== null && r.benchmark) {
    lines.push(isZh(lang) ? `- 相对${r.benchmark.name}的贝塔：${ratio(r.beta)}` : `- Beta to ${r.benchmark.nameEn}: ${ratio(r.beta)}`);
  }
  if (all || focus.has('concentration')) {
    const top = r.concentration.top.slice(0, 3).map((t) => `${t.name} ${pct(t.weight)}`).join(isZh(lang) ? '、' : ', ');
    lines.push(isZh(lang) ? `- 集中度：HHI ${ratio(r.concentration.hhi)}，前几大持仓 ${top}` : `- Concentration: HHI ${ratio(r.concentration.hhi)}; largest positions ${top}`);
  }
  if (all || focus.has('contrib')) {
    const top = r.riskContributors.slice(0, 3).map((t) => `${t.name} ${pct(t.contribution)}`).join(isZh(lang) ? '、' : ', ');
    lines.push(isZh(lang) ? `- 风险贡献最大的持仓：${top}` : `- Largest risk contributors: ${top}`);
  }
  lines.push(isZh(lang) ? '以上为基于历史数据的估计，不代表未来的收益或损失上限。' : 'These are estimates from history, not a forecast and not a limit on future losses.');
  if (all || returnAsked || focus.has('vol')) {
    const e = r.expected;
    lines.push(
      isZh(lang)
        ? `长期假设（资本市场假设 ${e.cmaVersion}，按当前配置，为长期假设，并非预测）：预期年化收益 ${pct(e.expectedReturn)}，预期年化波动率 ${pct(e.volatility)}。`
        : `Long-run assumptions (capital-market assumptions ${e.cmaVersion} for the current mix; not a forecast): expected annual return ${pct(e.expectedReturn)}, expected annual volatility ${pct(e.volatility)}.`,
    );
  }
  return lines.join('\n');
}


export const portfolioRiskPlanner: ToolPlanner<PortfolioRiskResult> = {
  intents: [
    {
      id: 'risk',
      offer: ['client'],
      label: { zh: '组合风险（波动、回撤、VaR）', en: 'your portfolio risk (volatility, drawdown, VaR)' },
      zh: [['风险大', 3], ['预期年化', 3.5], ['预期收益', 3.5], ['跌得最多', 3], ['最大跌幅', 3.5], ['风险来源', 3], ['风险高', 3], ['风险怎么样', 3], ['组合+风险', 2], ['波动', 3], ['var', 3], ['在险价值', 3.5], ['回撤', 3.5], ['夏普', 3.5], ['索提诺', 3.5], ['贝塔', 3.5], ['beta', 3.5], ['集中', 3], ['亏多少', 2.5], ['最多可能亏', 3], ['会亏', 1.5], ['跌得', 1.5], ['大跌', 2], ['暴跌', 2.5], ['极端', 2], ['风险贡献', 3.5], ['贡献', 2.5], ['volatility', 3], ['hhi', 3], ['下行风险', 3], ['风险', 1], ['风险最大', 3], ['风险最高', 3], ['风险指标', 3.5], ['风险敞口', 3], ['重仓', 2], ['押', 1.5], ['太重', 1.5], ['过于集中', 3], ['分散', 2], ['单一', 1.5], ['压力测试', 3], ['最坏', 2.5], ['波幅', 3]],
      en: [['risky', 3], ['portfolio risk', 2.5], ['expected return', 3.5], ['worst drop', 3.5], ['biggest drop', 3.5], ['worst fall', 3.5], ['drop', 1.5], ['driving my risk', 3], ['driving the risk', 3], ['contributor', 3], ['risk', 1], ['volatility', 3], ['volatile', 3], ['vol', 2], ['var', 3], ['value at risk', 3.5], ['cvar', 3.5], ['expected shortfall', 3.5], ['shortfall', 2], ['drawdown', 3.5], ['sharpe', 3.5], ['sortino', 3.5], ['beta', 3], ['concentrated', 3], ['concentration', 3], ['could i lose', 3], ['lose', 1.5], ['bad day', 2], ['crash', 2], ['downside', 2.5], ['contribute most to risk', 3], ['risk contribution', 3], ['hit', 0.5], ['most risk', 3], ['riskiest', 3], ['risk metric', 3.5], ['risk number', 3.5], ['exposed', 2.5], ['exposure', 2.5], ['overexposed', 3], ['overweight', 2], ['diversified', 2.5], ['diversification', 2.5], ['worst case', 2.5], ['stress', 2], ['swing', 1.5], ['how risky', 3.5], ['worried about the risk', 3], ['should i be worried', 2], ['too concentrated', 3]],
      bias: (u) =>
        (u.slots.confidence ? 1.5 : 0) +
        (u.slots.riskFreeRate !== undefined ? 1.5 : 0) +
        // "assuming a 6% expected return" states an assumption (a goal's, an optimizer's); it does not ask for ours
        (u.slots.percents.length > 0 && /expected return|预期(年化|收益)/.test(u.norm) ? -3.5 : 0),
    },
  ],
  plan: (u, intent) => call(intent, 'portfolio_risk', args(u.slots, u)),
  followUp(u, prev) {
    const s = u.slots;
    const next = args(s, u);
    // A calendar year ("and last year?") is a performance question, not a risk window.
    // "and at 99?" after a VaR: the same call (the answer shows both confidence levels)
    const confidence = s.confidence ?? (/(^|\s)(at |and |and at |what about )?(99|95)(%|\.0)?\s*\??$/.test(u.norm) ? 1 : undefined);
    if (Object.keys(next).length === 0 && !confidence) return undefined;
    return call('risk', 'portfolio_risk', carry(prev, next, ['clientId', 'currency', 'riskFreeRate', 'lookbackDays']));
  },
  compose(input) {
    const own = ownResult<PortfolioRiskResult>(input);
    return 'failed' in own ? own.failed : composeRisk(input.q, own.result, input);
  },
  remember: (r) => ({
    clientId: r.clientId,
    asOf: r.asOf,
    annualVolatility: r.annualVolatility,
    maxDrawdown: r.maxDrawdown,
    sharpe: r.sharpe,
    subject: { clientId: r.clientId, name: r.clientName },
  }),
};
