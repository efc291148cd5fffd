/**
 * Retention of the audit log and the PII vault.
 *
 * How purge works with an append-only chain: audit events are never updated, and are
 * deleted only (1) after they left the retention window (`AUDIT_RETENTION_DAYS`, or the
 * stored setting), (2) after the segment was archived — written out as JSON lines with
 * every hash — and a checkpoint {fromSeq, toSeq, lastHash, sha256 of the segment, count}
 * was signed with the audit HMAC key and stored in `audit_checkpoints`, and (3) inside a
 * transaction that opted in with `SET LOCAL wealthdesk.audit_purge = 'on'`. The database
 * trigger (migration 005) re-checks (1) and (2) itself, so no application bug can delete
 * an event inside the window. `verifyAuditChain` then resumes from the newest purged
 * checkpoint's signed last hash; the archived file is verified on its own with the same
 * key (its digest is in the checkpoint). Vault originals past their window are deleted.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { WealthDeskError } from '../errors.js';
import { appendAuditEvents, appendInTx, signCheckpoint, type AuditKeyring } from './audit/chain.js';
import { canonicalJson } from './audit/canonical.js';

export interface RetentionSettings {
  auditRetentionDays: number;
  vaultRetentionDays: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** Stored settings, or the configured defaults (vault: the same window as the audit log). */
export async function getRetention(db: Db, config: Pick<Config, 'AUDIT_RETENTION_DAYS'>): Promise<RetentionSettings> {
  const r = await db.query<{ a: number; v: number; by: string | null; at: Date }>(
    'SELECT audit_retention_days AS a, vault_retention_days AS v, updated_by AS by, updated_at AS at FROM retention_settings WHERE id = 1',
  );
  const row = r.rows[0];
  if (!row) return { auditRetentionDays: config.AUDIT_RETENTION_DAYS, vaultRetentionDays: config.AUDIT_RETENTION_DAYS, updatedBy: null, updatedAt: null };
  return { auditRetentionDays: row.a, vaultRetentionDays: row.v, updatedBy: row.by, updatedAt: new Date(row.at).toISOString() };
}

/** Changes the windows (days, ≥ 1); audited as `retention.settings`. */
export async function setRetention(db: Db, ring: AuditKeyring, s: { auditRetentionDays: number; vaultRetentionDays: number; by: string }): Promise<RetentionSettings> {
  for (const [k, v] of Object.entries({ auditRetentionDays: s.auditRetentionDays, vaultRetentionDays: s.vaultRetentionDays })) {
    if (!Number.isInteger(v) || v < 1 || v > 36500) throw new WealthDeskError('WD_ERR_VALIDATION', `${k} must be a whole number of days between 1 and 36500`);
  }
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO retention_settings (id, audit_retention_days, vault_retention_days, updated_by, updated_at) VALUES (1, $1, $2, $3, now())
       ON CONFLICT (id) DO UPDATE SET audit_retention_days = $1, vault_retention_days = $2, updated_by = $3, updated_at = now()`,
      [s.auditRetentionDays, s.vaultRetentionDays, s.by],
    );
    await appendInTx(tx, ring, [{ kind: 'retention.settings', actor: { role: 'compliance', reviewerId: s.by }, payload: { auditRetentionDays: s.auditRetentionDays, vaultRetentionDays: s.vaultRetentionDays } }]);
  });
  return getRetention(db, { AUDIT_RETENTION_DAYS: s.auditRetentionDays });
}

export interface RetentionRun {
  vaultDeleted: number;
  archived: { fromSeq: number; toSeq: number; events: number; digest: string; location: string | null } | null;
  purged: number;
}

/**
 * The retention job: deletes vault originals past their window, archives the audit
 * events past theirs as a signed segment, and (when `purge`) deletes the archived rows.
 * Stores the settings from `config` first when none are stored, so the trigger has a window.
 */
export async function runRetention(
  db: Db,
  ring: AuditKeyring,
  config: Pick<Config, 'AUDIT_RETENTION_DAYS'>,
  opts: { archiveDir?: string; purge?: boolean; now?: Date; by?: string } = {},
): Promise<RetentionRun> {
  const s = await getRetention(db, config);
  if (!s.updatedAt) {
    await db.query(`INSERT INTO retention_settings (id, audit_retention_days, vault_retention_days, updated_by) VALUES (1, $1, $2, 'config') ON CONFLICT DO NOTHING`, [s.auditRetentionDays, s.vaultRetentionDays]);
  }
  const now = opts.now ?? new Date();
  const day = 86_400_000;
  const vaultCut = new Date(now.getTime() - s.vaultRetentionDays * day).toISOString();
  const vault = await db.query('DELETE FROM pii_vault WHERE created_at < $1', [vaultCut]);

  const auditCut = new Date(now.getTime() - s.auditRetentionDays * day).toISOString();
  const last = await db.query<{ to_seq: number | null }>('SELECT max(to_seq) AS to_seq FROM audit_checkpoints');
  const after = Number(last.rows[0].to_seq ?? 0);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT seq, at, kind, actor, conversation_id, turn_id, payload, key_id, prev_hash, hash FROM audit_events
      WHERE seq > $1 AND at < $2 ORDER BY seq LIMIT 100000`,
    [after, auditCut],
  );
  let archived: RetentionRun['archived'] = null;
  if (rows.rows.length > 0) {
    // Only a gap-free run from the last checkpoint can be archived.
    const run = rows.rows.filter((r, i) => Number(r.seq) === after + 1 + i);
    const lines = run.map((r) => canonicalJson({ ...r, at: new Date(r.at as string).toISOString() })).join('\n') + '\n';
    const digest = createHash('sha256').update(lines).digest('hex');
    const cp = { fromSeq: after + 1, toSeq: after + run.length, lastHash: String(run[run.length - 1].hash), digest, eventCount: run.length };
    let location: string | null = null;
    if (opts.archiveDir) {
      mkdirSync(opts.archiveDir, { recursive: true });
      location = join(opts.archiveDir, `audit-${String(cp.fromSeq).padStart(12, '0')}-${String(cp.toSeq).padStart(12, '0')}.jsonl`);
      writeFileSync(location, lines);
    }
    await db.query(
      `INSERT INTO audit_checkpoints (from_seq, to_seq, last_hash, digest, event_count, key_id, signature, location) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [cp.fromSeq, cp.toSeq, cp.lastHash, digest, cp.eventCount, ring.currentId, signCheckpoint(ring.keys[ring.currentId], cp), location],
    );
    archived = { fromSeq: cp.fromSeq, toSeq: cp.toSeq, events: cp.eventCount, digest, location };
  }
  let purged = 0;
  if (opts.purge) {
    purged = await db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('wealthdesk.audit_purge', 'on', true)`);
      const cps = await tx.query<{ id: number; from_seq: number; to_seq: number }>('SELECT id, from_seq, to_seq FROM audit_checkpoints WHERE purged_at IS NULL ORDER BY to_seq');
      let n = 0;
      for (const c of cps.rows) {
        const d = await tx.query('DELETE FROM audit_events WHERE seq BETWEEN $1 AND $2', [c.from_seq, c.to_seq]);
        n += d.rowCount;
        await tx.query('UPDATE audit_checkpoints SET purged_at = now() WHERE id = $1', [c.id]);
      }
      return n;
    });
  }
  await appendAuditEvents(db, ring, [
    { kind: 'retention.run', actor: { role: 'system', id: opts.by ?? 'retention-job' }, payload: { vaultDeleted: vault.rowCount, archived, purged } },
  ]);
  return { vaultDeleted: vault.rowCount, archived, purged };
}
