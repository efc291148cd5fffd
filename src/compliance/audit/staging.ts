/**
 * Staged appends to the audit chain: the chain head's lock taken once for many turns'
 * events instead of once per append.
 *
 * A writer stages its events in its own transaction (`stageAuditEvents`: rows in
 * `audit_pending`, no lock), so they commit atomically with the rows they describe. The
 * process's linker (`createChainLinker`) then moves everything staged so far into
 * `audit_events` in one transaction: the head locked, the hashes computed from the
 * events as staged in memory (their canonical bytes were made before the lock), and one
 * statement that deletes the staged rows, inserts the linked events and moves the head.
 * Callers wait for the pass that links theirs, so an event is in the chain before the
 * caller goes on (a turn before it speaks, and before it reports `done`). The hashes are
 * exactly those `appendInTx` would compute: `verifyAuditChain` is unchanged.
 *
 * Rows a crashed process left staged are linked by `linkOrphanedEvents` (start-up
 * recovery and the periodic sweep), after their `mac` — an HMAC of the content with the
 * audit key, which the database does not hold — is checked, so an altered one is never
 * certified by the chain.
 */
import { createHmac } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import { isConnectionError } from '../../db/errors.js';
import { WealthDeskError } from '../../errors.js';
import { canonicalJson } from './canonical.js';
import { eventBase, keyFor, type AuditEventInput, type AuditEventRow, type AuditKeyring } from './chain.js';

/** One staged event: its row id and its canonical body split around `seq` (see `bodyParts`). */
export interface StagedEvent {
  id: number;
  head: string;
  tail: string;
}

/** Who staged the rows (`turns.node` / `turns.boot`): recovery links a crashed boot's rows. */
export interface StageOwner {
  node: string;
  boot: string;
}

interface Base {
  at: string;
  kind: string;
  actor: Record<string, unknown>;
  conversationId: string | null;
  turnId: string | null;
  payload: Record<string, unknown>;
}

/**
 * The canonical body `eventHash` hashes, without its `seq`: body = head + seq + tail.
 * canonicalJson sorts keys, and `seq` sorts between `payload` and `turnId`.
 */
export function bodyParts(b: Base): { head: string; tail: string } {
  const c = canonicalJson;
  return {
    head: `{"actor":${c(b.actor)},"at":${c(b.at)},"conversationId":${c(b.conversationId)},"kind":${c(b.kind)},"payload":${c(b.payload)},"seq":`,
    tail: `,"turnId":${c(b.turnId)}}`,
  };
}

/** The chain hash of an event at `seq` after `prev` (equals `eventHash`). */
function linkHash(key: string, prev: string, e: Pick<StagedEvent, 'head' | 'tail'>, seq: number): string {
  return createHmac('sha256', key).update(prev).update('\n').update(`${e.head}${seq}${e.tail}`).digest('hex');
}

/** The staged row's MAC: its content without a place in the chain. */
function stagedMac(key: string, e: Pick<StagedEvent, 'head' | 'tail'>): string {
  return createHmac('sha256', key).update('staged\n').update(e.head).update(e.tail).digest('hex');
}

/**
 * Stages `inputs` in order inside `tx` (one statement, no lock): they are linked into the
 * chain by a `ChainLinker` (or, if this process dies first, by recovery).
 */
