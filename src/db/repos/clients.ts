/**
 * Client and advisor lookups. Rows come back typed with camelCase fields; dates as
 * 'YYYY-MM-DD', weights as decimal strings.
 */
import type { Currency } from '../../tools/contract.js';
import type { Queryable } from '../db.js';

export interface ClientRow {
  id: string;
  advisorId: string;
  name: string;
  nameEn: string;
  baseCurrency: Currency;
  jurisdiction: string;
  language: 'zh' | 'en';
  birthYear: number | null;
  inceptionDate: string;
}

export interface AdvisorRow {
  id: string;
  name: string;
  nameEn: string;
  email: string;
}

const CLIENT_COLS = `id, advisor_id AS "advisorId", name, name_en AS "nameEn", trim(base_currency) AS "baseCurrency",
  jurisdiction, language, birth_year AS "birthYear", inception_date AS "inceptionDate"`;

/** The client, or undefined when no such id exists. */
export async function getClient(db: Queryable, id: string): Promise<ClientRow | undefined> {
  const r = await db.query<ClientRow>(`SELECT ${CLIENT_COLS} FROM clients WHERE id = $1`, [id]);
  return r.rows[0];
}

/** Every client of an advisor's book, ordered by id. */
export async function listAdvisorClients(db: Queryable, advisorId: string): Promise<ClientRow[]> {
  const r = await db.query<ClientRow>(`SELECT ${CLIENT_COLS} FROM clients WHERE advisor_id = $1 ORDER BY id`, [advisorId]);
  return r.rows;
}

/** Every client, ordered by id (CLI `clients`, seed checks). */
export async function listAllClients(db: Queryable): Promise<ClientRow[]> {
  const r = await db.query<ClientRow>(`SELECT ${CLIENT_COLS} FROM clients ORDER BY id`);
  return r.rows;
}

/** The advisor, or undefined. */
export async function getAdvisor(db: Queryable, id: string): Promise<AdvisorRow | undefined> {
  const r = await db.query<AdvisorRow>(`SELECT id, name, name_en AS "nameEn", email FROM advisors WHERE id = $1`, [id]);
  return r.rows[0];
}

export interface TargetWeight {
  assetClass: string;
  /** Fraction as a decimal string, e.g. '0.350000'. */
  weight: string;
}

/** A client's target allocation by asset class (empty when none is set), ordered by asset class. */
export async function getTargetAllocation(db: Queryable, clientId: string): Promise<TargetWeight[]> {
  const r = await db.query<TargetWeight>(
    `SELECT asset_class AS "assetClass", weight FROM target_allocations WHERE client_id = $1 ORDER BY asset_class`,
    [clientId],
  );
  return r.rows;
}

/** Target allocations of many clients at once: clientId → weights. */
export async function getTargetAllocations(db: Queryable, clientIds: readonly string[]): Promise<Map<string, TargetWeight[]>> {
  const out = new Map<string, TargetWeight[]>();
  if (clientIds.length === 0) return out;
  const r = await db.query<TargetWeight & { clientId: string }>(
    `SELECT client_id AS "clientId", asset_class AS "assetClass", weight FROM target_allocations
      WHERE client_id = ANY($1::text[]) ORDER BY client_id, asset_class`,
    [clientIds],
  );
  for (const row of r.rows) {
    const list = out.get(row.clientId) ?? [];
    list.push({ assetClass: row.assetClass, weight: row.weight });
    out.set(row.clientId, list);
  }
  return out;
}
