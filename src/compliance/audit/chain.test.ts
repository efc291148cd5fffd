import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { canonicalJson } from './canonical.js';
import { appendAuditEvents, verifyAuditChain, type AuditKeyring } from './chain.js';

const ring: AuditKeyring = { currentId: 'k2', keys: { k1: 'old-key-'.padEnd(40, 'x'), k2: 'new-key-'.padEnd(40, 'y') } };
const actor = { role: 'client', clientId: 'C0001' };

/** Runs `sql` with the append-only triggers bypassed, as a superuser could. */
async function asSuperuser(db: Db, sql: string, params: unknown[] = []) {
  await db.transaction(async (tx) => {
    await tx.exec('SET LOCAL session_replication_role = replica');
    await tx.query(sql, params);
  });
}

async function seedEvents(db: Db, n: number) {
  const inputs = Array.from({ length: n }, (_, i) => ({
    kind: i % 2 ? 'turn.output' : 'turn.input',
    actor,
    conversationId: '00000000-0000-4000-8000-000000000001',
    payload: { i, text: `message ${i} 组合`, amount: '1234.50', ratio: 0.1 + 0.2, nested: { b: [1, 2], a: null } },
  }));
  await appendAuditEvents(db, { ...ring, currentId: 'k1' }, inputs.slice(0, 2));
  await appendAuditEvents(db, ring, inputs.slice(2));
}

for (const target of storeTargets()) {
  describe(`audit chain on ${target.name}`, () => {
    // One migrated store per target; each test starts from an empty chain, reset with the
    // triggers bypassed (opening a fresh store per test costs seconds on a loaded machine).
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
    });
    beforeEach(async () => {
      await db.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica');
        await tx.exec(`DELETE FROM audit_events; UPDATE audit_head SET seq = 0, hash = 'GENESIS' WHERE id = 1`);
      });
    });
    afterAll(async () => {
      await db.close();
    });

    it('verifies an intact chain written under two keys', async () => {
      await seedEvents(db, 6);
      expect(await verifyAuditChain(db, ring)).toEqual({ ok: true, events: 6, firstBadEventId: null });
      expect(await verifyAuditChain(db, ring, 4)).toEqual({ ok: true, events: 6, firstBadEventId: null });
    });

    it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
      await seedEvents(db, 2);
      await expect(db.query(`UPDATE audit_events SET kind = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(db.exec(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
      await expect(db.query(`UPDATE audit_head SET seq = 0 WHERE id = 1`)).rejects.toThrow(/forward/);
    });

    it('names the first altered event when a superuser edits a payload', async () => {
      await seedEvents(db, 6);
      await asSuperuser(db, `UPDATE audit_events SET payload = jsonb_set(payload, '{amount}', '"9999.00"') WHERE seq = 4`);
      expect(await verifyAuditChain(db, ring)).toMatchObject({ ok: false, firstBadEventId: 4, events: 3 });
    });

    it('catches a removed event, a removed tail and a reordering', async () => {
      await seedEvents(db, 6);
      await asSuperuser(db, `DELETE FROM audit_events WHERE seq = 3`);
      expect(await verifyAuditChain(db, ring)).toMatchObject({ ok: false, firstBadEventId: 3 });

      const db2 = await target.open();
      try {
        await seedEvents(db2, 6);
        await asSuperuser(db2, `DELETE FROM audit_events WHERE seq >= 5`);
        expect(await verifyAuditChain(db2, ring)).toMatchObject({ ok: false, firstBadEventId: 5 });
        await asSuperuser(db2, `UPDATE audit_events SET seq = -2 WHERE seq = 2`);
        await asSuperuser(db2, `UPDATE audit_events SET seq = 2 WHERE seq = 3`);
        await asSuperuser(db2, `UPDATE audit_events SET seq = 3 WHERE seq = -2`);
        expect(await verifyAuditChain(db2, ring)).toMatchObject({ ok: false, firstBadEventId: 2 });
      } finally {
        await db2.close();
      }
    });

    it('catches a re-hashed forgery made without the key', async () => {
      await seedEvents(db, 3);
      const forged = 'f'.repeat(64);
      await asSuperuser(db, `UPDATE audit_events SET hash = $1 WHERE seq = 3`, [forged]);
      await asSuperuser(db, `UPDATE audit_head SET hash = $1 WHERE id = 1`, [forged]);
      expect(await verifyAuditChain(db, ring)).toMatchObject({ ok: false, firstBadEventId: 3 });
    });
  });
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"z":1}]},"b":1}');
  });
});
