/**
 * What the offline planner knows of optimize_portfolio: the objectives (max Sharpe, min
 * volatility, target risk or return, risk parity, HRP, Black-Litterman with the
 * client's market views), caps on single holdings and turnover, and refinements of the
 * last proposal ("风险再低一点呢", "keep no single holding above 20%").
 */
import { label, money, pct, ratio, signedPct } from '../../lang/format.js';
import type { Utterance } from '../../lang/utterance.js';
import type { OptimizePortfolioResult } from '../contract-construction.js';
import type { ComposeInput, Step, ToolPlanner } from '../planning.js';
import { OBJECTIVE, pick } from '../shared/construction-labels.js';
import { classBandOf, maxWeightOf, optimizeSlotsOf } from '../shared/construction-slots.js';
import { call, carry, isZh, ownResult, whose } from '../shared/plan-kit.js';

const ALLOCATION_WORDS = /怎么配|配置|重新配|方案|最优|组合是什么样|组合要|allocat|mix\b|optimi|weights|portfolio (look|should|change)/;
const LOWER_RISK = /风险(再|更)?(低|小)|(再|更)(稳|稳健|保守)一?(点|些)?|波动(再|更)?(小|低)|less risk|lower risk|less risky|less volatil|safer|more conservative|too risky/;
/** A short message that only changes a number: "make it 4%", "try 5% instead", "改成8%呢". */
const BARE_CHANGE = /^(ok |so |and |then |what about |how about |try |make (it|that) |change (it|that) to |set (it|that) to |go (for|with) )?\d+(\.\d+)?\s*%( instead| then| please| pls)?\s*[?.!]*$|^(那|那就|改成|换成|调到|改为|设成)?\s*\d+(\.\d+)?\s*%\s*(呢|吧|试试|看看)?\s*[?？。!！]*$/;
const HIGHER_RETURN = /收益(再|更)?(高|多)|(再|更)(激进|进取)一?(点|些)?|more return|higher return|more aggressive|more growth/;

const TRADES_ASKED = /(卖|买|调)(哪些|什么|哪几)|交易清单|调整清单|具体(怎么|要)(买|卖|调)|what (do|should|would|will) (i|we) (have to |need to )?(buy|sell)|which (trades|ones to (buy|sell))|(list|show)( me)? the trades|what trades/;

interface OptimizeMemory {
  [k: string]: unknown;
  clientId: string;
  currency: string;
  objective: string;
  before?: { volatility: number; expectedReturn: number; sharpe?: number };
  after: { volatility: number; expectedReturn: number; sharpe?: number };
  prior?: { objective: string; after: { volatility: number; expectedReturn: number; sharpe?: number } };
  trades: { side: 'buy' | 'sell'; name: string; id: string; quantity: string; amount: string }[];
  tradeSummary: { buys: string; sells: string; cashChange: string };
}

/** "which of the two has the higher expected return?", "两个方案哪个波动更低": the last two proposals compared. */
const TWO_PLANS = /\bwhich (of the two|one|plan|version|of them|of those)\b|\bthe two (plans|proposals|versions|options)\b|\b(compare|comparing) (them|the two|both)\b|哪个(方案)?|两个方案|两种方案|两个哪个|哪种/;

/** The two proposals side by side: expected return, volatility and Sharpe, as shown. */
function twoPlansText(m: OptimizeMemory, lang: 'zh' | 'en'): string {
  const zh = isZh(lang);
  const p = m.prior!;
  const name = (o: string) => pick(OBJECTIVE, o as never, lang);
  const row = (o: string, a: OptimizeMemory['after']) =>
    zh
      ? `- ${name(o)}：预期年化收益 ${pct(a.expectedReturn)}，年化波动率 ${pct(a.volatility)}${a.sharpe !== undefined ? `，夏普比率 ${ratio(a.sharpe)}` : ''}`
      : `- ${name(o)}: expected annual return ${pct(a.expectedReturn)}, annual volatility ${pct(a.volatility)}${a.sharpe !== undefined ? `, Sharpe ratio ${ratio(a.sharpe)}` : ''}`;
  const higher = m.after.expectedReturn >= p.after.expectedReturn ? m.objective : p.objective;
  const calmer = m.after.volatility <= p.after.volatility ? m.objective : p.objective;
  return [
    zh ? '刚才的两个方案（模型测算，预期收益为长期资本市场假设）：' : 'The two proposals just shown (model estimates; expected returns from long-run capital-market assumptions):',
    row(p.objective, p.after),
    row(m.objective, m.after),
    zh
      ? `预期收益更高的是“${name(higher)}”，波动更低的是“${name(calmer)}”。仅供参考，不构成投资建议。`
      : `The higher expected return is the ${name(higher)} proposal; the lower volatility is the ${name(calmer)} one. For reference only, not investment advice.`,
  ].join('\n');
}

