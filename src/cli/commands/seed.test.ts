/**
 * `wealthdesk seed` and `wealthdesk clients` end to end: the real command in a child
 * process against an embedded store in a temporary DATA_DIR.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'wd-seed-cli-'));

function cli(...args: string[]): Promise<{ code: number; json: any }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'src/cli/main.ts', ...args],
      { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, timeout: 90_000 },
      (err, stdout) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, json: JSON.parse(stdout.trim().split('\n').pop() as string) });
      },
    );
  });
}

describe('wealthdesk seed / clients', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds once, lists clients per advisor, and refuses an unknown advisor', async () => {
    const first = await cli('seed', '--clients', '12', '--json');
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ seeded: true, counts: { advisors: 5, clients: 12, instruments: 86 } });
    expect(first.json.counts.prices).toBeGreaterThan(60_000);
    expect(first.json.ms).toBeGreaterThan(0);

    const again = await cli('seed', '--clients', '12');
    expect(again.code).toBe(0);
    expect(again.json.seeded).toBe(false);
    expect(again.json.counts).toEqual(first.json.counts);

    const all = await cli('clients');
    expect(all.code).toBe(0);
    expect(all.json.clients).toHaveLength(12);
    expect(all.json.clients[0]).toEqual({ id: 'C0001', name: '张伟', advisorId: 'A001', riskProfile: 'C3', baseCurrency: 'CNY' });
    for (const c of all.json.clients) expect(c.riskProfile).toMatch(/^C[1-5]$/);

    const a2 = await cli('clients', '--advisor', 'A002');
    expect(a2.json.clients.length).toBeGreaterThan(0);
    expect(a2.json.clients.every((c: { advisorId: string }) => c.advisorId === 'A002')).toBe(true);
    expect(a2.json.clients.map((c: { id: string }) => c.id)).toEqual(
      all.json.clients.filter((c: { advisorId: string }) => c.advisorId === 'A002').map((c: { id: string }) => c.id),
    );

    const bad = await cli('clients', '--advisor', 'A999');
    expect(bad.code).toBe(1);
    expect(bad.json.error.code).toBe('WD_ERR_UNKNOWN_ADVISOR');

    const badFlag = await cli('seed', '--as-of', '2026-13-01');
    expect(badFlag.code).toBe(1);
    expect(badFlag.json.error.code).toBe('WD_ERR_VALIDATION');
  }, 180_000);
});
