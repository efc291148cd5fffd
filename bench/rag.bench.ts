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
import { prepareDocument, writePrepared, ensureEmbedderIndex } from '../src/rag/store.js';
import { searchChunks } from '../src/rag/search.js';
import { benchCorpus } from './rag-corpus.js';

// eslint-disable-next-line no-restricted-properties -- the bench reads its own switch
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const e = hashingEmbedder();

const corpus = benchCorpus();
const chunkText = (i: number) => corpus.chunkText(i);

async function fill(db: Db, total: number): Promise<number> {
  await ensureEmbedderIndex(db, e);
  const t0 = performance.now();
  const perDoc = 50;
  for (let d = 0; d < total / perDoc; d++) {
    const batch: Awaited<ReturnType<typeof prepareDocument>>[] = [];
    const p = await prepareDocument(e, {
      meta: { id: `bench-${d}`, title: `Bench document ${d}`, lang: d % 2 ? 'en' : 'zh', docType: 'other', productIds: [], format: 'txt' },
      contentHash: String(d),
      chunks: Array.from({ length: perDoc }, (_, j) => ({ ordinal: j, section: null, page: null, text: chunkText(d * perDoc + j) })),
    });
    batch.push(p);
    await db.transaction(async (tx) => {
      for (const x of batch) await writePrepared(tx, x);
    });
  }
  return total / ((performance.now() - t0) / 1000);
}

async function latency(db: Db, n: number): Promise<{ p50: number; p95: number }> {
  const qs = corpus.queries(50);
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
    const cps = await fill(db, size);
    const l = await latency(db, 100);
    process.stdout.write(`${label.padEnd(10)} ${String(size).padStart(7)} chunks  ingest ${cps.toFixed(0).padStart(6)} chunks/s  search p50 ${l.p50.toFixed(1)} ms  p95 ${l.p95.toFixed(1)} ms\n`);
  } finally {
    await db.close();
  }
}

await bench('pglite', openTestPglite, 10_000);
if (PG_URL) {
  await bench('postgres', () => openTestPg(PG_URL), 10_000);
  await bench('postgres', () => openTestPg(PG_URL), 100_000);
} else process.stdout.write('postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)\n');
