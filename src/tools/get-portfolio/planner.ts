/**
 * What the offline planner knows of get_portfolio: the words for "what do I have / what is
 * it worth / how is it split", follow-ups answered from the figures just shown ("how much
 * of that is in bonds?", "哪个持仓最大？"), and market or rate questions we do not forecast
 * ("美联储降息对我的债券基金有什么影响？"): those are answered with the client's own
 * exposure, what the documents say, and a plain statement that no forecast is given.
 */
import { label, money, pct, signedMoney, signedPct } from '../../lang/format.js';
import { catalogInstruments, namedInstruments } from '../../rag/product-names.js';
import type { Utterance } from '../../lang/utterance.js';
import type { ComposeInput, Memory, PlanCall, PlanEnv, Step, ToolPlanner } from '../planning.js';
import { documentsCall, passagesSection } from '../search-documents/compose.js';
import { call, isZh, ownResult, say, whose } from '../shared/plan-kit.js';
import type { AllocationSlice, AssessRiskProfileResult, GetPortfolioResult } from '../contract.js';

/** Asset-class words → the allocation keys they name (equities name all three markets). */
const CLASS_WORDS: [RegExp, string[]][] = [
  [/美股|美国股票|us (stocks|equities|equity)|american stocks|美股仓位/, ['equity_us']],
  [/港股|hk (stocks|equities)|hong kong (stocks|equities)/, ['equity_hk']],
  [/a股|china a|a-shares?|沪深/, ['equity_cn']],
  [/股票|权益|equit|stocks?\b|shares\b/, ['equity_cn', 'equity_hk', 'equity_us']],
  [/债券|债基|固收|bonds?\b|fixed income/, ['bond']],
  [/现金|货币|cash|money market/, ['cash']],
  [/基金|mutual funds?|\bfunds?\b/, ['fund']],
  [/理财|wealth products?/, ['wealth']],
  [/私募|private/, ['private']],
  [/reits?\b|不动产|real estate/, ['reit']],
];

/** The asset classes a message names ("stocks and bonds" → both; "US stocks" → only that market). */
function classesIn(norm: string): string[] {
  const out: string[] = [];
  let market = false;
  for (const [i, [re, keys]] of CLASS_WORDS.entries()) {
    if (!re.test(norm)) continue;
    if (i < 3) market = true;
    else if (i === 3 && market) continue; // "美股" names one market, not all equities
    for (const k of keys) if (!out.includes(k)) out.push(k);
  }
  return out;
}

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

/** "which product do I have the most money in?", "哪个持仓最大？": the largest holding is the answer. */
const LARGEST = /最大|最多|最重|重仓|largest|biggest|top holding|most (of my )?money|most of|the most\b/;
const HOLDING_WORD = /持仓|仓位|产品|基金|哪个|哪只|holding|position|product|fund|which|what\b/;
const asksLargest = (norm: string) => LARGEST.test(norm) && HOLDING_WORD.test(norm) && classesIn(norm).length === 0;

const TOPICS: [RegExp, 'rates' | 'equity' | 'fx' | 'tax' | 'unsold' | 'market'][] = [
  [/比特币|加密|虚拟货币|数字货币|币圈|bitcoin|crypto|\bbtc\b|ethereum|nft/, 'unsold'],
  [/税|tax/, 'tax'],
  [/降息|加息|利率|美联储|央行|lpr|\brates\b|fed\b|federal reserve|rate (cut|hike)|interest rates?|yields?\b|central bank/, 'rates'],
  [/汇率|贬值|升值|换.{0,2}美元|换汇|联系汇率|美元走势|人民币.{0,6}美元|美元.{0,6}人民币|exchange rate|\bfx\b|\bpeg\b|devalu|dollar (rally|weak|strong)|currency (move|risk)|\b(rmb|cny|yuan)\b.{0,12}\b(usd|dollar)|\busd\b.{0,12}\b(rmb|cny|yuan)\b/, 'fx'],
  [/a股|港股|美股|股市|大盘|stock market|equities|a-shares?|hang seng|nasdaq|s&p/, 'equity'],
  [/黄金|金价|gold|房价|楼市|property|apartment|real estate|house prices/, 'market'],
];

/** A market, rate, currency, tax or crypto topic named ("降息", "rates coming down", "bitcoin"), if any. */
export function marketTopic(norm: string): (typeof TOPICS)[number][1] | undefined {
  return TOPICS.find(([re]) => re.test(norm))?.[1];
}

