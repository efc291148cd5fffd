/**
 * The server as a child process (`src/main.ts`, what `npm start` runs) on a throw-away
 * PostgreSQL database, under database faults:
 * 1. every backend of the app is terminated (`pg_terminate_backend`) while chats run
 *    concurrently, and then the first backend seen idle inside a transaction (a checked-out
 *    client between two statements), round after round until such a kill has landed: the
 *    process stays up, each chat ends in `done` or in an `error` with WD_ERR_DB (never
 *    another code, never a hang), and the next chat answers;
 * 2. the database refuses connections for a while: chats get 503 WD_ERR_DB, /readyz is
 *    503 and /healthz 200; once it accepts again the same process answers — no restart;
 * and after all of it every stored turn has audit events, every turn answered `done` is
 * stored once, and `wealthdesk audit verify` passes (exit 0), checked against the chain
 * head the server anchored to AUDIT_ANCHOR_PATH meanwhile.
 * Runs only with TEST_DATABASE_URL (CI sets it).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/auth/tokens.js';
import { auditCoverage } from '../../src/compliance/audit/verify.js';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { openPg } from '../../src/db/pg.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { createTestDatabase } from '../../src/db/testing.js';
import { sseEvents } from '../helpers/sse.js';

const TEST_URL = process.env.TEST_DATABASE_URL;
const config = loadConfig({ NODE_ENV: 'test' });
const CLIENTS = ['C0001', 'C0002', 'C0003', 'C0004', 'C0005', 'C0006', 'C0007', 'C0008'];
const QUESTIONS = ['我的组合现在值多少钱？', 'what is my allocation by asset class?', '我今年收益怎么样？', "how risky is my portfolio, what's my 95% VaR?"];

/** Resolves once `check()` holds (a throw counts as not yet), polling every 25 ms; fails after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

type Outcome = { kind: 'done'; turnId: string } | { kind: 'error'; code: string } | { kind: 'http'; status: number; code?: string };

describe.skipIf(!TEST_URL)('the server under database faults (child process, real PostgreSQL)', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: pg.Client;
  let child: ChildProcess;
  let url = '';
  const stderr: string[] = [];
  const tokens = new Map<string, string>();
  const answered: string[] = []; // turn ids the server answered `done`
  const anchorDir = mkdtempSync(join(tmpdir(), 'wd-db-faults-'));
  const anchorPath = join(anchorDir, 'anchors.jsonl');

  const terminateAll = async () =>
    (await admin.query<{ n: number }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [t.name])).rows[0].n;
  const alive = () => child.exitCode === null && child.signalCode === null;

  /** One SSE chat; `onStart` fires when the turn is under way (its `start` event arrived). */
  async function sseChat(clientId: string, message: string, onStart: () => void): Promise<Outcome> {
    const r = await fetch(`${url}/api/v1/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get(clientId)}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message }),
    });
    if (!r.ok || !r.body) {
      onStart();
      return { kind: 'http', status: r.status, code: ((await r.json().catch(() => ({}))) as { code?: string }).code };
    }
    for await (const { event, data } of sseEvents(r.body)) {
      if (event === 'start') onStart();
      if (event === 'done') return { kind: 'done', turnId: (data as { turnId: string }).turnId };
      if (event === 'error') return { kind: 'error', code: (data as { code: string }).code };
    }
    return { kind: 'error', code: 'stream ended without done or error' };
  }

  async function jsonChat(clientId: string, message: string): Promise<{ status: number; body: { code?: string; answer?: string; turnId?: string } }> {
    const r = await fetch(`${url}/api/v1/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get(clientId)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
    });
    return { status: r.status, body: (await r.json()) as { code?: string; answer?: string; turnId?: string } };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = await openPg(t.url, { max: 2 });
    await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
    await migrate(db);
    await seedDemoData(db, { clients: CLIENTS.length });
    await db.close();
    admin = new pg.Client({ connectionString: TEST_URL });
    await admin.connect();
    for (const c of CLIENTS) tokens.set(c, await signToken({ role: 'client', clientId: c }, { secret: config.AUTH_SECRET }));

    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATABASE_URL: t.url, PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'false', LOG_LEVEL: 'info', AUDIT_ANCHOR_PATH: anchorPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => stderr.push(String(d)));
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"WealthDesk is serving"/.exec(out);
      if (m && !url) url = m[1];
    });
    await until(() => url !== '' || !alive(), 60_000);
    expect(alive(), stderr.join('')).toBe(true);
    await until(async () => (await fetch(`${url}/readyz`)).status === 200);
  });

  afterAll(async () => {
    if (child && alive()) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await admin?.query(`ALTER DATABASE ${t.name} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await t?.drop();
    rmSync(anchorDir, { recursive: true, force: true });
  });

  it('backends terminated under concurrent chats: the process lives, each chat ends in done or WD_ERR_DB, the next chat answers', async () => {
    const outcomes: Outcome[] = [];
    let terminated = 0;
    let midTransaction = 0; // backends killed while their client was checked out between two statements
    // Rounds of concurrent chats until at least one kill landed inside an open transaction
    // (the case that used to crash the process); at least three rounds, at most twenty.
    for (let round = 0; round < 20 && (round < 3 || midTransaction === 0); round++) {
      let started = 0;
      let finished = false;
      const chats = Promise.all(CLIENTS.map((c, i) => sseChat(c, QUESTIONS[(i + round) % QUESTIONS.length], () => started++))).finally(() => {
        finished = true;
      });
      // Strike everything once the first turns are under way (their conversation exists, the answer is being made) …
      await until(() => started >= 2);
      terminated += await terminateAll();
      // … then kill the first backend seen idle inside a transaction (a client checked out between two statements).
      let hit = 0;
      while (!finished && hit === 0) {
        const r = await admin.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'`,
          [t.name],
        );
        hit = r.rows[0].n;
      }
      midTransaction += hit;
      outcomes.push(...(await chats));
      expect(alive(), stderr.join('')).toBe(true);
      const next = await jsonChat(CLIENTS[round % CLIENTS.length], '我的组合现在值多少钱？');
      expect([next.status, typeof next.body.answer]).toEqual([200, 'string']);
      answered.push(next.body.turnId!);
    }
    expect(terminated).toBeGreaterThanOrEqual(3);
    expect(midTransaction).toBeGreaterThanOrEqual(1);
    const unexpected = outcomes.filter((o) => o.kind !== 'done' && !(o.kind === 'error' && o.code === 'WD_ERR_DB') && !(o.kind === 'http' && o.status === 503 && o.code === 'WD_ERR_DB'));
    expect(unexpected).toEqual([]);
    for (const o of outcomes) if (o.kind === 'done') answered.push(o.turnId);
    expect(stderr.join('')).not.toMatch(/Unhandled|uncaught/i);
  });

  it('while the database refuses connections: 503 WD_ERR_DB, /readyz 503, /healthz 200; once it accepts, the same process answers', async () => {
    await admin.query(`ALTER DATABASE ${t.name} ALLOW_CONNECTIONS false`);
    await terminateAll();
    // Cached principal checks may let a first request reach further; every chat fails with WD_ERR_DB all the same.
    const down = await jsonChat('C0001', '我的组合现在值多少钱？');
    expect([down.status, down.body.code]).toEqual([503, 'WD_ERR_DB']);
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(alive()).toBe(true);

    await admin.query(`ALTER DATABASE ${t.name} ALLOW_CONNECTIONS true`);
    await until(async () => (await fetch(`${url}/readyz`)).status === 200);
    const up = await jsonChat('C0002', 'what is my allocation by asset class?');
    expect(up.status).toBe(200);
    answered.push(up.body.turnId!);
    expect(alive()).toBe(true);
  });

  it('afterwards every stored turn has audit events, every answered turn is stored once, and audit verify passes (anchors included)', async () => {
    await until(() => existsSync(anchorPath) && readFileSync(anchorPath, 'utf8').includes('"sig"'));
    const db = await openPg(t.url, { max: 1 });
    try {
      expect(await auditCoverage(db)).toEqual({ turnsWithoutEvents: { count: 0, ids: [] }, eventsOfUnknownTurns: { count: 0, seqs: [] } });
      const stored = await db.query<{ id: string; n: number }>('SELECT id, count(*) OVER (PARTITION BY id)::int AS n FROM turns WHERE id = ANY($1::uuid[])', [answered]);
      expect(stored.rows.map((r) => r.id).sort()).toEqual([...new Set(answered)].sort());
      expect(stored.rows.every((r) => r.n === 1)).toBe(true);
      // each turn's record opens with its input; a closed turn ends with its output (or says it was cut
      // short); one whose close met the outage stays open, on record, until the sweep closes it interrupted
      const partial = await db.query(
        `SELECT t.id FROM turns t WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.turn_id = t.id AND e.kind = 'turn.input')
            OR (t.status <> 'open' AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.turn_id = t.id
                  AND e.kind IN ('turn.output', 'turn.interrupted', 'turn.cancelled')))`,
      );
      expect(partial.rows).toEqual([]);
    } finally {
      await db.close();
    }
    const verify = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify', '--json'],
        { env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATABASE_URL: t.url, LOG_LEVEL: 'silent', AUDIT_ANCHOR_PATH: anchorPath }, timeout: 60_000 },
        (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout }),
      );
    });
    expect(verify.code, verify.stdout).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, firstBadEventId: null, turnsWithoutEvents: { count: 0 }, anchor: { ok: true, anchors: expect.any(Number) } });
    expect(JSON.parse(verify.stdout).anchor.anchors).toBeGreaterThanOrEqual(1);
  });
});
