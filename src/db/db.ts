/**
 * One store interface over PostgreSQL (`pg`) and the embedded PGlite. Values come back
 * the same from both: NUMERIC as a decimal string (money never becomes a float),
 * INT8 as a JS number, DATE as 'YYYY-MM-DD', TIMESTAMPTZ as Date, JSON(B) parsed.
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  /** Runs one parameterized statement ($1, $2 …). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A `Db` bound to the open transaction `tx` of `db`: its statements run in `tx`, and a
 * `transaction()` inside joins `tx` instead of opening another one. Lets code written
 * against `Db` (repositories, the audit append) take part in one caller's transaction,
 * so what it writes commits or rolls back together with the caller's rows.
 */
export function withinTransaction(db: Pick<Db, 'kind'>, tx: Queryable): Db {
  return {
    kind: db.kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (fn) => fn(tx),
    close: () => Promise.reject(new Error('a transaction-bound Db is closed by its transaction')),
  };
}