function topicOf(norm: string): (typeof TOPICS)[number][1] {
  return TOPICS.find(([re]) => re.test(norm))?.[1] ?? 'market';
}

const OUTLOOK_ZH: [string, number][] = [
  ['降息', 3], ['加息', 3], ['黄金', 3], ['金价', 3], ['房价', 3], ['楼市', 3], ['贬值', 3], ['升值', 2.5], ['换点美元', 2.5], ['换美元', 2.5], ['换汇', 3], ['联系汇率', 3], ['时机', 2], ['美联储', 3], ['央行', 2], ['利率', 1.5], ['走势', 2.5], ['行情', 2.5], ['后市', 3], ['前景', 2.5], ['展望', 2.5],
  ['预测', 1.5], ['会涨吗', 3], ['会跌吗', 3], ['会不会涨', 3], ['会不会跌', 3], ['下个月', 1.5], ['明年', 1], ['新闻', 2.5], ['消息面', 2.5],
  ['政策', 1.5], ['比特币', 4], ['加密货币', 4], ['虚拟货币', 4], ['数字货币', 3], ['影响', 1.5], ['汇率', 2], ['交税', 2.5], ['个税', 3], ['扣税', 3], ['纳税', 3],
];
const OUTLOOK_EN: [string, number][] = [
  ['fed', 3], ['federal reserve', 3], ['rates', 2], ['exposed+rates', 2], ['exposure+rates', 2], ['capital gains tax', 3], ['capital gains', 2.5], ['how much tax', 3], ['gold', 3], ['rally', 2], ['rallying', 2], ['apartment', 3], ['property market', 3], ['house prices', 3],
  ['good time to', 2.5], ['peg', 3], ['house view', 3], ['view on', 2], ['devalue', 3], ['pboc', 2.5], ['recession', 2.5], ['rate cut', 3], ['rate hike', 3], ['interest rate', 2], ['outlook', 3], ['forecast', 2], ['next month', 1.5],
  ['will the market', 3], ['market going', 2.5], ['crash soon', 2.5], ['news', 2], ['bitcoin', 4], ['crypto', 4], ['btc', 4], ['impact', 1.5],
  ['affect', 1.5], ['exchange rate', 2], ['tax', 1.5], ['recession', 2.5],
];

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

const NO_FORECAST = {
  zh: '我们不对利率、汇率、市场或个别资产的走势做预测，也不据此给出买卖时点建议。以下是与这个问题相关的、您组合里的实际情况：',
  en: "We don't forecast interest rates, currencies, markets or single assets, and we don't time trades on such views. Here is what your own portfolio holds that this question touches:",
};

const TOPIC_NOTE = {
  rates: {
    zh: '一般而言，利率下行时已持有债券的价格上升，利率上行时下跌；剩余期限越长，对利率越敏感。货币基金和现金的收益会随利率调整。',
    en: 'In general, bond prices rise when rates fall and fall when rates rise, and the longer the remaining maturity the stronger the effect; cash and money-market yields follow rates.',
  },
  equity: { zh: '股票类资产的短期涨跌难以预测，波动也更大；是否调整应以您的风险等级和目标配置为准。', en: 'Short-term equity moves are not predictable and are more volatile; any change should follow your risk profile and target allocation.' },
  fx: { zh: '外币资产以人民币计价时会随汇率波动。', en: 'Foreign-currency assets move with the exchange rate when valued in your base currency.' },
  tax: { zh: '我们不提供税务建议；具体税务处理请以税务机关规定为准，或咨询专业税务顾问。产品文件中与税费相关的内容如下。', en: "We don't give tax advice; for your situation please check the tax authority's rules or a tax adviser. Here is what the product documents say about taxes and fees." },
  unsold: { zh: '本行不提供加密货币等未上架产品的交易或建议，这类资产不受本行适当性管理覆盖。', en: "We don't offer or advise on crypto-assets or other products outside our shelf; they are not covered by our suitability process." },
  market: { zh: '市场短期走势无法可靠预测；长期配置应以风险承受能力和目标为准。', en: 'Short-term market moves cannot be predicted reliably; a long-term allocation should follow your risk tolerance and goals.' },
} as const;

/** The asset classes a market or rate question touches. */
function outlookKeys(q: string): string[] {
  const topic = topicOf(q);
  return topic === 'rates' ? ['bond', 'cash', 'fund'] : topic === 'equity' ? (classesIn(q).length ? classesIn(q) : ['equity_cn', 'equity_hk', 'equity_us']) : [];
}

