import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { appendAuditEvents, eventHash, verifyAuditChain, type AuditEventInput, type AuditKeyring } from './chain.js';
import { bodyParts, createChainLinker, linkOrphanedEvents, stageAuditEvents, stagedEventsOfTurn } from './staging.js';

const ring: AuditKeyring = { currentId: 'k1', keys: { k1: 'staging-key-'.padEnd(40, 'z') } };
const actor = { role: 'client', clientId: 'C0001' };
const owner = { node: 'node-a', boot: 'boot-1' };
const turnId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function events(turn: number, n: number): AuditEventInput[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: i === 0 ? 'turn.input' : 'tool.result',
    actor,
    conversationId: '00000000-0000-4000-8000-000000000001',
    turnId: turnId(turn),
    payload: { turn, i, text: `第 ${i} 条 “quoted” \\ ${'x'.repeat(i)}`, amount: '1234.50', ratio: 0.1 + 0.2, nested: { b: [1, 2], a: null } },
  }));
}

/** A Db that counts the head locks taken through it (one per linking pass or direct append). */
function counting(db: Db): { db: Db; locks: () => number } {
  let locks = 0;
  const watch = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      if (/FROM audit_head WHERE id = 1 FOR UPDATE/.test(sql)) locks++;
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  return { db: { ...db, ...watch(db), transaction: (fn) => db.transaction((tx) => fn(watch(tx))) }, locks: () => locks };
}

describe('bodyParts', () => {
  it('splits the body eventHash hashes around seq, so a linked event hashes as an appended one', () => {
    const e = { at: '2026-01-02T03:04:05.678Z', kind: 'turn.output', actor, conversationId: null, turnId: turnId(7), payload: { answer: '组合 "a" \\ b', n: [1, null, { z: 1, a: 2 }] } };
    const { head, tail } = bodyParts(e);
    const viaParts = createHmac('sha256', ring.keys.k1).update('GENESIS').update('\n').update(`${head}42${tail}`).digest('hex');
    expect(viaParts).toBe(eventHash(ring.keys.k1, 'GENESIS', { ...e, seq: 42 }));
  });
});

