/**
 * The store a server opens, from its configuration: PostgreSQL (DATABASE_URL) or the
 * embedded PGlite under DATA_DIR — an empty one unpacked from the prebuilt demo store when
 * SEED_ON_START is on. Kept light (no Fastify, no agent) so `main.ts` can start it before
 * the rest of the server's modules load, and PGlite's WebAssembly compiles meanwhile.
 */
import type { Config } from '../config.js';
import { openStoreReporting, type SnapshotUse } from '../db/open.js';
import type { Db } from '../db/db.js';
import { DEMO_STORE_DIR } from '../db/store-snapshot.js';

export interface OpenedStore {
  db: Db;
  /** Set for the embedded store: whether the prebuilt store was unpacked, or why not. */
  snapshot?: SnapshotUse;
}

/** Opens and migrates the server's store; `onConnectionError` gets the errors the pg pool absorbs. */
export function openServerStore(config: Config, onConnectionError?: (e: Error) => void): Promise<OpenedStore> {
  return openStoreReporting({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    snapshotDir: config.SEED_ON_START ? DEMO_STORE_DIR : undefined,
    onConnectionError,
  });
}
