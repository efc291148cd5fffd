/**
 * Positions come from tax lots (the source of truth). Quantities and cost prices are
 * decimal strings; cost prices are in the instrument's currency.
 */
import type { Queryable } from '../db.js';

export interface LotRow {
  id: number;
  clientId: string;
  accountId: string;
  instrumentId: string;
  quantity: string;
  costPrice: string;
  acquiredAt: string;
}

const LOT_COLS = `id, client_id AS "clientId", account_id AS "accountId", instrument_id AS "instrumentId",
  quantity, cost_price AS "costPrice", acquired_at AS "acquiredAt"`;

/** A client's lots acquired on or before `asOf` (all when undefined), oldest first. */
export async function getLots(db: Queryable, clientId: string, asOf?: string): Promise<LotRow[]> {
  const r = await db.query<LotRow>(
    `SELECT ${LOT_COLS} FROM lots WHERE client_id = $1 AND ($2::date IS NULL OR acquired_at <= $2::date)
      ORDER BY acquired_at, id`,
    [clientId, asOf ?? null],
  );
  return r.rows;
}

/** Lots of several clients at once (an advisor's book), acquired on or before `asOf`. */
export async function getLotsOfClients(db: Queryable, clientIds: readonly string[], asOf?: string): Promise<LotRow[]> {
  if (clientIds.length === 0) return [];
  const r = await db.query<LotRow>(
    `SELECT ${LOT_COLS} FROM lots WHERE client_id = ANY($1::text[]) AND ($2::date IS NULL OR acquired_at <= $2::date)
      ORDER BY client_id, acquired_at, id`,
    [clientIds, asOf ?? null],
  );
  return r.rows;
}

export interface Position {
  instrumentId: string;
  /** Σ lot quantities. */
  quantity: string;
  /** Σ quantity × cost price, instrument currency. */
  costBasis: string;
  firstAcquired: string;
}

/** Lots summed per instrument in SQL (exact NUMERIC arithmetic), as of `asOf`. */
export async function getPositions(db: Queryable, clientId: string, asOf?: string): Promise<Position[]> {
  const r = await db.query<Position>(
    `SELECT instrument_id AS "instrumentId", sum(quantity)::text AS quantity, sum(quantity * cost_price)::text AS "costBasis",
            min(acquired_at) AS "firstAcquired"
       FROM lots WHERE client_id = $1 AND ($2::date IS NULL OR acquired_at <= $2::date)
      GROUP BY instrument_id ORDER BY instrument_id`,
    [clientId, asOf ?? null],
  );
  return r.rows;
}
