/**
 * `wealthdesk clients [--advisor <id>]` — lists clients with their current (latest)
 * risk profile: `{"clients":[{id, name, advisorId, riskProfile: "C3", baseCurrency}]}`.
 * An unknown advisor is WD_ERR_UNKNOWN_ADVISOR.
 */
import { WealthDeskError } from '../../errors.js';
import type { Queryable } from '../../db/db.js';
import { parseFlags } from '../args.js';
import { withStore } from '../store.js';

export interface ClientListItem {
  id: string;
  name: string;
  advisorId: string;
  /** 'C1'…'C5', or null when the client has never been assessed. */
  riskProfile: string | null;
  baseCurrency: string;
}

/** Clients, ordered by id, optionally of one advisor (who must exist). */
export async function listClients(db: Queryable, advisorId?: string): Promise<ClientListItem[]> {
  if (advisorId !== undefined) {
    const a = await db.query('SELECT 1 FROM advisors WHERE id = $1', [advisorId]);
    if (a.rows.length === 0) throw new WealthDeskError('WD_ERR_UNKNOWN_ADVISOR', `Unknown advisor "${advisorId}"`);
  }
  const r = await db.query<{ id: string; name: string; advisor_id: string; level: number | null; base_currency: string }>(
    `SELECT c.id, c.name, c.advisor_id, c.base_currency, rp.level
       FROM clients c
       LEFT JOIN LATERAL (SELECT level FROM risk_profiles p WHERE p.client_id = c.id
                           ORDER BY p.assessed_at DESC, p.id DESC LIMIT 1) rp ON true
      WHERE $1::text IS NULL OR c.advisor_id = $1
      ORDER BY c.id`,
    [advisorId ?? null],
  );
  return r.rows.map((c) => ({
    id: c.id,
    name: c.name,
    advisorId: c.advisor_id,
    riskProfile: c.level === null ? null : `C${c.level}`,
    baseCurrency: c.base_currency,
  }));
}

export async function run(argv: string[]): Promise<{ clients: ClientListItem[] }> {
  const { values } = parseFlags(argv, { advisor: { type: 'string' } }, false);
  return { clients: await withStore((db) => listClients(db, values.advisor), { seedIfEmpty: true }) };
}
