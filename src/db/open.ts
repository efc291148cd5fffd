import { resolve } from 'node:path';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPg } from './pg.js';
import { openPglite } from './pglite.js';

export interface OpenStoreOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Open PGlite in memory instead of `dataDir` (tests). */
  memory?: boolean;
  migrate?: boolean;
  /** PostgreSQL only: told about connection errors the pool absorbed (for the log). */
  onConnectionError?: (e: Error) => void;
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite store; migrates by default. */
export async function openStore(opts: OpenStoreOptions): Promise<Db> {
  const db = opts.databaseUrl
    ? await openPg(opts.databaseUrl, { onConnectionError: opts.onConnectionError })
    : await openPglite(opts.memory ? undefined : resolve(opts.dataDir ?? './data', 'pglite'));
  if (opts.migrate !== false) await migrate(db);
  return db;
}
