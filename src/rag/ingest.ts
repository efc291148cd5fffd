/**
 * The ingestion pipeline: files and folders (or JSONL records) → parse → chunk →
 * embed → store. Each document is all-or-nothing: a rejected one stores nothing and is
 * reported as `{path, code, message}`; an unchanged one (same content hash, same
 * embedder) is skipped without parsing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SingleBar } from 'cli-progress';
import type { Db } from '../db/db.js';
import { WealthDeskError, toWealthDeskError } from '../errors.js';
import { chunkDocument } from './chunk.js';
import type { Embedder } from './embedder.js';
import { defaultEmbedder } from './embedders.js';
import { forgetLibraryProducts } from './entities.js';
import { MAX_DOCUMENT_BYTES } from './limits.js';
import { resolveMeta, type ManifestEntry } from './metadata.js';
import { decodeText, formatOf, parseDocument, parsePlainText, textLength } from './parse.js';
import { currentHashes, ensureEmbedderIndex, prepareDocument, writePreparedMany, type PreparedDocument } from './store.js';
import { isChinese } from './tokenize.js';
import type { DocFormat } from './types.js';

/** A library's pre-built snapshot (`snapshot.ts`); never ingested as a document. */
export const SNAPSHOT_FILE = 'snapshot.jsonl';

/** Bump when parsing/chunking changes so stored documents are rebuilt. */
export const PIPELINE_VERSION = 'p1';

export interface IngestReport {
  ingested: number;
  skipped: number;
  chunks: number;
  rejected: { path: string; code: string; message: string }[];
}

export interface IngestOptions {
  embedder?: Embedder;
  /** Show a progress bar on stderr (default: when there are 20+ documents). */
  progress?: boolean;
  /** Metadata per file path (overrides manifests). */
  manifest?: Record<string, ManifestEntry>;
}

