/**
 * What the offline planner knows of get_portfolio: the words for "what do I have / what is
 * it worth / how is it split", follow-ups answered from the figures just shown ("how much
 * of that is in bonds?", "哪个持仓最大？"), and market or rate questions we do not forecast
 * ("美联储降息对我的债券基金有什么影响？"): those are answered with the client's own
 * exposure, what the documents say, and a plain statement that no forecast is given
 * (`outlook.ts`).
 */
import { label, money, pct, signedMoney, signedPct } from '../../lang/format.js';
import { catalogInstruments, namedInstruments } from '../../rag/product-names.js';
import type { Utterance } from '../../lang/utterance.js';
import type { ComposeInput, Memory, PlanCall, PlanEnv, Step, ToolPlanner } from '../planning.js';
import { documentsCall } from '../search-documents/compose.js';
import { call, isZh, ownResult, whose } from '../shared/plan-kit.js';
import type { AllocationSlice, AssessRiskProfileResult, GetPortfolioResult } from '../contract.js';
import { OUTLOOK_EN, OUTLOOK_ZH, composeOutlook, marketTopic, outlookHoldings } from './outlook.js';
import { asksLargest, classesIn } from './words.js';


/** A rate, currency, tax or crypto question ("what if rates fall…"): not answered from the slice shown. */
const asksMarket = (norm: string) => {
  const t = marketTopic(norm);
  return t !== undefined && t !== 'equity';
};

/** Holdings the question names by name, short name or code. */
function namedHoldings(q: string, r: GetPortfolioResult): GetPortfolioResult['holdings'] {
  const stocks = new Set(namedInstruments(q, catalogInstruments().stocks));
  return r.holdings.filter((h) => stocks.has(h.instrumentId) || [h.name, h.nameEn, h.instrumentId].some((n) => n.length >= 2 && q.includes(n.toLowerCase()))).slice(0, 3);
}

/** "我持有的产品里有没有超出我风险等级的？", "do I hold anything above my risk level?" */
const ABOVE_PROFILE = /(超出|超过|高于|超了|不符合|不匹配).{0,6}(风险等级|风险承受|测评等级|等级)|above (my|her|his|their) (risk )?(level|profile|tolerance)|(exceed|beyond|higher than|riskier than) (my|her|his|their) (risk )?(level|profile|tolerance)|too risky for (me|her|him)/;

/** Holdings whose product risk level is above the profile (levels unknown count as not above). */
function aboveProfileLines(r: GetPortfolioResult, p: AssessRiskProfileResult | undefined, zh: boolean, who: string): string[] {
  const profile = p && (p.status === 'profile' || p.status === 'completed') ? p.profile : null;
  if (!profile) return [zh ? `${who}目前没有有效的风险测评，无法逐只比较持仓的风险等级。` : `${who} risk profile is not on file, so the holdings cannot be compared with it.`];
  const above = r.holdings.filter((h) => h.riskLevel !== null && h.riskLevel > profile.maxProductRisk);
  const head = zh
    ? `${who}的风险等级为 ${profile.label}${profile.expired ? '（已过期）' : ''}，可持有风险等级不高于 R${profile.maxProductRisk} 的产品。`
    : `${who} risk profile is ${profile.label}${profile.expired ? ' (expired)' : ''}: products up to R${profile.maxProductRisk} are suitable.`;
  if (above.length === 0) return [head, zh ? '目前没有持仓的风险等级高于这一档。' : 'No holding is rated above that level.'];
  return [
    head,
    zh ? `风险等级高于这一档的持仓（${above.length} 只）：` : `Holdings rated above it (${above.length}):`,
    ...above.map((h) => `- ${zh ? h.name : h.nameEn} (${h.instrumentId}): R${h.riskLevel}, ${money(h.marketValue, r.currency)}, ${pct(h.weight)}`),
  ];
}


