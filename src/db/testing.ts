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

export async function openTestPg(url = TEST_URL): Promise<Db> {
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `wd_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openPg(u.toString(), { max: 4 });
  await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
  await migrate(db);
  const close = db.close.bind(db);
  return {
    ...db,
    async close() {
      await close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The stores a contract test runs against: PGlite always, PostgreSQL when configured. */
export function storeTargets(): StoreTarget[] {
  const t: StoreTarget[] = [{ name: 'pglite', open: openTestPglite }];
  if (TEST_URL) t.push({ name: 'pg', open: () => openTestPg() });
  return t;
}
