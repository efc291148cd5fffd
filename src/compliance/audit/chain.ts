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
  /** Event time; defaults to now. Only imports of historical records (and tests) set it. */
  at?: string;
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

/** HMAC of one event over its predecessor's hash (exported for evidence proofs). */
export function eventHash(key: string, prevHash: string, e: Omit<AuditEvent, 'hash' | 'prevHash' | 'keyId'>): string {
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

/** The audit key `id` of the ring; WD_ERR_AUDIT when the ring does not hold it. */
export function keyFor(ring: AuditKeyring, id: string): string {
  const k = ring.keys[id];
  if (!k) throw new WealthDeskError('WD_ERR_AUDIT', `No audit key with id "${id}"`);
  return k;
}

/** An event as hashed and stored, without its place in the chain (`now` when it names no time). */
export function eventBase(input: AuditEventInput, now: string) {
  return {
    at: input.at ? new Date(input.at).toISOString() : now,
    kind: input.kind,
    actor: jsonbSafe(input.actor),
    conversationId: input.conversationId ?? null,
    turnId: input.turnId ?? null,
    payload: jsonbSafe(input.payload),
  };
}

/**
 * Appends events in one transaction, in order, after the current head. Concurrent
 * appenders serialize on the head row lock.
 */
export async function appendAuditEvents(db: Db, ring: AuditKeyring, inputs: AuditEventInput[]): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
  return db.transaction((tx) => appendInTx(tx, ring, inputs));
}

/**
 * Appends `inputs` after the head inside `tx`. The head row stays locked until `tx` ends,
 * so every appender in the cluster waits for it: after the lock is taken this costs one
 * more round trip (all events and the new head in one statement), whatever the count.
 */
export async function appendInTx(tx: Queryable, ring: AuditKeyring, inputs: AuditEventInput[]): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
  const key = keyFor(ring, ring.currentId);
  // Everything that does not depend on the head is made before its lock is taken.
  const now = new Date().toISOString();
  const bases = inputs.map((input) => eventBase(input, now));
  const head = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE');
  let { seq, hash: prev } = head.rows[0];
  const out: AuditEvent[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  for (const b of bases) {
    seq += 1;
    const base = { seq, ...b };
    const hash = eventHash(key, prev, base);
    const n = params.length;
    values.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}, $${n + 9}, $${n + 10})`);
    params.push(seq, base.at, base.kind, base.actor, base.conversationId, base.turnId, base.payload, ring.currentId, prev, hash);
    out.push({ ...base, keyId: ring.currentId, prevHash: prev, hash });
    prev = hash;
  }
  params.push(seq, prev);
  await tx.query(
    `WITH appended AS (
       INSERT INTO audit_events (seq, at, kind, actor, conversation_id, turn_id, payload, key_id, prev_hash, hash)
       VALUES ${values.join(', ')} RETURNING seq
     )
     UPDATE audit_head SET seq = $${params.length - 1}, hash = $${params.length} WHERE id = 1 AND (SELECT count(*) FROM appended) = ${bases.length}`,
    params,
  );
  return out;
}

/** An `audit_events` row as read. */
export interface AuditEventRow {
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
  // Events before the newest purged checkpoint were archived and removed under the
  // retention policy: the chain resumes from the checkpoint's signed last hash.
  const cp = await purgedCheckpoint(db, ring);
  if (cp) {
    if (!cp.valid) return { ok: false, events: 0, firstBadEventId: cp.toSeq, reason: 'retention checkpoint signature does not verify' };
    prev = cp.lastHash;
    expected = cp.toSeq + 1;
    count = cp.toSeq;
  }
  for (;;) {
    const page = await db.query<AuditEventRow>(
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

/** Canonical text a retention checkpoint's signature covers. */
export function checkpointBody(c: { fromSeq: number; toSeq: number; lastHash: string; digest: string; eventCount: number }): string {
  return canonicalJson({ fromSeq: c.fromSeq, toSeq: c.toSeq, lastHash: c.lastHash, digest: c.digest, eventCount: c.eventCount });
}

/** HMAC signature of a checkpoint with the given key. */
export function signCheckpoint(key: string, c: Parameters<typeof checkpointBody>[0]): string {
  return createHmac('sha256', key).update('checkpoint\n').update(checkpointBody(c)).digest('hex');
}

async function purgedCheckpoint(db: Db, ring: AuditKeyring): Promise<{ toSeq: number; lastHash: string; valid: boolean } | undefined> {
  let r;
  try {
    r = await db.query<{ from_seq: number; to_seq: number; last_hash: string; digest: string; event_count: number; key_id: string; signature: string }>(
      `SELECT from_seq, to_seq, last_hash, digest, event_count, key_id, signature FROM audit_checkpoints
        WHERE purged_at IS NOT NULL ORDER BY to_seq DESC LIMIT 1`,
    );
  } catch {
    return undefined; // before migration 005
  }
  const c = r.rows[0];
  if (!c) return undefined;
  const key = ring.keys[c.key_id];
  const sig = key ? signCheckpoint(key, { fromSeq: Number(c.from_seq), toSeq: Number(c.to_seq), lastHash: c.last_hash, digest: c.digest, eventCount: Number(c.event_count) }) : '';
  return { toSeq: Number(c.to_seq), lastHash: c.last_hash, valid: sig === c.signature };
}
