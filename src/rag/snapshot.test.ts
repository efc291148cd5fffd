/**
 * The demo-library snapshot stores exactly what a full ingest stores, is ignored for a
 * file that changed, and the BM25 statistics (migration 006) stay equal to a recount.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { openTestPglite } from '../db/testing.js';
import { DEMO_LIBRARY_DIR, seedDemoLibrary } from './demo-library.js';
import { hashingEmbedder } from './hashing-embedder.js';

const e = hashingEmbedder();
const CHUNKS = 'SELECT id, doc_id, section, page, text, tokens, n_terms, flagged, embedder FROM rag_chunks ORDER BY id';
const VECTORS = 'SELECT embedding::text AS v FROM rag_chunks ORDER BY id';

async function recount(db: Db) {
  const terms = await db.query<{ term: string; df: number }>('SELECT t AS term, count(*)::int AS df FROM rag_chunks, unnest(tsvector_to_array(tsv)) AS t GROUP BY t ORDER BY t');
  const kept = await db.query<{ term: string; df: number }>('SELECT term, df FROM rag_terms ORDER BY term');
  const c = await db.query<{ chunks: number; terms: number; n: number; len: number }>(
    'SELECT c.chunks::int AS chunks, c.terms::int AS terms, (SELECT count(*)::int FROM rag_chunks) AS n, (SELECT coalesce(sum(n_terms), 0)::int FROM rag_chunks) AS len FROM rag_corpus c',
  );
  return { terms: terms.rows, kept: kept.rows, corpus: c.rows[0]! };
}

describe('demo library snapshot and corpus statistics', () => {
  let full: Db;
  let snap: Db;
  const dir = mkdtempSync(join(tmpdir(), 'wd-lib-'));
  beforeAll(async () => {
    [full, snap] = await Promise.all([openTestPglite(), openTestPglite()]);
  }, 30_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([full?.close(), snap?.close()]);
  });

  it('stores the same rows from the snapshot as from parsing, chunking and embedding', async () => {
    const a = await seedDemoLibrary(full, { embedder: e, snapshot: false });
    const b = await seedDemoLibrary(snap, { embedder: e });
    expect(a.fromSnapshot).toBe(0);
    expect(b.fromSnapshot).toBe(b.documents);
    expect(b.documents).toBe(a.documents);
    expect(b.chunks).toBe(a.chunks);
    const [ra, rb] = await Promise.all([full.query(CHUNKS), snap.query(CHUNKS)]);
    expect(rb.rows).toEqual(ra.rows);
    // vectors pass through float32 in the snapshot (pgvector stores float32 too)
    const [va, vb] = await Promise.all([full.query<{ v: string }>(VECTORS), snap.query<{ v: string }>(VECTORS)]);
    let worst = 0;
    va.rows.forEach((r, i) => {
      const x = JSON.parse(r.v) as number[];
      const y = JSON.parse(vb.rows[i]!.v) as number[];
      expect(y).toHaveLength(x.length);
      x.forEach((xi, j) => (worst = Math.max(worst, Math.abs(xi - y[j]!))));
    });
    expect(worst).toBeLessThan(1e-5);
    const docs = 'SELECT id, title, doc_type, product_ids, lang, risk_level, published_at, content_hash, pages, title_tokens FROM rag_documents ORDER BY id';
    expect((await snap.query(docs)).rows).toEqual((await full.query(docs)).rows);
    // a second run stores nothing
    expect((await seedDemoLibrary(snap, { embedder: e })).documents).toBe(0);
  }, 60_000);

  it('keeps document frequencies and corpus totals equal to a recount through inserts and deletes', async () => {
    let s = await recount(snap);
    expect(s.kept).toEqual(s.terms);
    expect(s.corpus.chunks).toBe(s.corpus.n);
    expect(s.corpus.terms).toBe(s.corpus.len);
    await snap.exec("DELETE FROM rag_documents WHERE id IN ('faq-zh', 'prospectus-018101-en')");
    s = await recount(snap);
    expect(s.kept).toEqual(s.terms);
    expect(s.corpus.chunks).toBe(s.corpus.n);
    expect(s.corpus.terms).toBe(s.corpus.len);
  });

  it('ignores the snapshot line of a file that changed and ingests that file instead', async () => {
    cpSync(DEMO_LIBRARY_DIR, dir, { recursive: true });
    appendFileSync(join(dir, 'faq-zh.md'), '\n## 新增问题：定投可以随时停止吗？\n\n可以，定投计划可随时暂停或终止，已买入的份额不受影响。\n');
    const db = await openTestPglite();
    try {
      const r = await seedDemoLibrary(db, { embedder: e, dir });
      expect(r.fromSnapshot).toBe(r.documents - 1);
      const t = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM rag_chunks WHERE doc_id = 'faq-zh' AND text LIKE '%定投计划可随时暂停%'");
      expect(t.rows[0]!.n).toBe(1);
    } finally {
      await db.close();
    }
  }, 60_000);
});
