import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Db, QueryResult, Queryable } from './db.js';

const parsers = {
  [types.DATE]: (v: string) => v,
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => v,
};

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params as unknown[] | undefined);
      // PGlite reports 0 affected rows for a SELECT; pg reports the rows returned.
      return { rows: r.rows, rowCount: r.rows.length > 0 ? Math.max(r.affectedRows ?? 0, r.rows.length) : (r.affectedRows ?? 0) };
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
  };
}

/**
 * PostgreSQL's buffer pool inside the WebAssembly heap. PGlite's initdb default (128MB)
 * is touched at start and stays resident; the demo store is ≈ 25 MB and its pages are in
 * the OS page cache anyway (PGlite reads its files through Node), so 32MB costs no
 * measurable query time and saves ≈ 100 MB of resident memory per process. With smaller
 * buffers PostgreSQL would start a sequential scan of a table over a quarter of them where
 * the last scan stopped (synchronized scans, meant for concurrent backends); off, so rows
 * an unordered query returns keep coming in the same order as before.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

/**
 * Opens the embedded store. `dir` undefined → in memory (tests); otherwise a data
 * directory that is created if missing.
 */
export async function openPglite(dir?: string): Promise<Db> {
  if (dir) mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir ?? 'memory://', {
    extensions: { vector },
    parsers,
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`, '-c', 'synchronize_seqscans=off'],
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction(async (tx) => fn(wrap(tx)));
    },
    async close() {
      await pg.close();
    },
  };
}