export async function stageAuditEvents(tx: Queryable, ring: AuditKeyring, inputs: AuditEventInput[], owner: StageOwner): Promise<StagedEvent[]> {
  if (inputs.length === 0) return [];
  const key = keyFor(ring, ring.currentId);
  const now = new Date().toISOString();
  const values: string[] = [];
  const params: unknown[] = [];
  const parts = inputs.map((input) => {
    const b: Base = eventBase(input, now);
    const p = bodyParts(b);
    const n = params.length;
    values.push(`($${n + 1}::timestamptz, $${n + 2}, $${n + 3}::jsonb, $${n + 4}::uuid, $${n + 5}::uuid, $${n + 6}::jsonb, $${n + 7}, $${n + 8}, $${n + 9}, $${n + 10})`);
    params.push(b.at, b.kind, JSON.stringify(b.actor), b.conversationId, b.turnId, JSON.stringify(b.payload), ring.currentId, stagedMac(key, p), owner.node, owner.boot);
    return p;
  });
  const r = await tx.query<{ id: number }>(
    `INSERT INTO audit_pending (at, kind, actor, conversation_id, turn_id, payload, key_id, mac, node, boot) VALUES ${values.join(', ')} RETURNING id`,
    params,
  );
  // bigserial ids are drawn row by row in VALUES order.
  const ids = r.rows.map((x) => Number(x.id)).sort((a, b) => a - b);
  return parts.map((p, i) => ({ id: ids[i], ...p }));
}

/**
 * Links `events` (in order) after the head, in `tx`: the head locked, then one statement
 * moves the staged rows into `audit_events` and the head forward. Throws, and so rolls
 * back, when a staged row is no longer there (linked meanwhile by recovery, or removed).
 */
