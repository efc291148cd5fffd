/**
 * The shipped demo library (`demo/library/`, written by `scripts/make-library.ts`).
 * `src/main.ts` calls {@link seedDemoLibrary} after the server listens; it is idempotent
 * by content hash, so a warm start does no parsing or embedding, and a first start with
 * the offline embedder only inserts rows from the pre-built snapshot.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/db.js';
import type { Embedder } from './embedder.js';
import { defaultEmbedder } from './embedders.js';
import { afterIngest, ingestPaths } from './ingest.js';
import { loadSnapshot } from './snapshot.js';

/** Absolute path of `demo/library` in this checkout. */
export const DEMO_LIBRARY_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo', 'library');

export interface SeedLibraryResult {
  /** Documents stored now (from the snapshot or ingested). */
  documents: number;
  chunks: number;
  /** Of `documents`, how many came from the snapshot. */
  fromSnapshot: number;
  /** Elapsed milliseconds. */
  ms: number;
}

/**
 * Stores the demo library: first the snapshot's documents that still match their files,
 * then ingests whatever else is new or changed (documents already stored unchanged are
 * skipped). `snapshot: false` forces the full parse → chunk → embed path.
 */
export async function seedDemoLibrary(db: Db, opts: { embedder?: Embedder; dir?: string; snapshot?: boolean } = {}): Promise<SeedLibraryResult> {
  const t0 = performance.now();
  const dir = opts.dir ?? DEMO_LIBRARY_DIR;
  if (!existsSync(join(dir, 'manifest.json'))) return { documents: 0, chunks: 0, fromSnapshot: 0, ms: 0 };
  const e = opts.embedder ?? (await defaultEmbedder());
  const snap = opts.snapshot === false ? { documents: 0, chunks: 0 } : await loadSnapshot(db, dir, e);
  await afterIngest(db, { ingested: snap.documents, chunks: snap.chunks });
  const r = await ingestPaths(db, [dir], { embedder: e, progress: false });
  if (r.rejected.length) throw new Error(`demo library has rejected documents: ${JSON.stringify(r.rejected)}`);
  return { documents: snap.documents + r.ingested, chunks: snap.chunks + r.chunks, fromSnapshot: snap.documents, ms: Math.round(performance.now() - t0) };
}
