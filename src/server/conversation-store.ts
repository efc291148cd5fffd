/**
 * Read access to a principal's own conversation history. Ownership is the pair
 * (principal_role, principal_id) written by the agent when it created the conversation;
 * someone else's conversation is reported exactly like a missing one (404), so ids
 * cannot be probed.
 */
import type { Principal } from '../auth/principal.js';
import { principalId } from '../auth/principal.js';
import type { Db } from '../db/db.js';
import { WealthDeskError } from '../errors.js';
import { isUuid } from './chat-input.js';

export interface ConversationSummary {
  id: string;
  title: string | null;
  language: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageView {
  seq: number;
  role: 'user' | 'assistant' | 'tool';
  content: string;
  toolCalls: unknown;
  toolName: string | null;
  turnId: string | null;
  createdAt: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/** Throws WD_ERR_UNKNOWN_CONVERSATION unless `id` is a conversation of `principal`. */
export async function assertOwnConversation(db: Db, principal: Principal, id: string): Promise<void> {
  if (!isUuid(id)) throw new WealthDeskError('WD_ERR_UNKNOWN_CONVERSATION');
  const r = await db.query(
    'SELECT 1 FROM conversations WHERE id = $1 AND principal_role = $2 AND principal_id = $3',
    [id.toLowerCase(), principal.role, principalId(principal)],
  );
  if (r.rows.length === 0) throw new WealthDeskError('WD_ERR_UNKNOWN_CONVERSATION');
}

/** The principal's conversations, most recently updated first (at most `limit`). */
export async function listConversations(db: Db, principal: Principal, limit = 50): Promise<ConversationSummary[]> {
  const r = await db.query<{ id: string; title: string | null; language: string | null; created_at: unknown; updated_at: unknown }>(
    `SELECT id, title, language, created_at, updated_at FROM conversations
      WHERE principal_role = $1 AND principal_id = $2 ORDER BY updated_at DESC, id LIMIT $3`,
    [principal.role, principalId(principal), limit],
  );
  return r.rows.map((x) => ({ id: x.id, title: x.title, language: x.language, createdAt: iso(x.created_at), updatedAt: iso(x.updated_at) }));
}

/** The messages of one of the principal's conversations, in order. */
export async function listMessages(db: Db, principal: Principal, id: string): Promise<MessageView[]> {
  await assertOwnConversation(db, principal, id);
  const r = await db.query<{
    seq: number; role: MessageView['role']; content: string; tool_calls: unknown; tool_name: string | null; turn_id: string | null; created_at: unknown;
  }>(
    'SELECT seq, role, content, tool_calls, tool_name, turn_id, created_at FROM messages WHERE conversation_id = $1 ORDER BY seq',
    [id.toLowerCase()],
  );
  return r.rows.map((m) => ({
    seq: Number(m.seq), role: m.role, content: m.content, toolCalls: m.tool_calls ?? null,
    toolName: m.tool_name, turnId: m.turn_id, createdAt: iso(m.created_at),
  }));
}