async function linkInTx(tx: Queryable, ring: AuditKeyring, events: Pick<StagedEvent, 'id' | 'head' | 'tail'>[]): Promise<void> {
  const key = keyFor(ring, ring.currentId);
  const h = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE');
  let { seq, hash: prev } = h.rows[0];
  seq = Number(seq);
  const ids: number[] = [];
  const seqs: number[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const e of events) {
    seq += 1;
    const hash = linkHash(key, prev, e, seq);
    ids.push(e.id);
    seqs.push(seq);
    prevs.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  const r = await tx.query(
    `WITH x AS (SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS x(id, seq, prev_hash, hash)),
     moved AS (DELETE FROM audit_pending p USING x WHERE p.id = x.id
                RETURNING p.at, p.kind, p.actor, p.conversation_id, p.turn_id, p.payload, x.seq, x.prev_hash, x.hash),
     linked AS (INSERT INTO audit_events (seq, at, kind, actor, conversation_id, turn_id, payload, key_id, prev_hash, hash)
                SELECT seq, at, kind, actor, conversation_id, turn_id, payload, $5, prev_hash, hash FROM moved RETURNING seq)
     UPDATE audit_head SET seq = $6, hash = $7 WHERE id = 1 AND (SELECT count(*) FROM linked) = $8`,
    [ids, seqs, prevs, hashes, ring.currentId, seq, prev, events.length],
  );
  if (r.rowCount === 0) throw new StagedRowsGone();
}

class StagedRowsGone extends Error {
  constructor() {
    super('staged audit events are no longer pending');
  }
}

/** Links `events`, retried; staged rows already linked elsewhere are left out. */
async function linkStaged(db: Db, ring: AuditKeyring, events: StagedEvent[], onGone?: (ids: number[]) => void): Promise<void> {
  let todo = events;
  for (let attempt = 1; todo.length > 0; attempt++) {
    try {
      await db.transaction((tx) => linkInTx(tx, ring, todo));
      return;
    } catch (e) {
      if (e instanceof StagedRowsGone) {
        const r = await db.query<{ id: number }>('SELECT id FROM audit_pending WHERE id = ANY($1::bigint[])', [todo.map((x) => x.id)]);
        const present = new Set(r.rows.map((x) => Number(x.id)));
        if (present.size === todo.length) throw new WealthDeskError('WD_ERR_AUDIT', 'Staged audit events could not be linked', { cause: e });
        onGone?.(todo.filter((x) => !present.has(x.id)).map((x) => x.id));
        todo = todo.filter((x) => present.has(x.id));
        continue;
      }
      if (attempt >= 3) throw e;
      await new Promise((res) => setTimeout(res, 50 * attempt));
    }
  }
}

/** Links what this process staged, in the order it was staged. */
export interface ChainLinker {
  /** Resolves once `events` are in the chain; throws WD_ERR_DB / WD_ERR_AUDIT (they stay staged, in order, for the next pass). */
  link(events: StagedEvent[]): Promise<void>;
}

/**
 * The process's linker: one pass at a time; a pass links everything staged since the
 * last one (group commit), so the head lock is taken once per pass, not once per turn.
 * A pass that fails keeps its events first in line for the next.
 */
export function createChainLinker(db: Db, ring: AuditKeyring, o: { onGone?: (ids: number[]) => void } = {}): ChainLinker {
  interface Waiter {
    resolve(): void;
    reject(e: unknown): void;
  }
  let queue: StagedEvent[] = [];
  let waiters: Waiter[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        const batch = queue;
        const told = waiters;
        queue = [];
        waiters = [];
        try {
          await linkStaged(db, ring, batch, o.onGone);
          for (const w of told) w.resolve();
        } catch (e) {
          queue = [...batch, ...queue];
          const err = isConnectionError(e)
            ? new WealthDeskError('WD_ERR_DB', 'The audit chain could not be extended: the database is unreachable', { cause: e })
            : new WealthDeskError('WD_ERR_AUDIT', 'The audit chain could not be extended', { cause: e });
          for (const w of told) w.reject(err);
          return;
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    link(events) {
      if (events.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push(...events);
        waiters.push({ resolve, reject });
        if (!running) void drain();
      });
    },
  };
}

/**
 * Links staged rows no running linker owns — those of `node` from another boot (a
 * crashed predecessor) and any staged before `staleBefore` — oldest first, after checking
 * each row's MAC; a row whose MAC fails stays staged and is returned in `bad`.
 */
export async function linkOrphanedEvents(
  db: Db,
  ring: AuditKeyring,
  o: { node: string; boot: string; staleBefore: Date; limit?: number },
): Promise<{ linked: number; bad: number[] }> {
  const r = await db.query<PendingRow>(
    `SELECT ${PENDING_COLS} FROM audit_pending WHERE (node = $1 AND boot IS DISTINCT FROM $2) OR staged_at < $3 ORDER BY id LIMIT $4`,
    [o.node, o.boot, o.staleBefore.toISOString(), o.limit ?? 1000],
  );
  const { good, bad } = checked(ring, r.rows);
  await linkStaged(db, ring, good);
  return { linked: good.length, bad };
}

/** An `audit_pending` row as read: an event without its place in the chain, with its MAC. */
interface PendingRow extends Omit<AuditEventRow, 'seq' | 'prev_hash' | 'hash'> {
  id: number;
  mac: string;
}
const PENDING_COLS = 'id, at, kind, actor, conversation_id, turn_id, payload, key_id, mac';

/** Staged rows read back, split into those whose MAC holds and the ids of those whose does not. */
function checked(ring: AuditKeyring, rows: PendingRow[]): { good: StagedEvent[]; bad: number[] } {
  const good: StagedEvent[] = [];
  const bad: number[] = [];
  for (const row of rows) {
    const p = bodyParts({ at: new Date(row.at).toISOString(), kind: row.kind, actor: row.actor, conversationId: row.conversation_id, turnId: row.turn_id, payload: row.payload });
    const key = ring.keys[row.key_id];
    if (key && stagedMac(key, p) === row.mac) good.push({ id: Number(row.id), ...p });
    else bad.push(Number(row.id));
  }
  return { good, bad };
}

/** The rows `turnId` has staged and not yet linked, oldest first, MAC-checked (a retried write that committed before its reply was lost). */
export async function stagedEventsOfTurn(q: Queryable, ring: AuditKeyring, turnId: string): Promise<StagedEvent[]> {
  const r = await q.query<PendingRow>(`SELECT ${PENDING_COLS} FROM audit_pending WHERE turn_id = $1 ORDER BY id`, [turnId]);
  return checked(ring, r.rows).good;
}
