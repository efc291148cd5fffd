/**
 * Text primitives of the offline planner: normalization (full-width → half-width,
 * lower case), language detection, Chinese segmentation with jieba, English tokens with
 * light stemming, and a bounded edit distance for typo-tolerant matching.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Lang } from '../vocab.js';
import { foldChinese } from './chinese-variants.js';

let jieba: Jieba | undefined;

/** The process-wide jieba instance (the dictionary loads once, ~100 ms). */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const CJK = /[\u3400-\u9fff]/;
const CJK_G = /[\u3400-\u9fff]/g;

/**
 * Full-width ASCII and ideographic punctuation to half-width, lower case, spaces
 * collapsed; Traditional characters and Cantonese function words folded to simplified
 * Mandarin (see `chinese-variants.ts`).
 */
export function normalize(text: string): string {
  return foldChinese(text)
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** 'zh' when at least one Chinese character is present and they are not a tiny minority. */
export function detectLang(text: string): Lang {
  const cjk = (text.match(CJK_G) ?? []).length;
  if (cjk === 0) return 'en';
  const latinWords = (text.match(/[a-z]{2,}/gi) ?? []).length;
  return cjk >= 2 || cjk >= latinWords ? 'zh' : 'en';
}

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** Light English stemmer, idempotent: folds possessives, plurals and -ing/-ed endings. */
export function stem(w: string): string {
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  return w;
}

/** Tokens of normalized text: jieba words for Chinese runs, stemmed words for Latin runs. */
export function tokenize(norm: string): string[] {
  const out: string[] = [];
  for (const part of norm.split(/([\u3400-\u9fff]+)/)) {
    if (!part) continue;
    if (CJK.test(part)) {
      for (const w of segmenter().cut(part, false)) if (w.trim()) out.push(w);
    } else {
      for (const w of part.split(/[^a-z0-9%$.'&]+/)) {
        const t = w.replace(/^[.']+|[.']+$/g, '');
        if (t) out.push(stem(t));
      }
    }
  }
  return out;
}

/** Damerau–Levenshtein (optimal string alignment) distance, abandoned above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    prev = cur;
  }
  return prev[b.length];
}

/** Does a user token match a lexicon word, allowing one typo from 5 letters and two from 9? */
export function fuzzyEq(token: string, word: string): boolean {
  if (token === word) return true;
  if (KNOWN_WORDS.has(token)) return false; // a real word is not a typo of another
  if (/\d/.test(word) || /\d/.test(token)) return false;
  const allowed = word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
  if (allowed === 0) return false;
  if (token[0] !== word[0] && allowed < 2) return false;
  return editDistance(token, word, allowed) <= allowed;
}

/**
 * Correctly spelled words that sit one or two edits from a lexicon word (share/sharpe,
 * balance/rebalance, risky/risk …): a token equal to one of these never matches fuzzily.
 * Extended at start-up with every lexicon word.
 */
export const KNOWN_WORDS = new Set(
  (
    'share risky risk make made hold old own down town more most much many some same sale save safe ' +
    'sell seller tell well will fill fell feel rate late date data day days week month year ' +
    'balance valve value values fun fund fond find fine line lines time times term terms lose loss lost ' +
    'last past fast cast case base bass plan plans planned plane place price prize prime print point ' +
    'return retune turn turns retire retry entire expire expired spend spent send sent rent ' +
    'cost most post host goal goals coal load road read real ready ' +
    'poem poet joke jokes game gave give live love move mode model ' +
    'than then that this thing think odds off trim mix'
  ).split(/\s+/).map(stem),
);
