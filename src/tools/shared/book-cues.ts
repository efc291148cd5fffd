/**
 * Words the advisor's book tools share in the offline planner: a lexicon matcher (Chinese
 * by substring, English phrases on stemmed tokens with the planner's typo tolerance), the
 * cues that a question is about the whole book rather than one client, and the client a
 * question names.
 */
import { fuzzyEq, hasCjk, tokenize } from '../../lang/text.js';
import type { Utterance } from '../../lang/utterance.js';
import type { Feature, PlanEnv } from '../planning.js';
import { namedClient } from './plan-kit.js';

/** Words in both languages: Chinese substrings, English words or phrases. */
export interface Lexicon {
  zh: readonly string[];
  en: readonly string[];
}

const tokensOf = new WeakMap<Utterance, string[]>();
const phraseCache = new Map<string, string[]>();

function tokens(u: Utterance): string[] {
  let t = tokensOf.get(u);
  if (!t) tokensOf.set(u, (t = tokenize(u.norm)));
  return t;
}

function phrase(p: string): string[] {
  let t = phraseCache.get(p);
  if (!t) phraseCache.set(p, (t = tokenize(p)));
  return t;
}

/** Whether the message uses any word of the lexicon. */
export function mentions(u: Utterance, lex: Lexicon): boolean {
  if (lex.zh.some((w) => u.norm.includes(w))) return true;
  const toks = tokens(u);
  return lex.en.some((w) => {
    if (hasCjk(w)) return u.norm.includes(w);
    const ph = phrase(w);
    outer: for (let i = 0; i + ph.length <= toks.length; i++) {
      for (let j = 0; j < ph.length; j++) if (!fuzzyEq(toks[i + j], ph[j])) continue outer;
      return true;
    }
    return false;
  });
}

/**
 * A lexicon as planner features of one weight. English variants that stem alike
 * ("underperform", "underperformed") are one feature, so a word counts once.
 */
export function features(lex: Lexicon, weight: number): { zh: Feature[]; en: Feature[] } {
  const seen = new Set<string>();
  const en = lex.en.filter((w) => {
    const key = phrase(w).join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { zh: lex.zh.map((w) => [w, weight] as Feature), en: en.map((w) => [w, weight] as Feature) };
}

/** Words that make a question about many clients: who, which clients, my book, ranking. */
export const BOOK_WORDS: Lexicon = {
  zh: ['谁', '哪些', '哪几', '哪位', '哪个客户', '客户', '名下', '排名', '排行', '排一下', '几位', '多少位', '有没有人', '大家', '所有人', '前几'],
  en: ['who', 'whose', 'which clients', 'which client', 'which of my', 'clients', 'customers', 'anyone', 'anybody', 'any of my', 'my book', 'the book', 'book', 'top', 'rank', 'ranking', 'people', 'households'],
};

/** A filter shape without a client named: "超过30%的组合", "portfolios above 30%". */
const FILTER_SHAPE = /(超过|高于|大于|多于|低于|不足)\s*\d+(\.\d+)?\s*%?的|有哪些|都有谁|\b(above|over|more than|greater than|exceeding|below|under)\s+\d+(\.\d+)?\s*%|\bportfolios\b|\baccounts\b/;

/** A client of the book the message names (an id, or a name the engine resolved). */
export function namesClient(u: Utterance, env: PlanEnv): boolean {
  return u.slots.clientIds.length > 0 || Boolean(namedClient(u.norm, env));
}

/** Whether the message asks about the book as a whole (and names no client). */
export function aboutBook(u: Utterance, env: PlanEnv): boolean {
  if (namesClient(u, env)) return false;
  return mentions(u, BOOK_WORDS) || (!env.dialogue.subject && FILTER_SHAPE.test(u.norm));
}

/** Points at one client shown or in focus: "her", "the second one", "这位客户", "第二个". */
export function pointsAtClient(u: Utterance): boolean {
  return /\b(she|he|her|him|his|this client|that client|(the )?(first|second|third|fourth|fifth|last|1st|2nd|3rd|top|worst|most urgent) one)\b|她|他(?!们)|这位|那位|该客户|这个客户|第[一二三四五六七八九十\d]+(个|位|名)/.test(u.norm);
}
