/**
 * `wealthdesk seed [--reset] [--seed N] [--as-of YYYY-MM-DD] [--clients N] [--skip-library]`
 * — seeds the deterministic demo data into the configured store, and the demo product
 * library (idempotent by content hash) unless `--skip-library`. Prints
 * `{"seeded":bool,"counts":{…},"ms":N,"library":{documents,chunks,ms}}`; `seeded` is false
 * when the store already had data and `--reset` was not given.
 */
import { numberFlag, parseFlags } from '../args.js';
import { withStore } from '../store.js';
import { seedDemoData, validateSeedOptions, type SeedSummary } from '../../db/seed/seed.js';
import { seedDemoLibrary } from '../../rag/demo-library.js';

export async function run(argv: string[]): Promise<SeedSummary & { library?: { documents: number; chunks: number; ms: number } }> {
  const { values } = parseFlags(
    argv,
    {
      reset: { type: 'boolean' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      clients: { type: 'string' },
      'skip-library': { type: 'boolean' },
    },
    false,
  );
  // Validate before opening the store, so a bad flag fails fast.
  const opts = validateSeedOptions({
    reset: values.reset ?? false,
    seed: numberFlag(values.seed, 'seed'),
    asOf: values['as-of'],
    clients: numberFlag(values.clients, 'clients'),
  });
  const out = await withStore(async (db) => {
    const summary = await seedDemoData(db, opts);
    if (values['skip-library']) return summary;
    const library = await seedDemoLibrary(db);
    return { ...summary, library: { documents: library.documents, chunks: library.chunks, ms: library.ms } };
  });
  process.stderr.write(`seed: ${out.seeded ? 'seeded' : 'already seeded'} in ${out.ms} ms\n`);
  return out;
}
