/**
 * Hybrid retrieval: a vector candidate list (HNSW, cosine) and a full-text candidate
 * list (jieba-segmented tsvector, OR of the query's content terms) fused by reciprocal
 * rank fusion, score = Σ 1 / (60 + rank). Metadata filters apply to both lists.
 */
import type { Db } from '../db/db.js';
import { toVectorLiteral, type Embedder } from './embedder.js';
import { ensureEmbedderIndex } from './store.js';
import { contentTerms } from './tokenize.js';
import type { DocType } from './types.js';

export interface SearchFilters {
  /** Product ids: a document matches when it covers any of them. */
  productIds?: string[];
  docType?: DocType | DocType[];
  lang?: 'zh' | 'en';
  /** Highest product risk level (1–5) of documents to include. */
  maxRiskLevel?: number;
  publishedFrom?: string;
  publishedTo?: string;
}

export interface SearchOptions {
  k?: number;
  filters?: SearchFilters;
  /** 'hybrid' (default), 'vector' or 'fts'. */
  mode?: 'hybrid' | 'vector' | 'fts';
  /** Candidates per list before fusion (default max(50, 5k)). */
  candidates?: number;
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

/** `'a' | 'b'` tsquery text over the unique content terms of a query. */
export function toTsQuery(query: string): string {
  const terms = [...new Set(contentTerms(query))].slice(0, 32);
  return terms.map((t) => `'${t.replace(/'/g, "''").replace(/\\/g, '')}'`).join(' | ');
}

function filterSql(f: SearchFilters | undefined, params: unknown[]): string {
  const w: string[] = [];
  if (!f) return '';
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.productIds?.length) w.push(`d.product_ids && ${p(f.productIds)}::text[]`);
  if (f.docType) w.push(`d.doc_type = ANY(${p(Array.isArray(f.docType) ? f.docType : [f.docType])}::text[])`);
  if (f.lang) w.push(`d.lang = ${p(f.lang)}`);
  if (f.maxRiskLevel !== undefined) w.push(`(d.risk_level IS NULL OR d.risk_level <= ${p(f.maxRiskLevel)})`);
  if (f.publishedFrom) w.push(`d.published_at >= ${p(f.publishedFrom)}::date`);
  if (f.publishedTo) w.push(`d.published_at <= ${p(f.publishedTo)}::date`);
  return w.length ? ` AND ${w.join(' AND ')}` : '';
}

const COLS = `c.id AS "chunkId", c.doc_id AS "docId", d.title, c.section, c.page, c.text, d.doc_type AS "docType", d.lang,
  d.product_ids AS "productIds", d.published_at AS "publishedAt", c.flagged`;

type Row = Omit<ChunkHit, 'score'>;

async function vectorList(db: Db, e: Embedder, q: string, n: number, f?: SearchFilters): Promise<Row[]> {
  await ensureEmbedderIndex(db, e);
  const v = toVectorLiteral(await e.embedQuery(q));
  const params: unknown[] = [v];
  const where = filterSql(f, params);
  // ensureEmbedderIndex validated id and dim, so inlining them is safe and lets the
  // planner match the partial expression index.
  const sql = `SELECT ${COLS} FROM rag_chunks c JOIN rag_documents d ON d.id = c.doc_id
     WHERE c.embedder = '${e.id}'${where}
     ORDER BY c.embedding::vector(${e.dim}) <=> $1::vector(${e.dim}) LIMIT ${n}`;
  return (await db.query<Row>(sql, params)).rows;
}

async function ftsList(db: Db, e: Embedder, q: string, n: number, f?: SearchFilters): Promise<Row[]> {
  const tsq = toTsQuery(q);
  if (!tsq) return [];
  const params: unknown[] = [tsq];
  const where = filterSql(f, params);
  const sql = `SELECT ${COLS} FROM rag_chunks c JOIN rag_documents d ON d.id = c.doc_id, to_tsquery('simple', $1) q
     WHERE c.tsv @@ q AND c.embedder = '${e.id}'${where}
     ORDER BY ts_rank(c.tsv, q, 1) DESC, c.id LIMIT ${n}`;
  return (await db.query<Row>(sql, params)).rows;
}

/** Reciprocal rank fusion of ranked lists (by chunk id). */
export function rrf<T extends { chunkId: string }>(lists: T[][], k = RRF_K): (T & { score: number })[] {
  const acc = new Map<string, { row: T; score: number }>();
  for (const list of lists) {
    list.forEach((row, i) => {
      const cur = acc.get(row.chunkId) ?? { row, score: 0 };
      cur.score += 1 / (k + i + 1);
      acc.set(row.chunkId, cur);
    });
  }
  return [...acc.values()].sort((a, b) => b.score - a.score || a.row.chunkId.localeCompare(b.row.chunkId)).map((x) => ({ ...x.row, score: x.score }));
}

/** Searches chunks; best first. */
export async function searchChunks(db: Db, embedder: Embedder, query: string, opts: SearchOptions = {}): Promise<ChunkHit[]> {
  const k = opts.k ?? 10;
  const n = opts.candidates ?? Math.max(50, k * 5);
  const mode = opts.mode ?? 'hybrid';
  const lists: Row[][] = [];
  if (mode !== 'fts') lists.push(await vectorList(db, embedder, query, n, opts.filters));
  if (mode !== 'vector') lists.push(await ftsList(db, embedder, query, n, opts.filters));
  return rrf(lists).slice(0, k);
}

/** Ranked unique document ids for a query (best chunk per document decides). */
export async function searchDocuments(db: Db, embedder: Embedder, query: string, opts: SearchOptions = {}): Promise<string[]> {
  const k = opts.k ?? 10;
  const hits = await searchChunks(db, embedder, query, { ...opts, k: Math.max(k * 8, 50) });
  const out: string[] = [];
  for (const h of hits) if (!out.includes(h.docId)) out.push(h.docId);
  return out.slice(0, k);
}
