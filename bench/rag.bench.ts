/**
 * RAG bench: ingest throughput (chunks/s, embed + write) and hybrid search latency
 * p50/p95 at 10k chunks on PGlite, and at 10k and 100k chunks on PostgreSQL when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a scratch database is created and
 * dropped). The corpus (`rag-corpus.ts`) draws words from 12k-word zh/en vocabularies by
 * a Zipf law; queries are 3–6 consecutive words of random chunks.
 */
import { openTestPg, openTestPglite } from '../src/db/testing.js';
import type { Db } from '../src/db/db.js';
import { hashingEmbedder } from '../src/rag/hashing-embedder.js';
import { ensureEmbedderIndex, hnswIndexName, prepareDocument, writePreparedMany, type PreparedDocument } from '../src/rag/store.js';
import { searchChunks } from '../src/rag/search.js';
import { benchCorpus } from './rag-corpus.js';

// eslint-disable-next-line no-restricted-properties -- the bench reads its own switch
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const e = hashingEmbedder();

const corpus = benchCorpus();
const chunkText = (i: number) => corpus.chunkText(i);

/**
 * Bulk load as a first ingest would: the embedder's HNSW index is dropped, documents are
 * written 8 at a time (multi-row INSERTs), then the index is built and the tables
 * analyzed. Returns chunks/s of parse-free prepare + write, and the index build seconds.
 */
async function fill(db: Db, total: number): Promise<{ cps: number; indexS: number }> {
  await ensureEmbedderIndex(db, e);
  await db.exec(`DROP INDEX IF EXISTS ${hnswIndexName(e.id)}`);
  const t0 = performance.now();
  const perDoc = 50;
  for (let d = 0; d < total / perDoc; d += 8) {
    const batch: PreparedDocument[] = [];
    for (let x = d; x < Math.min(total / perDoc, d + 8); x++) {
      batch.push(
        await prepareDocument(e, {
          meta: { id: `bench-${x}`, title: `Bench document ${x}`, lang: x % 2 ? 'en' : 'zh', docType: 'other', productIds: [], format: 'txt' },
          contentHash: String(x),
          chunks: Array.from({ length: perDoc }, (_, j) => ({ ordinal: j, section: null, page: null, text: chunkText(x * perDoc + j) })),
        }),
      );
    }
    await db.transaction((tx) => writePreparedMany(tx, batch));
  }
  const cps = total / ((performance.now() - t0) / 1000);
  const t1 = performance.now();
  await db.exec(`CREATE INDEX ${hnswIndexName(e.id)} ON rag_chunks USING hnsw ((embedding::vector(${e.dim})) vector_cosine_ops) WHERE embedder = '${e.id}'`);
  await db.exec('ANALYZE rag_chunks; ANALYZE rag_documents; ANALYZE rag_terms');
  return { cps, indexS: (performance.now() - t1) / 1000 };
}

async function latency(db: Db, n: number): Promise<{ p50: number; p95: number }> {
  const qs = corpus.queries(200);
  for (const q of qs.slice(0, 5)) await searchChunks(db, e, q, { k: 10 }); // warm
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await searchChunks(db, e, qs[i % qs.length]!, { k: 10 });
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return { p50: ts[Math.floor(n * 0.5)]!, p95: ts[Math.floor(n * 0.95)]! };
}

async function bench(label: string, open: () => Promise<Db>, size: number): Promise<void> {
  const db = await open();
  try {
    const { cps, indexS } = await fill(db, size);
    const l = await latency(db, 200);
    process.stdout.write(
      `${label.padEnd(10)} ${String(size).padStart(7)} chunks  ingest ${cps.toFixed(0).padStart(6)} chunks/s + HNSW build ${indexS.toFixed(1)} s  hybrid search p50 ${l.p50.toFixed(1)} ms  p95 ${l.p95.toFixed(1)} ms\n`,
    );
  } finally {
    await db.close();
  }
}

await bench('pglite', openTestPglite, 10_000);
if (PG_URL) {
  await bench('postgres', () => openTestPg(PG_URL), 10_000);
  await bench('postgres', () => openTestPg(PG_URL), 100_000);
} else process.stdout.write('postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)\n');
