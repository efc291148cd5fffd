/**
 * The chain head anchored outside the database. A database superuser can delete the
 * newest audit events and rewind `audit_head` (triggers off, replica mode): the rest of the
 * chain still links up, so `verifyAuditChain` alone cannot see it. Signed checkpoints of
 * the head — `{seq, hash, at, keyId, sig}`, `sig` = HMAC-SHA256(audit key, canonical body)
 * — appended to a write-once location the database cannot reach make that visible: every
 * anchored event must still be in the chain with the anchored hash, and the head must not
 * be behind the newest anchor.
 *
 * Here the location is a file (`AUDIT_ANCHOR_PATH`), one JSON checkpoint per line, only
 * ever appended (O_APPEND, so several nodes on one volume interleave whole lines). In
 * production point it at storage that enforces write-once — an object store with object
 * lock (compliance mode) holding one object per checkpoint, or an append-only (`chattr +a`)
 * file on a host the database administrators do not control. A truncation inside the
 * last anchoring interval (`ANCHOR_INTERVAL_MS`) is not caught.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Db } from '../../db/db.js';
import type { AuditKeyring } from './chain.js';
import { canonicalJson } from './canonical.js';

/** How often a running server anchors the head when it moved (ms). */
export const ANCHOR_INTERVAL_MS = 1_000;

export interface Anchor {
  seq: number;
  hash: string;
  /** When the checkpoint was taken (ISO 8601). */
  at: string;
  keyId: string;
  sig: string;
}

function signature(key: string, a: Omit<Anchor, 'sig' | 'keyId'>): string {
  return createHmac('sha256', key).update('anchor\n').update(canonicalJson({ seq: a.seq, hash: a.hash, at: a.at })).digest('hex');
}

/** A signed checkpoint of `head`, with the current audit key. */
export function signAnchor(ring: AuditKeyring, head: { seq: number; hash: string }, at = new Date()): Anchor {
  const body = { seq: head.seq, hash: head.hash, at: at.toISOString() };
  return { ...body, keyId: ring.currentId, sig: signature(ring.keys[ring.currentId], body) };
}

function validSignature(ring: AuditKeyring, a: Anchor): boolean {
  const key = ring.keys[a.keyId];
  if (!key || typeof a.sig !== 'string' || !/^[0-9a-f]{64}$/.test(a.sig)) return false;
  return timingSafeEqual(Buffer.from(signature(key, a), 'hex'), Buffer.from(a.sig, 'hex'));
}

/** Appends one checkpoint line to the anchor file (created with its directory when missing). */
export async function appendAnchor(path: string, a: Anchor): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${JSON.stringify(a)}\n`, { flag: 'a', mode: 0o600 });
}

/** The checkpoints in the anchor file, in file order; an unreadable line is kept as `null`. A missing file has none. */
export async function readAnchors(path: string): Promise<(Anchor | null)[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw e;
  }
  return text
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => {
      try {
        const a = JSON.parse(l) as Anchor;
        return Number.isSafeInteger(a.seq) && typeof a.hash === 'string' && typeof a.at === 'string' && typeof a.keyId === 'string' ? a : null;
      } catch {
        return null;
      }
    });
}

export interface AnchorReport {
  ok: boolean;
  /** Checkpoints read from the anchor location. */
  anchors: number;
  /** The newest anchored seq (null when there is none). */
  lastAnchoredSeq: number | null;
  reason?: string;
}

/**
 * Checks the chain in the database against the anchors: each signature holds, each
 * anchored event is present with the anchored hash (events archived and purged under
 * retention excepted), and the head is not behind the newest anchor.
 */
export async function verifyAnchors(db: Db, ring: AuditKeyring, path: string): Promise<AnchorReport> {
  const all = await readAnchors(path);
  const bad = (reason: string, last: number | null): AnchorReport => ({ ok: false, anchors: all.length, lastAnchoredSeq: last, reason });
  const anchors: Anchor[] = [];
  for (const [i, a] of all.entries()) {
    if (!a) return bad(`anchor line ${i + 1} is not a checkpoint`, null);
    if (!validSignature(ring, a)) return bad(`anchor line ${i + 1} (event ${a.seq}) has an invalid signature`, null);
    anchors.push(a);
  }
  const last = anchors.reduce<number | null>((m, a) => (m === null || a.seq > m ? a.seq : m), null);
  if (last === null) return { ok: true, anchors: 0, lastAnchoredSeq: null };
  const head = (await db.query<{ seq: number }>('SELECT seq FROM audit_head WHERE id = 1')).rows[0];
  if (!head || Number(head.seq) < last) return bad(`the chain head (event ${head?.seq ?? 0}) is behind the newest anchor (event ${last})`, last);
  const purged = (await db.query<{ to_seq: number | null }>('SELECT max(to_seq) AS to_seq FROM audit_checkpoints WHERE purged_at IS NOT NULL')).rows[0]?.to_seq;
  const kept = anchors.filter((a) => a.seq > 0 && (purged === null || purged === undefined || a.seq > Number(purged)));
  for (let i = 0; i < kept.length; i += 1000) {
    const batch = kept.slice(i, i + 1000);
    const r = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events WHERE seq = ANY($1::bigint[])', [batch.map((a) => a.seq)]);
    const found = new Map(r.rows.map((x) => [Number(x.seq), x.hash]));
    for (const a of batch) {
      const h = found.get(a.seq);
      if (h === undefined) return bad(`anchored event ${a.seq} is missing from the chain`, last);
      if (h !== a.hash) return bad(`anchored event ${a.seq} has a different hash in the chain`, last);
    }
  }
  return { ok: true, anchors: anchors.length, lastAnchoredSeq: last };
}

export interface Anchorer {
  /** Anchors the head now if it moved since the last checkpoint; resolves to the checkpoint written, if any. */
  tick(): Promise<Anchor | undefined>;
  /** Stops the timer and anchors a last time. */
  stop(): Promise<void>;
}

/**
 * Anchors the chain head every `intervalMs` while it moves (one line per interval at
 * most, none while idle). A failed write is reported through `onError` and retried at the
 * next interval; it never affects a turn.
 */
export function startAnchorer(o: { db: Db; ring: AuditKeyring; path: string; intervalMs?: number; onError?: (e: unknown) => void }): Anchorer {
  let lastSeq = -1;
  let running: Promise<Anchor | undefined> | undefined;
  const once = async (): Promise<Anchor | undefined> => {
    if (lastSeq < 0) {
      const prior = (await readAnchors(o.path)).filter((a): a is Anchor => a !== null);
      lastSeq = prior.reduce((m, a) => Math.max(m, a.seq), 0);
    }
    const head = (await o.db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1')).rows[0];
    if (!head || Number(head.seq) <= lastSeq) return undefined;
    const a = signAnchor(o.ring, { seq: Number(head.seq), hash: head.hash });
    await appendAnchor(o.path, a);
    lastSeq = a.seq;
    return a;
  };
  const tick = () => {
    running ??= once().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    tick().catch((e: unknown) => o.onError?.(e));
  }, o.intervalMs ?? ANCHOR_INTERVAL_MS);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
      await tick().catch((e: unknown) => o.onError?.(e));
    },
  };
}
