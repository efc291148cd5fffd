/**
 * The PostgreSQL store over a `pg` pool. Connection faults never reach the process as an
 * unhandled `'error'` event: idle pooled clients are watched by the pool's listener, and
 * a client checked out for a transaction carries its own listener while it is out. A
 * lost connection fails the statement in flight with `WD_ERR_DB` (see `classifyDbError`);
 * the broken client is discarded, not returned to the pool, so the next statement gets a
 * fresh connection once the database answers again.
 */
import pg from 'pg';
import type { Db, QueryResult, Queryable } from './db.js';
import { classifyDbError, isConnectionError, unreachableMessage } from './errors.js';
import { WealthDeskError } from '../errors.js';

const DATE_OID = 1082;
const INT8_OID = 20;

/** Type parsers matching PGlite's output (see Db). Scoped to our pool, not global. */
const typeOverrides = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (v: string) => v;
    if (oid === INT8_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

/** How long to wait for a new connection before the statement fails with WD_ERR_DB (ms). */
const CONNECT_TIMEOUT_MS = 10_000;

function wrap(c: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      try {
        const r = await c.query({ text: sql, values: params as unknown[] | undefined, types: typeOverrides });
        return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
      } catch (e) {
        throw classifyDbError(e);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await c.query(sql);
      } catch (e) {
        throw classifyDbError(e);
      }
    },
  };
}

export interface OpenPgOptions {
  max?: number;
  /** Told about connection errors the pool absorbed (an idle or checked-out client lost its server). */
  onConnectionError?: (e: Error) => void;
}

/**
 * Opens a pooled connection to PostgreSQL and checks it answers. An unreachable server,
 * a wrong database or wrong credentials fail with one `WD_ERR_DB` whose message names
 * host, port and database (never the password) and the driver's reason.
 */
export async function openPg(url: string, options: OpenPgOptions = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: typeOverrides, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  const absorbed = (e: Error) => options.onConnectionError?.(e);
  // An idle client whose server went away: the pool drops it; the next query reconnects.
  pool.on('error', absorbed);
  // And every client, whatever it is doing, always has a listener: the pool's own ones come
  // and go as it is checked out and released (`pool.query` listens `once`), and a backend
  // terminated under load could emit a second 'error' in a gap between them, which killed
  // the process (seen by `npm run bench load` with faults). The statement in flight, or the
  // next one, still fails with WD_ERR_DB and the broken client is discarded as before.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new WealthDeskError('WD_ERR_DB', unreachableMessage(url, e), { cause: e });
  }
  const base = wrap(pool);
  return {
    kind: 'pg',
    ...base,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw classifyDbError(e);
      }
      // Checked out, the client has no pool listener: without this one a backend
      // terminated between two statements would be an unhandled 'error' event.
      let lost: Error | undefined;
      const onError = (e: Error) => {
        lost = e;
        absorbed(e);
      };
      client.on('error', onError);
      let failure: unknown;
      try {
        await client.query('BEGIN').catch((e: unknown) => Promise.reject(classifyDbError(e)));
        const out = await fn(wrap(client));
        await client.query('COMMIT').catch((e: unknown) => Promise.reject(classifyDbError(e)));
        return out;
      } catch (e) {
        failure = e;
        if (!lost && !isConnectionError(e)) await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.removeListener('error', onError);
        // A broken connection is destroyed (release with an error), never handed to the next caller.
        client.release(lost ?? (isConnectionError(failure) ? (failure as Error) : undefined));
      }
    },
    async close() {
      await pool.end();
    },
  };
}
