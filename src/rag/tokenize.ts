/**
 * Word segmentation shared by full-text search, the offline embedder and the BM25
 * baseline: jieba (search mode) for Chinese, lower-cased word tokens for Latin text,
 * numbers kept whole ("0.80%" → "0.80"). Punctuation and whitespace are dropped.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

function instance(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const WORD = /[\p{L}\p{N}]/u;
const CJK = /\p{Script=Han}/u;

/** Common words that carry no topic (zh + en); dropped from queries and embeddings. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    '的 了 是 在 和 与 及 或 有 我 你 他 她 它 我们 你们 吗 呢 吧 啊 么 什么 怎么 怎样 如何 哪些 哪个 多少 这 那 这个 那个 一下 请 请问 能 能否 可以 会 要 想 就 都 也 还 对 把 被 给 为 以 之 其 该 等 个 中 上 下 ' +
    'a an the of to in on for and or is are was were be been it its this that these those what which who how do does did can could would should will my your our their me you we they i about with by from at as any there than then so if into per'
  ).split(' '),
);

/** Full-width ASCII → half-width, NBSP/ideographic space → space. Chinese punctuation is kept. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => {
    const ch = String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    return '，。！？；：（）'.includes(c) ? c : /[A-Za-z0-9%.\-+/]/.test(ch) ? ch : c;
  }).replace(/[\u00A0\u3000]/g, ' ');
}

/** Light English plural stemming ("fees" → "fee", "policies" → "policy"); Chinese untouched. */
function stem(t: string): string {
  if (!/^[a-z]{4,}$/.test(t)) return t;
  if (t.endsWith('ies')) return `${t.slice(0, -3)}y`;
  if (t.endsWith('s') && !t.endsWith('ss') && !t.endsWith('us')) return t.slice(0, -1);
  return t;
}

/** Segments text into lower-cased terms (jieba search mode for Chinese). */
export function segment(text: string): string[] {
  const out: string[] = [];
  for (const raw of instance().cutForSearch(toHalfWidth(text), true)) {
    const t = raw.trim().toLowerCase().replace(/%$/, '');
    if (t && WORD.test(t)) out.push(stem(t));
  }
  return out;
}

/** Segmented terms without stopwords — what queries and embeddings use. */
export function contentTerms(text: string): string[] {
  return segment(text).filter((t) => !STOPWORDS.has(t));
}

/** True when the text is mostly Chinese. */
export function isChinese(text: string): boolean {
  let han = 0;
  let latin = 0;
  for (const c of text) {
    if (CJK.test(c)) han++;
    else if (/[A-Za-z]/.test(c)) latin++;
  }
  return han * 2 >= latin && han > 0;
}
