/**
 * The pgvector store of documents and chunks (tables of `003_rag.sql`). Writes are
 * per document and atomic: a changed document's chunks are replaced in one
 * transaction; an unchanged one (same content hash, same embedder) is left alone.
 */
import { WealthDeskError } from '../errors.js';
import type { Db, Queryable } from '../db/db.js';
import { toVectorLiteral, type Embedder } from './embedder.js';
import { injectionVerdict } from './injection.js';
import { segment } from './tokenize.js';
import type { ChunkDraft, DocMeta } from './types.js';

const SAFE_ID = /^[\w:.-]{1,80}$/;

/** The text that is embedded and indexed for a chunk: title and section give context. */
export function indexText(title: string, section: string | null, text: string): string {
  return [title, section ?? '', text].filter(Boolean).join('\n');
}

/** Index name of an embedder's partial HNSW index. */
export function hnswIndexName(embedderId: string): string {
  return `rag_chunks_hnsw_${embedderId.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`.slice(0, 63);
}

const ensured = new WeakMap<object, Set<string>>();

/** Creates the partial HNSW index for an embedder if it does not exist yet. */
export async function ensureEmbedderIndex(db: Db, e: Pick<Embedder, 'id' | 'dim'>): Promise<void> {
  if (!SAFE_ID.test(e.id) || !Number.isInteger(e.dim) || e.dim < 1 || e.dim > 16000) {
    throw new WealthDeskError('WD_ERR_VALIDATION', `Unsafe embedder id or dimension: ${e.id}/${e.dim}`);
  }
  const done = ensured.get(db) ?? new Set<string>();
  ensured.set(db, done);
  if (done.has(e.id)) return;
  if (e.dim <= 2000) await db.exec(hnswIndexDdl(e));
  done.add(e.id);
}

/** CREATE INDEX statement of an embedder's partial HNSW index (id and dim already validated). */
function hnswIndexDdl(e: Pick<Embedder, 'id' | 'dim'>): string {
  return `CREATE INDEX IF NOT EXISTS ${hnswIndexName(e.id)} ON rag_chunks USING hnsw ((embedding::vector(${e.dim})) vector_cosine_ops) WHERE embedder = '${e.id}'`;
}

/**
 * Writes many documents in one transaction. When the embedder has no chunks yet and the
 * load is large, its HNSW index is dropped and rebuilt inside the same transaction: a
 * bulk build is several times faster than inserting row by row into the graph (demo
 * library on PGlite: ~0.55 s instead of ~1.5 s). Other sessions wait on the lock until
 * commit, which only happens on a first load.
 */
export async function bulkWrite(db: Db, e: Pick<Embedder, 'id' | 'dim'>, docs: readonly PreparedDocument[]): Promise<void> {
  await ensureEmbedderIndex(db, e);
  const chunks = docs.reduce((a, d) => a + d.write.chunks.length, 0);
  await db.transaction(async (tx) => {
    const empty = chunks >= 200 && e.dim <= 2000 && (await tx.query('SELECT 1 FROM rag_chunks WHERE embedder = $1 LIMIT 1', [e.id])).rows.length === 0;
    if (empty) await tx.exec(`DROP INDEX IF EXISTS ${hnswIndexName(e.id)}`);
    await writePreparedMany(tx, docs);
    if (empty) await tx.exec(hnswIndexDdl(e));
  });
}

export type UpsertOutcome = 'inserted' | 'replaced' | 'unchanged';

export interface DocumentWrite {
  meta: DocMeta;
  contentHash: string;
  pages?: number | null;
  chunks: ChunkDraft[];
}

/** True when the stored document has this hash and every chunk uses this embedder. */
export async function isUnchanged(db: Queryable, id: string, hash: string, embedderId: string): Promise<boolean> {
  const r = await db.query<{ content_hash: string; other: number }>(
    `SELECT d.content_hash, (SELECT count(*)::int FROM rag_chunks c WHERE c.doc_id = d.id AND c.embedder <> $2) AS other
       FROM rag_documents d WHERE d.id = $1`,
    [id, embedderId],
  );
  const row = r.rows[0];
  return row !== undefined && row.content_hash === hash && row.other === 0;
}

/** A document with its chunks embedded and segmented, ready to write. */
export interface PreparedDocument {
  write: DocumentWrite;
  embedderId: string;
  dim: number;
  vectors: number[][];
  tokens: string[];
}

/** Embeds and segments a document's chunks (CPU / network; no database). */
export async function prepareDocument(embedder: Embedder, w: DocumentWrite): Promise<PreparedDocument> {
  const texts = w.chunks.map((c) => indexText(w.meta.title, c.section, c.text));
  const vectors = await embedder.embed(texts);
  const tokens = texts.map((t) => segment(t).join(' '));
  return { write: w, embedderId: embedder.id, dim: embedder.dim, vectors, tokens };
}

/** Replaces one document and its chunks inside the caller's transaction. */
export async function writePrepared(tx: Queryable, p: PreparedDocument): Promise<UpsertOutcome> {
  return (await writePreparedMany(tx, [p]))[0]!;
}

const DOC_COLS = 13;
const CHUNK_COLS = 11;
/** Rows per INSERT: few, large statements mean few round trips (PostgreSQL allows 65535 parameters). */
const ROWS_PER_INSERT = 400;

/**
 * Replaces many documents and their chunks inside the caller's transaction, in a few
 * statements: one DELETE, one INSERT per 400 documents and one per 400 chunks (the
 * corpus-statistics triggers then run once per statement, not per document).
 */
