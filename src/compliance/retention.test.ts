import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { Db } from '../db/db.js';
import { storeTargets } from '../db/testing.js';
import { appendAuditEvents, verifyAuditChain } from './audit/chain.js';
import { auditKeyring } from './audit/keyring.js';
import { getRetention, runRetention, setRetention } from './retention.js';

const config = loadConfig({ NODE_ENV: 'test', AUDIT_RETENTION_DAYS: '30' });
const ring = auditKeyring(config);
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

describe.each(storeTargets())('retention on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => db?.close());

  it('archives and purges only events past the window, behind a signed checkpoint the chain resumes from', async () => {
    expect((await getRetention(db, config)).auditRetentionDays).toBe(30);
    await appendAuditEvents(db, ring, [40, 35, 31].map((d) => ({ kind: 'test.old', actor: { id: 't' }, payload: { d }, at: daysAgo(d) })));
    await appendAuditEvents(db, ring, [{ kind: 'test.recent', actor: { id: 't' }, payload: { d: 1 }, at: daysAgo(1) }]);
    await setRetention(db, ring, { auditRetentionDays: 30, vaultRetentionDays: 10, by: 'R01' });

    // the database itself refuses to delete a row that no checkpoint covers, even with the purge switch on
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`SELECT set_config('wealthdesk.audit_purge', 'on', true)`);
        await tx.query('DELETE FROM audit_events WHERE seq = 1');
      }),
    ).rejects.toThrow(/append-only/);

    const dir = mkdtempSync(join(tmpdir(), 'wd-archive-'));
    const run = await runRetention(db, ring, config, { archiveDir: dir, purge: true });
    expect(run.archived).toMatchObject({ fromSeq: 1, toSeq: 3, events: 3 });
    expect(run.purged).toBe(3);
    const file = readFileSync(run.archived!.location!, 'utf8');
    expect(createHash('sha256').update(file).digest('hex')).toBe(run.archived!.digest);
    expect(file.trim().split('\n').map((l) => JSON.parse(l).kind)).toEqual(['test.old', 'test.old', 'test.old']);

    const left = await db.query<{ seq: number }>('SELECT seq FROM audit_events ORDER BY seq');
    expect(left.rows.map((r) => Number(r.seq))).toEqual([4, 5, 6]); // recent + settings + run record
    expect(await verifyAuditChain(db, ring)).toMatchObject({ ok: true, events: 6 });

    // a recent row stays undeletable: inside the window and outside any checkpoint
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`SELECT set_config('wealthdesk.audit_purge', 'on', true)`);
        await tx.query('DELETE FROM audit_events WHERE seq = 4');
      }),
    ).rejects.toThrow(/append-only/);
    // a forged checkpoint signature is caught
    await db.query(`UPDATE audit_checkpoints SET last_hash = 'x'`);
    expect(await verifyAuditChain(db, ring)).toMatchObject({ ok: false, firstBadEventId: 3 });
  });
});
