import { resolve } from 'node:path';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPg } from './pg.js';
import { openPglite } from './pglite.js';
import { restoreStoreSnapshot } from './store-snapshot.js';

export interface OpenStoreOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Open PGlite in memory instead of `dataDir` (tests). */
  memory?: boolean;
  migrate?: boolean;
  /** PostgreSQL only: told about connection errors the pool absorbed (for the log). */
  onConnectionError?: (e: Error) => void;
  /**
   * Embedded store on disk only: when its directory holds no database yet, unpack this
   * prebuilt store (`DEMO_STORE_DIR`: migrated, seeded, library loaded) instead of running
   * initdb — used for `SEED_ON_START`. Skipped, with the reason in `OpenedStore.snapshot`,
   * when it does not match this checkout.
   */
  snapshotDir?: string;
}

/** How the store was opened: from the prebuilt snapshot, or why not. */
export type SnapshotUse = { restored: true; files: number } | { restored: false; reason: string };

/** Opens PostgreSQL when a URL is given, else the embedded PGlite store; migrates by default. */
export async function openStore(opts: OpenStoreOptions): Promise<Db> {
  return (await openStoreReporting(opts)).db;
}

/** {@link openStore}, also saying whether the prebuilt store was unpacked (`snapshotDir`). */
export async function openStoreReporting(opts: OpenStoreOptions): Promise<{ db: Db; snapshot?: SnapshotUse }> {
  let snapshot: SnapshotUse | undefined;
  let db: Db;
  if (opts.databaseUrl) db = await openPg(opts.databaseUrl, { onConnectionError: opts.onConnectionError });
  else if (opts.memory) db = await openPglite();
  else {
    const dir = resolve(opts.dataDir ?? './data', 'pglite');
    if (opts.snapshotDir) snapshot = await restoreStoreSnapshot(dir, opts.snapshotDir);
    db = await openPglite(dir);
  }
  if (opts.migrate !== false) await migrate(db);
  return { db, snapshot };
}
