/**
 * The life of a `turns` row: opened before the turn answers (status `open`, masked input),
 * closed once with its outcome (`ok` · `refused` · `error` · `cancelled` · `interrupted`).
 * `node` and `boot` name the server process that runs it, for start-up recovery.
 */
import type { Principal } from '../../auth/principal.js';
import type { Queryable } from '../db.js';
import type { TurnRow } from './conversations.js';

export type TurnStatus = TurnRow['status'];

/** Inserts the turn's row, status `open`; names an untitled conversation with `title`. */
export async function insertOpenTurn(
  db: Queryable,
  t: { id: string; conversationId: string; principal: Principal; userText: string; model: string; language: string; node: string; boot: string; title: string },
): Promise<void> {
  await db.query(
    `INSERT INTO turns (id, conversation_id, principal, user_text, model, language, status, node, boot)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, 'open', $7, $8)`,
    [t.id, t.conversationId, JSON.stringify(t.principal), t.userText, t.model, t.language, t.node, t.boot],
  );
  await db.query('UPDATE conversations SET title = COALESCE(title, $2), updated_at = now() WHERE id = $1', [t.conversationId, t.title]);
}

/** The turn's status, or undefined when no such row. */
export async function turnStatus(db: Queryable, id: string): Promise<TurnStatus | undefined> {
  const r = await db.query<{ status: TurnStatus }>('SELECT status FROM turns WHERE id = $1', [id]);
  return r.rows[0]?.status;
}

/** Closes an open turn with its outcome; false when it was not open (closed already). */
export async function closeTurnRow(
  db: Queryable,
  t: Pick<TurnRow, 'id' | 'answer' | 'toolCalls' | 'citations' | 'guard' | 'flags' | 'model' | 'latencyMs' | 'error'> & { status: Exclude<TurnStatus, 'open'> },
): Promise<boolean> {
  const r = await db.query(
    `UPDATE turns SET answer = $2, tool_calls = $3::jsonb, citations = $4::jsonb, guard = $5::jsonb, flags = $6::jsonb, model = $7,
       latency_ms = $8, status = $9, error = $10::jsonb, finished_at = now()
     WHERE id = $1 AND status = 'open'`,
    [
      t.id,
      t.answer,
      JSON.stringify(t.toolCalls),
      JSON.stringify(t.citations),
      JSON.stringify(t.guard),
      JSON.stringify(t.flags),
      t.model,
      t.latencyMs,
      t.status,
      t.error === undefined || t.error === null ? null : JSON.stringify(t.error),
    ],
  );
  return r.rowCount > 0;
}

/** Closes an open turn as `interrupted` (crash recovery: nothing of its outcome is known); false when it was not open. */
export async function markInterrupted(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query(`UPDATE turns SET status = 'interrupted', flags = '["interrupted"]'::jsonb, finished_at = now() WHERE id = $1 AND status = 'open'`, [id]);
  return r.rowCount > 0;
}

export interface OpenTurn {
  id: string;
  conversationId: string;
  principal: Principal;
  node: string | null;
  boot: string | null;
}

/**
 * Open turns a running node does not own: those of `node` from another boot (a crashed
 * earlier incarnation), of this very boot but not in flight (`inFlight`), or of any node
 * and older than `staleBefore` (a node that never came back). Oldest first, at most `limit`.
 */
export async function orphanedOpenTurns(
  db: Queryable,
  o: { node: string; boot: string; inFlight: readonly string[]; staleBefore: Date; limit?: number },
): Promise<OpenTurn[]> {
  const r = await db.query<OpenTurn>(
    `SELECT id, conversation_id AS "conversationId", principal, node, boot FROM turns
      WHERE status = 'open'
        AND ((node = $1 AND boot IS DISTINCT FROM $2)
          OR (boot = $2 AND NOT (id::text = ANY($3::text[])))
          OR created_at < $4)
      ORDER BY created_at, id LIMIT $5`,
    [o.node, o.boot, [...o.inFlight], o.staleBefore.toISOString(), o.limit ?? 500],
  );
  return r.rows;
}
