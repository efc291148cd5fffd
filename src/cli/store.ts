import { config } from '../config.js';
import type { Db } from '../db/db.js';
import { openStore } from '../db/open.js';

/** Opens the same store the server uses (DATABASE_URL, else ./data), runs `fn`, closes it. */
export async function withStore<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const c = config();
  const db = await openStore({ databaseUrl: c.DATABASE_URL, dataDir: c.DATA_DIR });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
