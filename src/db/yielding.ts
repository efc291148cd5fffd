/**
 * PGlite runs PostgreSQL on the JavaScript thread: a statement's promise is settled by the
 * time `query` returns, so a loop of awaited statements never gives the event loop a turn
 * and the server answers no request until the loop ends (the first `/healthz` used to wait
 * for the whole document library). {@link yieldingDb} lets the event loop run before each
 * statement, so background work (start-up seeding and the library) shares the thread
 * with requests at statement granularity. PostgreSQL (`pg`) is asynchronous already.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db, Queryable } from './db.js';

function yielding(q: Queryable): Queryable {
  return {
    async query(sql, params) {
      await nextTurn();
      return q.query(sql, params);
    },
    async exec(sql) {
      await nextTurn();
      return q.exec(sql);
    },
  };
}

/** `db` with a turn of the event loop before each statement (PGlite only; a pg store is returned as is). */
export function yieldingDb(db: Db): Db {
  if (db.kind !== 'pglite') return db;
  return {
    kind: db.kind,
    ...yielding(db),
    transaction: (fn) => db.transaction((tx) => fn(yielding(tx))),
    close: () => db.close(),
  };
}
