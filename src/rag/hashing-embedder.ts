/**
 * The offline default embedder (`hash-v1-512`): no model, no download, deterministic.
 *
 * Method — signed feature hashing ("hashing trick") of three feature families into a
 * 512-dimensional vector:
 *  - word unigrams (jieba-segmented for Chinese, lower-cased words for English), weight 1.0;
 *  - word bigrams of adjacent content words, weight 0.6;
 *  - character n-grams inside each word (Chinese 2-grams; Latin 3-grams with boundary
 *    marks), weight 0.35 — they let 稳健增利 match 稳健 and "manager" match "managers".
 * Each feature is hashed with FNV-1a to a bucket; a second hash bit chooses the sign so
 * collisions cancel on average. Counts use sublinear tf (1 + ln tf); the vector is
 * L2-normalized, so cosine similarity = dot product. Stopwords are dropped.
 */
import { l2normalize, type Embedder } from './embedder.js';
import { contentTerms } from './tokenize.js';

export const HASH_EMBEDDER_ID = 'hash-v1-512';
export const HASH_DIM = 512;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HAN = /\p{Script=Han}/u;

/**
 * The weighted features of a text (exported for tests). `termWeight` scales every
 * feature derived from a word (its unigram, its bigrams by the mean of both words,
 * its character n-grams); unknown words keep weight 1.
 */
export function hashFeatures(text: string, termWeight?: (term: string) => number | undefined): Map<string, number> {
  const terms = contentTerms(text);
  const f = new Map<string, number>();
  const add = (k: string, w: number) => f.set(k, (f.get(k) ?? 0) + w);
  const tw = (t: string) => termWeight?.(t) ?? 1;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    const wt = tw(t);
    add(`w:${t}`, wt);
    if (i + 1 < terms.length) add(`b:${t} ${terms[i + 1]}`, 0.6 * ((wt + tw(terms[i + 1]!)) / 2));
    if (HAN.test(t)) {
      if (t.length > 2) for (let j = 0; j + 2 <= t.length; j++) add(`c:${t.slice(j, j + 2)}`, 0.35 * wt);
    } else if (t.length > 4) {
      const m = `<${t}>`;
      for (let j = 0; j + 3 <= m.length; j++) add(`c:${m.slice(j, j + 3)}`, 0.35 * wt);
    }
  }
  return f;
}

/** Hashes weighted features into a unit vector (sublinear in the accumulated weight). */
function project(features: Map<string, number>, dim: number): number[] {
  const v = new Float64Array(dim);
  for (const [k, w] of features) {
    const h = fnv1a(k);
    const sign = (h >>> 31) & 1 ? -1 : 1;
    v[h % dim]! += sign * (w > 1 ? 1 + Math.log(w) : w);
  }
  return l2normalize(v);
}

/** Embeds one text synchronously. */
export function hashEmbed(text: string, dim = HASH_DIM): number[] {
  return project(hashFeatures(text), dim);
}

/**
 * Embeds a query with per-term weights (e.g. idf from the store), so rare, decisive
 * words dominate the query vector; documents stay tf-only, which makes the cosine an
 * idf-weighted match.
 */
export function hashEmbedWeighted(text: string, termWeight: (term: string) => number | undefined, dim = HASH_DIM): number[] {
  return project(hashFeatures(text, termWeight), dim);
}

/** The offline default embedder. */
export function hashingEmbedder(dim = HASH_DIM): Embedder {
  return {
    id: dim === HASH_DIM ? HASH_EMBEDDER_ID : `hash-v1-${dim}`,
    dim,
    async embed(texts) {
      return texts.map((t) => hashEmbed(t, dim));
    },
    async embedQuery(text) {
      return hashEmbed(text, dim);
    },
    async embedQueryWeighted(text, termWeight) {
      return hashEmbedWeighted(text, termWeight, dim);
    },
  };
}
