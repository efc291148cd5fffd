/**
 * Unmasking a conversation's PII: only for the compliance role, only with a reason, and
 * the reason is appended to the audit chain (and the review item's actions) BEFORE any
 * original is decrypted — an unmask that was not recorded cannot happen.
 */
import type { FieldKeyring } from '../../auth/field-crypto.js';
import type { Principal } from '../../auth/principal.js';
import type { Db } from '../../db/db.js';
import { WealthDeskError } from '../../errors.js';
import { appendInTx, type AuditKeyring } from '../audit/chain.js';
import { readPiiOriginals, type VaultEntry } from '../pii/vault.js';

/** Shortest reason accepted, in characters. */
export const MIN_REASON_CHARS = 8;

export async function unmaskConversation(
  db: Db,
  rings: { audit: AuditKeyring; field: FieldKeyring },
  r: { principal: Principal; conversationId: string; reason: string },
): Promise<{ auditSeq: number; originals: Record<string, VaultEntry[]> }> {
  const p = r.principal;
  if (p.role !== 'compliance') throw new WealthDeskError('WD_ERR_FORBIDDEN', 'Only compliance may unmask PII');
  const reviewerId = p.reviewerId;
  const reason = r.reason.trim();
  if ([...reason].length < MIN_REASON_CHARS) throw new WealthDeskError('WD_ERR_VALIDATION', `A reason of at least ${MIN_REASON_CHARS} characters is required to unmask`);
  const seq = await db.transaction(async (tx) => {
    const count = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM pii_vault WHERE conversation_id = $1', [r.conversationId]);
    const [ev] = await appendInTx(tx, rings.audit, [
      { kind: 'pii.unmask', actor: { ...r.principal }, conversationId: r.conversationId, payload: { reason, entities: count.rows[0].n } },
    ]);
    const item = await tx.query<{ id: string }>(`SELECT id FROM review_items WHERE conversation_id = $1 ORDER BY created_at DESC LIMIT 1`, [r.conversationId]);
    if (item.rows[0]) {
      await tx.query(`INSERT INTO review_actions (item_id, reviewer_id, action, notes, audit_seq) VALUES ($1, $2, 'unmask', $3, $4)`, [
        item.rows[0].id,
        reviewerId,
        reason,
        ev.seq,
      ]);
    }
    return ev.seq;
  });
  return { auditSeq: seq, originals: await readPiiOriginals(db, rings.field, r.conversationId) };
}
