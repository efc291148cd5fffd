/**
 * Questionnaire-based risk profiles. The latest row per client (by assessed_at, then id)
 * is the current profile.
 */
import type { Queryable } from '../db.js';

export interface RiskProfileRow {
  id: number;
  clientId: string;
  level: number;
  score: number;
  answers: Record<string, string>;
  /** Either plain strings or `{zh, en}` pairs. */
  reasons: unknown[];
  assessedAt: Date;
  expiresAt: Date;
  source: string;
}

const COLS = `id, client_id AS "clientId", level, score, answers, reasons, assessed_at AS "assessedAt",
  expires_at AS "expiresAt", source`;

/** The current profile of a client, or undefined when never assessed. */
export async function getCurrentRiskProfile(db: Queryable, clientId: string): Promise<RiskProfileRow | undefined> {
  const r = await db.query<RiskProfileRow>(
    `SELECT ${COLS} FROM risk_profiles WHERE client_id = $1 ORDER BY assessed_at DESC, id DESC LIMIT 1`,
    [clientId],
  );
  return r.rows[0] ? normalize(r.rows[0]) : undefined;
}

/** Current profiles of many clients: clientId → row. */
export async function getCurrentRiskProfiles(db: Queryable, clientIds: readonly string[]): Promise<Map<string, RiskProfileRow>> {
  const out = new Map<string, RiskProfileRow>();
  if (clientIds.length === 0) return out;
  const r = await db.query<RiskProfileRow>(
    `SELECT DISTINCT ON (client_id) ${COLS} FROM risk_profiles WHERE client_id = ANY($1::text[])
      ORDER BY client_id, assessed_at DESC, id DESC`,
    [clientIds],
  );
  for (const row of r.rows) out.set(row.clientId, normalize(row));
  return out;
}

export interface NewRiskProfile {
  clientId: string;
  level: number;
  score: number;
  answers: Record<string, string>;
  reasons: unknown[];
  assessedAt: Date;
  expiresAt: Date;
  source?: string;
}

/** Stores a new profile (history is kept); returns the stored row. */
export async function insertRiskProfile(db: Queryable, p: NewRiskProfile): Promise<RiskProfileRow> {
  const r = await db.query<RiskProfileRow>(
    `INSERT INTO risk_profiles (client_id, level, score, answers, reasons, assessed_at, expires_at, source)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8) RETURNING ${COLS}`,
    [
      p.clientId,
      p.level,
      p.score,
      JSON.stringify(p.answers),
      JSON.stringify(p.reasons),
      p.assessedAt.toISOString(),
      p.expiresAt.toISOString(),
      p.source ?? 'questionnaire',
    ],
  );
  return normalize(r.rows[0]);
}

function normalize(row: RiskProfileRow): RiskProfileRow {
  return {
    ...row,
    id: Number(row.id),
    assessedAt: new Date(row.assessedAt),
    expiresAt: new Date(row.expiresAt),
    answers: row.answers ?? {},
    reasons: Array.isArray(row.reasons) ? row.reasons : [],
  };
}
