/**
 * The audit invariant, checked: the chain holds (see `verifyAuditChain`), every stored
 * turn has audit events, and every event that names a turn names a stored one. A turn
 * and its events are written in one transaction, so either kind of orphan means rows
 * were removed or written around the service.
 */
import type { Db } from '../../db/db.js';
import { verifyAnchors, type AnchorReport } from './anchor.js';
import { verifyAuditChain, type AuditKeyring, type VerifyResult } from './chain.js';

/** How many ids of each kind of orphan a report lists (the counts are exact). */
export const ORPHANS_LISTED = 20;

export interface AuditReport extends VerifyResult {
  /** Stored turns with no audit event (ids, at most ORPHANS_LISTED) and how many there are. */
  turnsWithoutEvents: { count: number; ids: string[] };
  /** Audit events whose turn id is not a stored turn (seqs, at most ORPHANS_LISTED) and how many there are. */
  eventsOfUnknownTurns: { count: number; seqs: number[] };
  /** The chain against its anchors outside the database, when an anchor location is configured. */
  anchor?: AnchorReport;
}

/**
 * Turns older than the newest purged retention checkpoint may have had their events
 * archived and removed; they are not reported as turns without events.
 */
async function purgedBefore(db: Db): Promise<Date | null> {
  const r = await db.query<{ at: Date | null }>('SELECT max(created_at) AS at FROM audit_checkpoints WHERE purged_at IS NOT NULL');
  return r.rows[0]?.at ?? null;
}

/** Turns without events and events of unknown turns, each in one statement (one snapshot). */
export async function auditCoverage(db: Db): Promise<Pick<AuditReport, 'turnsWithoutEvents' | 'eventsOfUnknownTurns'>> {
  const cut = await purgedBefore(db);
  const turns = await db.query<{ id: string; n: number }>(
    `SELECT t.id, count(*) OVER () AS n FROM turns t
      WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.turn_id = t.id)
        AND ($1::timestamptz IS NULL OR t.created_at > $1::timestamptz)
      ORDER BY t.created_at, t.id LIMIT $2`,
    [cut, ORPHANS_LISTED],
  );
  const events = await db.query<{ seq: number; n: number }>(
    `SELECT e.seq, count(*) OVER () AS n FROM audit_events e
      WHERE e.turn_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.id = e.turn_id)
      ORDER BY e.seq LIMIT $1`,
    [ORPHANS_LISTED],
  );
  return {
    turnsWithoutEvents: { count: Number(turns.rows[0]?.n ?? 0), ids: turns.rows.map((r) => r.id) },
    eventsOfUnknownTurns: { count: Number(events.rows[0]?.n ?? 0), seqs: events.rows.map((r) => Number(r.seq)) },
  };
}

/**
 * The chain check, the coverage check and, with `anchorPath`, the anchor check; `ok` only
 * when the chain holds, nothing is orphaned and every anchor is still in the chain.
 */
export async function verifyAudit(db: Db, ring: AuditKeyring, opts: { anchorPath?: string } = {}): Promise<AuditReport> {
  const chain = await verifyAuditChain(db, ring);
  const coverage = await auditCoverage(db);
  const anchor = opts.anchorPath ? await verifyAnchors(db, ring, opts.anchorPath) : undefined;
  const reasons = [
    chain.reason,
    anchor?.reason,
    coverage.turnsWithoutEvents.count > 0 ? `${coverage.turnsWithoutEvents.count} stored turn(s) without audit events` : undefined,
    coverage.eventsOfUnknownTurns.count > 0 ? `${coverage.eventsOfUnknownTurns.count} audit event(s) of unknown turns` : undefined,
  ].filter((x): x is string => Boolean(x));
  const ok = chain.ok && (anchor?.ok ?? true) && coverage.turnsWithoutEvents.count === 0 && coverage.eventsOfUnknownTurns.count === 0;
  return { ...chain, ok, ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}), ...coverage, ...(anchor ? { anchor } : {}) };
}

/** The JSON shape `wealthdesk audit verify` and the compliance API print. */
export function auditReportView(r: AuditReport): Record<string, unknown> {
  return {
    ok: r.ok,
    events: r.events,
    firstBadEventId: r.firstBadEventId,
    ...(r.reason ? { reason: r.reason } : {}),
    turnsWithoutEvents: r.turnsWithoutEvents,
    eventsOfUnknownTurns: r.eventsOfUnknownTurns,
    ...(r.anchor ? { anchor: r.anchor } : {}),
  };
}
