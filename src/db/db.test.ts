import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db.js';
import { listMigrations, migrate } from './migrate.js';
import { storeTargets } from './testing.js';

for (const target of storeTargets()) {
  describe(`Db contract on ${target.name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('has applied every migration and re-running applies none', async () => {
      const rows = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(rows.rows.map((r) => r.id)).toEqual(listMigrations().map((m) => m.id));
      expect(await migrate(db)).toEqual([]);
    });

    it('returns NUMERIC as exact decimal strings, INT8 as numbers, DATE as ISO strings', async () => {
      const r = await db.query<{ n: string; big: number; d: string; j: { a: number } }>(
        `SELECT 0.1::numeric + 0.2::numeric AS n, 9007199254740::int8 AS big, DATE '2024-02-29' AS d, '{"a":1}'::jsonb AS j`,
      );
      expect(r.rows[0]).toEqual({ n: '0.3', big: 9007199254740, d: '2024-02-29', j: { a: 1 } });
    });

    it('rolls back a failed transaction and commits a good one', async () => {
      await db.query(`INSERT INTO advisors (id, name, name_en, email) VALUES ('A-T1','测试','Test','t@example.com')`);
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO advisors (id, name, name_en, email) VALUES ('A-T2','x','x','x')`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const ok = await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO advisors (id, name, name_en, email) VALUES ('A-T3','y','y','y')`);
        return 'done';
      });
      expect(ok).toBe('done');
      const ids = await db.query<{ id: string }>(`SELECT id FROM advisors WHERE id LIKE 'A-T%' ORDER BY id`);
      expect(ids.rows.map((r) => r.id)).toEqual(['A-T1', 'A-T3']);
    });

    it('reports rowCount the same way for SELECT, UPDATE and INSERT … RETURNING', async () => {
      await db.query(`INSERT INTO advisors (id, name, name_en, email) VALUES ('A-R1','a','a','a'), ('A-R2','b','b','b')`);
      expect((await db.query(`SELECT id FROM advisors WHERE id LIKE 'A-R%'`)).rowCount).toBe(2);
      expect((await db.query(`UPDATE advisors SET name = 'z' WHERE id LIKE 'A-R%'`)).rowCount).toBe(2);
      expect((await db.query(`UPDATE advisors SET name = 'z' WHERE id = 'none'`)).rowCount).toBe(0);
      expect((await db.query(`INSERT INTO advisors (id, name, name_en, email) VALUES ('A-R3','c','c','c') RETURNING id`)).rowCount).toBe(1);
    });

    it('stores vectors and orders by cosine distance with pgvector', async () => {
      await db.exec(`CREATE TEMP TABLE v (id int, e vector(3))`);
      await db.query(`INSERT INTO v VALUES (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0.9,0.1,0]')`);
      const r = await db.query<{ id: number }>(`SELECT id FROM v ORDER BY e <=> '[1,0,0]' LIMIT 2`);
      expect(r.rows.map((x) => x.id)).toEqual([1, 3]);
    });

    it('rejects a negative price and a float-only money column does not exist', async () => {
      const cols = await db.query<{ data_type: string }>(
        `SELECT data_type FROM information_schema.columns WHERE table_name IN ('prices','lots','fx_rates','transactions')
           AND column_name IN ('close','cost_price','rate_cny','amount','quantity')`,
      );
      expect(new Set(cols.rows.map((c) => c.data_type))).toEqual(new Set(['numeric']));
    });
  });
}
