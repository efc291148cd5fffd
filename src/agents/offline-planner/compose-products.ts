/**
 * Answers to product questions from `get_product` facts and `search_documents`
 * passages. Only retrieved facts are stated: product facts as the tool returns them,
 * and sentences quoted verbatim from the passages with their [n] citation, document
 * title and page. Flagged passages (text that tries to steer the model) are never
 * quoted. When nothing relevant comes back the answer says so instead of guessing.
 */
import type { Lang } from '../../tools/types.js';
import { pct } from './format.js';
import type { ProductFacts } from '../../tools/get-product.js';
import { hasCjk, tokenize } from './text.js';

/** The parts of the `get_product` result the composer reads. */
export type ProductFactsView = Omit<ProductFacts, 'launchDate' | 'description' | 'documents' | 'liquidity'> & {
  liquidity?: Omit<NonNullable<ProductFacts['liquidity']>, 'code'>;
};

/** The parts of a `search_documents` passage the composer reads. */
export interface PassageView {
  n: number;
  docId: string;
  title: string;
  page: number | null;
  text: string;
  flagged?: boolean;
}

const zh = (lang: Lang) => lang === 'zh';

const FEE_NAMES: Record<string, [string, string]> = {
  management: ['管理费', 'management fee'],
  custody: ['托管费', 'custody fee'],
  subscription: ['申购费', 'subscription fee'],
  redemption: ['赎回费', 'redemption fee'],
  sales: ['销售服务费', 'sales service fee'],
  performance: ['业绩报酬', 'performance fee'],
};

type Focus = 'fees' | 'manager' | 'liquidity' | 'risk' | 'minimum' | 'benchmark';
const FOCUS: [Focus, RegExp][] = [
  ['fees', /费|fee|cost|charge/],
  ['manager', /经理|管理人|manag(er|es|ed)|who runs/],
  ['liquidity', /封闭|锁定|持有期|赎回|流动性|多久|lock|redeem|redemption|liquidity|how long|holding period/],
  ['risk', /风险等级|r几|风险|risk|能买|can i buy|suitable/],
  ['minimum', /起购|起投|最低|门槛|minimum|min\.? (investment|purchase)/],
  ['benchmark', /基准|benchmark/],
];

function focusOf(q: string): Set<Focus> {
  return new Set(FOCUS.filter(([, re]) => re.test(q)).map(([f]) => f));
}

/** Fact lines of one product, the user's question choosing which (all when it names none). */
export function productFacts(p: ProductFactsView, q: string, lang: Lang): string[] {
  const f = focusOf(q);
  const all = f.size === 0 || /区别|不同|差别|比较|对比|differ|compare|vs\b|versus|tell me about|介绍/.test(q);
  const L: string[] = [zh(lang) ? `**${p.name}**（${p.id}）` : `**${p.nameEn}** (${p.id})`];
  if ((all || f.has('risk')) && p.riskLevel !== null) {
    L.push(zh(lang) ? `- 风险等级：R${p.riskLevel}` : `- Risk level: R${p.riskLevel}`);
  }
  if ((all || f.has('fees')) && p.fees) {
    const fees = Object.entries(p.fees).map(([k, v]) => `${(FEE_NAMES[k] ?? [k, k])[zh(lang) ? 0 : 1]} ${pct(Number(v))}`);
    if (fees.length) L.push(zh(lang) ? `- 费率：${fees.join('，')}` : `- Fees: ${fees.join(', ')}`);
  }
  if ((all || f.has('manager')) && (p.manager || p.issuer)) {
    L.push(
      zh(lang)
        ? `- ${p.manager ? `基金经理/投资经理：${p.manager}` : ''}${p.manager && p.issuer ? '；' : ''}${p.issuer ? `管理人：${p.issuer}` : ''}`
        : `- ${p.managerEn ? `Manager: ${p.managerEn}` : ''}${p.managerEn && p.issuer ? '; ' : ''}${p.issuer ? `issuer: ${p.issuer}` : ''}`,
    );
  }
  if ((all || f.has('liquidity')) && p.liquidity) L.push(zh(lang) ? `- 流动性：${p.liquidity.zh}` : `- Liquidity: ${p.liquidity.en}`);
  if ((all || f.has('minimum')) && p.minPurchase) L.push(zh(lang) ? `- 起购金额：${p.minPurchase} ${p.currency}` : `- Minimum purchase: ${p.minPurchase} ${p.currency}`);
  if ((all || f.has('benchmark')) && p.benchmark) L.push(zh(lang) ? `- 业绩比较基准：${p.benchmark.zh}` : `- Benchmark: ${p.benchmark.en}`);
  return L;
}

