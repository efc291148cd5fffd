/**
 * Market, rate, currency, tax and crypto questions ("美联储降息对我的债券基金有什么影响？"): we give
 * no forecast; the answer is the client's (or the book's) own exposure, what the documents
 * say, and a plain statement of what we do not do.
 */
import { label, money, pct, signedMoney } from '../../lang/format.js';
import type { AllocationSlice, GetPortfolioResult } from '../contract.js';
import type { ComposeInput } from '../planning.js';
import { passagesSection } from '../search-documents/compose.js';
import { isZh, say } from '../shared/plan-kit.js';
import { classesIn } from './words.js';

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

export const OUTLOOK_ZH: [string, number][] = [
  ['降息', 3], ['加息', 3], ['黄金', 3], ['金价', 3], ['房价', 3], ['楼市', 3], ['贬值', 3], ['升值', 2.5], ['换点美元', 2.5], ['换美元', 2.5], ['换汇', 3], ['联系汇率', 3], ['时机', 2], ['美联储', 3], ['央行', 2], ['利率', 1.5], ['走势', 2.5], ['行情', 2.5], ['后市', 3], ['前景', 2.5], ['展望', 2.5],
  ['预测', 1.5], ['会涨吗', 3], ['会跌吗', 3], ['会不会涨', 3], ['会不会跌', 3], ['下个月', 1.5], ['明年', 1], ['新闻', 2.5], ['消息面', 2.5],
  ['政策', 1.5], ['比特币', 4], ['加密货币', 4], ['虚拟货币', 4], ['数字货币', 3], ['影响', 1.5], ['汇率', 2], ['交税', 2.5], ['个税', 3], ['扣税', 3], ['纳税', 3],
];
export const OUTLOOK_EN: [string, number][] = [
  ['fed', 3], ['federal reserve', 3], ['rates', 2], ['exposed+rates', 2], ['exposure+rates', 2], ['capital gains tax', 3], ['capital gains', 2.5], ['how much tax', 3], ['gold', 3], ['rally', 2], ['rallying', 2], ['apartment', 3], ['property market', 3], ['house prices', 3],
  ['good time to', 2.5], ['peg', 3], ['house view', 3], ['view on', 2], ['devalue', 3], ['pboc', 2.5], ['recession', 2.5], ['rate cut', 3], ['rate hike', 3], ['interest rate', 2], ['outlook', 3], ['forecast', 2], ['next month', 1.5],
  ['will the market', 3], ['market going', 2.5], ['crash soon', 2.5], ['news', 2], ['bitcoin', 4], ['crypto', 4], ['btc', 4], ['impact', 1.5],
  ['affect', 1.5], ['exchange rate', 2], ['tax', 1.5], ['recession', 2.5], ['recover', 2.5], ['rebound', 2.5], ['bounce back', 2.5], ['going to go up', 2.5], ['going to drop', 2.5],
];


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
export function outlookHoldings(q: string, r: GetPortfolioResult): GetPortfolioResult['holdings'] {
  const topic = topicOf(q);
  if (topic === 'tax' || topic === 'fx') return [];
  const keys = outlookKeys(q);
  return r.holdings.filter((h) => keys.includes(h.assetClass)).slice(0, 3);
}

export function composeOutlook(input: ComposeInput): string {
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