/** A follow-up the figures just shown can answer: a share of one class, the largest holding, what is in a class. */
function fromMemory(u: Utterance, m: PortfolioMemory, env: PlanEnv): { text: string; products?: string[] } | undefined {
  const zh = isZh(u.lang);
  const who = m.clientName && env.role === 'advisor' ? (zh ? `${m.clientName}的组合` : `${m.clientName}'s portfolio`) : zh ? '您的组合' : 'your portfolio';
  if (asksLargest(u.norm) && m.holdings.length > 0) {
    const h = m.holdings[0];
    const text = zh
      ? `截至 ${m.asOf}，${who}中最大的持仓是 ${h.name}（${h.id}），市值 ${money(h.value, m.currency)}，占 ${pct(h.weight)}。`
      : `As of ${m.asOf}, the largest holding in ${who} is ${h.nameEn} (${h.id}): ${money(h.value, m.currency)}, ${pct(h.weight)} of the portfolio.`;
    return { text, products: [h.id] };
  }
  const keys = classesIn(u.norm);
  if (keys.length === 0) return undefined;
  const slices = keys.map((k) => m.byAssetClass.find((s) => s.key === k) ?? { key: k, value: '0', weight: 0 });
  const target = new Map(m.target.map((t) => [t.assetClass, t.weight]));
  const lines = slices.map((s) => {
    const t = target.get(s.key);
    const vs = t === undefined ? '' : zh ? `（目标 ${pct(t)}${s.weight > t ? '，高于目标' : s.weight < t ? '，低于目标' : ''}）` : ` (target ${pct(t)}${s.weight > t ? ', above target' : s.weight < t ? ', below target' : ''})`;
    return `- ${label(s.key, u.lang)}: ${money(s.value, m.currency)}, ${pct(s.weight)}${vs}`;
  });
  const held = m.holdings.filter((h) => keys.includes(h.assetClass)).slice(0, 5);
  const items = held.map((h) => `- ${zh ? h.name : h.nameEn} (${h.id}): ${money(h.value, m.currency)}, ${pct(h.weight)}`);
  const text = [
    zh ? `截至 ${m.asOf}，${who}中：` : `As of ${m.asOf}, in ${who}:`,
    ...lines,
    ...(items.length ? [zh ? '其中的主要持仓：' : 'Main holdings there:', ...items] : []),
  ].join('\n');
  return { text, ...(held.length === 1 ? { products: [held[0].id] } : {}) };
}

interface PortfolioMemory extends Memory {
  clientId: string;
  clientName?: string;
  asOf: string;
  currency: string;
  total: string;
  byAssetClass: AllocationSlice[];
  target: { assetClass: string; weight: number }[];
  holdings: { id: string; name: string; nameEn: string; assetClass: string; value: string; weight: number }[];
}

