/**
 * The shipped demo library (`demo/library/`, written by `scripts/make-library.ts`).
 * `src/main.ts` calls {@link seedDemoLibrary} at start-up; it is idempotent by content
 * hash, so a warm start does no parsing or embedding.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/db.js';
import type { Embedder } from './embedder.js';
import { ingestPaths } from './ingest.js';

/** Absolute path of `demo/library` in this checkout. */
export const DEMO_LIBRARY_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo', 'library');

/**
 * Ingests the demo library (documents already stored unchanged are skipped).
 * Returns the documents ingested now, their chunks, and the elapsed milliseconds.
 */
export async function seedDemoLibrary(db: Db, opts: { embedder?: Embedder; dir?: string } = {}): Promise<{ documents: number; chunks: number; ms: number }> {
  const t0 = performance.now();
  const dir = opts.dir ?? DEMO_LIBRARY_DIR;
  if (!existsSync(join(dir, 'manifest.json'))) return { documents: 0, chunks: 0, ms: 0 };
  const r = await ingestPaths(db, [dir], { embedder: opts.embedder, progress: false });
  if (r.rejected.length) throw new Error(`demo library has rejected documents: ${JSON.stringify(r.rejected)}`);
  return { documents: r.ingested, chunks: r.chunks, ms: Math.round(performance.now() - t0) };
}
