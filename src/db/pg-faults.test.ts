/**
 * Connection faults on real PostgreSQL (TEST_DATABASE_URL): backends terminated under a
 * checked-out client and under idle pooled clients, a database that refuses connections
 * for a while, and start-up against a wrong URL. Without the error listeners a
 * terminated checked-out client is an unhandled 'error' event, which vitest reports (and
 * which kills a server process).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WealthDeskError } from '../errors.js';
import type { Db } from './db.js';
import { openPg } from './pg.js';
import { createTestDatabase } from './testing.js';

const TEST_URL = process.env.TEST_DATABASE_URL;

/** Resolves once `check()` holds, polling every 20 ms; fails after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof WealthDeskError ? e.code : `raw: ${String(e)}`));

describe('openPg against a wrong DATABASE_URL', () => {
  it('fails with one WD_ERR_DB line naming host, port and database, never the password', async () => {
    const e = await openPg('postgres://wd:s3cret-pw@127.0.0.1:1/wealthdesk').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WealthDeskError);
    expect((e as WealthDeskError).code).toBe('WD_ERR_DB');
    expect((e as WealthDeskError).message).toMatch(/^Cannot reach the database at 127\.0\.0\.1:1\/wealthdesk \(ECONNREFUSED/);
    expect((e as WealthDeskError).message).not.toContain('s3cret-pw');
    expect((e as WealthDeskError).message).not.toContain('\n');
  });
});

describe.skipIf(!TEST_URL)('pg pool under connection faults (real PostgreSQL)', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let admin: pg.Client;
  const absorbed: Error[] = [];
  const terminateAll = async () =>
    (await admin.query<{ n: number }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1', [t.name])).rows[0].n;

  beforeAll(async () => {
    t = await createTestDatabase();
    db = await openPg(t.url, { max: 4, onConnectionError: (e) => absorbed.push(e) });
    admin = new pg.Client({ connectionString: TEST_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE ${t.name} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await db?.close().catch(() => undefined);
    await admin?.end();
    await t?.drop();
  });

  it('a backend terminated while its client is checked out fails the transaction with WD_ERR_DB, and the next statement works', async () => {
    const before = absorbed.length;
    const tx = db.transaction(async (q) => {
      const pid = (await q.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      // The 'error' event reaches the checked-out client between two statements.
      await until(() => absorbed.length > before);
      await q.query('SELECT 1');
    });
    expect(await codeOf(tx)).toBe('WD_ERR_DB');
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('a backend terminated during a statement fails it with WD_ERR_DB; the transaction rolls back', async () => {
    await db.exec('CREATE TABLE IF NOT EXISTS t (x int)');
    const tx = db.transaction(async (q) => {
      await q.query('INSERT INTO t VALUES (1)');
      const pid = (await q.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const slow = q.query('SELECT pg_sleep(5)');
      // It may fail while we are still awaiting the terminate call: mark it handled now
      // (awaiting it below still throws), or Node reports an unhandled rejection.
      slow.catch(() => undefined);
      await until(async () => (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE 'SELECT pg_sleep%'`, [pid])).rows.length > 0);
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await slow;
    });
    expect(await codeOf(tx)).toBe('WD_ERR_DB');
    expect((await db.query('SELECT * FROM t')).rows).toEqual([]);
  });

  it('idle pooled clients terminated all at once are dropped; queries go on on new connections', async () => {
    await Promise.all([1, 2, 3, 4].map(() => db.query('SELECT pg_sleep(0.05)'))); // fill the pool
    const before = absorbed.length;
    expect(await terminateAll()).toBeGreaterThanOrEqual(1);
    await until(() => absorbed.length > before);
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => codeOf(db.query('SELECT $1::int AS i', [i]))));
    // a query that took a client whose 'error' had not arrived yet fails as WD_ERR_DB, never otherwise
    expect(results.every((r) => r === 'resolved' || r === 'WD_ERR_DB')).toBe(true);
    expect((await db.query<{ i: number }>('SELECT 7 AS i')).rows).toEqual([{ i: 7 }]);
  });

  it('while the database refuses connections statements fail with WD_ERR_DB; once it accepts again they work, on the same pool', async () => {
    await admin.query(`ALTER DATABASE ${t.name} ALLOW_CONNECTIONS false`);
    await terminateAll();
    await until(async () => (await codeOf(db.query('SELECT 1'))) === 'WD_ERR_DB');
    expect(await codeOf(db.transaction((q) => q.query('SELECT 1')))).toBe('WD_ERR_DB');
    await admin.query(`ALTER DATABASE ${t.name} ALLOW_CONNECTIONS true`);
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(await db.transaction(async (q) => (await q.query<{ one: number }>('SELECT 1 AS one')).rows)).toEqual([{ one: 1 }]);
  });

  it('text the database cannot hold is WD_ERR_BAD_TEXT (400), not a 500', async () => {
    expect(await codeOf(db.query('SELECT $1::text', ['a\u0000b']))).toBe('WD_ERR_BAD_TEXT');
    expect(await codeOf(db.query('SELECT $1::jsonb', [JSON.stringify({ t: 'a\u0000b' })]))).toBe('WD_ERR_BAD_TEXT');
    expect(await codeOf(db.query('SELECT $1::jsonb', [JSON.stringify({ t: 'a\ud800b' })]))).toBe('WD_ERR_BAD_TEXT');
    expect(await codeOf(db.query('SELECT 1/0'))).toMatch(/^raw: /); // other errors stay the driver's
  });
});
