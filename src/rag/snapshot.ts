/**
 * A pre-built snapshot of a library: every document parsed, chunked, segmented and
 * embedded, as JSONL (`snapshot.jsonl` next to `manifest.json`), written by
 * `scripts/make-library.ts`. Loading it only inserts rows, so the first start does no
 * PDF/DOCX parsing, word segmentation or embedding.
 *
 * It is trusted per document only while it matches: each line records the content hash
 * of its source file (pipeline version + manifest entry + bytes, as ingest computes it);
 * at load the file is hashed again and a line whose hash differs, or a snapshot made
 * with another embedder or dimension, is ignored (the caller then ingests those files).
 *
 * Line 1: `{"snapshot":1,"embedder":id,"dim":n,"pipeline":v}`; then one document per
 * line: `{file, contentHash, meta, pages, chunks, tokens, vectors}` with `vectors` the
 * chunk embeddings as base64 little-endian float32, concatenated.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/db.js';
import type { Embedder } from './embedder.js';
import { collectFiles, fileContentHash, PIPELINE_VERSION, prepareFile, SNAPSHOT_FILE } from './ingest.js';
import { bulkWrite, currentHashes, ensureEmbedderIndex, type PreparedDocument } from './store.js';

export { SNAPSHOT_FILE };

interface Header {
  snapshot: 1;
  embedder: string;
  dim: number;
  pipeline: string;
}

interface Line {
  file: string;
  contentHash: string;
  meta: PreparedDocument['write']['meta'];
  pages: number | null;
  chunks: PreparedDocument['write']['chunks'];
  tokens: string[];
  vectors: string;
}

function packVectors(vs: number[][], dim: number): string {
  const f = new Float32Array(vs.length * dim);
  vs.forEach((v, i) => f.set(v, i * dim));
  return Buffer.from(f.buffer).toString('base64');
}

function unpackVectors(b64: string, n: number, dim: number): number[][] {
  const buf = Buffer.from(b64, 'base64');
  if (buf.length !== n * dim * 4) throw new Error('snapshot vectors have the wrong length');
  const f = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  return Array.from({ length: n }, (_, i) => Array.from(f.subarray(i * dim, (i + 1) * dim)));
}

/** Writes `<dir>/snapshot.jsonl` for the files of `dir` with `embedder`; returns the documents written. */
export async function writeSnapshot(dir: string, embedder: Embedder): Promise<number> {
  const header: Header = { snapshot: 1, embedder: embedder.id, dim: embedder.dim, pipeline: PIPELINE_VERSION };
  const lines = [JSON.stringify(header)];
  for (const f of collectFiles([dir])) {
    const p = await prepareFile(embedder, new Map(), f.path, f.entry);
    if (p === 'unchanged') continue;
    const line: Line = {
      file: basename(f.path),
      contentHash: p.write.contentHash,
      meta: { ...p.write.meta, sourcePath: null },
      pages: p.write.pages ?? null,
      chunks: p.write.chunks,
      tokens: p.tokens,
      vectors: packVectors(p.vectors, p.dim),
    };
    lines.push(JSON.stringify(line));
  }
  writeFileSync(join(dir, SNAPSHOT_FILE), `${lines.join('\n')}\n`);
  return lines.length - 1;
}

/**
 * Inserts the snapshot's documents that still match their files and are not stored
 * yet, in one transaction. Returns documents and chunks inserted (0 when there is no
 * usable snapshot).
 */
export async function loadSnapshot(db: Db, dir: string, embedder: Embedder): Promise<{ documents: number; chunks: number }> {
  const file = join(dir, SNAPSHOT_FILE);
  if (!existsSync(file)) return { documents: 0, chunks: 0 };
  const [head, ...rest] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  const h = JSON.parse(head ?? '{}') as Partial<Header>;
  if (h.snapshot !== 1 || h.embedder !== embedder.id || h.dim !== embedder.dim || h.pipeline !== PIPELINE_VERSION) return { documents: 0, chunks: 0 };
  const entries = new Map(collectFiles([dir]).map((f) => [basename(f.path), f]));
  await ensureEmbedderIndex(db, embedder);
  const stored = await currentHashes(db, embedder.id);
  const docs: PreparedDocument[] = [];
  for (const [i, raw] of rest.entries()) {
    if (i % 8 === 7) await nextTurn(); // parsing 2 MB of lines is synchronous: let a server answer meanwhile
    const l = JSON.parse(raw) as Line;
    const f = entries.get(l.file);
    if (!f || stored.get(l.meta.id) === l.contentHash) continue;
    if (fileContentHash(new Uint8Array(readFileSync(f.path)), f.entry) !== l.contentHash) continue;
    docs.push({
      write: { meta: { ...l.meta, sourcePath: f.path }, contentHash: l.contentHash, pages: l.pages, chunks: l.chunks },
      embedderId: embedder.id,
      dim: embedder.dim,
      tokens: l.tokens,
      vectors: unpackVectors(l.vectors, l.chunks.length, embedder.dim),
    });
  }
  if (docs.length) await bulkWrite(db, embedder, docs);
  return { documents: docs.length, chunks: docs.reduce((a, d) => a + d.write.chunks.length, 0) };
}
