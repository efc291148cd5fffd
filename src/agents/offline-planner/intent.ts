/**
 * Bilingual intent scoring: each intent's weighted features (declared by the tools'
 * planners and by the engine's own replies) are
 * matched against the normalized text — Chinese by substring, checked against jieba
 * token boundaries for one-character cues; English on stemmed tokens with typo
 * tolerance — skipping features that follow a negation.
 */
import type { Feature, IntentSpec } from '../../tools/planning.js';
import { KNOWN_WORDS, fuzzyEq, hasCjk, tokenize } from '../../lang/text.js';

/** Negation cues: an English feature right after one of these does not count. */
const NEGATIONS_EN = ['not', "don't", 'dont', 'do not', 'never', 'no', "won't", "didn't", 'without'];

const learned = new WeakSet<readonly IntentSpec[]>();

/** Every English lexicon word is a known word: a correctly spelled one is never a typo of another. */
function learn(specs: readonly IntentSpec[]): void {
  if (learned.has(specs)) return;
  for (const spec of specs) for (const [p] of spec.en) for (const part of p.split('+')) for (const t of tokenize(part)) KNOWN_WORDS.add(t);
  learned.add(specs);
}

export interface IntentScore {
  intent: string;
  score: number;
  matched: string[];
}

const ZH_NEG = /(不想|不要|不用|别|无需|不必|没有?|并非)[\u4e00-\u9fff]{0,2}$/;
const phraseCache = new Map<string, string[]>();

function phraseTokens(p: string): string[] {
  let t = phraseCache.get(p);
  if (!t) {
    t = tokenize(p);
    phraseCache.set(p, t);
  }
  return t;
}

/** Index of the first token run matching `phrase` (all tokens, fuzzily), or -1. */
function findPhrase(tokens: string[], phrase: string[]): number {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (!fuzzyEq(tokens[i + j], phrase[j])) continue outer;
    return i;
  }
  return -1;
}

function negatedEn(tokens: string[], at: number): boolean {
  for (let k = Math.max(0, at - 3); k < at; k++) {
    if (tokens[k] === 'never' && tokens[k + 1] === 'mind') continue; // "never mind, cancel it"
    if (NEGATIONS_EN.includes(tokens[k])) return true;
  }
  return false;
}

/** Does one part of a feature occur (not negated)? */
function partMatches(norm: string, tokens: string[], zhTokens: Set<string>, part: string): boolean {
  if (hasCjk(part) || !/[a-z]/.test(part)) {
    const at = norm.indexOf(part);
    if (at < 0) return false;
    if (part.length === 1 && !zhTokens.has(part)) return false;
    const pre = norm.slice(Math.max(0, at - 4), at);
    // "要不要调仓" / "该不该" / "需不需要" / "有没有帮我挣到" ask; they do not negate.
    return !ZH_NEG.test(pre) || /([\u4e00-\u9fff])[不没]\1[\u4e00-\u9fff]{0,3}$|需不需要$/.test(norm.slice(Math.max(0, at - 7), at));
  }
  const ph = phraseTokens(part);
  if (ph.length === 0) return false;
  const at = findPhrase(tokens, ph);
  return at >= 0 && !negatedEn(tokens, at);
}

function featureMatches(norm: string, tokens: string[], zhTokens: Set<string>, f: Feature): boolean {
  return f[0].split('+').every((p) => partMatches(norm, tokens, zhTokens, p));
}

/** Feature scores of every intent for one normalized message, in the order of `specs`. */
export function scoreIntents(norm: string, specs: readonly IntentSpec[]): IntentScore[] {
  learn(specs);
  const tokens = tokenize(norm);
  const zhTokens = new Set(tokens.filter(hasCjk));
  const out: IntentScore[] = [];
  for (const spec of specs) {
    const intent = spec.id;
    let score = 0;
    const matched: string[] = [];
    for (const f of [...spec.zh, ...spec.en]) {
      if (featureMatches(norm, tokens, zhTokens, f)) {
        score += f[1];
        matched.push(f[0]);
      }
    }
    out.push({ intent, score, matched });
  }
  return out;
}
