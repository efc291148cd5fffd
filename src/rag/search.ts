/**
 * Hybrid retrieval: two scored lists (plus a field boost) fused linearly after score normalization
 * (see {@link FusionWeights}; plain rank fusion let weak vector ranks outvote a clear
 * BM25 winner).
 *  - BM25 over chunks (SQL, `bm25-leg.ts`): the lexical backbone;
 *  - dense vectors (HNSW, cosine) with the chunk's embedder: paraphrases and near-misses;
 *  - a field boost for the chunk's title and section heading ({@link headCoverage}):
 *    a query naming a product (name or code) or an FAQ question lifts those passages.
 * A document not in the query's language (Chinese vs. other) is scaled by `lang`, so a
 * Chinese question prefers the Chinese document of a product that has both. Metadata
 * filters apply to every list. {@link rrf} stays for callers that fuse rank lists.
 */
import type { Db, Queryable } from '../db/db.js';
import { bm25Chunks, queryStats, type QueryStats } from './bm25-leg.js';
import { toVectorLiteral, type Embedder } from './embedder.js';
import { filterSql, type SearchFilters } from './filters.js';
import { ensureEmbedderIndex } from './store.js';
import { contentTerms, isChinese } from './tokenize.js';

export type { SearchFilters } from './filters.js';

export interface SearchOptions {
  k?: number;
  filters?: SearchFilters;
  /** 'hybrid' (default), 'vector' or 'fts' (BM25 only). */
  mode?: 'hybrid' | 'vector' | 'fts';
  /** Candidates per list before fusion (default max(40, 4k)). */
  candidates?: number;
  /** Fusion weights (default {@link FUSION}); for experiments and the eval's ablations. */
  fusion?: Partial<FusionWeights>;
}

/**
 * Score-normalized linear fusion: each list's scores are min-max scaled to [0, 1]
 * over its candidates, weighted and summed; the field boost is added; the total is then multiplied by
 * `lang` when the document is not in the query's language.
 */
export interface FusionWeights {
  bm25: number;
  vector: number;
  title: number;
  lang: number;
}

export interface ChunkHit {
  chunkId: string;
  docId: string;
  title: string;
  section: string | null;
  page: number | null;
  text: string;
  docType: string;
  lang: string;
  productIds: string[];
  publishedAt: string | null;
  /** Fused score (higher is better). */
  score: number;
  flagged: string | null;
}

const RRF_K = 60;
/** Default fusion weights (tuned on evals/data/retrieval.jsonl; checked on the held-out set). */
export const FUSION: Readonly<FusionWeights> = { bm25: 1, vector: 0.5, title: 0.2, lang: 0.8 };

const COLS = `c.id AS "chunkId", c.doc_id AS "docId", d.title, c.section, c.page, c.text, d.doc_type AS "docType", d.lang,
  d.product_ids AS "productIds", d.published_at AS "publishedAt", c.flagged`;

type Row = Omit<ChunkHit, 'score'>;

