/**
 * `wealthdesk ingest <path…>` (files or folders) and `ingest --jsonl <file>`: parse,
 * chunk, embed and store documents →
 * `{ingested, skipped, chunks, rejected:[{path, code, message}]}`.
 */
import { WealthDeskError } from '../../errors.js';
import { embedderById } from '../../rag/embedders.js';
import { ingestJsonl, ingestPaths, type IngestReport } from '../../rag/ingest.js';
import { parseFlags } from '../args.js';
import { withStore } from '../store.js';

export async function run(argv: string[]): Promise<IngestReport> {
  const { values, positionals } = parseFlags(argv, {
    jsonl: { type: 'string', multiple: true },
    embedder: { type: 'string' },
    progress: { type: 'boolean' },
  });
  const jsonl = values.jsonl ?? [];
  if (positionals.length === 0 && jsonl.length === 0) {
    throw new WealthDeskError('WD_ERR_VALIDATION', 'Usage: wealthdesk ingest <path…> | --jsonl <file>');
  }
  const embedder = values.embedder ? await embedderById(values.embedder) : undefined;
  return withStore(async (db) => {
    const total: IngestReport = { ingested: 0, skipped: 0, chunks: 0, rejected: [] };
    const add = (r: IngestReport) => {
      total.ingested += r.ingested;
      total.skipped += r.skipped;
      total.chunks += r.chunks;
      total.rejected.push(...r.rejected);
    };
    if (positionals.length) add(await ingestPaths(db, positionals, { embedder, progress: values.progress }));
    for (const f of jsonl) add(await ingestJsonl(db, f, { embedder, progress: values.progress }));
    return total;
  });
}