function hash(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** Files under the given paths (folders recursively), with manifest entries from `manifest.json` files. */
export function collectFiles(paths: string[]): { path: string; entry?: ManifestEntry }[] {
  const out: { path: string; entry?: ManifestEntry }[] = [];
  const visit = (p: string, depth: number) => {
    if (depth > 20) return;
    if (!existsSync(p)) {
      out.push({ path: p });
      return;
    }
    if (statSync(p).isDirectory()) {
      const names = readdirSync(p).sort();
      const mf = join(p, 'manifest.json');
      const manifest: Record<string, ManifestEntry> = existsSync(mf) ? (JSON.parse(readFileSync(mf, 'utf8')) as Record<string, ManifestEntry>) : {};
      for (const n of names) {
        if (n === 'manifest.json' || n === SNAPSHOT_FILE || n.startsWith('.')) continue;
        const child = join(p, n);
        if (statSync(child).isDirectory()) visit(child, depth + 1);
        else if (formatOf(n)) out.push({ path: child, entry: manifest[n] });
      }
    } else {
      const mf = join(dirname(p), 'manifest.json');
      const entry = existsSync(mf) ? (JSON.parse(readFileSync(mf, 'utf8')) as Record<string, ManifestEntry>)[basename(p)] : undefined;
      out.push({ path: p, entry });
    }
  };
  for (const p of paths) visit(p, 0);
  return out;
}

/**
 * Collects prepared documents and writes them in batches, each batch one transaction
 * (a document is never half-stored; on the embedded store one commit per batch instead
 * of per document keeps the first start fast).
 */
class BatchWriter {
  private pending: PreparedDocument[] = [];
  private chunks = 0;
  constructor(
    private readonly db: Db,
    private readonly report: IngestReport,
  ) {}
  async add(p: PreparedDocument): Promise<void> {
    this.pending.push(p);
    this.chunks += p.write.chunks.length;
    if (this.pending.length >= 40 || this.chunks >= 2000) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.chunks = 0;
    await this.db.transaction((tx) => writePreparedMany(tx, batch));
    for (const p of batch) {
      this.report.ingested++;
      this.report.chunks += p.write.chunks.length;
    }
  }
}

/** The stored content hash of a file: pipeline version, its manifest entry and its bytes. */
export function fileContentHash(bytes: Uint8Array, entry: ManifestEntry | undefined): string {
  return hash(PIPELINE_VERSION, JSON.stringify(entry ?? {}), bytes);
}

/** Parses, chunks and embeds one file ('unchanged' when `hashes` holds its current hash). */
export async function prepareFile(e: Embedder, hashes: Map<string, string>, path: string, entry: ManifestEntry | undefined): Promise<PreparedDocument | 'unchanged'> {
  const format = formatOf(path);
  if (!existsSync(path)) throw new WealthDeskError('WD_ERR_DOCUMENT', 'File not found');
  if (!format || format === 'jsonl') throw new WealthDeskError('WD_ERR_DOCUMENT', 'Unsupported file type (use .md, .html, .pdf, .docx, .txt, or --jsonl)');
  const size = statSync(path).size;
  if (size > MAX_DOCUMENT_BYTES) {
    throw new WealthDeskError('WD_ERR_DOCUMENT', `File is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_DOCUMENT_BYTES / 1048576} MB limit`);
  }
  const bytes = new Uint8Array(readFileSync(path));
  const contentHash = fileContentHash(bytes, entry);
  if (entry?.id && hashes.get(entry.id) === contentHash) return 'unchanged';
  const doc = await parseDocument(bytes, format as Exclude<DocFormat, 'jsonl'>);
  const meta = resolveMeta(path, format, doc, entry);
  if (hashes.get(meta.id) === contentHash) return 'unchanged';
  return prepareDocument(e, { meta, contentHash, pages: doc.pages ?? null, chunks: chunkDocument(doc) });
}

function bar(total: number, show: boolean | undefined): SingleBar | null {
  if (!(show ?? total >= 20)) return null;
  const b = new SingleBar({ stream: process.stderr, format: 'ingest [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: true });
  b.start(total, 0, { file: '' });
  return b;
}

/** Chunks written by one ingest at or above which the RAG tables are analyzed. */
export const ANALYZE_AFTER_CHUNKS = 500;

/**
 * After an ingest: drops the cached product names of the entity leg and, after a bulk
 * load, refreshes planner statistics — autovacuum's analyze can lag a large load by
 * minutes, and until then PostgreSQL plans the BM25 and HNSW queries for an empty table.
 */
export async function afterIngest(db: Db, report: Pick<IngestReport, 'ingested' | 'chunks'>): Promise<void> {
  if (report.ingested) forgetLibraryProducts(db);
  if (report.chunks >= ANALYZE_AFTER_CHUNKS) await db.exec('ANALYZE rag_chunks; ANALYZE rag_documents; ANALYZE rag_terms');
}

/** Ingests files and folders. */
export async function ingestPaths(db: Db, paths: string[], opts: IngestOptions = {}): Promise<IngestReport> {
  const e = opts.embedder ?? (await defaultEmbedder());
  const files = collectFiles(paths);
  const report: IngestReport = { ingested: 0, skipped: 0, chunks: 0, rejected: [] };
  const b = bar(files.length, opts.progress);
  await ensureEmbedderIndex(db, e);
  const hashes = await currentHashes(db, e.id);
  const writer = new BatchWriter(db, report);
  for (const f of files) {
    b?.increment(0, { file: basename(f.path) });
    await nextTurn(); // reading and hashing each file is synchronous: let a server answer between files
    try {
      const p = await prepareFile(e, hashes, f.path, opts.manifest?.[f.path] ?? f.entry);
      if (p === 'unchanged') report.skipped++;
      else await writer.add(p);
    } catch (err) {
      const we = toWealthDeskError(err);
      if (we.code !== 'WD_ERR_DOCUMENT' && we.code !== 'WD_ERR_INTERNAL') throw we;
      report.rejected.push({ path: relative(process.cwd(), f.path) || f.path, code: 'WD_ERR_DOCUMENT', message: we.message });
    }
    b?.increment(1);
  }
  await writer.flush();
  b?.stop();
  await afterIngest(db, report);
  return report;
}

/** One JSONL record: `{doc_id, title, text, lang}` (+ optional doc_type, products, published). */
interface JsonlRecord {
  doc_id?: unknown;
  title?: unknown;
  text?: unknown;
  lang?: unknown;
  doc_type?: unknown;
  products?: unknown;
  published?: unknown;
}

/** Ingests a JSONL file, one document per line; bad lines are rejected individually. */
export async function ingestJsonl(db: Db, file: string, opts: IngestOptions = {}): Promise<IngestReport> {
  const e = opts.embedder ?? (await defaultEmbedder());
  const report: IngestReport = { ingested: 0, skipped: 0, chunks: 0, rejected: [] };
  if (!existsSync(file)) throw new WealthDeskError('WD_ERR_DOCUMENT', `File not found: ${file}`);
  if (statSync(file).size > MAX_DOCUMENT_BYTES * 4) throw new WealthDeskError('WD_ERR_DOCUMENT', 'JSONL file over the 200 MB limit');
  const lines = decodeText(new Uint8Array(readFileSync(file))).split('\n');
  const b = bar(lines.length, opts.progress);
  await ensureEmbedderIndex(db, e);
  const hashes = await currentHashes(db, e.id);
  const writer = new BatchWriter(db, report);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    b?.increment(1);
    if (!line) continue;
    const where = `${file}:${i + 1}`;
    try {
      let rec: JsonlRecord;
      try {
        rec = JSON.parse(line) as JsonlRecord;
      } catch {
        throw new WealthDeskError('WD_ERR_DOCUMENT', 'Line is not valid JSON');
      }
      if (typeof rec !== 'object' || rec === null || typeof rec.doc_id !== 'string' || !rec.doc_id.trim() || typeof rec.text !== 'string') {
        throw new WealthDeskError('WD_ERR_DOCUMENT', 'Line needs string fields doc_id and text');
      }
      const text = rec.text;
      if (text.length > MAX_DOCUMENT_BYTES) throw new WealthDeskError('WD_ERR_DOCUMENT', 'Record text over the size limit');
      const title = typeof rec.title === 'string' ? rec.title : rec.doc_id;
      const doc = parsePlainText(text, title);
      if (textLength(doc) < 20) throw new WealthDeskError('WD_ERR_DOCUMENT', 'Document has no usable text');
      const lang = rec.lang === 'zh' || rec.lang === 'en' ? rec.lang : isChinese(text) ? 'zh' : 'en';
      const entry: ManifestEntry = {
        id: rec.doc_id.trim().slice(0, 120),
        title,
        lang,
        docType: typeof rec.doc_type === 'string' ? (rec.doc_type as ManifestEntry['docType']) : undefined,
        productIds: Array.isArray(rec.products) ? rec.products.filter((p): p is string => typeof p === 'string') : undefined,
        publishedAt: typeof rec.published === 'string' ? rec.published : undefined,
      };
      const meta = resolveMeta(file, 'jsonl', doc, entry);
      const chunks = chunkDocument(doc);
      const contentHash = hash(PIPELINE_VERSION, line);
      if (hashes.get(meta.id) === contentHash) report.skipped++;
      else await writer.add(await prepareDocument(e, { meta, contentHash, chunks }));
    } catch (err) {
      const we = toWealthDeskError(err);
      if (we.code !== 'WD_ERR_DOCUMENT') throw we;
      report.rejected.push({ path: where, code: we.code, message: we.message });
    }
  }
  await writer.flush();
  b?.stop();
  await afterIngest(db, report);
  return report;
}
