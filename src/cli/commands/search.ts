/**
 * `wealthdesk search "<q>" --k N` → `{results:[{docId, chunkId, title, score, text}]}`
 * (chunks, best first); `search --file <queries.jsonl> --k N` with lines `{qid, text}` →
 * `{results:[{qid, ranked:[docId…]}]}` (documents best first, no duplicates).
 * Filters: --product, --type, --lang; --mode hybrid|vector|fts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { WealthDeskError } from '../../errors.js';
import { defaultEmbedder, embedderById } from '../../rag/embedders.js';
import { searchChunks, searchDocuments, type SearchOptions } from '../../rag/search.js';
import { DOC_TYPES, type DocType } from '../../rag/types.js';
import { numberFlag, parseFlags } from '../args.js';
import { withStore } from '../store.js';

export async function run(argv: string[]): Promise<unknown> {
  const { values, positionals } = parseFlags(argv, {
    k: { type: 'string' },
    file: { type: 'string' },
    product: { type: 'string' },
    type: { type: 'string' },
    lang: { type: 'string' },
    mode: { type: 'string' },
    embedder: { type: 'string' },
  });
  const k = numberFlag(values.k, 'k') ?? 10;
  if (!Number.isInteger(k) || k < 1 || k > 200) throw new WealthDeskError('WD_ERR_VALIDATION', '--k must be an integer from 1 to 200');
  if (values.lang && values.lang !== 'zh' && values.lang !== 'en') throw new WealthDeskError('WD_ERR_VALIDATION', '--lang must be zh or en');
  if (values.type && !DOC_TYPES.includes(values.type as DocType)) throw new WealthDeskError('WD_ERR_VALIDATION', `--type must be one of ${DOC_TYPES.join(', ')}`);
  if (values.mode && !['hybrid', 'vector', 'fts'].includes(values.mode)) throw new WealthDeskError('WD_ERR_VALIDATION', '--mode must be hybrid, vector or fts');
  const opts: SearchOptions = {
    k,
    mode: values.mode as SearchOptions['mode'],
    filters: {
      productIds: values.product ? values.product.split(',') : undefined,
      docType: values.type as DocType | undefined,
      lang: values.lang as 'zh' | 'en' | undefined,
    },
  };
  let queries: { qid: string; text: string }[] | undefined;
  if (values.file) {
    if (!existsSync(values.file)) throw new WealthDeskError('WD_ERR_VALIDATION', `File not found: ${values.file}`);
    queries = readFileSync(values.file, 'utf8')
      .split('\n')
      .map((l, i) => [l.trim(), i + 1] as const)
      .filter(([l]) => l)
      .map(([l, n]) => {
        let o: { qid?: unknown; text?: unknown };
        try {
          o = JSON.parse(l) as typeof o;
        } catch {
          throw new WealthDeskError('WD_ERR_BAD_JSON', `${values.file}:${n}: not valid JSON`);
        }
        if (typeof o?.text !== 'string' || (typeof o.qid !== 'string' && typeof o.qid !== 'number')) {
          throw new WealthDeskError('WD_ERR_VALIDATION', `${values.file}:${n}: needs {qid, text}`);
        }
        return { qid: String(o.qid), text: o.text };
      });
  } else if (!positionals[0]?.trim()) {
    throw new WealthDeskError('WD_ERR_VALIDATION', 'Usage: wealthdesk search "<query>" [--k N] | --file <queries.jsonl>');
  }
  const embedder = values.embedder ? await embedderById(values.embedder) : await defaultEmbedder();
  return withStore(async (db) => {
    if (queries) {
      const results = [];
      for (const q of queries) results.push({ qid: q.qid, ranked: await searchDocuments(db, embedder, q.text, opts) });
      return { results };
    }
    const hits = await searchChunks(db, embedder, positionals.join(' '), opts);
    return {
      results: hits.map((h) => ({ docId: h.docId, chunkId: h.chunkId, title: h.title, section: h.section, page: h.page, score: Number(h.score.toFixed(6)), text: h.text, ...(h.flagged ? { flagged: true, reason: h.flagged } : {}) })),
    };
  }, { seedIfEmpty: true });
}
