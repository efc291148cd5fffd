/**
 * RAG bench: ingest throughput (chunks/s, embed + write) and hybrid search latency
 * p50/p95 at 10k chunks on PGlite, and at 10k and 100k chunks on PostgreSQL when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a scratch database is created and
 * dropped). The corpus (`rag-corpus.ts`) draws words from 12k-word zh/en vocabularies by
 * a Zipf law; queries are 3–6 consecutive words of random chunks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { openTestPg, openTestPglite } from '../src/db/testing.js';
import type { Db } from '../src/db/db.js';
import { hashingEmbedder } from '../src/rag/hashing-embedder.js';
import { ensureEmbedderIndex, hnswIndexName, prepareDocument, writePreparedMany, type PreparedDocument } from '../src/rag/store.js';
import { searchChunks } from '../src/rag/search.js';
import { benchCorpus } from './rag-corpus.js';

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

/**
 * CPU seconds (user + system) of this database's PostgreSQL backends, from /proc (Linux,
 * server on this machine); null where that is not readable (PGlite runs in-process).
 */
function backendCpu(dbName: string | null): number | null {
  if (!dbName || !existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres: ') || !cmd.includes(` ${dbName} `)) continue;
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
    } catch {
      // the process ended
    }
  }
  return ticks / 100; // USER_HZ
}

async function latency(db: Db, n: number, dbName: string | null): Promise<{ p50: number; p95: number; cpuMs: number; pgCpuMs: number | null }> {
  const qs = corpus.queries(200);
  for (const q of qs.slice(0, 5)) await searchChunks(db, e, q, { k: 10 }); // warm
  const ts: number[] = [];
  const c0 = process.cpuUsage();
  const p0 = backendCpu(dbName);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await searchChunks(db, e, qs[i % qs.length]!, { k: 10 });
    ts.push(performance.now() - t);
  }
  const c = process.cpuUsage(c0);
  const p1 = backendCpu(dbName);
  ts.sort((a, b) => a - b);
  return {
    p50: ts[Math.floor(n * 0.5)]!,
    p95: ts[Math.floor(n * 0.95)]!,
    cpuMs: (c.user + c.system) / 1000 / n,
    pgCpuMs: p0 !== null && p1 !== null ? ((p1 - p0) * 1000) / n : null,
  };
}

async function bench(label: string, open: () => Promise<Db>, size: number): Promise<void> {
  const db = await open();
  try {
    const { cps, indexS } = await fill(db, size);
    const dbName = label === 'pglite' ? null : (await db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
    const load0 = loadavg()[0]!;
    const l = await latency(db, 200, dbName);
    const cpu = `CPU/query ${l.cpuMs.toFixed(1)} ms client${l.pgCpuMs === null ? '' : ` + ${l.pgCpuMs.toFixed(1)} ms PostgreSQL`}`;
    process.stdout.write(
      `${label.padEnd(10)} ${String(size).padStart(7)} chunks  ingest ${cps.toFixed(0).padStart(6)} chunks/s + HNSW build ${indexS.toFixed(1)} s  hybrid search p50 ${l.p50.toFixed(1)} ms  p95 ${l.p95.toFixed(1)} ms  ${cpu}  (load average ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}, ${cpus().length} cores)\n`,
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
