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
