/**
 * The lexical legs of hybrid search, in SQL: Okapi BM25 over chunks and an IDF-weighted
 * title match over documents.
 *
 * BM25 (k1 = 1.2, b = 0.75) uses the corpus statistics of migration 006 (`rag_terms.df`,
 * `rag_corpus`, `rag_chunks.n_terms`), so idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)).
 * The term frequency of a lexeme comes from its tsvector positions: for a one-lexeme
 * query with unit weights, `ts_rank(…, 0)` = Σ_{j≤tf} 1/j² ÷ (π²/6), which inverts to
 * tf = round(1 / ((π²/6)(1 − r)) − ½) exactly for tf ≤ 256 (the tsvector position cap).
 *
 * Cost is bounded: candidates are the chunks containing the query's rarest terms,
 * taken in df order while their summed df stays under {@link CANDIDATE_DF_BUDGET}; each
 * candidate is then scored on all query terms. On a small corpus that is every match
 * (exact BM25); on a large one it skips chunks that hold only very common terms.
 */
import type { Queryable } from '../db/db.js';
import { filterSql, type SearchFilters } from './filters.js';
import { contentTerms } from './tokenize.js';

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/**
 * Summed document frequency of the terms that generate candidates (also ~the candidate
 * cap: the scan stops at 1.5 × this many chunks). 400 keeps the retrieval eval exact
 * (same ranks as the in-memory baseline on the demo library) and halves the BM25 leg's
 * cost against 800 (15.6 → 7.1 ms a query at 10k chunks on PostgreSQL).
 */
export const CANDIDATE_DF_BUDGET = 400;

export interface QueryTerm {
  /** A lexeme as stored in `rag_chunks.tsv`. */
  term: string;
  df: number;
  idf: number;
}

export interface QueryStats {
  terms: QueryTerm[];
  chunks: number;
  avgLen: number;
}

/** tsquery literal of one lexeme. */
export const lexemeQuery = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** The query's lexemes (normalized like the index) with df and idf; unknown terms dropped. */
export async function queryStats(db: Queryable, query: string): Promise<QueryStats> {
  const text = [...new Set(contentTerms(query))].slice(0, 32).join(' ');
  if (!text) return { terms: [], chunks: 0, avgLen: 0 };
  const r = await db.query<{ term: string | null; df: number | null; chunks: number; len: number }>(
    `SELECT q.term, t.df, c.chunks::int AS chunks, c.terms::float8 AS len
       FROM rag_corpus c
       LEFT JOIN (unnest(tsvector_to_array(to_tsvector('simple', $1))) AS q(term) JOIN rag_terms t ON t.term = q.term) ON true`,
    [text],
  );
  const n = r.rows[0]?.chunks ?? 0;
  const avgLen = n > 0 ? r.rows[0]!.len / n : 0;
  const terms = r.rows
    .filter((x): x is typeof x & { term: string; df: number } => x.term !== null && x.df !== null && x.df > 0)
    .map((x) => ({ term: x.term, df: x.df, idf: Math.log(1 + (n - x.df + 0.5) / (x.df + 0.5)) }));
  return { terms, chunks: n, avgLen };
}

/** The rarest terms whose summed df fits the budget (at least one). */
export function candidateTerms(terms: readonly QueryTerm[], budget = CANDIDATE_DF_BUDGET): QueryTerm[] {
  const sorted = [...terms].sort((a, b) => a.df - b.df || a.term.localeCompare(b.term));
  const out: QueryTerm[] = [];
  let sum = 0;
  for (const t of sorted) {
    if (out.length && sum + t.df > budget) break;
    out.push(t);
    sum += t.df;
  }
  return out;
}

export interface ScoredId {
  id: string;
  score: number;
}

/** Chunk ids ranked by BM25, best first (at most `n`). */
export async function bm25Chunks(db: Queryable, qs: QueryStats, n: number, f?: SearchFilters, budget = CANDIDATE_DF_BUDGET): Promise<ScoredId[]> {
  if (!qs.terms.length) return [];
  const cand = candidateTerms(qs.terms, budget);
  const params: unknown[] = [qs.terms.map((t) => lexemeQuery(t.term)), qs.terms.map((t) => t.idf), cand.map((t) => lexemeQuery(t.term)).join(' | '), qs.avgLen || 1];
  const where = filterSql(f, params);
  const join = where ? ' JOIN rag_documents d ON d.id = c.doc_id' : '';
  const sql = `WITH q AS (SELECT x::tsquery AS tq, w FROM unnest($1::text[], $2::float8[]) AS u(x, w)),
      cand AS (SELECT c.id, c.tsv, c.n_terms FROM rag_chunks c${join} WHERE c.tsv @@ $3::tsquery${where} LIMIT ${Math.max(1, Math.ceil(budget * 1.5))}),
      tf AS (SELECT cand.id, cand.n_terms, q.w, round(1 / (1.6449340668 * (1 - ts_rank('{1,1,1,1}', cand.tsv, q.tq, 0))) - 0.5)::float8 AS tf
               FROM cand CROSS JOIN q OFFSET 0)
    SELECT id, sum(w * tf * ${BM25_K1 + 1} / (tf + ${BM25_K1} * (${1 - BM25_B} + ${BM25_B} * coalesce(n_terms, 0) / $4::float8)))::float8 AS score
      FROM tf WHERE tf >= 1
     GROUP BY id ORDER BY score DESC, id LIMIT ${n}`;
  return (await db.query<ScoredId>(sql, params)).rows;
}

/** Documents ranked by the idf mass of query terms in their title (where product names and codes live). At most `n`. */
export async function titleDocs(db: Queryable, qs: QueryStats, n: number, f?: SearchFilters): Promise<ScoredId[]> {
  if (!qs.terms.length) return [];
  const params: unknown[] = [qs.terms.map((t) => lexemeQuery(t.term)), qs.terms.map((t) => t.idf), qs.terms.map((t) => lexemeQuery(t.term)).join(' | ')];
  const where = filterSql(f, params);
  const sql = `WITH q AS (SELECT x::tsquery AS tq, w FROM unnest($1::text[], $2::float8[]) AS u(x, w))
    SELECT d.id, sum(q.w)::float8 AS score
      FROM rag_documents d JOIN q ON d.title_tsv @@ q.tq
     WHERE d.title_tsv @@ $3::tsquery${where}
     GROUP BY d.id ORDER BY score DESC, d.id LIMIT ${n}`;
  return (await db.query<ScoredId>(sql, params)).rows;
}
