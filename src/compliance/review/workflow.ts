/**
 * Reviewer actions on a queue item: state transitions open → in_review → escalated |
 * closed (closing needs a disposition), and notes. Each action is written to
 * `review_actions` and appended to the audit chain in the same transaction, so the
 * review itself is evidence.
 */
import type { Db } from '../../db/db.js';
import { WealthDeskError } from '../../errors.js';
import { appendInTx, type AuditKeyring } from '../audit/chain.js';
import { itemCols, normalizeItem, type ReviewItem, type ReviewState } from './queue.js';

export const DISPOSITIONS = ['no_issue', 'coaching', 'remediation', 'reported', 'false_positive'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Allowed state changes. */
export const TRANSITIONS: Readonly<Record<ReviewState, readonly ReviewState[]>> = {
  open: ['in_review'],
  in_review: ['escalated', 'closed'],
  escalated: ['in_review', 'closed'],
  closed: [],
};

export interface ReviewAction {
  itemId: string;
  reviewerId: string;
  /** The new state; omit to add a note only. */
  to?: ReviewState;
  disposition?: Disposition;
  notes?: string;
}

/** Applies one reviewer action; throws WD_ERR_REVIEW_TRANSITION for a change the workflow does not allow. */
export async function applyReviewAction(db: Db, ring: AuditKeyring, a: ReviewAction): Promise<ReviewItem> {
  if (a.disposition && !DISPOSITIONS.includes(a.disposition)) throw new WealthDeskError('WD_ERR_VALIDATION', `Unknown disposition "${a.disposition}"`);
  if (!a.to && !a.notes?.trim()) throw new WealthDeskError('WD_ERR_VALIDATION', 'Give a new state or a note');
  return db.transaction(async (tx) => {
    const cur = await tx.query<ReviewItem>(`SELECT ${itemCols()} FROM review_items WHERE id = $1 FOR UPDATE`, [a.itemId]);
    const item = cur.rows[0];
    if (!item) throw new WealthDeskError('WD_ERR_NOT_FOUND', 'Unknown review item');
    if (a.to) {
      if (!TRANSITIONS[item.state].includes(a.to)) {
        throw new WealthDeskError('WD_ERR_REVIEW_TRANSITION', `Cannot move a review from ${item.state} to ${a.to}`, { details: { from: item.state, to: a.to } });
      }
      if (a.to === 'closed' && !a.disposition) throw new WealthDeskError('WD_ERR_VALIDATION', 'Closing a review needs a disposition');
    }
    const notes = a.notes?.trim() ? `${item.notes ? `${item.notes}\n` : ''}[${new Date().toISOString()} ${a.reviewerId}] ${a.notes.trim()}` : item.notes;
    const next = await tx.query<ReviewItem>(
      `UPDATE review_items SET state = $2, disposition = coalesce($3, disposition), notes = $4,
              assignee = CASE WHEN $2 = 'in_review' THEN $5 ELSE assignee END, updated_at = now()
        WHERE id = $1 RETURNING ${itemCols()}`,
      [a.itemId, a.to ?? item.state, a.disposition ?? null, notes, a.reviewerId],
    );
    const [ev] = await appendInTx(tx, ring, [
      {
        kind: a.to ? 'review.transition' : 'review.note',
        actor: { role: 'compliance', reviewerId: a.reviewerId },
        conversationId: item.conversationId,
        payload: { itemId: a.itemId, from: item.state, to: a.to ?? item.state, disposition: a.disposition ?? null, notes: a.notes?.trim() ?? null },
      },
    ]);
    await tx.query(
      `INSERT INTO review_actions (item_id, reviewer_id, action, from_state, to_state, disposition, notes, audit_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a.itemId, a.reviewerId, a.to ? 'transition' : 'note', item.state, a.to ?? item.state, a.disposition ?? null, a.notes?.trim() ?? null, ev.seq],
    );
    return normalizeItem(next.rows[0]);
  });
}

export interface ReviewActionRow {
  reviewerId: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  disposition: string | null;
  notes: string | null;
  auditSeq: number | null;
  at: string;
}

/** The actions on an item, oldest first. */
export async function listReviewActions(db: Db, itemId: string): Promise<ReviewActionRow[]> {
  const r = await db.query<ReviewActionRow & { at: Date }>(
    `SELECT reviewer_id AS "reviewerId", action, from_state AS "fromState", to_state AS "toState", disposition, notes,
            audit_seq AS "auditSeq", at FROM review_actions WHERE item_id = $1 ORDER BY id`,
    [itemId],
  );
  return r.rows.map((x) => ({ ...x, at: new Date(x.at).toISOString() }));
}