/** "what changes most?", "变化最大的是哪个": the largest trade of the proposal just shown. */
const MOST_CHANGED = /\bwhat (changes|moves|shifts)( the)? most\b|\b(biggest|largest) (change|trade|move|shift)\b|\bchanges? the most\b|变化最大|调整最大|变动最大|动得最多|(最大|最多)的(变化|调整|变动)/;

function biggestTradeText(m: OptimizeMemory, lang: 'zh' | 'en'): string {
  const zh = isZh(lang);
  const t = m.trades[0];
  if (!t) return zh ? '刚才的方案不需要交易：当前配置已接近该目标下的最优。' : 'The proposal just shown needs no trades: your mix is already close to the optimum.';
  return zh
    ? `刚才的方案里变化最大的是${t.side === 'buy' ? '增持' : '减持'} ${t.name}（${t.id}），约 ${money(t.amount, m.currency)}。这是模型测算的参考方案，不构成投资建议。`
    : `The biggest change in the proposal just shown is to ${t.side === 'buy' ? 'add to' : 'reduce'} ${t.name} (${t.id}), about ${money(t.amount, m.currency)}. This is a model proposal for reference, not investment advice.`;
}

/** "expected return before vs after?", "那调完以后预期收益多少": the figures of the proposal just shown. */
const BEFORE_AFTER = /before (vs\.?|versus|and|or|v\.?) after|\bafter (the|this|that) (change|rebalanc\w*|optimi[sz]ation|proposal)|调完(以)?后|调整(以)?后|优化(以)?后|优化前后|调整前后|前后(对比|比较|变化)|(expected return|volatility|sharpe|预期收益|波动|夏普).{0,12}(then|now|after|之后|以后)/;

function beforeAfterText(m: OptimizeMemory, lang: 'zh' | 'en'): string {
  const b = m.before!;
  const a = m.after;
  const sharpe = b.sharpe !== undefined && a.sharpe !== undefined;
  return isZh(lang)
    ? [`按刚才的方案（“${pick(OBJECTIVE, m.objective as never, lang)}”，模型测算）：`, `- 预期年化收益：${pct(b.expectedReturn)} → ${pct(a.expectedReturn)}`, `- 年化波动率：${pct(b.volatility)} → ${pct(a.volatility)}`, ...(sharpe ? [`- 夏普比率：${ratio(b.sharpe!)} → ${ratio(a.sharpe!)}`] : []), '预期收益为长期资本市场假设，并非预测，仅供参考。'].join('\n')
    : [`Under the proposal just shown (${pick(OBJECTIVE, m.objective as never, lang)}, model estimates):`, `- Expected annual return: ${pct(b.expectedReturn)} → ${pct(a.expectedReturn)}`, `- Annual volatility: ${pct(b.volatility)} → ${pct(a.volatility)}`, ...(sharpe ? [`- Sharpe ratio: ${ratio(b.sharpe!)} → ${ratio(a.sharpe!)}`] : []), 'Expected returns are long-run capital-market assumptions, not a forecast; for reference only.'].join('\n');
}

/** The trades of the proposal just shown, sells first. */
function tradesText(m: OptimizeMemory, lang: 'zh' | 'en'): string {
  const zh = isZh(lang);
  if (m.trades.length === 0) return zh ? '刚才的方案不需要交易：当前配置已接近该目标下的最优。' : 'The proposal just shown needs no trades: your mix is already close to the optimum.';
  const line = (t: OptimizeMemory['trades'][number]) =>
    zh ? `- ${t.side === 'buy' ? '买入' : '卖出'} ${t.name}（${t.id}）${t.quantity} 份/股，约 ${money(t.amount, m.currency)}` : `- ${t.side === 'buy' ? 'Buy' : 'Sell'} ${t.name} (${t.id}): ${t.quantity} units, about ${money(t.amount, m.currency)}`;
  const sells = m.trades.filter((t) => t.side === 'sell');
  const buys = m.trades.filter((t) => t.side === 'buy');
  return [
    zh ? '按刚才的优化方案：' : 'Under the proposal just shown:',
    ...(sells.length ? [zh ? '卖出：' : 'Sell:', ...sells.map(line)] : []),
    ...(buys.length ? [zh ? '买入：' : 'Buy:', ...buys.map(line)] : []),
    zh
      ? `合计卖出 ${money(m.tradeSummary.sells, m.currency)}，买入 ${money(m.tradeSummary.buys, m.currency)}。这是模型测算的参考方案，下单前请结合自身情况确认。`
      : `In total: sells ${money(m.tradeSummary.sells, m.currency)}, buys ${money(m.tradeSummary.buys, m.currency)}. This is a model proposal for reference; confirm before trading.`,
  ].join('\n');
}

