import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { storeTargets } from '../../db/testing.js';
import { startAnchorer, verifyAnchors } from './anchor.js';
import { appendAuditEvents, verifyAuditChain } from './chain.js';
import { auditKeyring } from './keyring.js';
import { verifyAudit } from './verify.js';

const ring = auditKeyring(loadConfig({ NODE_ENV: 'test' }));
const dir = mkdtempSync(join(tmpdir(), 'wd-anchor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const event = (n: number) => ({ kind: 'test.event', actor: { role: 'system' }, payload: { n } });

describe.each(storeTargets())('audit anchors on $name', (target) => {
  it('anchors the head when it moves; truncating the tail and rewinding the head passes the chain check but not the anchors', async () => {
    const db = await target.open();
    const path = join(dir, `${target.name}-truncate`, 'anchors.jsonl');
    const anchorer = startAnchorer({ db, ring, path, intervalMs: 60_000 });
    try {
      await appendAuditEvents(db, ring, [event(1), event(2), event(3)]);
      expect(await anchorer.tick()).toMatchObject({ seq: 3, keyId: ring.currentId });
      expect(await anchorer.tick()).toBeUndefined(); // the head did not move: nothing written
      await appendAuditEvents(db, ring, [event(4), event(5)]);
      await anchorer.stop(); // a last checkpoint on the way out
      expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l).seq)).toEqual([3, 5]);
      expect(await verifyAnchors(db, ring, path)).toEqual({ ok: true, anchors: 2, lastAnchoredSeq: 5 });

      // A superuser removes the newest event and rewinds the head to the one before.
      await db.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica');
        await tx.query('DELETE FROM audit_events WHERE seq = 5');
        await tx.query('UPDATE audit_head SET seq = 4, hash = (SELECT hash FROM audit_events WHERE seq = 4) WHERE id = 1');
      });
      expect(await verifyAuditChain(db, ring)).toMatchObject({ ok: true, events: 4 }); // the database alone cannot tell
      expect(await verifyAnchors(db, ring, path)).toEqual({
        ok: false,
        anchors: 2,
        lastAnchoredSeq: 5,
        reason: 'the chain head (event 4) is behind the newest anchor (event 5)',
      });
      const report = await verifyAudit(db, ring, { anchorPath: path });
      expect(report).toMatchObject({ ok: false, reason: 'the chain head (event 4) is behind the newest anchor (event 5)' });

      // Appending new events past the anchor does not hide it: event 5 is not the anchored one.
      await appendAuditEvents(db, ring, [event(50), event(6)]);
      expect(await verifyAnchors(db, ring, path)).toMatchObject({ ok: false, reason: 'anchored event 5 has a different hash in the chain' });
    } finally {
      await anchorer.stop();
      await db.close();
    }
  });

  it('a forged or garbled anchor line fails the check; no anchor file means nothing to check', async () => {
    const db = await target.open();
    const path = join(dir, `${target.name}-forged.jsonl`);
    try {
      expect(await verifyAnchors(db, ring, path)).toEqual({ ok: true, anchors: 0, lastAnchoredSeq: null });
      await appendAuditEvents(db, ring, [event(1)]);
      const anchorer = startAnchorer({ db, ring, path, intervalMs: 60_000 });
      await anchorer.stop();
      appendFileSync(path, `${JSON.stringify({ seq: 1, hash: 'f'.repeat(64), at: new Date().toISOString(), keyId: ring.currentId, sig: '0'.repeat(64) })}\n`);
      expect(await verifyAnchors(db, ring, path)).toMatchObject({ ok: false, reason: 'anchor line 2 (event 1) has an invalid signature' });
      appendFileSync(path, 'not json\n');
      expect((await verifyAnchors(db, ring, path)).ok).toBe(false);
    } finally {
      await db.close();
    }
  });
});
