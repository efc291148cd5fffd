/**
 * Features for the statistical intent scorer: on the normalized, de-leeted text, Latin
 * word unigrams and bigrams and CJK character unigrams, bigrams and trigrams, hashed
 * (FNV-1a of "w:word", "b:prev word", "c:ngram") into a fixed number of buckets, so no
 * vocabulary ships. Hashes are computed over char codes without building substrings:
 * this runs on every message and must not feed the garbage collector.
 */
import { normalizeText } from './normalize.js';

export const BUCKETS = 1 << 15;
const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

const step = (h: number, c: number) => Math.imul(h ^ c, PRIME);
const prefix = (p: string) => [...p].reduce((h, ch) => step(h, ch.charCodeAt(0)), OFFSET);
const W = prefix('w:');
const B = prefix('b:');
const C = prefix('c:');

const isLatin = (c: number) => c >= 97 && c <= 122;
const isCjk = (c: number) => c >= 0x3400 && c <= 0x9fff;

/** Distinct hashed feature ids of a text. */
export function intentFeatures(text: string): number[] {
  const n = normalizeText(text);
  const src = n.decoded ? `${n.deleet}\n${n.decoded}` : n.deleet;
  const out = new Set<number>();
  const add = (h: number) => out.add((h >>> 0) % BUCKETS);
  let prevStart = -1;
  let prevEnd = -1;
  let i = 0;
  const len = src.length;
  while (i < len) {
    const c = src.charCodeAt(i);
    if (isLatin(c)) {
      let j = i;
      let h = W;
      while (j < len && isLatin(src.charCodeAt(j))) h = step(h, src.charCodeAt(j++));
      add(h);
      if (prevStart >= 0) {
        let b = B;
        for (let k = prevStart; k < prevEnd; k++) b = step(b, src.charCodeAt(k));
        b = step(b, 32);
        for (let k = i; k < j; k++) b = step(b, src.charCodeAt(k));
        add(b);
      }
      prevStart = i;
      prevEnd = j;
      i = j;
    } else if (isCjk(c)) {
      let j = i;
      while (j < len && isCjk(src.charCodeAt(j))) j++;
      for (let k = i; k < j; k++) {
        const h1 = step(C, src.charCodeAt(k));
        add(h1);
        if (k + 1 < j) {
          const h2 = step(h1, src.charCodeAt(k + 1));
          add(h2);
          if (k + 2 < j) add(step(h2, src.charCodeAt(k + 2)));
        }
      }
      prevStart = -1;
      i = j;
    } else {
      i++;
    }
  }
  return [...out];
}
