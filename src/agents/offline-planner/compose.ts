/**
 * Final answers composed from tool results, in the user's language. Every figure is
 * copied from a result (formatted, never recomputed), and no answer promises a return.
 * The user's wording picks the focus (allocation vs holdings, drawdown vs VaR …).
 */
import type {
  AssessRiskProfileResult,
  GetPerformanceResult,
  GetPortfolioResult,
  QuestionView,
  RiskProfileView,
} from '../../tools/contract.js';
import type { Lang } from '../../tools/types.js';
import { composeBacktest, composeGoal, composeOptimize, composeRebalance } from './compose-construction.js';
import { composeProductAnswer, type PassageView, type ProductFactsView } from './compose-products.js';
import { composeClients, composeGeneric, composeRisk } from './compose-risk.js';
import { label, money, pct, periodLabel, signedMoney, signedPct } from './format.js';

export interface ToolOutcome {
  name: string;
  args: Record<string, unknown>;
  /** Parsed tool output: the result, or `{error:{code,message}}`. */
  output: unknown;
}

const zh = (lang: Lang) => lang === 'zh';

/** The answer for the user's `text` from the outcomes of this turn's tool calls. */
export function composeAnswer(text: string, outcomes: ToolOutcome[], lang: Lang): string {
  const q = text.toLowerCase();
  const productish = outcomes.filter((o) => PRODUCT_TOOLS.has(o.name));
  const parts = outcomes.filter((o) => !PRODUCT_TOOLS.has(o.name)).map((o) => composeOne(q, o, lang));
  if (productish.length > 0) parts.push(composeProducts(q, productish, lang));
  return parts.join('\n\n');
}

const PRODUCT_TOOLS = new Set(['get_product', 'search_documents']);

/** One answer from this turn's get_product and search_documents outcomes (citations numbered across search calls). */
function composeProducts(q: string, outcomes: ToolOutcome[], lang: Lang): string {
  const products: { query: string; product?: ProductFactsView }[] = [];
  const passages: PassageView[] = [];
  let offset = 0;
  let searched = false;
  for (const o of outcomes) {
    const out = o.output as { product?: ProductFactsView; passages?: PassageView[]; error?: unknown } | null;
    if (o.name === 'get_product') products.push({ query: String(o.args.query ?? ''), product: out?.product });
    else {
      searched = true; // an error counts as nothing found
      const ps = Array.isArray(out?.passages) ? out.passages : [];
      for (const p of ps) passages.push({ ...p, n: offset + p.n });
      offset += ps.length;
    }
  }
  return composeProductAnswer(q, products, searched ? { passages, offset: 0 } : undefined, lang);
}

function composeOne(q: string, o: ToolOutcome, lang: Lang): string {
  const err = (o.output as { error?: { code?: string; message?: string } } | null)?.error;
  if (err) {
    return zh(lang)
      ? `抱歉，查询时出了问题（${err.message ?? err.code ?? '未知错误'}），请稍后再试或换个说法。`
      : `Sorry, I could not get that (${err.message ?? err.code ?? 'unknown error'}). Please try again or rephrase.`;
  }
  switch (o.name) {
    case 'get_portfolio':
      return composePortfolio(q, o.output as GetPortfolioResult, lang);
    case 'get_performance':
      return composePerformance(o.output as GetPerformanceResult, lang);
    case 'assess_risk_profile':
      return composeProfile(o.output as AssessRiskProfileResult, lang);
    case 'portfolio_risk':
      return composeRisk(q, o.output as never, lang);
    case 'list_clients':
      return composeClients(o.output as never, lang);
    case 'optimize_portfolio':
      return composeOptimize(o.output as never, lang);
    case 'check_rebalance':
      return composeRebalance(o.output as never, lang);
    case 'project_goal':
      return composeGoal(o.output as never, lang);
    case 'backtest_strategy':
      return composeBacktest(o.output as never, lang);
    default:
      return composeGeneric(o.name, o.output, lang);
  }
}

