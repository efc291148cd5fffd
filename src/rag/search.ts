/**
 * Hybrid retrieval: scored lists and priors fused linearly after score normalization
 * (see {@link FusionWeights}; plain rank fusion let weak vector ranks outvote a clear
 * BM25 winner).
 *  - BM25 over chunks (SQL, `bm25-leg.ts`): the lexical backbone, plus a second BM25 run
 *    on the query's finance terms translated zh↔en (`lexicon.ts`), added at weight `xlang`
 *    so an English question reaches a Chinese-only document and vice versa;
 *  - dense vectors (HNSW, cosine) with the chunk's embedder: paraphrases and near-misses;
 *  - a field boost for the chunk's title and section heading ({@link headCoverage});
 *  - an entity prior: the share of the document's products the query names (`entities.ts`);
 *  - a document-type prior from the question's cue words (`doc-intent.ts`).
 * A document not in the query's language (Chinese vs. other) is scaled by `lang`.
 * Documents are ranked by their best chunk plus `multi` × the next two chunks' scores.
 * Metadata filters apply to every list. {@link rrf} stays for callers that fuse rank lists.
 */
import type { Db, Queryable } from '../db/db.js';
import { bm25Chunks, queryStats, type QueryStats, type ScoredId } from './bm25-leg.js';
import { toVectorLiteral, type Embedder } from './embedder.js';
import { filterSql, type SearchFilters } from './filters.js';
import { ensureEmbedderIndex } from './store.js';
import { contentTerms, isChinese } from './tokenize.js';
import { wantedDocTypes } from './doc-intent.js';
import { entityMatch, namedProducts } from './entities.js';
import { translateTerms } from './lexicon.js';

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
  /** Weight of the translated-terms BM25 run relative to the query's own terms. */
  xlang: number;
  /** Entity prior: × share of the document's products the query names. */
  entity: number;
  /** Document-type prior: × share of the query's type cues pointing at the document's type. */
  type: number;
  /** Document score = best chunk + multi × (2nd + 3rd best chunk). */
  multi: number;
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
/**
 * Default fusion weights: 5-fold cross-validation on evals/data/retrieval.jsonl only
 * (`npm run eval retrieval-cv`); the held-out sets were not used. `lang` kept at 0.8.
 */
export const FUSION: Readonly<FusionWeights> = { bm25: 1, vector: 0.25, title: 0.1, lang: 0.8, xlang: 0.3, entity: 0.5, type: 0.1, multi: 0.2 };

const COLS = `c.id AS "chunkId", c.doc_id AS "docId", d.title, c.section, c.page, c.text, d.doc_type AS "docType", d.lang,
  d.product_ids AS "productIds", d.published_at AS "publishedAt", c.flagged`;

type Row = Omit<ChunkHit, 'score'>;

/**
 * The vector leg's SQL: an ORDER BY on the cosine distance of the embedder's partial
 * expression index, so PostgreSQL walks the HNSW index (see the EXPLAIN test). The caller
 * has validated the embedder id and dimension (`ensureEmbedderIndex`), so inlining them is
 * safe and lets the planner match the index's expression and predicate.
 */
export function vectorQuery(e: Pick<Embedder, 'id' | 'dim'>, qv: number[], n: number, f?: SearchFilters): { sql: string; params: unknown[]; settings: string } {
  const params: unknown[] = [toVectorLiteral(qv)];
  const where = filterSql(f, params);
  const join = where ? ' JOIN rag_documents d ON d.id = c.doc_id' : '';
  const sql = `SELECT c.id, 1 - (c.embedding::vector(${e.dim}) <=> $1::vector(${e.dim})) AS score FROM rag_chunks c${join}
     WHERE c.embedder = '${e.id}'${where}
     ORDER BY c.embedding::vector(${e.dim}) <=> $1::vector(${e.dim}) LIMIT ${n}`;
  // Without filters the ORDER BY must come from the HNSW index: otherwise the planner may
  // take the btree on `embedder` and sort every chunk's distance (all rows share the
  // embedder), which it prices as cheap on small tables and which is slow on large ones.
  // With filters an exact scan of the filtered rows stays allowed (HNSW post-filtering
  // can return too few rows for a selective filter).
  const settings = `SET LOCAL hnsw.ef_search = ${Math.max(40, Math.min(1000, n))}${where ? '' : '; SET LOCAL enable_sort = off'}`;
  return { sql, params, settings };
}