for (const target of storeTargets()) {
  describe(`staged audit events on ${target.name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
    });
    beforeEach(async () => {
      await db.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica');
        await tx.exec(`DELETE FROM audit_events; DELETE FROM audit_pending; UPDATE audit_head SET seq = 0, hash = 'GENESIS' WHERE id = 1`);
      });
    });
    afterAll(async () => {
      await db.close();
    });

    it('links many writers in fewer head locks than writes, each writer in its order, and the chain verifies', async () => {
      const c = counting(db);
      const linker = createChainLinker(c.db, ring);
      const writers = 12;
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let step = 0; step < 2; step++) {
            const staged = await c.db.transaction((tx) => stageAuditEvents(tx, ring, events(w, 3), owner));
            await linker.link(staged);
          }
        }),
      );
      // A direct append between passes still links after them (both take the head lock).
      await appendAuditEvents(c.db, ring, [{ kind: 'review.enqueued', actor, payload: { x: 1 } }]);
      expect(await verifyAuditChain(db, ring)).toEqual({ ok: true, events: writers * 6 + 1, firstBadEventId: null });
      expect(c.locks()).toBeLessThan(writers * 2 + 1);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_pending')).rows[0].n).toBe(0);
      for (let w = 0; w < writers; w++) {
        const r = await db.query<{ i: number; turn: number }>(`SELECT (payload->>'i')::int AS i FROM audit_events WHERE turn_id = $1 ORDER BY seq`, [turnId(w)]);
        expect(r.rows.map((x) => x.i)).toEqual([0, 1, 2, 0, 1, 2]);
      }
    });

    it('stores the content as staged (actor, payload, time) and hashes it as appendInTx would', async () => {
      const input = { ...events(1, 1)[0], at: '2026-03-04T05:06:07.089Z' };
      const staged = await db.transaction((tx) => stageAuditEvents(tx, ring, [input], owner));
      await createChainLinker(db, ring).link(staged);
      const r = await db.query<{ at: Date; payload: Record<string, unknown>; actor: unknown; turn_id: string; key_id: string }>('SELECT at, payload, actor, turn_id, key_id FROM audit_events');
      expect(r.rows).toHaveLength(1);
      expect(new Date(r.rows[0].at).toISOString()).toBe('2026-03-04T05:06:07.089Z');
      expect(r.rows[0].payload).toEqual({ ...input.payload, ratio: 0.30000000000000004 });
      expect(r.rows[0].actor).toEqual(actor);
      expect(r.rows[0].turn_id).toBe(turnId(1));
      expect(r.rows[0].key_id).toBe('k1');
      expect(await verifyAuditChain(db, ring)).toMatchObject({ ok: true, events: 1 });
    });

    it("links a crashed boot's staged rows at recovery, but never one altered while staged", async () => {
      await db.transaction((tx) => stageAuditEvents(tx, ring, events(1, 2), { node: 'node-a', boot: 'crashed' }));
      await db.transaction((tx) => stageAuditEvents(tx, ring, events(2, 1), { node: 'node-b', boot: 'alive' }));
      await db.transaction((tx) => stageAuditEvents(tx, ring, events(3, 1), { node: 'node-a', boot: 'crashed' }));
      await db.query(`UPDATE audit_pending SET payload = jsonb_set(payload, '{amount}', '"9999.00"') WHERE turn_id = $1`, [turnId(3)]);
      // node-a restarts: its predecessor's rows, not node-b's fresh ones.
      const out = await linkOrphanedEvents(db, ring, { ...owner, staleBefore: new Date(Date.now() - 30_000) });
      expect(out.linked).toBe(2);
      expect(out.bad).toHaveLength(1);
      const linked = await db.query<{ turn_id: string }>('SELECT turn_id FROM audit_events ORDER BY seq');
      expect(linked.rows.map((r) => r.turn_id)).toEqual([turnId(1), turnId(1)]);
      const left = await db.query<{ turn_id: string }>('SELECT turn_id FROM audit_pending ORDER BY id');
      expect(left.rows.map((r) => r.turn_id)).toEqual([turnId(2), turnId(3)]);
      // node-b's row once stale; the altered one never.
      const later = await linkOrphanedEvents(db, ring, { ...owner, staleBefore: new Date(Date.now() + 1000) });
      expect(later).toEqual({ linked: 1, bad: out.bad });
      expect(await verifyAuditChain(db, ring)).toMatchObject({ ok: true, events: 3 });
    });

    it('a linker whose rows were linked meanwhile by recovery links the rest, once each', async () => {
      const first = await db.transaction((tx) => stageAuditEvents(tx, ring, events(1, 2), owner));
      const second = await db.transaction((tx) => stageAuditEvents(tx, ring, events(2, 2), owner));
      await linkOrphanedEvents(db, ring, { node: 'other', boot: 'x', staleBefore: new Date(Date.now() + 1000), limit: 2 });
      const gone: number[] = [];
      await createChainLinker(db, ring, { onGone: (ids) => gone.push(...ids) }).link([...first, ...second]);
      expect(gone).toEqual(first.map((e) => e.id));
      expect(await verifyAuditChain(db, ring)).toMatchObject({ ok: true, events: 4 });
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_pending')).rows[0].n).toBe(0);
    });

    it("reads back a turn's staged rows (a write retried after its commit reply was lost)", async () => {
      const staged = await db.transaction((tx) => stageAuditEvents(tx, ring, events(5, 3), owner));
      expect(await stagedEventsOfTurn(db, ring, turnId(5))).toEqual(staged);
      await createChainLinker(db, ring).link(staged);
      expect(await stagedEventsOfTurn(db, ring, turnId(5))).toEqual([]);
    });
  });
}
