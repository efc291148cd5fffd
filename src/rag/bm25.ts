/**
 * Plain Okapi BM25 (k1 = 1.2, b = 0.75) over chunks in memory — the baseline the
 * retrieval eval compares the hybrid retriever with. Same tokenizer (jieba + stopwords)
 * and the same indexed text (title, section, body) as the store.
 */
import { contentTerms } from './tokenize.js';

export interface Bm25Doc {
  id: string;
  docId: string;
  text: string;
}

export class Bm25Index {
  private readonly tf: Map<string, number>[] = [];
  private readonly len: number[] = [];
  private readonly df = new Map<string, number>();
  private readonly avg: number;

  constructor(
    private readonly docs: readonly Bm25Doc[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    for (const d of docs) {
      const terms = contentTerms(d.text);
      const m = new Map<string, number>();
      for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
      for (const t of m.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      this.tf.push(m);
      this.len.push(terms.length);
    }
    this.avg = this.len.reduce((a, x) => a + x, 0) / Math.max(1, docs.length);
  }

  /** Top `k` chunks for a query, best first. */
  search(query: string, k = 10): { id: string; docId: string; score: number }[] {
    const n = this.docs.length;
    const q = [...new Set(contentTerms(query))];
    const scores: { i: number; s: number }[] = [];
    for (let i = 0; i < n; i++) {
      const m = this.tf[i]!;
      let s = 0;
      for (const t of q) {
        const f = m.get(t);
        if (!f) continue;
        const df = this.df.get(t)!;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        s += (idf * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * this.len[i]!) / this.avg));
      }
      if (s > 0) scores.push({ i, s });
    }
    scores.sort((a, b) => b.s - a.s);
    return scores.slice(0, k).map(({ i, s }) => ({ id: this.docs[i]!.id, docId: this.docs[i]!.docId, score: s }));
  }
}
