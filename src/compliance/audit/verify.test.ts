import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fieldKeyring } from '../../auth/field-crypto.js';
import { loadConfig } from '../../config.js';
import { storeTargets } from '../../db/testing.js';
import { ensureClient, simulateTurn } from '../review/fixture.js';
import { appendAuditEvents } from './chain.js';
import { auditKeyring } from './keyring.js';
import { auditCoverage, verifyAudit } from './verify.js';

const config = loadConfig({ NODE_ENV: 'test' });
const rings = { audit: auditKeyring(config), field: fieldKeyring(config) };
const principal = { role: 'client' as const, clientId: 'C0001' };

describe.each(storeTargets())('verifyAudit on $name', (target) => {
  it('is ok when every turn has events; reports a turn without events and an event of an unknown turn', async () => {
    const db = await target.open();
    try {
      await ensureClient(db, 'C0001', 'A001');
      const { turn } = await simulateTurn(db, rings, { principal, text: '我的组合怎么样', answer: '很好' });
      const ok = await verifyAudit(db, rings.audit);
      expect(ok).toMatchObject({ ok: true, firstBadEventId: null, turnsWithoutEvents: { count: 0, ids: [] }, eventsOfUnknownTurns: { count: 0, seqs: [] } });
      expect(ok.reason).toBeUndefined();

      const bare = randomUUID();
      await db.query(`INSERT INTO turns (id, conversation_id, principal, user_text, model) VALUES ($1, $2, '{}', 'q', 'm')`, [bare, turn.conversationId]);
      const [ghost] = await appendAuditEvents(db, rings.audit, [{ kind: 'turn.input', actor: principal, conversationId: turn.conversationId, turnId: randomUUID(), payload: {} }]);
      const bad = await verifyAudit(db, rings.audit);
      expect(bad).toMatchObject({
        ok: false,
        firstBadEventId: null, // the chain itself holds
        turnsWithoutEvents: { count: 1, ids: [bare] },
        eventsOfUnknownTurns: { count: 1, seqs: [ghost.seq] },
      });
      expect(bad.reason).toBe('1 stored turn(s) without audit events; 1 audit event(s) of unknown turns');
    } finally {
      await db.close();
    }
  });

  it('does not report turns older than a purged retention checkpoint (their events were archived)', async () => {
    const db = await target.open();
    try {
      await ensureClient(db, 'C0001', 'A001');
      const { turn } = await simulateTurn(db, rings, { principal, text: 'hello', answer: 'hi' });
      const old = randomUUID();
      await db.query(
        `INSERT INTO turns (id, conversation_id, principal, user_text, model, created_at) VALUES ($1, $2, '{}', 'q', 'm', now() - interval '10 years')`,
        [old, turn.conversationId],
      );
      expect((await auditCoverage(db)).turnsWithoutEvents.ids).toEqual([old]);
      await db.query(
        `INSERT INTO audit_checkpoints (from_seq, to_seq, last_hash, digest, event_count, key_id, signature, created_at, purged_at)
         VALUES (1, 1, 'h', 'd', 1, 'a1', 's', now() - interval '1 year', now())`,
      );
      expect((await auditCoverage(db)).turnsWithoutEvents).toEqual({ count: 0, ids: [] });
    } finally {
      await db.close();
    }
  });
});