function args(u: Utterance): Record<string, unknown> {
  const o = optimizeSlotsOf(u.norm);
  const mw = maxWeightOf(u.norm);
  const band = classBandOf(u.norm);
  return { ...o, ...(mw !== undefined ? { maxWeight: mw } : {}), ...(band !== undefined ? { classBand: band } : {}), ...(u.slots.riskFreeRate !== undefined ? { riskFreeRate: u.slots.riskFreeRate } : {}) };
}

/** Optimization proposal. */
function composeOptimize(r: OptimizePortfolioResult, input: ComposeInput): string {
  const lang = input.lang;
  const w = whose(input, r.clientId);
  const c = r.currency;
  const obj = pick(OBJECTIVE, r.objective, lang);
  const L: string[] = [];
  L.push(
    isZh(lang)
      ? `按“${obj}”目标，对${w.zh}的组合（市值 ${money(r.portfolioValue, c)}）的优化建议如下。预期收益来自资本市场假设 ${r.inputs.expectedReturns.cmaVersion}（各资产类别的长期假设，并非预测），波动率和相关性来自截至 ${r.asOf} 的历史数据：`
      : `Optimizing for ${obj}, here is the proposal for ${w.en} portfolio (value ${money(r.portfolioValue, c)}). Expected returns come from the capital-market assumptions ${r.inputs.expectedReturns.cmaVersion} (long-run figures per asset class, not a forecast); volatility and correlations from history to ${r.asOf}:`,
  );
  const b = r.before;
  const a = r.after;
  L.push(
    isZh(lang)
      ? `- 预期年化收益：${pct(b.expectedReturn)} → ${pct(a.expectedReturn)}\n- 年化波动率：${pct(b.volatility)} → ${pct(a.volatility)}\n- 夏普比率：${ratio(b.sharpe)} → ${ratio(a.sharpe)}`
      : `- Expected annual return: ${pct(b.expectedReturn)} → ${pct(a.expectedReturn)}\n- Annual volatility: ${pct(b.volatility)} → ${pct(a.volatility)}\n- Sharpe ratio: ${ratio(b.sharpe)} → ${ratio(a.sharpe)}`,
  );
  if (r.blackLitterman && r.blackLitterman.views.length > 0) {
    const v = r.blackLitterman.views
      .map((x) =>
        x.type === 'relative'
          ? isZh(lang) ? `${label(x.asset, lang)}跑赢${label(x.versus ?? '', lang)} ${pct(x.return)}` : `${label(x.asset, lang)} beats ${label(x.versus ?? '', lang)} by ${pct(x.return)}`
          : isZh(lang) ? `${label(x.asset, lang)}年回报 ${pct(x.return)}` : `${label(x.asset, lang)} returns ${pct(x.return)}`,
      )
      .join(isZh(lang) ? '；' : '; ');
    L.push(isZh(lang) ? `采用的观点：${v}。` : `Views used: ${v}.`);
  }
  L.push(isZh(lang) ? '\n持仓权重（当前 → 建议）：' : '\nWeights (current → proposed):');
  L.push(isZh(lang) ? '| 持仓 | 当前 | 建议 | 变化 |' : '| Holding | Current | Proposed | Change |', '|---|---|---|---|');
  const shown = [...r.holdings].sort((x, y) => Math.max(y.currentWeight, y.proposedWeight) - Math.max(x.currentWeight, x.proposedWeight)).slice(0, 10);
  for (const h of shown) L.push(`| ${h.name} (${h.instrumentId}) | ${pct(h.currentWeight)} | ${pct(h.proposedWeight)} | ${signedPct(h.change)} |`);
  // no count: holdings.length − shown.length is not a figure of the result
  if (r.holdings.length > shown.length) L.push(isZh(lang) ? '（其余较小的持仓未列出）' : '(smaller holdings not shown)');
  const moved = r.byAssetClass.filter((x) => Math.abs(x.change) >= 0.0005);
  if (moved.length > 0) {
    L.push(isZh(lang) ? '\n按资产类别：' : '\nBy asset class:');
    for (const x of moved) L.push(`- ${label(x.assetClass, lang)}: ${pct(x.currentWeight)} → ${pct(x.proposedWeight)}`);
  }
  if (r.trades.length > 0) {
    L.push(isZh(lang) ? '\n主要调整：' : '\nMain trades:');
    for (const t of [...r.trades].sort((x, y) => Number(y.amount) - Number(x.amount)).slice(0, 8)) {
      L.push(
        isZh(lang)
          ? `- ${t.side === 'buy' ? '增持' : '减持'} ${t.name} ${t.quantity} 份/股，约 ${money(t.amount, c)}`
          : `- ${t.side === 'buy' ? 'Add' : 'Reduce'} ${t.name}: ${t.quantity} units, about ${money(t.amount, c)}`,
      );
    }
    const s = r.tradeSummary;
    L.push(
      isZh(lang)
        ? `合计卖出 ${money(s.sells, c)}，买入 ${money(s.buys, c)}，现金变动 ${money(s.cashChange, c)}。`
        : `In total: sells ${money(s.sells, c)}, buys ${money(s.buys, c)}, cash change ${money(s.cashChange, c)}.`,
    );
  } else {
    L.push(isZh(lang) ? '\n当前配置已接近该目标下的最优，无需交易。' : '\nYour current mix is already close to the optimum for this objective: no trades needed.');
  }
  for (const n of r.notes.slice(0, 3)) L.push(`- ${n}`);
  L.push(
    isZh(lang)
      ? '以上为模型测算（预期收益为长期资本市场假设，风险基于历史数据），仅供参考；高于您风险等级的产品不会被增持。'
      : 'These are model estimates (expected returns from long-run capital-market assumptions, risk from history), for reference only; no product above your risk level is increased.',
  );
  return L.join('\n');
}


