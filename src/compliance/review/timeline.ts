/**
 * A conversation as a reviewer sees it: its turns (masked text, tool calls with results,
 * guard decisions, flags) and its audit events in chain order, plus the review item and
 * its actions. PII stays masked; see unmask.ts.
 */
import type { Db } from '../../db/db.js';
import { WealthDeskError } from '../../errors.js';
import { itemCols, normalizeItem, type ReviewItem } from './queue.js';
import { listReviewActions, type ReviewActionRow } from './workflow.js';

export interface TimelineTurn {
  id: string;
  at: string;
  userText: string;
  answer: string | null;
  toolCalls: { name: string; args: unknown; result: unknown; ok: boolean; ms: number }[];
  guard: unknown;
  flags: string[];
  model: string;
  latencyMs: number | null;
  status: string;
}

export interface TimelineEvent {
  seq: number;
  at: string;
  kind: string;
  actor: Record<string, unknown>;
  turnId: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface Timeline {
  conversation: { id: string; principalRole: string; principalId: string; clientId: string | null; clientName: string | null; advisorId: string | null; createdAt: string };
  turns: TimelineTurn[];
  events: TimelineEvent[];
  review: (ReviewItem & { actions: ReviewActionRow[] }) | null;
  vaultEntries: number;
}

const iso = (v: unknown) => new Date(v as string).toISOString();

export async function getTimeline(db: Db, conversationId: string): Promise<Timeline> {
  if (!/^[0-9a-f-]{36}$/i.test(conversationId)) throw new WealthDeskError('WD_ERR_UNKNOWN_CONVERSATION');
  const c = await db.query<Record<string, unknown>>(
    `SELECT c.id, c.principal_role, c.principal_id, c.client_id, cl.name AS client_name,
            coalesce(c.advisor_id, cl.advisor_id) AS advisor_id, c.created_at
       FROM conversations c LEFT JOIN clients cl ON cl.id = c.client_id WHERE c.id = $1`,
    [conversationId],
  );
  const conv = c.rows[0];
  if (!conv) throw new WealthDeskError('WD_ERR_UNKNOWN_CONVERSATION');
  const turns = await db.query<Record<string, unknown>>(
    `SELECT id, created_at, user_text, answer, tool_calls, guard, flags, model, latency_ms, status
       FROM turns WHERE conversation_id = $1 ORDER BY created_at, id`,
    [conversationId],
  );
  const events = await db.query<Record<string, unknown>>(
    `SELECT seq, at, kind, actor, turn_id, payload, prev_hash, hash FROM audit_events WHERE conversation_id = $1 ORDER BY seq`,
    [conversationId],
  );
  const item = await db.query<ReviewItem>(`SELECT ${itemCols()} FROM review_items WHERE conversation_id = $1 ORDER BY created_at DESC LIMIT 1`, [conversationId]);
  const vault = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pii_vault WHERE conversation_id = $1', [conversationId]);
  const review = item.rows[0] ? { ...normalizeItem(item.rows[0]), actions: await listReviewActions(db, item.rows[0].id) } : null;
  return {
    conversation: {
      id: String(conv.id),
      principalRole: String(conv.principal_role),
      principalId: String(conv.principal_id),
      clientId: (conv.client_id as string | null) ?? null,
      clientName: (conv.client_name as string | null) ?? null,
      advisorId: (conv.advisor_id as string | null) ?? null,
      createdAt: iso(conv.created_at),
    },
    turns: turns.rows.map((t) => ({
      id: String(t.id),
      at: iso(t.created_at),
      userText: String(t.user_text),
      answer: (t.answer as string | null) ?? null,
      toolCalls: (t.tool_calls as TimelineTurn['toolCalls']) ?? [],
      guard: t.guard,
      flags: (t.flags as string[]) ?? [],
      model: String(t.model),
      latencyMs: (t.latency_ms as number | null) ?? null,
      status: String(t.status),
    })),
    events: events.rows.map((e) => ({
      seq: Number(e.seq),
      at: iso(e.at),
      kind: String(e.kind),
      actor: e.actor as Record<string, unknown>,
      turnId: (e.turn_id as string | null) ?? null,
      payload: e.payload as Record<string, unknown>,
      prevHash: String(e.prev_hash),
      hash: String(e.hash),
    })),
    review,
    vaultEntries: vault.rows[0].n,
  };
}