/** The client's largest holdings in the classes the question touches (shown, and in focus afterwards). */
function outlookHoldings(q: string, r: GetPortfolioResult): GetPortfolioResult['holdings'] {
  const topic = topicOf(q);
  if (topic === 'tax' || topic === 'fx') return [];
  const keys = outlookKeys(q);
  return r.holdings.filter((h) => keys.includes(h.assetClass)).slice(0, 3);
}

function carryClient(prev: PlanCall): Record<string, unknown> {
  return typeof prev.args.clientId === 'string' ? { clientId: prev.args.clientId } : {};
}

function composeOutlook(input: ComposeInput): string {
  const lang = input.lang;
  const zh = isZh(lang);
  const topic = topicOf(input.q);
  const own = input.outcomes.find((o) => o.tool === 'get_portfolio');
  const r = own?.result as GetPortfolioResult | undefined;
  const book = input.outcomes.find((o) => o.tool === 'book_overview')?.result as
    | { asOf: string; currency: string; aum: string; clients: number; byAssetClass: AllocationSlice[] }
    | undefined;
  const L: string[] = [];
  if (book) {
    L.push(zh ? '我们不对利率、汇率、市场或个别资产的走势做预测。以下是您名下客户整体的相关敞口：' : "We don't forecast rates, currencies or markets. Here is your book's exposure that this question touches:");
    const keys = topic === 'rates' ? ['bond', 'cash', 'fund'] : topic === 'equity' ? ['equity_cn', 'equity_hk', 'equity_us', 'fund'] : [];
    const slices = keys.length ? book.byAssetClass.filter((s) => keys.includes(s.key)) : book.byAssetClass;
    for (const s of slices) L.push(`- ${label(s.key, lang)}: ${money(s.value, book.currency)} (${pct(s.weight)})`);
    L.push(zh ? `（截至 ${book.asOf}，${book.clients} 位客户，管理资产合计 ${money(book.aum, book.currency)}。）` : `(As of ${book.asOf}: ${book.clients} clients, ${money(book.aum, book.currency)} in total.)`);
    L.push(say(lang, TOPIC_NOTE[topic]));
    L.push(zh ? '可以继续问我“谁的债券最多”“哪些客户偏离目标配置”，逐个查看。' : 'Ask "who holds the most bonds?" or "whose portfolios drifted from target?" to go client by client.');
    return L.join('\n');
  }
  if (topic === 'unsold' || topic === 'tax') L.push(say(lang, TOPIC_NOTE[topic]));
  else if (input.role === 'advisor' && r) {
    const name = r.clientName ?? r.clientId;
    L.push(zh ? `我们不对利率、汇率、市场或个别资产的走势做预测，也不据此给出买卖时点建议。以下是与这个问题相关的、${name}（${r.clientId}）组合里的实际情况：` : `We don't forecast interest rates, currencies, markets or single assets, and we don't time trades on such views. Here is what ${name} (${r.clientId})'s portfolio holds that this question touches:`);
  } else L.push(say(lang, NO_FORECAST));
  if (r && topic === 'tax') {
    // what the client holds that a tax question may touch: the holdings, with their unrealized gains
    for (const h of r.holdings.slice(0, 5)) L.push(`- ${zh ? h.name : h.nameEn} (${h.instrumentId}): ${money(h.marketValue, r.currency)}, ${zh ? '浮动盈亏' : 'unrealized P&L'} ${signedMoney(h.unrealizedPnl, r.currency)}`);
  }
  if (r && topic !== 'tax') {
    const keys = outlookKeys(input.q);
    const c = r.currency;
    if (topic === 'fx') {
      for (const s of r.allocation.byCurrency) L.push(`- ${s.key}: ${money(s.value, c)} (${pct(s.weight)})`);
    } else {
      const slices = keys.length ? r.allocation.byAssetClass.filter((s) => keys.includes(s.key)) : r.allocation.byAssetClass;
      for (const s of slices) L.push(`- ${label(s.key, lang)}: ${money(s.value, c)} (${pct(s.weight)})`);
      if (slices.length === 0) L.push(zh ? '- 您的组合中没有这类资产。' : '- Your portfolio holds none of these.');
      for (const h of outlookHoldings(input.q, r)) L.push(`  - ${zh ? h.name : h.nameEn} (${h.instrumentId}): ${pct(h.weight)}`);
    }
    L.push(zh ? `（截至 ${r.asOf}，组合总市值 ${money(r.totalValue, c)}。）` : `(As of ${r.asOf}; total value ${money(r.totalValue, c)}.)`);
    if (topic !== 'unsold') L.push(say(lang, TOPIC_NOTE[topic]));
  }
  const docs = passagesSection(input, 2);
  if (docs) L.push('', docs);
  L.push(
    input.role === 'advisor'
      ? zh ? '如需调整，可以让我检查该客户的再平衡，或按其风险等级优化组合。' : "To act on it, I can check this client's rebalancing or optimize within the client's risk profile."
      : zh ? '如需调整，可以让我检查再平衡或按您的风险等级优化组合。' : 'If you want to act on it, I can check your rebalancing or optimize within your risk profile.',
  );
  return L.join('\n');
}

