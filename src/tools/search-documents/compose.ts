/**
 * Answers from retrieved passages: facts of the products asked about (from get_product),
 * then the sentences of the passages that share the question's words, quoted verbatim
 * with their [n] citation, document title and page. Flagged passages (text that tries
 * to steer the assistant) are never quoted. When nothing relevant comes back the answer
 * says so instead of guessing.
 */
import { pct } from '../../lang/format.js';
import { hasCjk, normalize, tokenize } from '../../lang/text.js';
import type { Utterance } from '../../lang/utterance.js';
import type { ComposeInput, PlanCall } from '../planning.js';
import { isZh } from '../shared/plan-kit.js';
import type { Lang } from '../../vocab.js';
import { productFacts, type ProductFactsView } from '../get-product/facts.js';

/** The parts of a `search_documents` passage the composer reads. */
export interface PassageView {
  n: number;
  docId: string;
  title: string;
  page: number | null;
  text: string;
  flagged?: boolean;
}

const DOC_TYPE_CUES: [RegExp, string][] = [
  [/招募说明书|产品说明书|说明书|prospectus|offering (document|memorandum)/, 'prospectus'],
  [/产品概要|产品资料概要|fact ?sheet|key facts/, 'fact_sheet'],
  [/风险揭示|风险提示书|risk disclosure/, 'risk_disclosure'],
  [/研究报告|研报|研究|research|analyst note/, 'research'],
  [/常见问题|问答|\bfaq\b|frequently asked/, 'faq'],
  [/年报|年度报告|annual report/, 'annual_report'],
  [/公告|announcement/, 'announcement'],
];

/** The one kind of document a question names ("风险揭示书里…", "according to the FAQ"), if exactly one. */
export function docTypeOf(norm: string): string | undefined {
  const hits = DOC_TYPE_CUES.filter(([re]) => re.test(norm)).map(([, t]) => t);
  return hits.length === 1 ? hits[0] : undefined;
}

