import { execFile } from 'node:child_process';
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

async function cli(...args: string[]) {
  try {
    const r = await run('npx', ['tsx', 'src/cli/main.ts', ...args], { env });
    return { code: 0, json: JSON.parse(r.stdout) };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, json: JSON.parse(err.stdout) };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wealthdesk audit verify', () => {
  it('reports an intact chain, then the first altered event', async () => {
    const db = await openStore({ dataDir: dir });
    const ring = auditKeyring(loadConfig({ DATA_DIR: dir }));
    await appendAuditEvents(db, ring, [
      { kind: 'turn.input', actor: { role: 'client', clientId: 'C0001' }, payload: { text: 'hello' } },
      { kind: 'turn.output', actor: { role: 'client', clientId: 'C0001' }, payload: { text: 'hi' } },
    ]);
    await db.close();
    expect(await cli('audit', 'verify', '--json')).toEqual({ code: 0, json: { ok: true, events: 2, firstBadEventId: null } });

    const db2 = await openStore({ dataDir: dir });
    await db2.transaction(async (tx) => {
      await tx.exec('SET LOCAL session_replication_role = replica');
      await tx.query(`UPDATE audit_events SET payload = '{"text":"tampered"}' WHERE seq = 2`);
    });
    await db2.close();
    const r = await cli('audit', 'verify', '--json');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ ok: false, events: 1, firstBadEventId: 2 });
  });

  it('rejects an unknown action with an error JSON', async () => {
    expect(await cli('audit', 'frobnicate')).toMatchObject({ code: 1, json: { error: { code: 'WD_ERR_VALIDATION' } } });
  });
});
