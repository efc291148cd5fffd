/**
 * Fusion-weight tuning by 5-fold cross-validation on the MAIN retrieval set only
 * (`evals/data/retrieval.jsonl`; the held-out sets are never read here). Each query's
 * candidates and features are computed once (`searchCandidates`); a grid of weights is
 * then scored in memory. Per fold: the best weights on the other four folds and their
 * MRR@10 on the fold. The objective is MRR@10 + 0.1 × recall@10, averaged over queries.
 * The weights chosen on all of main are printed for `FUSION` in `src/rag/search.ts`.
 */
import { openTestPglite } from '../../src/db/testing.js';
import { seedDemoLibrary } from '../../src/rag/demo-library.js';
import { hashingEmbedder } from '../../src/rag/hashing-embedder.js';
import { FUSION, rankDocuments, searchCandidates, type Candidate, type FusionWeights } from '../../src/rag/search.js';
import { load, metrics, type Query } from './retrieval.js';

export const name = 'retrieval-cv';
export const description = 'Retrieval fusion weights: 5-fold cross-validation on the main set (grid search), per-fold weights and held-fold MRR@10';

const GRID = {
  vector: [0.25, 0.5],
  title: [0.1, 0.2],
  entity: [0, 0.25, 0.5, 1],
  type: [0, 0.1, 0.2],
  multi: [0, 0.1, 0.2],
  xlang: [0.3, 0.6, 1],
} as const;

function grid(): Partial<FusionWeights>[] {
  let out: Partial<FusionWeights>[] = [{}];
  for (const [k, vs] of Object.entries(GRID)) out = out.flatMap((w) => vs.map((v) => ({ ...w, [k]: v })));
  return out;
}

const objective = (q: Query, c: readonly Candidate[], w: Partial<FusionWeights>) => {
  const m = metrics(rankDocuments(c, w).slice(0, 10).map((d) => d.docId), q.gold);
  return { obj: m.mrr + 0.1 * m.r10, mrr: m.mrr };
};

function best(items: { q: Query; c: Candidate[] }[], ws: Partial<FusionWeights>[]): { w: Partial<FusionWeights>; obj: number } {
  let top = { w: ws[0]!, obj: -1 };
  for (const w of ws) {
    let s = 0;
    for (const it of items) s += objective(it.q, it.c, w).obj;
    // Strictly better only: ties keep the earlier (smaller) weights.
    if (s > top.obj + 1e-9) top = { w, obj: s };
  }
  return { w: top.w, obj: top.obj / items.length };
}

const fmt = (w: Partial<FusionWeights>) => Object.entries(w).map(([k, v]) => `${k}=${v}`).join(' ');

export async function run(): Promise<{ lines: string[]; scores: Record<string, number> }> {
  const queries = load('retrieval.jsonl');
  const db = await openTestPglite();
  const e = hashingEmbedder();
  try {
    await seedDemoLibrary(db, { embedder: e });
    const items: { q: Query; c: Candidate[] }[] = [];
    for (const q of queries) items.push({ q, c: await searchCandidates(db, e, q.text, { k: 80 }) });
    const ws = grid();
    const lines = [`${queries.length} main queries, ${ws.length} weight settings, folds by position (i mod 5)`];
    const scores: Record<string, number> = {};
    let cvSum = 0;
    let baseSum = 0;
    for (let f = 0; f < 5; f++) {
      const train = items.filter((_, i) => i % 5 !== f);
      const test = items.filter((_, i) => i % 5 === f);
      const b = best(train, ws);
      const mrr = test.reduce((a, it) => a + objective(it.q, it.c, b.w).mrr, 0) / test.length;
      const base = test.reduce((a, it) => a + objective(it.q, it.c, FUSION).mrr, 0) / test.length;
      cvSum += mrr * test.length;
      baseSum += base * test.length;
      lines.push(`fold ${f}: train objective ${b.obj.toFixed(4)}  held-fold MRR@10 ${mrr.toFixed(4)} (current defaults ${base.toFixed(4)})  weights ${fmt(b.w)}`);
      scores[`fold${f}.mrr10`] = Number(mrr.toFixed(4));
    }
    const all = best(items, ws);
    lines.push(`cross-validated MRR@10 ${(cvSum / items.length).toFixed(4)} vs current defaults ${(baseSum / items.length).toFixed(4)}`);
    lines.push(`best on all of main (objective ${all.obj.toFixed(4)}): ${fmt(all.w)}`);
    scores['cv.mrr10'] = Number((cvSum / items.length).toFixed(4));
    return { lines, scores };
  } finally {
    await db.close();
  }
}