const STOP_EN = new Set(['the', 'a', 'an', 'is', 'are', 'of', 'on', 'in', 'for', 'to', 'and', 'or', 'what', 'how', 'does', 'do', 'it', 'this', 'that', 'fund', 'me', 'my', 'i', 'can', 'about', 'tell', 'which', 'who', 'there', 'say', 'according', 'document']);
const STOP_ZH = new Set(['的', '是', '吗', '呢', '什么', '多少', '怎么', '这个', '那个', '有', '和', '一下', '我', '了', '基金', '产品', '说明书', '里', '怎么样', '多久', '哪些']);

/** Content words of the question (jieba words for Chinese, stemmed words for English). */
export function queryTerms(q: string): string[] {
  const out = new Set<string>();
  for (const t of tokenize(q)) {
    if (hasCjk(t) ? STOP_ZH.has(t) || t.length < 2 : STOP_EN.has(t) || t.length < 3) continue;
    out.add(t);
  }
  return [...out];
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[。！？；!?;])|(?<=\.)\s+|\n+/)
    .map((s) => s.trim().replace(/^#+\s*/, ''))
    .filter((s) => s.length >= 6);
}

/** The one or two sentences of a passage that share the most terms with the question (none when no term is shared). */
export function bestSentences(text: string, terms: string[], max = 2): string[] {
  const lower = (s: string) => s.toLowerCase();
  const scored = sentencesOf(text).map((s, i) => ({ s, i, score: terms.filter((t) => lower(s).includes(t)).length }));
  const top = scored.filter((x) => x.score > 0).sort((a, b) => b.score - a.score || a.i - b.i).slice(0, max);
  return top.sort((a, b) => a.i - b.i).map((x) => (x.s.length > 220 ? `${x.s.slice(0, 220)}…` : x.s));
}

function cite(p: PassageView, n: number, lang: Lang): string {
  const page = p.page !== null ? (zh(lang) ? `，第 ${p.page} 页` : `, p. ${p.page}`) : '';
  return zh(lang) ? `[${n}]《${p.title}》${page}` : `[${n}] ${p.title}${page}`;
}

/**
 * The product answer: facts of each found product, then the passages' relevant sentences
 * quoted with [n] (n = `offset` + the passage's own number) and the source list.
 */
export function composeProductAnswer(
  q: string,
  products: { query: string; product?: ProductFactsView; error?: string }[],
  search: { passages: PassageView[]; offset: number } | undefined,
  lang: Lang,
): string {
  const L: string[] = [];
  for (const p of products) {
    if (p.product) L.push(...productFacts(p.product, q, lang), '');
    else L.push(zh(lang) ? `没有找到与“${p.query}”对应的产品。` : `I could not find a product matching "${p.query}".`, '');
  }
  // The product's own name is in every passage about it: only the rest of the question counts.
  const names = products.flatMap((p) => (p.product ? [p.product.id, p.product.name, p.product.nameEn] : [])).join(' ').toLowerCase();
  const terms = queryTerms(q).filter((t) => !names.includes(t));
  const used: { p: PassageView; n: number }[] = [];
  const flagged = search?.passages.filter((p) => p.flagged).length ?? 0;
  for (const p of search?.passages ?? []) {
    if (p.flagged || used.length >= 3) continue;
    const s = bestSentences(p.text, terms).filter((x) => x !== p.title.trim());
    if (s.length === 0) continue;
    const n = search!.offset + p.n;
    used.push({ p, n });
    L.push(`- “${s.join(' … ')}” [${n}]`);
  }
  if (used.length > 0) {
    L.splice(L.length - used.length, 0, zh(lang) ? '产品资料中的相关内容：' : 'From the product documents:');
    L.push('', zh(lang) ? '来源：' : 'Sources:', ...used.map((u) => cite(u.p, u.n, lang)));
  } else if (search && products.some((p) => p.product)) {
    L.push(zh(lang) ? '产品资料中没有检索到与这个问题直接相关的其他内容。' : 'The product documents have nothing further that answers this directly.');
  } else if (search) {
    L.push(
      zh(lang)
        ? '在现有的产品资料中没有检索到与这个问题直接相关的内容，我不便推测。您可以换个说法，或向您的理财经理索取完整的产品说明书。'
        : "I found nothing in the product documents that answers this directly, and I won't guess. Try rephrasing, or ask your advisor for the full product documents.",
    );
  }
  if (flagged > 0) {
    L.push(zh(lang) ? '（有检索内容包含可疑的指令性文字，已忽略。）' : '(Some retrieved text contained instructions aimed at the assistant and was ignored.)');
  }
  L.push(zh(lang) ? '以上信息摘自产品资料，不构成投资建议。' : 'This is taken from the product documents and is not investment advice.');
  return L.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