/** Chunk ids nearest to the query vector (HNSW with `ef_search` ≥ n, set for this transaction only). */
async function vectorList(db: Db, e: Embedder, qv: number[], n: number, f?: SearchFilters): Promise<{ id: string; score: number }[]> {
  await ensureEmbedderIndex(db, e);
  const v = toVectorLiteral(qv);
  const params: unknown[] = [v];
  const where = filterSql(f, params);
  const join = where ? ' JOIN rag_documents d ON d.id = c.doc_id' : '';
  // ensureEmbedderIndex validated id and dim, so inlining them is safe and lets the
  // planner match the partial expression index.
  const sql = `SELECT c.id, 1 - (c.embedding::vector(${e.dim}) <=> $1::vector(${e.dim})) AS score FROM rag_chunks c${join}
     WHERE c.embedder = '${e.id}'${where}
     ORDER BY c.embedding::vector(${e.dim}) <=> $1::vector(${e.dim}) LIMIT ${n}`;
  return db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL hnsw.ef_search = ${Math.max(40, Math.min(1000, n))}`);
    return (await tx.query<{ id: string; score: number }>(sql, params)).rows;
  });
}

const headCache = new Map<string, Set<string>>();

/** Content terms of a title + section heading (memoized; headings repeat across chunks and queries). */
function headTerms(title: string, section: string | null): Set<string> {
  const key = `${title}\n${section ?? ''}`;
  let terms = headCache.get(key);
  if (!terms) {
    if (headCache.size >= 20_000) headCache.clear();
    terms = new Set(contentTerms(key));
    headCache.set(key, terms);
  }
  return terms;
}

/**
 * Field boost (0–1): how well the chunk's title and section heading match the query. A question that names a product, or matches an FAQ heading, lifts the
 * passages under that title or heading.
 */
export function headCoverage(qs: QueryStats, title: string, section: string | null): number {
  const total = qs.terms.reduce((a, t) => a + t.idf, 0);
  if (!(total > 0)) return 0;
  const head = headTerms(title, section);
  if (!head.size) return 0;
  let mass = 0;
  let hits = 0;
  for (const t of qs.terms) {
    if (!head.has(t.term)) continue;
    mass += t.idf;
    hits++;
  }
  // Recall of the query's idf mass × √precision of the heading's words: a short,
  // specific heading ("Who can buy private funds?") beats a long one that happens to
  // share the words.
  return (mass / total) * Math.sqrt(hits / head.size);
}

/** Weighted reciprocal rank fusion of ranked id lists; best first. */
export function rrf(lists: { ids: readonly string[]; weight: number }[], k = RRF_K): { id: string; score: number }[] {
  const acc = new Map<string, number>();
  for (const { ids, weight } of lists) ids.forEach((id, i) => acc.set(id, (acc.get(id) ?? 0) + weight / (k + i + 1)));
  return [...acc].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

async function rowsById(db: Queryable, ids: string[]): Promise<Map<string, Row>> {
  if (!ids.length) return new Map();
  const r = await db.query<Row>(`SELECT ${COLS} FROM rag_chunks c JOIN rag_documents d ON d.id = c.doc_id WHERE c.id = ANY($1::text[])`, [ids]);
  return new Map(r.rows.map((x) => [x.chunkId, x]));
}

/** Searches chunks; best first. */
export async function searchChunks(db: Db, embedder: Embedder, query: string, opts: SearchOptions = {}): Promise<ChunkHit[]> {
  const k = opts.k ?? 10;
  const n = opts.candidates ?? Math.max(40, k * 4);
  const mode = opts.mode ?? 'hybrid';
  const f = opts.filters;
  const weighted = embedder.embedQueryWeighted?.bind(embedder);
  const qsP: Promise<QueryStats | null> = mode !== 'vector' || weighted ? queryStats(db, query) : Promise.resolve(null);
  // The query vector: idf-weighted when the embedder supports it.
  const qvP = async (): Promise<number[]> => {
    const qs = weighted ? await qsP : null;
    if (!weighted || !qs) return embedder.embedQuery(query);
    const idf = new Map(qs.terms.map((t) => [t.term, t.idf]));
    return weighted(query, (t) => idf.get(t));
  };
  // On PostgreSQL the legs run on separate pooled connections at the same time.
  const [vec, bm, qs] = await Promise.all([
    mode !== 'fts' ? qvP().then((qv) => vectorList(db, embedder, qv, n, f)) : Promise.resolve([]),
    mode !== 'vector' ? qsP.then((x) => (x ? bm25Chunks(db, x, n, f) : [])) : Promise.resolve([]),
    qsP,
  ]);
  const w = { ...FUSION, ...opts.fusion };
  if (mode === 'vector') w.bm25 = 0;
  if (mode === 'fts') w.vector = 0;
  const acc = new Map<string, number>();
  // Min-max normalization per list: the best candidate scores 1, the last one 0.
  const add = (list: { id: string; score: number }[], weight: number) => {
    if (!list.length || weight === 0) return;
    const top = list[0]!.score;
    const low = list.length > 1 ? list[list.length - 1]!.score : 0;
    const span = top - low;
    for (const x of list) acc.set(x.id, (acc.get(x.id) ?? 0) + weight * (span > 0 ? (x.score - low) / span : 1));
  };
  add(bm, w.bm25);
  add(vec, w.vector);
  const fused = [...acc].sort((a, b) => b[1] - a[1]).slice(0, Math.max(k * 4, n));
  const rows = await rowsById(db, fused.map(([id]) => id));
  const zh = isChinese(query);
  const hits: ChunkHit[] = [];
  for (const [id, score] of fused) {
    const row = rows.get(id);
    if (!row) continue;
    let s = score + (w.title && qs ? w.title * headCoverage(qs, row.title, row.section) : 0);
    if (mode === 'hybrid' && (row.lang === 'zh') !== zh) s *= w.lang;
    hits.push({ ...row, score: s });
  }
  hits.sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId));
  return hits.slice(0, k);
}

/** Ranked unique document ids for a query (best chunk per document decides). */
export async function searchDocuments(db: Db, embedder: Embedder, query: string, opts: SearchOptions = {}): Promise<string[]> {
  const k = opts.k ?? 10;
  const hits = await searchChunks(db, embedder, query, { ...opts, k: Math.max(k * 8, 50) });
  const out: string[] = [];
  for (const h of hits) if (!out.includes(h.docId)) out.push(h.docId);
  return out.slice(0, k);
}