/** The search_documents call for a question, filtered to the product when exactly one is named. */
export function documentsCall(u: Utterance, products: readonly string[], k?: number): PlanCall {
  const args: Record<string, unknown> = { query: u.raw.trim().slice(0, 500), k: k ?? (products.length > 1 ? 6 : 4) };
  if (products.length === 1) args.product = products[0];
  const docType = docTypeOf(u.norm);
  if (docType) args.docType = docType;
  return { tool: 'search_documents', args };
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

/** A quotable unit of a passage: a sentence, or one row of a table read with its header. */
interface Unit {
  s: string;
  /** The table the row belongs to (its first line's index), for rows only. */
  table?: number;
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;
const cellsOf = (line: string) => line.trim().slice(1, -1).split('|').map((c) => c.trim());

/**
 * A passage as quotable units. Prose splits into sentences. A Markdown table ("| 费用项目 |
 * 费率 |…") becomes one unit per data row, each read with its header ("管理费：费率 0.20%，
 * 计提方式 按年，每日计提"), so that a row can be quoted on its own and a header row is never
 * quoted as if it were an answer.
 */
function unitsOf(text: string): Unit[] {
  const out: Unit[] = [];
  let header: string[] | undefined;
  let table = -1;
  text.split('\n').forEach((line, i) => {
    if (!TABLE_ROW.test(line)) {
      header = undefined;
      for (const s of line.split(/(?<=[。！？；!?;])|(?<=\.)\s+/)) {
        const t = s.trim().replace(/^#+\s*/, '');
        if (t.length >= 6) out.push({ s: t });
      }
      return;
    }
    if (TABLE_RULE.test(line)) return;
    const cells = cellsOf(line);
    if (!header) {
      header = cells;
      table = i;
      return;
    }
    const zh = hasCjk(line);
    // A two-column table is a list of key/value pairs ("| 项目 | 内容 |"): its header adds nothing.
    const labelled = header.length > 2;
    const rest = cells.slice(1).map((c, k) => (labelled && header![k + 1] ? `${header![k + 1]} ${c}` : c)).filter((c) => c.length > 0);
    out.push({ s: `${cells[0]}${zh ? '：' : ': '}${rest.join(zh ? '，' : ', ')}`, table });
  });
  return out;
}

/**
 * The one or two units of a passage that share the most terms with the question (none when
 * no term is shared). When a table row is among them, the table's other rows that match as
 * well come along (up to 6 units in all): a fee question gets the whole fee table.
 */
export function bestSentences(text: string, terms: string[], max = 2): string[] {
  const lower = (s: string) => s.toLowerCase();
  const scored = unitsOf(text).map((u, i) => ({ ...u, i, score: terms.filter((t) => lower(u.s).includes(t)).length }));
  const top = scored.filter((x) => x.score > 0).sort((a, b) => b.score - a.score || a.i - b.i).slice(0, max);
  // a picked row's table: its other rows that match at least as well come along
  const floor = new Map<number, number>();
  for (const x of top) if (x.table !== undefined) floor.set(x.table, Math.min(floor.get(x.table) ?? Infinity, x.score));
  for (const x of scored) {
    if (top.length >= 6) break;
    if (x.table !== undefined && x.score >= (floor.get(x.table) ?? Infinity) && !top.includes(x)) top.push(x);
  }
  return top.sort((a, b) => a.i - b.i).map((x) => (x.s.length > 220 ? `${x.s.slice(0, 220)}…` : x.s));
}

function cite(p: PassageView, n: number, lang: Lang): string {
  const page = p.page !== null ? (isZh(lang) ? `，第 ${p.page} 页` : `, p. ${p.page}`) : '';
  return isZh(lang) ? `[${n}]《${p.title}》${page}` : `[${n}] ${p.title}${page}`;
}


/** Passages of this step's search_documents outcomes, numbered across calls in order. */
export function passagesOf(input: Pick<ComposeInput, 'outcomes'>): { passages: PassageView[]; searched: boolean } {
  const passages: PassageView[] = [];
  let offset = 0;
  let searched = false;
  for (const o of input.outcomes) {
    if (o.tool !== 'search_documents') continue;
    searched = true; // an error counts as nothing found
    const ps = (o.result as { passages?: PassageView[] } | undefined)?.passages;
    for (const p of Array.isArray(ps) ? ps : []) passages.push({ ...p, n: offset + p.n });
    offset += Array.isArray(ps) ? ps.length : 0;
  }
  return { passages, searched };
}

/** The quoted sentences and sources of this step's passages (up to `max`), or '' when none answers. */
export function passagesSection(input: ComposeInput, max = 3): string {
  const { passages } = passagesOf(input);
  const terms = queryTerms(normalize(input.q));
  const L: string[] = [];
  const used: { p: PassageView; n: number }[] = [];
  const seen = new Set<string>();
  for (const p of passages) {
    if (p.flagged || used.length >= max) continue;
    const s = bestSentences(p.text, terms).filter((x) => x !== p.title.trim());
    if (s.length === 0) continue;
    // the same boilerplate sentence in two documents is quoted once
    const quote = s.join(' … ');
    if (seen.has(quote)) continue;
    seen.add(quote);
    used.push({ p, n: p.n });
    L.push(`- “${quote}” [${p.n}]`);
  }
  if (used.length === 0) return '';
  return [isZh(input.lang) ? '产品资料中的相关内容：' : 'From the documents:', ...L, isZh(input.lang) ? '来源：' : 'Sources:', ...used.map((u) => cite(u.p, u.n, input.lang))].join('\n');
}

/**
 * The product answer: facts of each found product, then the passages' relevant sentences
 * quoted with [n] (n = `offset` + the passage's own number) and the source list.
 */
export function composeProductAnswer(
  q: string,
  products: { query: string; product?: ProductFactsView; suitability?: SuitabilityView }[],
  search: { passages: PassageView[]; offset: number } | undefined,
  lang: Lang,
): string {
  const L: string[] = [];
  for (const p of products) {
    if (p.product) {
      L.push(...productFacts(p.product, q, lang));
      if (p.suitability) L.push(suitabilityLine(isZh(lang) ? p.product.name : p.product.nameEn, p.product.riskLevel, p.suitability, lang));
      L.push('');
    }
    else L.push(isZh(lang) ? `没有找到与“${p.query}”对应的产品。` : `I could not find a product matching "${p.query}".`, '');
  }
  const both = products.map((p) => p.product).filter((p): p is ProductFactsView => !!p);
  if (both.length === 2) L.push(...comparison(both[0], both[1], products.map((p) => p.suitability), lang), '');
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
    L.splice(L.length - used.length, 0, isZh(lang) ? '产品资料中的相关内容：' : 'From the product documents:');
    L.push('', isZh(lang) ? '来源：' : 'Sources:', ...used.map((u) => cite(u.p, u.n, lang)));
  } else if (search && products.some((p) => p.product)) {
    L.push(isZh(lang) ? '产品资料中没有检索到与这个问题直接相关的其他内容。' : 'The product documents have nothing further that answers this directly.');
  } else if (search) {
    L.push(
      isZh(lang)
        ? '在现有的产品资料中没有检索到与这个问题直接相关的内容，我不便推测。您可以换个说法，或向您的理财经理索取完整的产品说明书。'
        : "I found nothing in the product documents that answers this directly, and I won't guess. Try rephrasing, or ask your advisor for the full product documents.",
    );
  }
  if (flagged > 0) {
    L.push(isZh(lang) ? '（有检索内容包含可疑的指令性文字，已忽略。）' : '(Some retrieved text contained instructions aimed at the assistant and was ignored.)');
  }
  L.push(isZh(lang) ? '以上信息摘自产品资料，不构成投资建议。' : 'This is taken from the product documents and is not investment advice.');
  return L.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}


/** The answer of a documents step: product facts (get_product outcomes) and cited passages. */
export function composeDocuments(input: ComposeInput): string {
  const products: { query: string; product?: ProductFactsView; suitability?: SuitabilityView }[] = [];
  for (const o of input.outcomes) {
    if (o.tool !== 'get_product') continue;
    const r = o.result as { product?: ProductFactsView; suitability?: SuitabilityView } | undefined;
    products.push({ query: String(o.args.query ?? ''), product: r?.product, suitability: r?.suitability });
  }
  const { passages, searched } = passagesOf(input);
  return composeProductAnswer(input.q, products, searched ? { passages, offset: 0 } : undefined, input.lang);
}

/**
 * The comparison of two products on the facts that differ — risk level, management fee,
 * minimum purchase — each line saying which is lower, and which of them fits the asking
 * client. Facts only: which to buy stays the client's decision.
 */
function comparison(a: ProductFactsView, b: ProductFactsView, fit: (SuitabilityView | undefined)[], lang: Lang): string[] {
  const zh = isZh(lang);
  const name = (p: ProductFactsView) => (zh ? p.name : p.nameEn);
  const L: string[] = [zh ? '**对比**（依据产品资料，不构成推荐）：' : '**Comparison** (from the product documents; not a recommendation):'];
  const line = (what: [string, string], va: string, vb: string, lower: ProductFactsView | undefined) => {
    const verdict = lower ? (zh ? `，${name(lower)}更低` : `; ${name(lower)} is lower`) : zh ? '，两者相同' : '; the same';
    L.push(zh ? `- ${what[0]}：${name(a)} ${va}，${name(b)} ${vb}${verdict}。` : `- ${what[1]}: ${name(a)} ${va}, ${name(b)} ${vb}${verdict}.`);
  };
  if (a.riskLevel !== null && b.riskLevel !== null) line(['风险等级', 'Risk level'], `R${a.riskLevel}`, `R${b.riskLevel}`, a.riskLevel === b.riskLevel ? undefined : a.riskLevel < b.riskLevel ? a : b);
  const fa = a.fees?.management;
  const fb = b.fees?.management;
  if (fa !== undefined && fb !== undefined) line(['管理费', 'Management fee'], pct(Number(fa)), pct(Number(fb)), Number(fa) === Number(fb) ? undefined : Number(fa) < Number(fb) ? a : b);
  if (a.minPurchase && b.minPurchase && a.currency === b.currency) {
    line(['起购金额', 'Minimum purchase'], `${a.minPurchase} ${a.currency}`, `${b.minPurchase} ${b.currency}`, Number(a.minPurchase) === Number(b.minPurchase) ? undefined : Number(a.minPurchase) < Number(b.minPurchase) ? a : b);
  }
  const [sa, sb] = fit;
  if (sa && sb && sa.clientLevel !== null && !sa.expired) {
    const ok = [a, b].filter((_, i) => (i === 0 ? sa : sb).suitable).map(name);
    L.push(
      ok.length === 2
        ? zh ? `- 适当性：两只都在您的风险承受能力（C${sa.clientLevel}）范围内。` : `- Suitability: both are within your risk profile (C${sa.clientLevel}).`
        : ok.length === 1
          ? zh ? `- 适当性：只有${ok[0]}在您的风险承受能力（C${sa.clientLevel}）范围内。` : `- Suitability: only ${ok[0]} is within your risk profile (C${sa.clientLevel}).`
          : zh ? `- 适当性：两只都高于您的风险承受能力（C${sa.clientLevel}）。` : `- Suitability: both are above your risk profile (C${sa.clientLevel}).`,
    );
  }
  return L;
}

/** Whether a product fits the asking client (from get_product, clients only). */
export interface SuitabilityView {
  clientLevel: number | null;
  expired: boolean;
  suitable: boolean;
}

function suitabilityLine(name: string, riskLevel: number | null, s: SuitabilityView, lang: Lang): string {
  if (s.clientLevel === null || s.expired) {
    return isZh(lang)
      ? `- 适当性：您的风险测评已过期或尚未完成，暂时无法确认${name}是否适合您；请先完成风险测评。`
      : `- Suitability: your risk assessment has expired or is missing, so I can't confirm whether ${name} suits you; please take the risk questionnaire first.`;
  }
  if (s.suitable) {
    return isZh(lang)
      ? `- 适当性：该产品风险等级 R${riskLevel}，在您的风险承受能力（C${s.clientLevel}）范围内。`
      : `- Suitability: rated R${riskLevel}, within your risk profile (C${s.clientLevel}).`;
  }
  return isZh(lang)
    ? `- 适当性：该产品风险等级 R${riskLevel}，高于您的风险承受能力（C${s.clientLevel}），不适合您购买。`
    : `- Suitability: rated R${riskLevel}, above your risk profile (C${s.clientLevel}), so it is not suitable for you.`;
}