export const getPortfolioPlanner: ToolPlanner<GetPortfolioResult> = {
  intents: [
    {
      id: 'portfolio',
      offer: ['client'],
      label: { zh: '持仓与资产配置', en: 'your holdings and allocation' },
      zh: [['组合', 1], ['我的组合', 1], ['持仓', 2.5], ['仓位', 2], ['市值', 2.5], ['总资产', 2.5], ['资产', 1], ['值多少', 2.5], ['多少钱', 1.5], ['值几个钱', 2.5], ['一共', 1], ['加起来', 1.5], ['账户', 1], ['配置', 1.5], ['占比', 2], ['各占', 2], ['分布', 2], ['币种', 2], ['地区', 1.5], ['盈亏', 2], ['浮盈', 2.5], ['浮亏', 2.5], ['赚了还是亏', 2], ['亏损的', 1.5], ['买了', 1.5], ['持有', 2], ['有哪些', 1], ['股票', 0.8], ['基金', 0.5], ['多少', 0.5], ['余额', 2], ['看看我的', 1], ['分别有多少', 2], ['手上', 2], ['手里', 2], ['多大', 1.5], ['占多少', 2], ['比例', 1.5], ['现金', 1.5], ['还剩', 1.5], ['总共', 1], ['放在', 1], ['明细', 2], ['资产配置', 1.5], ['总值', 2], ['净值', 1], ['敞口', 1], ['我持有的', 2.5], ['持有的产品', 2], ['看看+组合', 2], ['看一下+组合', 2], ['看下+组合', 2]],
      en: [['portfolio', 1], ['my portfolio', 1], ['pull up', 1], ['most money', 2.5], ['have the most', 1.5], ['how much of my money', 2.5], ['holding', 2.5], ['position', 2], ['worth', 2.5], ['value', 1.5], ['balance', 2], ['net worth', 2.5], ['how much', 1], ['allocation', 2.5], ['asset mix', 2.5], ['mix', 1], ['breakdown', 2], ['split', 1.5], ['asset class', 2], ['by currency', 2], ['by region', 2], ['region', 1], ['own', 1.5], ['invested', 1], ['in total', 1], ['total', 1], ['p&l', 2.5], ['pnl', 2.5], ['profit and loss', 2.5], ['unrealized', 2.5], ['unrealised', 2.5], ['up or down', 2], ['losing money', 1.5], ['gain and loss', 2], ['account', 1], ['stocks and bonds', 1.5], ['what do i have', 2], ['what do i own', 2], ['my stuff', 0.5], ['investment', 1], ['cash', 1.5], ['holdings breakdown', 2], ['what we hold', 2], ['what i hold', 2], ['positions', 1], ['list my', 1.5], ['valued', 1.5], ['sitting in', 1], ['equity share', 2.5], ['share of', 1.5], ['exposure', 1.5], ['how much is in', 2], ['weighting', 2], ['equities', 1], ['equity', 1], ['stocks', 0.8], ['bonds', 0.8], ['have in', 1.5], ['does i have', 2.5], ['do i have', 2], ['what else', 0.5], ['too heavy', 2.5], ['heavy in', 2], ['too much in', 2]],
      bias: (u) => (u.slots.currency ? 1 : 0) + (ABOVE_PROFILE.test(u.scoring) && /hold|own|持有|持仓|产品|买的|anything|products?\b/.test(u.scoring) ? 3 : 0),
    },
    {
      id: 'outlook',
      label: { zh: '市场或利率变化对组合的影响', en: 'how a market or rate move touches your portfolio' },
      zh: OUTLOOK_ZH,
      en: OUTLOOK_EN,
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
    if (m && same && !u.slots.currency && env.dialogue.last?.intent === 'portfolio' && !/right now|currently|latest|现在|目前|最新/.test(u.norm)) {
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
    if (best.intent === 'outlook' && best.score >= 3) return undefined;
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