function composePortfolio(q: string, r: GetPortfolioResult, input: ComposeInput): string {
  const lang = input.lang;
  const zh = isZh(lang);
  const c = r.currency;
  const w = whose(input, r.clientId, r.clientName);
  const lines: string[] = [
    zh
      ? `截至 ${r.asOf}，${w.zh}的组合总市值为 ${money(r.totalValue, c)}，成本 ${money(r.totalCost, c)}，浮动盈亏 ${signedMoney(r.unrealizedPnl, c)}（${signedPct(r.unrealizedPnlPct)}）。`
      : `As of ${r.asOf}, ${w.en} portfolio is worth ${money(r.totalValue, c)} (cost ${money(r.totalCost, c)}), an unrealized P&L of ${signedMoney(r.unrealizedPnl, c)} (${signedPct(r.unrealizedPnlPct)}).`,
  ];
  if (ABOVE_PROFILE.test(q)) {
    const p = input.outcomes.find((o) => o.tool === 'assess_risk_profile')?.result as AssessRiskProfileResult | undefined;
    const name = r.clientName ?? r.clientId;
    lines.push(...aboveProfileLines(r, p, zh, input.role === 'advisor' ? (zh ? name : `${name}'s`) : zh ? '您' : 'Your'));
    return lines.join('\n');
  }
  // "第一个人的腾讯占他组合多少", "how much of it is Apple?": the holding named, first
  for (const h of namedHoldings(q, r)) {
    lines.push(zh ? `其中 ${h.name}（${h.instrumentId}）市值 ${money(h.marketValue, c)}，占组合 ${pct(h.weight)}。` : `${h.nameEn} (${h.instrumentId}) is worth ${money(h.marketValue, c)}, ${pct(h.weight)} of the portfolio.`);
  }
  if (asksLargest(q) && r.holdings.length > 0) {
    const h = r.holdings[0];
    lines.push(zh ? `其中最大的持仓是 ${h.name}（${h.instrumentId}），市值 ${money(h.marketValue, c)}，占 ${pct(h.weight)}。` : `The largest holding is ${h.nameEn} (${h.instrumentId}): ${money(h.marketValue, c)}, ${pct(h.weight)} of the portfolio.`);
  }
  const byCurrency = /币种|货币|currenc/.test(q);
  const byRegion = /地区|区域|region|where/.test(q);
  const holdingsFocus = /持仓|持有|买了|哪些|哪几|股票|基金|holding|position|own|losing|亏损|gain|each/.test(q);
  const slices = byCurrency ? r.allocation.byCurrency : byRegion ? r.allocation.byRegion : r.allocation.byAssetClass;
  const title = byCurrency ? (zh ? '按币种' : 'By currency') : byRegion ? (zh ? '按地区' : 'By region') : zh ? '按资产类别' : 'By asset class';
  const target = new Map(r.targetAllocation.map((t) => [t.assetClass, t.weight]));
  const asked = byCurrency || byRegion ? [] : classesIn(q);
  lines.push(`${title}${zh ? '：' : ':'}`);
  for (const s of slices) {
    const t = asked.includes(s.key) ? target.get(s.key) : undefined;
    const vs = t === undefined ? '' : zh ? `（目标 ${pct(t)}${s.weight > t ? '，高于目标' : s.weight < t ? '，低于目标' : ''}）` : ` (target ${pct(t)}${s.weight > t ? ', above target' : s.weight < t ? ', below target' : ''})`;
    lines.push(`- ${label(s.key, lang)}: ${money(s.value, c)} (${pct(s.weight)})${vs}`);
  }
  if (holdingsFocus) {
    const losing = /亏|losing|loss/.test(q);
    const top = losing ? r.holdings.filter((h) => h.unrealizedPnl.startsWith('-')) : r.holdings.slice(0, 10);
    lines.push(zh ? (losing ? '浮亏的持仓：' : '主要持仓：') : losing ? 'Positions at a loss:' : 'Main holdings:');
    if (top.length === 0) lines.push(zh ? '- 目前没有浮亏的持仓。' : '- None of your positions is at a loss.');
    for (const h of top) {
      lines.push(`- ${zh ? h.name : h.nameEn} (${h.instrumentId}): ${money(h.marketValue, c)}, ${pct(h.weight)}, ${zh ? '盈亏' : 'P&L'} ${signedMoney(h.unrealizedPnl, c)} (${signedPct(h.unrealizedPnlPct)})`);
    }
  }
  return lines.join('\n');
}


function carryClient(prev: PlanCall): Record<string, unknown> {
  return typeof prev.args.clientId === 'string' ? { clientId: prev.args.clientId } : {};
}


