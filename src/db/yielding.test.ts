/**
 * PGlite statements settle on the JavaScript thread: a loop of them starves timers and
 * sockets unless each statement first yields (what start-up work does through yieldingDb).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db.js';
import { openTestPglite } from './testing.js';
import { yieldingDb } from './yielding.js';

async function timerFiresDuring(db: Db): Promise<boolean> {
  let fired = false;
  const t = setTimeout(() => (fired = true), 0);
  let firedDuring = false;
  for (let i = 0; i < 200; i++) {
    await db.query('SELECT $1::int AS i', [i]);
    await db.transaction(async (tx) => tx.query('SELECT 1'));
    if (fired) firedDuring = true;
  }
  clearTimeout(t);
  return firedDuring;
}

describe('yieldingDb', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestPglite();
  });
  afterAll(async () => db?.close());

  it('lets a timer run between PGlite statements, which plain PGlite does not', async () => {
    expect(await timerFiresDuring(db)).toBe(false);
    expect(await timerFiresDuring(yieldingDb(db))).toBe(true);
  });

  it('returns what the store returns, and commits or rolls back transactions as the store does', async () => {
    const y = yieldingDb(db);
    expect((await y.query<{ n: number }>('SELECT 41 + $1::int AS n', [1])).rows).toEqual([{ n: 42 }]);
    await y.exec('CREATE TEMP TABLE y (v int)');
    await expect(y.transaction(async (tx) => { await tx.query('INSERT INTO y VALUES (1)'); throw new Error('no'); })).rejects.toThrow('no');
    await y.transaction(async (tx) => tx.query('INSERT INTO y VALUES (2)'));
    expect((await db.query('SELECT v FROM y')).rows).toEqual([{ v: 2 }]);
  });
});
