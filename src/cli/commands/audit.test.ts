import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAuditEvents } from '../../compliance/audit/chain.js';
import { auditKeyring } from '../../compliance/audit/keyring.js';
import { loadConfig } from '../../config.js';
import { openStore } from '../../db/open.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'wd-audit-'));
const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
const NO_ORPHANS = { turnsWithoutEvents: { count: 0, ids: [] }, eventsOfUnknownTurns: { count: 0, seqs: [] } };

async function cli(...args: string[]) {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env });
    return { code: 0, json: JSON.parse(r.stdout) };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, json: JSON.parse(err.stdout) };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wealthdesk audit verify', () => {
  it('reports an intact chain (exit 0), then the first altered event (exit 1)', async () => {
    const db = await openStore({ dataDir: dir });
    const ring = auditKeyring(loadConfig({ DATA_DIR: dir }));
    await appendAuditEvents(db, ring, [
      { kind: 'turn.input', actor: { role: 'client', clientId: 'C0001' }, payload: { text: 'hello' } },
      { kind: 'turn.output', actor: { role: 'client', clientId: 'C0001' }, payload: { text: 'hi' } },
    ]);
    await db.close();
    expect(await cli('audit', 'verify', '--json')).toEqual({ code: 0, json: { ok: true, events: 2, firstBadEventId: null, ...NO_ORPHANS } });

    const db2 = await openStore({ dataDir: dir });
    await db2.transaction(async (tx) => {
      await tx.exec('SET LOCAL session_replication_role = replica');
      await tx.query(`UPDATE audit_events SET payload = '{"text":"tampered"}' WHERE seq = 2`);
    });
    await db2.close();
    const r = await cli('audit', 'verify', '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, events: 1, firstBadEventId: 2 });
  });

  it('reports stored turns without audit events and events of unknown turns, and exits 1', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'wd-audit-orphans-'));
    const subEnv = { ...env, DATA_DIR: sub };
    try {
      const db = await openStore({ dataDir: sub });
      const ring = auditKeyring(loadConfig({ DATA_DIR: sub }));
      await db.query(`INSERT INTO advisors (id, name, name_en, email) VALUES ('A001', 'A', 'A', 'a@example.com')`);
      await db.query(`INSERT INTO clients (id, advisor_id, name, name_en, base_currency, inception_date) VALUES ('C0001', 'A001', '甲', 'A', 'CNY', '2020-01-02')`);
      const conv = randomUUID();
      await db.query(`INSERT INTO conversations (id, principal_role, principal_id, client_id, language) VALUES ($1, 'client', 'C0001', 'C0001', 'zh')`, [conv]);
      const lonely = randomUUID(); // a stored turn nobody audited
      await db.query(`INSERT INTO turns (id, conversation_id, principal, user_text, model) VALUES ($1, $2, '{}', 'q', 'm')`, [lonely, conv]);
      // an event naming a turn that was never stored (or was deleted)
      await appendAuditEvents(db, ring, [{ kind: 'turn.input', actor: { role: 'client' }, conversationId: conv, turnId: randomUUID(), payload: { text: 'q' } }]);
      await db.close();
      const r = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify', '--json'], { env: subEnv }).then(
        (x) => ({ code: 0, json: JSON.parse(x.stdout) }),
        (e: { code: number; stdout: string }) => ({ code: e.code, json: JSON.parse(e.stdout) }),
      );
      expect(r.code).toBe(1);
      expect(r.json).toEqual({
        ok: false,
        events: 1,
        firstBadEventId: null,
        reason: '1 stored turn(s) without audit events; 1 audit event(s) of unknown turns',
        turnsWithoutEvents: { count: 1, ids: [lonely] },
        eventsOfUnknownTurns: { count: 1, seqs: [1] },
      });
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  });

  it('rejects an unknown action with an error JSON', async () => {
    expect(await cli('audit', 'frobnicate')).toMatchObject({ code: 1, json: { error: { code: 'WD_ERR_VALIDATION' } } });
  });
});