export const getPortfolioPlanner: ToolPlanner<GetPortfolioResult> = {
  intents: [
    {
      id: 'portfolio',
      offer: ['client'],
      label: { zh: '持仓与资产配置', en: 'your holdings and allocation' },
      zh: [['组合', 1], ['我的组合', 1], ['持仓', 2.5], ['仓位', 2], ['市值', 2.5], ['总资产', 2.5], ['资产', 1], ['值多少', 2.5], ['多少钱', 1.5], ['值几个钱', 2.5], ['一共', 1], ['加起来', 1.5], ['账户', 1], ['配置', 1.5], ['占比', 2], ['各占', 2], ['分布', 2], ['币种', 2], ['地区', 1.5], ['盈亏', 2], ['浮盈', 2.5], ['浮亏', 2.5], ['赚了还是亏', 2], ['亏损的', 1.5], ['买了', 1.5], ['持有', 2], ['有哪些', 1], ['股票', 0.8], ['基金', 0.5], ['多少', 0.5], ['余额', 2], ['看看我的', 1], ['分别有多少', 2], ['手上', 2], ['手里', 2], ['多大', 1.5], ['占多少', 2], ['比例', 1.5], ['现金', 1.5], ['还剩', 1.5], ['总共', 1], ['放在', 1], ['明细', 2], ['资产配置', 1.5], ['总值', 2], ['净值', 1], ['敞口', 1], ['我持有的', 2.5], ['持有的产品', 2], ['看看+组合', 2], ['看一下+组合', 2], ['看下+组合', 2]],
      en: [['portfolio', 1], ['biggest stock', 2.5], ['largest stock', 2.5], ['biggest position', 2.5], ['largest position', 2.5], ['my portfolio', 1], ['pull up', 1], ['most money', 2.5], ['have the most', 1.5], ['how much of my money', 2.5], ['holding', 2.5], ['position', 2], ['worth', 2.5], ['value', 1.5], ['balance', 2], ['net worth', 2.5], ['how much', 1], ['allocation', 2.5], ['asset mix', 2.5], ['mix', 1], ['breakdown', 2], ['split', 1.5], ['asset class', 2], ['by currency', 2], ['by region', 2], ['region', 1], ['own', 1.5], ['invested', 1], ['in total', 1], ['total', 1], ['p&l', 2.5], ['pnl', 2.5], ['profit and loss', 2.5], ['unrealized', 2.5], ['unrealised', 2.5], ['up or down', 2], ['losing money', 1.5], ['gain and loss', 2], ['account', 1], ['stocks and bonds', 1.5], ['what do i have', 2], ['what do i own', 2], ['my stuff', 0.5], ['investment', 1], ['cash', 1.5], ['holdings breakdown', 2], ['what we hold', 2], ['what i hold', 2], ['positions', 1], ['list my', 1.5], ['valued', 1.5], ['sitting in', 1], ['equity share', 2.5], ['share of', 1.5], ['exposure', 1.5], ['how much is in', 2], ['weighting', 2], ['equities', 1], ['equity', 1], ['stocks', 0.8], ['bonds', 0.8], ['have in', 1.5], ['does i have', 2.5], ['do i have', 2], ['what else', 0.5], ['too heavy', 2.5], ['heavy in', 2], ['too much in', 2]],
      bias: (u) =>
        (u.slots.currency ? 1 : 0) +
        (ABOVE_PROFILE.test(u.scoring) && /hold|own|持有|持仓|产品|买的|anything|products?\b/.test(u.scoring) ? 3 : 0) +
        // "how's my MSFT doing", "我的腾讯怎么样": a stock of one's own is a holding
        (u.slots.tickers.length > 0 && /\b(my|mine)\b|我的|我(持有|买)的/.test(u.scoring) ? 2 : 0),
    },
    {
      id: 'outlook',
      label: { zh: '市场或利率变化对组合的影响', en: 'how a market or rate move touches your portfolio' },
      zh: OUTLOOK_ZH,
      en: OUTLOOK_EN,
      // crypto or another product off the shelf ("should I buy bitcoin to boost returns?") outweighs the returns it mentions
      bias: (u) => (marketTopic(u.norm) === 'unsold' ? 3 : 0),
    },
  ],
  plan(u: Utterance, intent: string, env: PlanEnv): Step {
    if (intent === 'outlook') {
      const calls: PlanCall[] = [];
      // An advisor asking about the whole book ("what does it mean for my clients?") gets the book's exposure.
      const book = env.role === 'advisor' && u.slots.clientIds.length === 0 && !((u.refers || u.person) && env.dialogue.subject) && env.tools.has('book_overview');
      calls.push(book ? { tool: 'book_overview', args: {} } : { tool: 'get_portfolio', args: {} });
      if (env.tools.has('search_documents')) calls.push(documentsCall(u, [], 3));
      return { kind: 'call', intent, calls };
    }
    // "biggest position?" right after the holdings were shown: the figures are on screen already
    const m = env.dialogue.memory.get_portfolio as PortfolioMemory | undefined;
    const same = m && (env.role !== 'advisor' || (u.slots.clientIds[0] ?? env.dialogue.subject?.clientId) === m.clientId);
    if (m && same && !u.slots.currency && !asksMarket(u.norm) && env.dialogue.last?.intent === 'portfolio' && !/right now|currently|latest|现在|目前|最新/.test(u.norm)) {
      const said = fromMemory(u, m, env);
      if (said) return { kind: 'say', intent: 'portfolio', text: said.text, from: 'get_portfolio', ...(said.products ? { products: said.products } : {}) };
    }
    const args = u.slots.currency ? { currency: u.slots.currency } : {};
    // "有没有超出我风险等级的持仓？": the holdings with the profile they are compared with
    if (ABOVE_PROFILE.test(u.norm) && env.tools.has('assess_risk_profile')) return { kind: 'call', intent, calls: [{ tool: 'get_portfolio', args }, { tool: 'assess_risk_profile', args: { action: 'get' } }] };
    return call(intent, 'get_portfolio', args);
  },
  followUp(u, prev, env, best) {
    // "美联储降息对他的债券有什么影响？" right after the holdings: a market question, answered as such
    if ((best.intent === 'outlook' && best.score >= 3) || asksMarket(u.norm)) return undefined;
    if (u.slots.currency) return call('portfolio', 'get_portfolio', { ...prev.args, currency: u.slots.currency });
    const m = env.dialogue.memory.get_portfolio as PortfolioMemory | undefined;
    if (!m || (env.role === 'advisor' && prev.args.clientId !== m.clientId)) return undefined;
    // After an outlook answer (a few lines of exposure) the full figures were not shown: a new call.
    if (env.dialogue.last?.intent !== 'portfolio') return classesIn(u.norm).length || asksLargest(u.norm) ? call('portfolio', 'get_portfolio', carryClient(prev)) : undefined;
    // "right now" / "最新" asks for today's figures: a new call, not the ones shown
    if (/right now|currently|latest|up to date|现在|目前|最新|此刻/.test(u.norm)) return undefined;
    const said = fromMemory(u, m, env);
    return said ? { kind: 'say', intent: 'portfolio', text: said.text, from: 'get_portfolio', ...(said.products ? { products: said.products } : {}) } : undefined;
  },
  focus(input) {
    const r = input.outcomes.find((o) => o.tool === 'get_portfolio')?.result as GetPortfolioResult | undefined;
    if (!r) return undefined;
    if (input.intent === 'outlook') return outlookHoldings(input.q, r).map((h) => h.instrumentId);
    if (ABOVE_PROFILE.test(input.q)) {
      const p = input.outcomes.find((o) => o.tool === 'assess_risk_profile')?.result as AssessRiskProfileResult | undefined;
      const max = p && (p.status === 'profile' || p.status === 'completed') ? p.profile?.maxProductRisk : undefined;
      return max === undefined ? undefined : r.holdings.filter((h) => h.riskLevel !== null && h.riskLevel > max).map((h) => h.instrumentId).slice(0, 5);
    }
    return asksLargest(input.q) && r.holdings[0] ? [r.holdings[0].instrumentId] : undefined;
  },
  compose(input) {
    if (input.intent === 'outlook') return composeOutlook(input);
    const own = ownResult<GetPortfolioResult>(input);
    return 'failed' in own ? own.failed : composePortfolio(input.q, own.result, input);
  },
  remember(r): PortfolioMemory {
    return {
      clientId: r.clientId,
      clientName: r.clientName,
      asOf: r.asOf,
      currency: r.currency,
      total: r.totalValue,
      byAssetClass: r.allocation.byAssetClass,
      target: r.targetAllocation,
      holdings: r.holdings.slice(0, 10).map((h) => ({ id: h.instrumentId, name: h.name, nameEn: h.nameEn, assetClass: h.assetClass, value: h.marketValue, weight: h.weight })),
      subject: { clientId: r.clientId, name: r.clientName },
    };
  },
};
