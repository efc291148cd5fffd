/**
 * The review queue: one open item per conversation (reasons accumulate while it is
 * open), entered by `reviewTurn` after each turn, listed with filters for the console.
 * Entering the queue is itself an audit event.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.js';
import type { Config } from '../../config.js';
import type { Db, Queryable } from '../../db/db.js';
import { appendInTx, type AuditEventInput, type AuditKeyring } from '../audit/chain.js';
import { reviewReasons, sampled, type ReviewReason, type ReviewTurnInput } from './triggers.js';

export type ReviewState = 'open' | 'in_review' | 'escalated' | 'closed';

export interface ReviewItem {
  id: string;
  conversationId: string;
  clientId: string | null;
  advisorId: string | null;
  flagTypes: string[];
  reasons: (ReviewReason & { turnId: string | null; at: string })[];
  state: ReviewState;
  disposition: string | null;
  notes: string | null;
  assignee: string | null;
  sampled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The item columns, camel-cased, optionally qualified by a table alias. */
export const itemCols = (a = '') => `${a}id, ${a}conversation_id AS "conversationId", ${a}client_id AS "clientId",
  ${a}advisor_id AS "advisorId", ${a}flag_types AS "flagTypes", ${a}reasons, ${a}state, ${a}disposition, ${a}notes,
  ${a}assignee, ${a}sampled, ${a}created_at AS "createdAt", ${a}updated_at AS "updatedAt"`;
const ITEM_COLS = itemCols();

const SYSTEM_ACTOR = { role: 'system', id: 'review-queue' };

/** Adds reasons to the conversation's open item, or opens one. Audited as `review.enqueued`. */
/** Writes audit events inside the caller's transaction `tx` (appended, or staged for the chain linker). */
export type EventWriter = (tx: Queryable, events: AuditEventInput[]) => Promise<unknown>;

export async function enqueueForReview(
  db: Db,
  ring: AuditKeyring,
  e: { conversationId: string; turnId?: string | null; reasons: ReviewReason[]; sampled?: boolean },
  /** Writes the `review.enqueued` event in the transaction; default: appended to the chain at once. */
  append: EventWriter = (tx, events) => appendInTx(tx, ring, events),
): Promise<ReviewItem> {
  const at = new Date().toISOString();
  const reasons = e.reasons.map((r) => ({ ...r, turnId: e.turnId ?? null, at }));
  const types = [...new Set(e.reasons.map((r) => r.type))];
  return db.transaction(async (tx) => {
    const conv = await tx.query<{ client_id: string | null; advisor_id: string | null }>(
      `SELECT c.client_id, coalesce(c.advisor_id, cl.advisor_id) AS advisor_id
         FROM conversations c LEFT JOIN clients cl ON cl.id = c.client_id WHERE c.id = $1`,
      [e.conversationId],
    );
    const meta = conv.rows[0] ?? { client_id: null, advisor_id: null };
    const updated = await tx.query<ReviewItem>(
      `UPDATE review_items SET reasons = reasons || $2::jsonb,
              flag_types = ARRAY(SELECT DISTINCT unnest(flag_types || $3::text[])),
              sampled = sampled OR $4, updated_at = now()
        WHERE conversation_id = $1 AND state <> 'closed' RETURNING ${ITEM_COLS}`,
      [e.conversationId, JSON.stringify(reasons), types, e.sampled ?? false],
    );
    const item =
      updated.rows[0] ??
      (
        await tx.query<ReviewItem>(
          `INSERT INTO review_items (id, conversation_id, client_id, advisor_id, flag_types, reasons, sampled)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING ${ITEM_COLS}`,
          [randomUUID(), e.conversationId, meta.client_id, meta.advisor_id, types, JSON.stringify(reasons), e.sampled ?? false],
        )
      ).rows[0];
    await append(tx, [
      { kind: 'review.enqueued', actor: SYSTEM_ACTOR, conversationId: e.conversationId, turnId: e.turnId ?? null, payload: { itemId: item.id, reasons: e.reasons } },
    ]);
    return normalizeItem(item);
  });
}

/**
 * Called after each turn: enqueues the conversation when the turn is flagged, or when
 * it is drawn into the random sample. Resolves to the item, or null when not queued.
 */
export async function reviewTurn(
  db: Db,
  ring: AuditKeyring,
  config: Pick<Config, 'REVIEW_SAMPLE_RATE'>,
  turn: ReviewTurnInput & { principal?: Principal },
  opts: { random?: () => number; append?: EventWriter } = {},
): Promise<ReviewItem | null> {
  const reasons = reviewReasons(turn);
  const sample = reasons.length === 0 && sampled(config.REVIEW_SAMPLE_RATE, opts.random);
  if (sample) reasons.push({ type: 'sample', detail: `random sample at rate ${config.REVIEW_SAMPLE_RATE}` });
  if (reasons.length === 0) return null;
  return enqueueForReview(db, ring, { conversationId: turn.conversationId, turnId: turn.turnId, reasons, sampled: sample }, opts.append);
}

export interface QueueFilter {
  /** Inclusive lower bound on the item's creation time (ISO date or date-time). */
  from?: string;
  /** Exclusive upper bound; a bare date means the end of that day. */
  to?: string;
  advisorId?: string;
  clientId?: string;
  flagType?: string;
  state?: ReviewState;
  /** Free text, matched (case-insensitive) in the conversation's masked messages, answers and the item's notes. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** Queue items, newest activity first, with the total count for paging. */
export async function listQueue(db: Queryable, f: QueueFilter = {}): Promise<{ items: ReviewItem[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.from) where.push(`r.created_at >= ${p(f.from)}::timestamptz`);
  if (f.to) where.push(`r.created_at < ${/^\d{4}-\d{2}-\d{2}$/.test(f.to) ? `(${p(f.to)}::date + 1)` : `${p(f.to)}::timestamptz`}`);
  if (f.advisorId) where.push(`r.advisor_id = ${p(f.advisorId)}`);
  if (f.clientId) where.push(`r.client_id = ${p(f.clientId)}`);
  if (f.flagType) where.push(`${p(f.flagType)} = ANY(r.flag_types)`);
  if (f.state) where.push(`r.state = ${p(f.state)}`);
  if (f.q) {
    const like = p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(coalesce(r.notes, '') ILIKE ${like} OR EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = r.conversation_id
      AND (t.user_text ILIKE ${like} OR coalesce(t.answer, '') ILIKE ${like})))`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_items r ${w}`, params);
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const rows = await db.query<ReviewItem>(
    `SELECT ${itemCols('r.')} FROM review_items r ${w}
      ORDER BY r.updated_at DESC, r.id LIMIT ${limit} OFFSET ${Math.max(f.offset ?? 0, 0)}`,
    params,
  );
  return { items: rows.rows.map(normalizeItem), total: total.rows[0].n };
}

/** One item by id, or undefined. */
export async function getReviewItem(db: Queryable, id: string): Promise<ReviewItem | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const r = await db.query<ReviewItem>(`SELECT ${ITEM_COLS} FROM review_items WHERE id = $1`, [id]);
  return r.rows[0] ? normalizeItem(r.rows[0]) : undefined;
}

export function normalizeItem(r: ReviewItem): ReviewItem {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
  return { ...r, flagTypes: [...(r.flagTypes ?? [])], createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) };
}
