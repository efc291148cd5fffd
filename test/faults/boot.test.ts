/**
 * Start-up refusals, as an operator sees them: the real entry point (`src/main.ts`, what
 * `npm start` runs, and `wealthdesk serve`) as a child process. A database that cannot
 * be reached is one `WD_ERR_DB` line and a non-zero exit (no stack, no password);
 * production with DEMO_MODE=true refuses to boot naming the variable.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const TEST_URL = process.env.TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'wd-boot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Only what the child needs: none of this process's DATABASE_URL, REDIS_URL or secrets leak in. */
function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_ON_START: 'false', ...extra };
}

function start(args: string[], extra: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', ...args], { env: envWith(extra), timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

const lines = (s: string) => s.split('\n').filter((l) => l.trim().length > 0);

describe('boot against a database that cannot be reached', () => {
  it('npm start: exits 1 with one WD_ERR_DB line naming host, port and database, without stack or password', async () => {
    const r = await start(['src/main.ts'], { DATABASE_URL: 'postgres://wd:s3cret-pw@127.0.0.1:1/wealthdesk' });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^WD_ERR_DB: Cannot reach the database at 127\.0\.0\.1:1\/wealthdesk \(ECONNREFUSED/);
    expect(r.stderr).not.toContain('s3cret-pw');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('wealthdesk serve: the error JSON with WD_ERR_DB, exit 1', async () => {
    const r = await start(['src/cli/main.ts', 'serve'], { DATABASE_URL: 'postgres://wd:s3cret-pw@127.0.0.1:1/wealthdesk' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'WD_ERR_DB', message: expect.stringMatching(/^Cannot reach the database at 127\.0\.0\.1:1\/wealthdesk/) } });
    expect(r.stdout + r.stderr).not.toContain('s3cret-pw');
  });

  it.skipIf(!TEST_URL)('a database that does not exist on a real server: one WD_ERR_DB line with the SQLSTATE', async () => {
    const u = new URL(TEST_URL!);
    u.pathname = '/wd_no_such_database';
    const r = await start(['src/main.ts'], { DATABASE_URL: u.toString() });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^WD_ERR_DB: Cannot reach the database at [^ ]+\/wd_no_such_database \(3D000 /);
  });
});

describe('production is production', () => {
  const prod = { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40), AUDIT_HMAC_KEY: 'y'.repeat(40), FIELD_ENCRYPTION_KEY: 'ab'.repeat(32) };

  it('NODE_ENV=production with DEMO_MODE=true refuses to boot, naming DEMO_MODE', async () => {
    const r = await start(['src/main.ts'], { ...prod, DEMO_MODE: 'true' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DEMO_MODE: must not be true when NODE_ENV=production');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