function composePortfolio(q: string, r: GetPortfolioResult, lang: Lang): string {
  const c = r.currency;
  const lines: string[] = [];
  const who = r.clientName ? (zh(lang) ? `${r.clientName}的组合` : `${r.clientName}'s portfolio`) : '';
  lines.push(
    zh(lang)
      ? `截至 ${r.asOf}，${who || '您的组合'}总市值为 ${money(r.totalValue, c)}，成本 ${money(r.totalCost, c)}，浮动盈亏 ${signedMoney(r.unrealizedPnl, c)}（${signedPct(r.unrealizedPnlPct)}）。`
      : `As of ${r.asOf}, ${who || 'your portfolio'} is worth ${money(r.totalValue, c)} (cost ${money(r.totalCost, c)}), an unrealized P&L of ${signedMoney(r.unrealizedPnl, c)} (${signedPct(r.unrealizedPnlPct)}).`,
  );
  const byCurrency = /币种|货币|currenc/.test(q);
  const byRegion = /地区|区域|region|where/.test(q);
  const holdingsFocus = /持仓|持有|买了|哪些|哪几|股票|基金|holding|position|own|losing|亏损|gain|each/.test(q);
  const slices = byCurrency ? r.allocation.byCurrency : byRegion ? r.allocation.byRegion : r.allocation.byAssetClass;
  const title = byCurrency
    ? zh(lang) ? '按币种' : 'By currency'
    : byRegion
      ? zh(lang) ? '按地区' : 'By region'
      : zh(lang) ? '按资产类别' : 'By asset class';
  lines.push(`${title}${zh(lang) ? '：' : ':'}`);
  for (const s of slices) lines.push(`- ${label(s.key, lang)}: ${money(s.value, c)} (${pct(s.weight)})`);
  if (holdingsFocus) {
    const top = /亏|losing|loss/.test(q) ? r.holdings.filter((h) => h.unrealizedPnl.startsWith('-')) : r.holdings.slice(0, 10);
    lines.push(zh(lang) ? (/亏|losing|loss/.test(q) ? '浮亏的持仓：' : '主要持仓：') : /losing|loss/.test(q) ? 'Positions at a loss:' : 'Main holdings:');
    if (top.length === 0) lines.push(zh(lang) ? '- 目前没有浮亏的持仓。' : '- None of your positions is at a loss.');
    for (const h of top) {
      lines.push(`- ${zh(lang) ? h.name : h.nameEn} (${h.instrumentId}): ${money(h.marketValue, c)}, ${pct(h.weight)}, ${zh(lang) ? '盈亏' : 'P&L'} ${signedMoney(h.unrealizedPnl, c)} (${signedPct(h.unrealizedPnlPct)})`);
    }
  }
  return lines.join('\n');
}

function composePerformance(r: GetPerformanceResult, lang: Lang): string {
  const bench = zh(lang) ? r.benchmark.name : r.benchmark.nameEn;
  const lines = [
    zh(lang)
      ? `截至 ${r.asOf}，您组合的时间加权收益率（基准：${bench}）：`
      : `Time-weighted returns as of ${r.asOf} (benchmark: ${bench}):`,
  ];
  for (const p of r.periods) {
    const ann = p.annualized !== null ? (zh(lang) ? `，年化 ${pct(p.annualized)}` : `, annualized ${pct(p.annualized)}`) : '';
    const b =
      p.benchmarkReturn !== null
        ? zh(lang)
          ? `，基准 ${signedPct(p.benchmarkReturn)}，超额 ${signedPct(p.excessReturn ?? 0)}`
          : `, benchmark ${signedPct(p.benchmarkReturn)}, excess ${signedPct(p.excessReturn ?? 0)}`
        : '';
    lines.push(
      `- ${periodLabel(p.period, lang)} (${p.start} – ${p.end}): ${signedPct(p.return)}${ann}${b}${zh(lang) ? '，盈亏 ' : ', P&L '}${signedMoney(p.pnl, r.currency)}`,
    );
  }
  lines.push(zh(lang) ? '过往业绩不代表未来表现。' : 'Past performance is not a guide to future returns.');
  return lines.join('\n');
}

function profileLine(p: RiskProfileView, lang: Lang): string {
  return zh(lang)
    ? `您的风险等级为 ${p.label}（得分 ${p.score}），评估日期 ${p.assessedAt}，有效期至 ${p.expiresAt}${p.expired ? '（已过期，建议重新测评）' : ''}。可购买风险等级不高于 R${p.maxProductRisk} 的产品。`
    : `Your risk profile is ${p.label} (score ${p.score}), assessed on ${p.assessedAt}, valid until ${p.expiresAt}${p.expired ? ' (expired: please retake the questionnaire)' : ''}. Products up to risk level R${p.maxProductRisk} are suitable for you.`;
}

function questionLines(q: QuestionView, lang: Lang): string {
  const head = zh(lang) ? `第 ${q.index}/${q.total} 题：${q.text}` : `Question ${q.index} of ${q.total}: ${q.text}`;
  return [head, ...q.options.map((o) => `${o.key}. ${o.text}`), zh(lang) ? '请回复选项字母。' : 'Reply with the letter of your choice.'].join('\n');
}

function composeProfile(r: AssessRiskProfileResult, lang: Lang): string {
  switch (r.status) {
    case 'profile':
      return r.profile
        ? profileLine(r.profile, lang)
        : zh(lang)
          ? '您还没有有效的风险测评。回复“开始风险测评”即可开始问卷。'
          : 'You do not have a risk profile yet. Say "start the risk questionnaire" to begin.';
    case 'question':
      return questionLines(r.question, lang);
    case 'invalid_answer':
      return `${r.message}\n${questionLines(r.question, lang)}`;
    case 'completed': {
      const reasons = r.profile.reasons.length > 0 ? `\n${r.profile.reasons.map((x) => `- ${x}`).join('\n')}` : '';
      const head = zh(lang) ? '测评完成。' : 'Questionnaire complete.';
      return `${head}${profileLine(r.profile, lang)}${reasons}`;
    }
    case 'cancelled':
      return zh(lang) ? '已取消风险测评，之前的测评结果保持不变。' : 'The questionnaire is cancelled; your previous profile stays as it was.';
  }
}