export const optimizePortfolioPlanner: ToolPlanner<OptimizePortfolioResult> = {
  intents: [
    {
      id: 'optimize',
      label: { zh: '优化组合配置', en: 'optimizing your portfolio' },
      zh: [['优化', 3.5], ['最大化夏普', 3], ['夏普最大', 3], ['最优', 3], ['有效前沿', 3], ['最小方差', 3], ['怎么配置', 2], ['怎么配', 2.5], ['配置建议', 2.5], ['配置方案', 2.5], ['调整组合', 2.5], ['调一下组合', 3], ['组合要怎么调', 3], ['调得更好', 2.5], ['风险平价', 4], ['重新配', 2.5], ['观点', 2], ['组合是什么样', 2], ['更好', 2], ['调成', 2.5], ['怎么调', 2], ['最佳配置', 3], ['最大化', 2], ['收益最高', 2], ['重新分配', 3], ['重新配置', 3], ['资产配置建议', 2], ['分配', 1.5], ['调整仓位', 2], ['调仓位', 2], ['调一下仓位', 2.5], ['调一调', 3], ['风险收益比', 2.5], ['性价比', 1.5]],
      en: [['optimize', 3.5], ['optimise', 3.5], ['optimization', 3.5], ['optimisation', 3.5], ['optimal', 3], ['efficient frontier', 3], ['max sharpe', 3], ['maximize sharpe', 3], ['best sharpe', 3], ['minimum volatility', 3], ['better allocation', 2.5], ['improve my portfolio', 3], ['risk parity', 4], ['better way to allocate', 3], ['allocate my money', 2.5], ['highest return', 2], ['version of my portfolio', 2.5], ['portfolio change', 2.5], ['mix that', 2], ['better', 1.5], ['reallocate', 3], ['rebuild my portfolio', 3], ['maximise', 2], ['maximize', 2], ['minimise', 2], ['minimize', 2], ['restructure', 3], ['best mix', 3], ['lowest volatility', 2.5], ['least risky', 2], ['optimum', 3], ['allocation for', 1.5], ['suggest a', 1.5], ['propose', 1.5], ['capped', 2.5], ['cap it', 2.5], ['cap at', 2], ['less risky', 3.5], ['safer', 3], ['lower volatility', 3], ['风险低一点', 3], ['更稳', 2.5], ['risk-reward', 2], ['factor that in', 2.5], ['target+volatility', 2], ['max+return', 1.5], ['maximize+return', 1.5], ['maximise+return', 1.5]],
      productsAreArgs: true,
      bias(u, score) {
        const o = optimizeSlotsOf(u.norm);
        if (o.views) return 5; // a market view is a Black-Litterman request
        if (o.objective && (score('optimize') > 0 || ALLOCATION_WORDS.test(u.norm))) return o.targetReturn || o.targetVolatility ? 4.5 : 3;
        return 0;
      },
    },
  ],
  plan: (u, intent) => call(intent, 'optimize_portfolio', args(u)),
  followUp(u, prev, env) {
    const next = args(u);
    const shown = env.dialogue.memory.optimize_portfolio as OptimizeMemory | undefined;
    // the proposal just shown, when it is the last call's client's; `asIs` when the message changes none of its arguments
    const m0 = shown && (env.role !== 'advisor' || shown.clientId === prev.args.clientId) ? shown : undefined;
    const asIs = m0 && Object.keys(next).length === 0 ? m0 : undefined;
    const say = (text: string): Step => ({ kind: 'say', intent: 'optimize', text, from: 'optimize_portfolio' });
    if (m0 && TRADES_ASKED.test(u.norm)) return say(tradesText(m0, u.lang));
    if (asIs && MOST_CHANGED.test(u.norm)) return say(biggestTradeText(asIs, u.lang));
    if (asIs?.before && BEFORE_AFTER.test(u.norm)) return say(beforeAfterText(asIs, u.lang));
    if (asIs?.prior && TWO_PLANS.test(u.norm)) return say(twoPlansText(asIs, u.lang));
    const lower = LOWER_RISK.test(u.norm);
    const higher = HIGHER_RETURN.test(u.norm);
    // "make it 4%", "改成8%呢": a bare percent replaces the target just used
    if (Object.keys(next).length === 0 && u.slots.percents.length === 1 && BARE_CHANGE.test(u.norm)) {
      const v = u.slots.percents[0];
      if (prev.args.targetVolatility !== undefined) next.targetVolatility = v;
      else if (prev.args.targetReturn !== undefined) next.targetReturn = v;
    }
    if (Object.keys(next).length === 0 && !lower && !higher) return undefined;
    const keep = ['clientId', 'maxWeight', 'maxTurnover', 'riskFreeRate', 'classBand', ...(next.objective ? [] : ['objective', 'targetVolatility', 'targetReturn', 'views'])];
    const a = carry(prev, next, keep);
    if (lower && !next.objective) {
      delete a.targetReturn;
      delete a.views;
      if (shown?.after) Object.assign(a, { objective: 'efficient-risk', targetVolatility: Math.round(shown.after.volatility * 0.8 * 1000) / 1000 });
      else a.objective = 'min-volatility';
    } else if (higher && !next.objective) {
      delete a.targetVolatility;
      delete a.views;
      if (shown?.after) Object.assign(a, { objective: 'efficient-return', targetReturn: Math.round(shown.after.expectedReturn * 1.2 * 1000) / 1000 });
      else a.objective = 'max-sharpe';
    }
    return call('optimize', 'optimize_portfolio', a);
  },
  compose(input) {
    const own = ownResult<OptimizePortfolioResult>(input);
    return 'failed' in own ? own.failed : composeOptimize(own.result, input);
  },
  remember: (r, _args, before): OptimizeMemory => ({
    clientId: r.clientId,
    objective: r.objective,
    // the proposal shown before this one, for "which of the two…?"
    ...(before && (before as Partial<OptimizeMemory>).after && (before as Partial<OptimizeMemory>).clientId === r.clientId
      ? { prior: { objective: (before as { objective: string }).objective, after: (before as OptimizeMemory).after } }
      : {}),
    before: r.before,
    after: r.after,
    currency: r.currency,
    trades: [...r.trades].sort((x, y) => Number(y.amount) - Number(x.amount)).slice(0, 12).map((t) => ({ side: t.side, name: t.name, id: t.instrumentId, quantity: t.quantity, amount: t.amount })),
    tradeSummary: r.tradeSummary,
    subject: { clientId: r.clientId },
  }),
};
