/**
 * Conversations, their model-visible messages and the turn records. A turn's messages,
 * its `turns` row and the conversation's flow state are written in one transaction, so
 * a stored turn is never half there.
 */
import type { Principal } from '../../auth/principal.js';
import { principalId } from '../../auth/principal.js';
import type { Db, Queryable } from '../db.js';

export interface ConversationRow {
  id: string;
  principalRole: Principal['role'];
  principalId: string;
  clientId: string | null;
  advisorId: string | null;
  language: string | null;
  state: Record<string, unknown>;
}

export interface MessageRow {
  seq: number;
  role: 'user' | 'assistant' | 'tool';
  content: string;
  toolCalls: { id: string; name: string; args: unknown }[] | null;
  toolCallId: string | null;
  toolName: string | null;
}

export type NewMessage = Omit<MessageRow, 'seq'>;

export interface TurnRow {
  id: string;
  conversationId: string;
  principal: Principal;
  userText: string;
  answer: string | null;
  toolCalls: unknown[];
  citations: unknown[];
  guard: unknown;
  flags: string[];
  model: string;
  language: string | null;
  latencyMs: number | null;
  status: 'ok' | 'refused' | 'error' | 'open' | 'cancelled' | 'interrupted';
  error: unknown;
}

const CONV_COLS = `id, principal_role AS "principalRole", principal_id AS "principalId", client_id AS "clientId",
  advisor_id AS "advisorId", language, state`;

/** The conversation, or undefined. */
export async function getConversation(db: Queryable, id: string): Promise<ConversationRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const r = await db.query<ConversationRow>(`SELECT ${CONV_COLS} FROM conversations WHERE id = $1`, [id]);
  return r.rows[0];
}

/** Creates a conversation owned by `principal`, untitled: its first stored turn names it (`saveTurn`). */
export async function createConversation(
  db: Queryable,
  c: { id: string; principal: Principal; language: string },
): Promise<ConversationRow> {
  const p = c.principal;
  const clientId = p.role === 'client' ? p.clientId : null;
  const advisorId = p.role === 'advisor' ? p.advisorId : null;
  const r = await db.query<ConversationRow>(
    `INSERT INTO conversations (id, principal_role, principal_id, client_id, advisor_id, language)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${CONV_COLS}`,
    [c.id, p.role, principalId(p), clientId, advisorId, c.language],
  );
  return r.rows[0];
}

/** The model-visible history, in order. */
export async function listMessages(db: Queryable, conversationId: string): Promise<MessageRow[]> {
  const r = await db.query<MessageRow>(
    `SELECT seq, role, content, tool_calls AS "toolCalls", tool_call_id AS "toolCallId", tool_name AS "toolName"
     FROM messages WHERE conversation_id = $1 ORDER BY seq`,
    [conversationId],
  );
  return r.rows;
}

/** The turns of a conversation, oldest first. */
export async function listTurns(db: Queryable, conversationId: string): Promise<TurnRow[]> {
  const r = await db.query<TurnRow>(
    `SELECT id, conversation_id AS "conversationId", principal, user_text AS "userText", answer, tool_calls AS "toolCalls",
       citations, guard, flags, model, language, latency_ms AS "latencyMs", status, error
     FROM turns WHERE conversation_id = $1 ORDER BY created_at, id`,
    [conversationId],
  );
  return r.rows;
}

/** Longest conversation title, in characters (code points). */
export const TITLE_CHARS = 60;

/**
 * A conversation title from a message: its first {@link TITLE_CHARS} characters, cut on a
 * code point (never half a surrogate pair), white space folded. Callers pass the
 * PII-masked text: a title is shown in lists and kept outside the PII vault.
 */
export function titleOf(maskedText: string): string {
  return Array.from(maskedText.replace(/\s+/g, ' ').trim()).slice(0, TITLE_CHARS).join('');
}

/**
 * Appends a turn: its messages (after the existing ones), the `turns` row and the new flow
 * state; `title` names a conversation that has none yet (its first stored turn).
 */
export async function saveTurn(db: Db, turn: TurnRow, messages: NewMessage[], state: Record<string, unknown>, opts: { title?: string } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    await appendMessages(tx, turn.conversationId, turn.id, messages);
    await tx.query(
      `INSERT INTO turns (id, conversation_id, principal, user_text, answer, tool_calls, citations, guard, flags, model,
         language, latency_ms, status, error)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14::jsonb)`,
      [
        turn.id,
        turn.conversationId,
        JSON.stringify(turn.principal),
        turn.userText,
        turn.answer,
        JSON.stringify(turn.toolCalls),
        JSON.stringify(turn.citations),
        JSON.stringify(turn.guard),
        JSON.stringify(turn.flags),
        turn.model,
        turn.language,
        turn.latencyMs,
        turn.status,
        turn.error === undefined || turn.error === null ? null : JSON.stringify(turn.error),
      ],
    );
    await saveConversationState(tx, turn.conversationId, state, opts.title);
  });
}

/** Appends a turn's model-visible messages after the conversation's existing ones. */
export async function appendMessages(db: Queryable, conversationId: string, turnId: string, messages: NewMessage[]): Promise<void> {
  const cur = await db.query<{ next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM messages WHERE conversation_id = $1', [conversationId]);
  let seq = Number(cur.rows[0].next);
  for (const m of messages) {
    await db.query(
      `INSERT INTO messages (conversation_id, turn_id, seq, role, content, tool_calls, tool_call_id, tool_name)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
      [conversationId, turnId, seq++, m.role, m.content, m.toolCalls ? JSON.stringify(m.toolCalls) : null, m.toolCallId, m.toolName],
    );
  }
}

/** Stores the conversation's flow state; `title` names it when it has none yet. */
export async function saveConversationState(db: Queryable, conversationId: string, state: Record<string, unknown>, title?: string): Promise<void> {
  await db.query('UPDATE conversations SET state = $2::jsonb, title = COALESCE(title, $3), updated_at = now() WHERE id = $1', [
    conversationId,
    JSON.stringify(state),
    title ?? null,
  ]);
}

/**
 * How many conversations are about a client (`client_id`) and were started in
 * (`since`, `until`]; an advisor's book tools count a client's recent contact with this.
 */
export async function countClientConversations(db: Queryable, clientId: string, since: Date, until: Date): Promise<number> {
  const r = await db.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM conversations WHERE client_id = $1 AND created_at > $2 AND created_at <= $3',
    [clientId, since.toISOString(), until.toISOString()],
  );
  return Number(r.rows[0]?.n ?? 0);
}