export async function writePreparedMany(tx: Queryable, all: readonly PreparedDocument[]): Promise<UpsertOutcome[]> {
  if (!all.length) return [];
  // The same id twice (two files naming one document): the later one wins, as if written in turn.
  const docs = [...new Map(all.map((p) => [p.write.meta.id, p])).values()];
  const ids = docs.map((p) => p.write.meta.id);
  const del = await tx.query<{ id: string }>('DELETE FROM rag_documents WHERE id = ANY($1::text[]) RETURNING id', [ids]);
  const existed = new Set(del.rows.map((r) => r.id));
  for (let i = 0; i < docs.length; i += ROWS_PER_INSERT) {
    const params: unknown[] = [];
    const values = docs.slice(i, i + ROWS_PER_INSERT).map((p, j) => {
      const m = p.write.meta;
      params.push(m.id, m.title, m.docType, m.productIds, m.lang, m.riskLevel ?? null, m.publishedAt ?? null, m.sourcePath ?? null, m.format, p.write.contentHash, p.write.pages ?? null, JSON.stringify(m.metadata ?? {}), segment(m.title).join(' '));
      return `(${Array.from({ length: DOC_COLS }, (_, c) => `$${j * DOC_COLS + c + 1}`).join(',')})`;
    });
    await tx.query(
      `INSERT INTO rag_documents (id, title, doc_type, product_ids, lang, risk_level, published_at, source_path, format, content_hash, pages, metadata, title_tokens)
       VALUES ${values.join(',')}`,
      params,
    );
  }
  const rows = docs.flatMap((p) => p.write.chunks.map((c, k) => ({ p, c, k })));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + ROWS_PER_INSERT).map(({ p, c, k }, j) => {
      const id = p.write.meta.id;
      const tokens = p.tokens[k]!;
      params.push(`${id}#${c.ordinal}`, id, c.ordinal, c.section, c.page, c.text, tokens, p.embedderId, toVectorLiteral(p.vectors[k]!), injectionVerdict(c.text), tokens ? tokens.split(' ').length : 0);
      const b = j * CHUNK_COLS;
      return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7},$${b + 8},${Math.trunc(p.dim)},$${b + 9}::vector,$${b + 10},$${b + 11})`;
    });
    await tx.query(
      `INSERT INTO rag_chunks (id, doc_id, ordinal, section, page, text, tokens, embedder, dim, embedding, flagged, n_terms) VALUES ${values.join(',')}`,
      params,
    );
  }
  return all.map((p) => (existed.has(p.write.meta.id) ? 'replaced' : 'inserted'));
}

/** Inserts or atomically replaces one document and its chunks (one transaction). */
export async function upsertDocument(db: Db, embedder: Embedder, w: DocumentWrite): Promise<UpsertOutcome> {
  if (await isUnchanged(db, w.meta.id, w.contentHash, embedder.id)) return 'unchanged';
  await ensureEmbedderIndex(db, embedder);
  const prepared = await prepareDocument(embedder, w);
  return db.transaction((tx) => writePrepared(tx, prepared));
}

/** Stored content hashes of documents whose chunks all use `embedderId` (the skip test in bulk). */
export async function currentHashes(db: Queryable, embedderId: string): Promise<Map<string, string>> {
  const r = await db.query<{ id: string; content_hash: string }>(
    `SELECT d.id, d.content_hash FROM rag_documents d
      WHERE NOT EXISTS (SELECT 1 FROM rag_chunks c WHERE c.doc_id = d.id AND c.embedder <> $1)`,
    [embedderId],
  );
  return new Map(r.rows.map((x) => [x.id, x.content_hash]));
}

/** Re-embeds every chunk not yet on `embedder`, in batches; returns chunks moved. */
export async function reembedCorpus(db: Db, embedder: Embedder, onProgress?: (done: number, total: number) => void): Promise<number> {
  await ensureEmbedderIndex(db, embedder);
  const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rag_chunks WHERE embedder <> $1', [embedder.id])).rows[0]!.n;
  let done = 0;
  for (let guard = 0; guard < 1_000_000 && done < total; guard++) {
    const r = await db.query<{ id: string; title: string; section: string | null; text: string }>(
      `SELECT c.id, d.title, c.section, c.text FROM rag_chunks c JOIN rag_documents d ON d.id = c.doc_id
        WHERE c.embedder <> $1 ORDER BY c.id LIMIT 200`,
      [embedder.id],
    );
    if (r.rows.length === 0) break;
    const vecs = await embedder.embed(r.rows.map((x) => indexText(x.title, x.section, x.text)));
    await db.transaction(async (tx) => {
      for (let i = 0; i < r.rows.length; i++) {
        await tx.query('UPDATE rag_chunks SET embedder = $2, dim = $3, embedding = $4::vector WHERE id = $1', [r.rows[i]!.id, embedder.id, embedder.dim, toVectorLiteral(vecs[i]!)]);
      }
    });
    done += r.rows.length;
    onProgress?.(done, total);
  }
  return done;
}

/** Counts of the corpus by embedder. */
export async function corpusStats(db: Queryable): Promise<{ documents: number; chunks: number; embedders: Record<string, number> }> {
  const d = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rag_documents');
  const c = await db.query<{ embedder: string; n: number }>('SELECT embedder, count(*)::int AS n FROM rag_chunks GROUP BY embedder');
  const embedders = Object.fromEntries(c.rows.map((r) => [r.embedder, r.n]));
  return { documents: d.rows[0]!.n, chunks: c.rows.reduce((a, r) => a + r.n, 0), embedders };
}
