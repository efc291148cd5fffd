/**
 * `wealthdesk seed [--reset] [--seed N] [--as-of YYYY-MM-DD] [--clients N]` — seeds the
 * deterministic demo data into the configured store. Prints
 * `{"seeded":bool,"counts":{…},"ms":N}`; `seeded` is false when the store already had
 * data and `--reset` was not given.
 */
import { numberFlag, parseFlags } from '../args.js';
import { withStore } from '../store.js';
import { seedDemoData, validateSeedOptions, type SeedSummary } from '../../db/seed/seed.js';

export const summary = 'Seed the deterministic demo data (--reset, --seed N, --as-of YYYY-MM-DD, --clients N)';

export async function run(argv: string[]): Promise<SeedSummary> {
  const { values } = parseFlags(
    argv,
    {
      reset: { type: 'boolean' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      clients: { type: 'string' },
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
  const out = await withStore((db) => seedDemoData(db, opts));
  process.stderr.write(`seed: ${out.seeded ? 'seeded' : 'already seeded'} in ${out.ms} ms\n`);
  return out;
}
