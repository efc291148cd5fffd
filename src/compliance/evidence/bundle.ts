/**
 * Evidence export: one conversation with its turns, every audit event that concerns it
 * (with seq, prev hash and hash), the review record, and a chain proof — each event's
 * HMAC recomputed with the audit key, each link checked against the actual predecessor
 * row, the whole chain verified at export time, and the chain head. The bundle's
 * SHA-256 digest is signed with the audit key; the export itself is an audit event.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Principal } from '../../auth/principal.js';
import type { Db } from '../../db/db.js';
import { canonicalJson } from '../audit/canonical.js';
import { appendAuditEvents, eventHash, verifyAuditChain, type AuditKeyring, type VerifyResult } from '../audit/chain.js';
import { getTimeline, type Timeline } from '../review/timeline.js';

export interface EventProof {
  seq: number;
  hash: string;
  prevHash: string;
  /** The HMAC recomputed from the stored content equals the stored hash. */
  hashValid: boolean;
  /** The stored prev hash equals the hash of the row at seq − 1 (or GENESIS / a checkpoint). */
  linkValid: boolean;
}

export interface EvidenceBundle {
  format: 'wealthdesk-evidence/1';
  exportedAt: string;
  exportedBy: Principal;
  timeline: Timeline;
  proof: {
    events: EventProof[];
    allEventsValid: boolean;
    chain: VerifyResult;
    head: { seq: number; hash: string };
    keyId: string;
  };
  /** SHA-256 over the canonical JSON of everything above. */
  digest: string;
  /** HMAC-SHA256 of the digest with the audit key `proof.keyId`. */
  signature: string;
}

export async function buildEvidence(db: Db, ring: AuditKeyring, conversationId: string, by: Principal): Promise<EvidenceBundle> {
  const timeline = await getTimeline(db, conversationId);
  const seqs = timeline.events.map((e) => e.seq - 1).filter((s) => s > 0);
  const preds = new Map<number, string>();
  if (seqs.length) {
    const r = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events WHERE seq = ANY($1::bigint[])', [seqs]);
    for (const row of r.rows) preds.set(Number(row.seq), row.hash);
  }
  const keys = await db.query<{ seq: number; key_id: string }>('SELECT seq, key_id FROM audit_events WHERE conversation_id = $1', [conversationId]);
  const keyOf = new Map(keys.rows.map((k) => [Number(k.seq), k.key_id]));
  const events: EventProof[] = timeline.events.map((e) => {
    const key = ring.keys[keyOf.get(e.seq) ?? ''];
    const h = key ? eventHash(key, e.prevHash, { seq: e.seq, at: e.at, kind: e.kind, actor: e.actor, conversationId, turnId: e.turnId, payload: e.payload }) : '';
    const pred = e.seq === 1 ? 'GENESIS' : preds.get(e.seq - 1);
    return { seq: e.seq, hash: e.hash, prevHash: e.prevHash, hashValid: h === e.hash, linkValid: pred === undefined || pred === e.prevHash };
  });
  const chain = await verifyAuditChain(db, ring);
  const head = (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1')).rows[0];
  const body = {
    format: 'wealthdesk-evidence/1' as const,
    exportedAt: new Date().toISOString(),
    exportedBy: by,
    timeline,
    proof: { events, allEventsValid: events.every((e) => e.hashValid && e.linkValid), chain, head: { seq: Number(head.seq), hash: head.hash }, keyId: ring.currentId },
  };
  const digest = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const signature = createHmac('sha256', ring.keys[ring.currentId]).update(`evidence\n${digest}`).digest('hex');
  await appendAuditEvents(db, ring, [{ kind: 'evidence.export', actor: { ...by }, conversationId, payload: { digest, events: events.length } }]);
  return { ...body, digest, signature };
}

/** Checks a bundle's digest and signature with the audit keyring (e.g. after it was sent to a regulator). */
export function verifyEvidence(ring: AuditKeyring, b: EvidenceBundle): boolean {
  const { digest, signature, ...body } = b;
  const key = ring.keys[b.proof.keyId];
  if (!key) return false;
  const d = createHash('sha256').update(canonicalJson(body)).digest('hex');
  return d === digest && createHmac('sha256', key).update(`evidence\n${d}`).digest('hex') === signature;
}
