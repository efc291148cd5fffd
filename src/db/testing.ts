/**
 * Test helpers: a fresh, migrated store per test file. PGlite in memory always; on
 * PostgreSQL (when TEST_DATABASE_URL is set) a throw-away database with pgvector,
 * dropped on close, so test files never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPg } from './pg.js';
import { openPglite } from './pglite.js';

export interface StoreTarget {
  name: 'pglite' | 'pg';
  open(): Promise<Db>;
}

const TEST_URL = process.env.TEST_DATABASE_URL;

export async function openTestPglite(): Promise<Db> {
  const db = await openPglite();
  await migrate(db);
  return db;
}

/**
 * A throw-away, empty PostgreSQL database on the server of `url` (default
 * TEST_DATABASE_URL): its name, its own URL, and `drop()` which removes it (closing any
 * connection still open to it).
 */
export async function createTestDatabase(url = TEST_URL): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `wd_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export async function openTestPg(url = TEST_URL): Promise<Db> {
  const t = await createTestDatabase(url);
  const db = await openPg(t.url, { max: 4 });
  await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
  await migrate(db);
  const close = db.close.bind(db);
  return {
    ...db,
    async close() {
      await close();
      await t.drop();
    },
  };
}

/** The stores a contract test runs against: PGlite always, PostgreSQL when configured. */
export function storeTargets(): StoreTarget[] {
  const t: StoreTarget[] = [{ name: 'pglite', open: openTestPglite }];
  if (TEST_URL) t.push({ name: 'pg', open: () => openTestPg() });
  return t;
}
