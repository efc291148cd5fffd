import { config } from '../config.js';
import type { Db } from '../db/db.js';
import { openStore } from '../db/open.js';

export interface WithStoreOptions {
  /**
   * An empty store is seeded first, as `npm start` seeds it (the demo data, then the
   * product library), unless SEED_ON_START is off. For commands whose answer needs the
   * demo data, so the first command on a fresh checkout works without a `seed` step.
   */
  seedIfEmpty?: boolean;
}

let shared: Db | undefined;

/** Inside the server (commands forwarded to it, see forward.ts): commands use its open store, never open or close one. */
export function useServerStore(db: Db): void {
  shared = db;
}

/**
 * Opens the same store the server uses (DATABASE_URL, else ./data), runs `fn`, closes it;
 * inside the server, runs `fn` on the server's store (already seeded by its start-up).
 */
export async function withStore<T>(fn: (db: Db) => Promise<T>, opts: WithStoreOptions = {}): Promise<T> {
  if (shared) return fn(shared);
  const c = config();
  const db = await openStore({ databaseUrl: c.DATABASE_URL, dataDir: c.DATA_DIR });
  try {
    if (opts.seedIfEmpty && c.SEED_ON_START) await seedIfEmpty(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Seeds an empty store (one line on stderr says so); the seed modules load only then. */
async function seedIfEmpty(db: Db): Promise<void> {
  const { isSeeded, seedDemoData } = await import('../db/seed/seed.js');
  if (await isSeeded(db)) return;
  process.stderr.write('wealthdesk: the store is empty; seeding the demo data first, as npm start does (once)\n');
  const data = await seedDemoData(db);
  const { seedDemoLibrary } = await import('../rag/demo-library.js');
  const library = await seedDemoLibrary(db);
  process.stderr.write(`wealthdesk: seeded ${data.counts.clients} clients in ${data.ms} ms, ${library.documents} library documents in ${library.ms} ms\n`);
}
