/**
 * Answers for `portfolio_risk` and `list_clients`, and a generic summary for tools
 * whose composer is not written yet. Figures are copied from the results.
 */
import type { ListClientsResult, PortfolioRiskResult, VarFigure } from '../../tools/contract.js';
import type { Lang } from '../../tools/types.js';
import { money, pct, ratio } from './format.js';

const zh = (lang: Lang) => lang === 'zh';

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
  const method = zh(lang) ? (v.method === 'historical' ? '历史法' : '参数法') : v.method;
  return zh(lang)
    ? `- ${conf} ${v.horizonDays}日VaR（${method}）：${pct(v.var)}，约 ${money(v.varAmount, cur)}；CVaR ${pct(v.cvar)}，约 ${money(v.cvarAmount, cur)}`
    : `- ${conf} ${v.horizonDays}-day VaR (${method}): ${pct(v.var)}, about ${money(v.varAmount, cur)}; CVaR ${pct(v.cvar)}, about ${money(v.cvarAmount, cur)}`;
}

/** Risk answer; the user's words choose what leads (e.g. only max drawdown when asked). */
export function composeRisk(q: string, r: PortfolioRiskResult, lang: Lang): string {
  const focus = new Set(FOCUS.filter(([, re]) => re.test(q)).map(([f]) => f));
  const general = /风险大|风险高|风险怎么样|风险如何|有多大风险|risky|how much risk|risk (level|profile) of my portfolio|overall risk/.test(q);
  const all = focus.size === 0 || general;
  const c = r.currency;
  const lines: string[] = [
    zh(lang)
      ? `基于截至 ${r.asOf} 的 ${r.observations} 个交易日数据，您的组合（市值 ${money(r.portfolioValue, c)}）：`
      : `Based on ${r.observations} trading days to ${r.asOf}, for your portfolio (value ${money(r.portfolioValue, c)}):`,
  ];
  if (all || focus.has('vol')) lines.push(zh(lang) ? `- 年化波动率：${pct(r.annualVolatility)}` : `- Annualized volatility: ${pct(r.annualVolatility)}`);
  if (all || focus.has('drawdown')) lines.push(zh(lang) ? `- 最大回撤：${pct(r.maxDrawdown)}` : `- Maximum drawdown: ${pct(r.maxDrawdown)}`);
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
      zh(lang)
        ? `- 夏普比率：${ratio(r.sharpe)}（无风险利率 ${pct(r.riskFreeRate)}），索提诺比率：${ratio(r.sortino)}`
        : `- Sharpe ratio: ${ratio(r.sharpe)} (risk-free rate ${pct(r.riskFreeRate)}), Sortino: ${ratio(r.sortino)}`,
    );
  }
  if ((all || focus.has('beta')) && r.beta !== null && r.benchmark) {
    lines.push(zh(lang) ? `- 相对${r.benchmark.name}的贝塔：${ratio(r.beta)}` : `- Beta to ${r.benchmark.nameEn}: ${ratio(r.beta)}`);
  }
  if (all || focus.has('concentration')) {
    const top = r.concentration.top.slice(0, 3).map((t) => `${t.name} ${pct(t.weight)}`).join(zh(lang) ? '、' : ', ');
    lines.push(zh(lang) ? `- 集中度：HHI ${ratio(r.concentration.hhi)}，前几大持仓 ${top}` : `- Concentration: HHI ${ratio(r.concentration.hhi)}; largest positions ${top}`);
  }
  if (all || focus.has('contrib')) {
    const top = r.riskContributors.slice(0, 3).map((t) => `${t.name} ${pct(t.contribution)}`).join(zh(lang) ? '、' : ', ');
    lines.push(zh(lang) ? `- 风险贡献最大的持仓：${top}` : `- Largest risk contributors: ${top}`);
  }
  lines.push(zh(lang) ? '以上为基于历史数据的估计，不代表未来的损失上限。' : 'These are estimates from history, not a limit on future losses.');
  return lines.join('\n');
}

/** Advisor book listing. */
export function composeClients(r: ListClientsResult, lang: Lang): string {
  const lines = [zh(lang) ? `符合条件的客户共 ${r.total} 位（截至 ${r.asOf}）：` : `${r.total} client(s) match (as of ${r.asOf}):`];
  for (const c of r.clients.slice(0, 20)) {
    const prof = c.riskProfile ? `C${c.riskProfile}${c.profileExpired ? (zh(lang) ? '（已过期）' : ' (expired)') : ''}` : zh(lang) ? '未测评' : 'no profile';
    const drift = c.maxDriftClass ? `${zh(lang) ? '最大偏离' : 'max drift'} ${pct(c.maxDrift)} (${c.maxDriftClass})` : '';
    lines.push(`- ${c.name} (${c.id}) ${prof}, ${money(c.totalValue, c.baseCurrency)}${drift ? `, ${drift}` : ''}`);
  }
  if (r.clients.length > 20) lines.push(zh(lang) ? `……另有 ${r.clients.length - 20} 位` : `… and ${r.clients.length - 20} more`);
  return lines.join('\n');
}

/** A plain summary of a result's top-level figures, for tools without a dedicated composer. */
export function composeGeneric(name: string, output: unknown, lang: Lang): string {
  const lines = [zh(lang) ? `${name} 的结果：` : `Result of ${name}:`];
  if (output && typeof output === 'object') {
    for (const [k, v] of Object.entries(output as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') lines.push(`- ${k}: ${String(v)}`);
    }
  }
  return lines.join('\n');
}
