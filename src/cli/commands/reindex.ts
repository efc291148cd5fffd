/**
 * `wealthdesk reindex --embedder <id>`: re-embeds every chunk not yet on that embedder
 * (e.g. `hash-v1-512`, `openai`, `openai:text-embedding-3-small`) → `{embedder, dim, moved, corpus}`.
 */
import { SingleBar } from 'cli-progress';
import { WealthDeskError } from '../../errors.js';
import { embedderById } from '../../rag/embedders.js';
import { corpusStats, reembedCorpus } from '../../rag/store.js';
import { parseFlags } from '../args.js';
import { withStore } from '../store.js';

export async function run(argv: string[]): Promise<unknown> {
  const { values } = parseFlags(argv, { embedder: { type: 'string' } }, false);
  if (!values.embedder) throw new WealthDeskError('WD_ERR_VALIDATION', 'Usage: wealthdesk reindex --embedder <id>');
  const embedder = await embedderById(values.embedder);
  return withStore(async (db) => {
    let bar: SingleBar | null = null;
    const moved = await reembedCorpus(db, embedder, (done, total) => {
      if (!bar && total >= 500) {
        bar = new SingleBar({ stream: process.stderr, format: 'reindex [{bar}] {value}/{total}', clearOnComplete: true });
        bar.start(total, 0);
      }
      bar?.update(done);
    });
    (bar as SingleBar | null)?.stop();
    return { embedder: embedder.id, dim: embedder.dim, moved, corpus: await corpusStats(db) };
  });
}
