/**
 * Appending to and verifying the audit chain.
 *
 * hash(e) = HMAC-SHA256(key[keyId], prevHash ‖ canonical(seq, at, kind, actor,
 * conversationId, turnId, payload)). The key comes from the environment, not the
 * database, so a database superuser who edits a row cannot forge a matching chain.
 */
import { createHmac } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import { WealthDeskError } from '../../errors.js';
import { canonicalJson, jsonbSafe } from './canonical.js';

export interface AuditKeyring {
  /** The key id new events are written with. */
  currentId: string;
  keys: Readonly<Record<string, string>>;
}

export interface AuditEventInput {
  kind: string;
  actor: Record<string, unknown>;
  conversationId?: string | null;
  turnId?: string | null;
  payload: Record<string, unknown>;
}

export interface AuditEvent extends Required<AuditEventInput> {
  seq: number;
  at: string;
  keyId: string;
  prevHash: string;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  events: number;
  /** seq of the first event whose hash or link does not hold (altered, removed, reordered). */
  firstBadEventId: number | null;
  reason?: string;
}

function eventHash(key: string, prevHash: string, e: Omit<AuditEvent, 'hash' | 'prevHash' | 'keyId'>): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at,
    kind: e.kind,
    actor: e.actor,
    conversationId: e.conversationId ?? null,
    turnId: e.turnId ?? null,
    payload: e.payload,
  });
  return createHmac('sha256', key).update(prevHash).update('\n').update(body).digest('hex');
}

function keyFor(ring: AuditKeyring, id: string): string {
  const k = ring.keys[id];
  if (!k) throw new WealthDeskError('WD_ERR_AUDIT', `No audit key with id "${id}"`);
  return k;
}

/**
 * Appends events in one transaction, in order, after the current head. Concurrent
 * appenders serialize on the head row lock.
 */
export async function appendAuditEvents(db: Db, ring: AuditKeyring, inputs: AuditEventInput[]): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
  return db.transaction((tx) => appendInTx(tx, ring, inputs));
}

export async function appendInTx(tx: Queryable, ring: AuditKeyring, inputs: AuditEventInput[]): Promise<AuditEvent[]> {
  const head = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE');
  let { seq, hash: prev } = head.rows[0];
  const key = keyFor(ring, ring.currentId);
  const out: AuditEvent[] = [];
  for (const input of inputs) {
    seq += 1;
    const base = {
      seq,
      at: new Date().toISOString(),
      kind: input.kind,
      actor: jsonbSafe(input.actor),
      conversationId: input.conversationId ?? null,
      turnId: input.turnId ?? null,
      payload: jsonbSafe(input.payload),
    };
    const hash = eventHash(key, prev, base);
    await tx.query(
      `INSERT INTO audit_events (seq, at, kind, actor, conversation_id, turn_id, payload, key_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [seq, base.at, base.kind, base.actor, base.conversationId, base.turnId, base.payload, ring.currentId, prev, hash],
    );
    out.push({ ...base, keyId: ring.currentId, prevHash: prev, hash });
    prev = hash;
  }
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [seq, prev]);
  return out;
}

interface Row {
  seq: number;
  at: Date;
  kind: string;
  actor: Record<string, unknown>;
  conversation_id: string | null;
  turn_id: string | null;
  payload: Record<string, unknown>;
  key_id: string;
  prev_hash: string;
  hash: string;
}

/**
 * Recomputes the whole chain in seq order, in pages. Detects an altered row (hash
 * mismatch), a removed row (gap in seq or broken link), reordering (link mismatch)
 * and a removed tail (the head says more events exist than are present).
 */
export async function verifyAuditChain(db: Db, ring: AuditKeyring, pageSize = 5000): Promise<VerifyResult> {
  let prev = 'GENESIS';
  let expected = 1;
  let count = 0;
  for (;;) {
    const page = await db.query<Row>(
      `SELECT seq, at, kind, actor, conversation_id, turn_id, payload, key_id, prev_hash, hash
         FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expected, pageSize],
    );
    for (const r of page.rows) {
      const bad = (reason: string): VerifyResult => ({ ok: false, events: count, firstBadEventId: r.seq, reason });
      if (r.seq !== expected) return { ok: false, events: count, firstBadEventId: expected, reason: `event ${expected} is missing` };
      if (r.prev_hash !== prev) return bad('link to the previous event is broken');
      const key = ring.keys[r.key_id];
      if (!key) return bad(`unknown key id ${r.key_id}`);
      const h = eventHash(key, prev, {
        seq: r.seq,
        at: new Date(r.at).toISOString(),
        kind: r.kind,
        actor: r.actor,
        conversationId: r.conversation_id,
        turnId: r.turn_id,
        payload: r.payload,
      });
      if (h !== r.hash) return bad('content does not match its hash');
      prev = r.hash;
      expected += 1;
      count += 1;
    }
    if (page.rows.length < pageSize) break;
  }
  const head = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const h = head.rows[0];
  if (h && (h.seq !== count || (count > 0 && h.hash !== prev))) {
    return { ok: false, events: count, firstBadEventId: count + 1, reason: `head records ${h.seq} events, chain has ${count}` };
  }
  return { ok: true, events: count, firstBadEventId: null };
}