/** Chunk ids nearest to the query vector (HNSW with `ef_search` ≥ n; settings for this transaction only). */
async function vectorList(db: Db, e: Embedder, qv: number[], n: number, f?: SearchFilters): Promise<{ id: string; score: number }[]> {
  await ensureEmbedderIndex(db, e);
  const { sql, params, settings } = vectorQuery(e, qv, n, f);
  return db.transaction(async (tx) => {
    await tx.exec(settings);
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

/** One candidate chunk with its per-leg features (normalized to 0–1 within the query). */
export interface Candidate extends Row {
  bm25: number;
  /** The translated-terms BM25 run, normalized by the same scale as `bm25`. */
  xbm25: number;
  vector: number;
  head: number;
  entity: number;
  /** Share of the query's type cues pointing at this chunk's document type. */
  type: number;
  otherLang: boolean;
}

/** Min-max scaling of one list: best 1, last 0 (a single candidate scores 1). */
function scaled(list: { id: string; score: number }[], top = list[0]?.score ?? 0): Map<string, number> {
  const low = list.length > 1 ? list[list.length - 1]!.score : 0;
  const span = top - low;
  return new Map(list.map((x) => [x.id, span > 0 ? Math.max(0, (x.score - low) / span) : 1]));
}

/**
 * Candidate chunks of a query with their features — all the SQL work of a search. Fuse
 * them with {@link fuseChunks} / {@link rankDocuments}; the eval tunes weights on them.
 */
export async function searchCandidates(db: Db, embedder: Embedder, query: string, opts: SearchOptions = {}): Promise<Candidate[]> {
  const k = opts.k ?? 10;
  const n = opts.candidates ?? Math.max(40, k * 4);
  const mode = opts.mode ?? 'hybrid';
  const f = opts.filters;
  const weighted = embedder.embedQueryWeighted?.bind(embedder);
  const qsP: Promise<QueryStats | null> = mode !== 'vector' || weighted ? queryStats(db, query) : Promise.resolve(null);
  const translated = mode === 'vector' ? '' : translateTerms(query);
  // The query vector: idf-weighted when the embedder supports it.
  const qvP = async (): Promise<number[]> => {
    const qs = weighted ? await qsP : null;
    if (!weighted || !qs) return embedder.embedQuery(query);
    const idf = new Map(qs.terms.map((t) => [t.term, t.idf]));
    return weighted(query, (t) => idf.get(t));
  };
  // Translated terms the query does not already hold, BM25-scored on their own.
  const xP = async (): Promise<ScoredId[]> => {
    const qs = await qsP;
    if (!translated || !qs) return [];
    const own = new Set(qs.terms.map((t) => t.term));
    const xs = await queryStats(db, translated);
    const terms = xs.terms.filter((t) => !own.has(t.term));
    return terms.length ? bm25Chunks(db, { ...xs, terms }, n, f) : [];
  };
  // On PostgreSQL the legs run on separate pooled connections at the same time.
  const [vec, bm, xbm, qs, named] = await Promise.all([
    mode !== 'fts' ? qvP().then((qv) => vectorList(db, embedder, qv, n, f)) : Promise.resolve([]),
    mode !== 'vector' ? qsP.then((x) => (x ? bm25Chunks(db, x, n, f) : [])) : Promise.resolve([]),
    mode === 'hybrid' ? xP() : Promise.resolve([]),
    qsP,
    mode === 'hybrid' ? namedProducts(db, query) : Promise.resolve([]),
  ]);
  const bmN = scaled(bm);
  // Translated scores on the original list's scale, so `xlang` weighs them like BM25 terms.
  const xN = scaled(xbm, bm.length ? bm[0]!.score : xbm[0]?.score);
  const vecN = scaled(vec);
  const ids = [...new Set([...bm.map((x) => x.id), ...vec.map((x) => x.id), ...xbm.map((x) => x.id)])];
  const rows = await rowsById(db, ids);
  const zh = isChinese(query);
  const wanted = mode === 'hybrid' ? wantedDocTypes(query) : new Map<string, number>();
  const out: Candidate[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    if (!row) continue;
    out.push({
      ...row,
      bm25: bmN.get(id) ?? 0,
      xbm25: xN.get(id) ?? 0,
      vector: vecN.get(id) ?? 0,
      head: qs ? headCoverage(qs, row.title, row.section) : 0,
      entity: entityMatch(named, row.productIds),
      type: wanted.get(row.docType) ?? 0,
      otherLang: mode === 'hybrid' && (row.lang === 'zh') !== zh,
    });
  }
  return out;
}

function weights(fusion: Partial<FusionWeights>, mode: SearchOptions['mode']): FusionWeights {
  const w = { ...FUSION, ...fusion };
  if (mode === 'vector') w.bm25 = 0;
  if (mode === 'fts') {
    w.vector = 0;
    w.title = 0;
  }
  return w;
}

/** Fused score of one candidate. */
function fused(c: Candidate, w: FusionWeights): number {
  const s = w.bm25 * (c.bm25 + w.xlang * c.xbm25) + w.vector * c.vector + w.title * c.head + w.entity * c.entity + w.type * c.type;
  return c.otherLang ? s * w.lang : s;
}

/** Fused chunk scores, best first (pure: no I/O). */
export function fuseChunks(cands: readonly Candidate[], fusion: Partial<FusionWeights> = {}, mode: SearchOptions['mode'] = 'hybrid'): ChunkHit[] {
  const w = weights(fusion, mode);
  const hits: ChunkHit[] = [];
  for (const c of cands) {
    const s = fused(c, w);
    if (!(s > 0)) continue;
    const { bm25: _b, xbm25: _x, vector: _v, head: _h, entity: _e, type: _t, otherLang: _o, ...row } = c;
    hits.push({ ...row, score: s });
  }
  return hits.sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId));
}

/** Documents ranked by best chunk + `multi` × the next two chunks (pure). */
export function rankDocuments(cands: readonly Candidate[], fusion: Partial<FusionWeights> = {}, mode: SearchOptions['mode'] = 'hybrid'): { docId: string; score: number }[] {
  const w = weights(fusion, mode);
  const multi = mode === 'hybrid' ? w.multi : 0;
  // The three best chunk scores per document.
  const per = new Map<string, [number, number, number]>();
  for (const c of cands) {
    const s = fused(c, w);
    if (!(s > 0)) continue;
    const t = per.get(c.docId);
    if (!t) per.set(c.docId, [s, 0, 0]);
    else if (s > t[0]) t.splice(0, 3, s, t[0], t[1]);
    else if (s > t[1]) t.splice(1, 2, s, t[1]);
    else if (s > t[2]) t[2] = s;
  }
  return [...per]
    .map(([docId, t]) => ({ docId, score: t[0] + multi * (t[1] + t[2]) }))
    .sort((a, b) => b.score - a.score || a.docId.localeCompare(b.docId));
}

/** Searches chunks; best first. */
export async function searchChunks(db: Db, embedder: Embedder, query: string, opts: SearchOptions = {}): Promise<ChunkHit[]> {
  const cands = await searchCandidates(db, embedder, query, opts);
  return fuseChunks(cands, opts.fusion, opts.mode).slice(0, opts.k ?? 10);
}

/** Ranked unique document ids for a query (see {@link rankDocuments}). */
export async function searchDocuments(db: Db, embedder: Embedder, query: string, opts: SearchOptions = {}): Promise<string[]> {
  const k = opts.k ?? 10;
  const cands = await searchCandidates(db, embedder, query, { ...opts, k: Math.max(k * 8, 50) });
  return rankDocuments(cands, opts.fusion, opts.mode).slice(0, k).map((d) => d.docId);
}
