/**
 * The turn's record under process faults: the server as a child process (`src/main.ts`)
 * on a throw-away PostgreSQL database, its model a scripted OpenAI-compatible server in
 * this process that can hold an answer half-way (so "mid-stream" is a state, not a race):
 * 1. SIGKILL after the first answer text reached an SSE client: the turn is on record as
 *    `open` with its input events; the restarted node (same NODE_ID) closes it as
 *    `interrupted` at start-up, and answers again;
 * 2. a socket.io sender that disconnects mid-turn: the turn is recorded `cancelled`;
 * 3. SIGTERM with one turn that finishes within the grace and one that does not: the
 *    first is answered `done`, the second gets WD_ERR_SHUTTING_DOWN and is recorded
 *    `interrupted`, a socket.io client is told `shutdown`, and the process exits 0;
 * after all of it: every turn has events, none is duplicated or left open, and
 * `wealthdesk audit verify` passes. Runs only with TEST_DATABASE_URL (CI sets it).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import pg from 'pg';
import { signToken } from '../../src/auth/tokens.js';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { openPg } from '../../src/db/pg.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { createTestDatabase } from '../../src/db/testing.js';
import { startScriptedOpenAi, textChunks, type ScriptedOpenAi } from '../helpers/scripted-openai.js';
import { sseEvents } from '../helpers/sse.js';

const TEST_URL = process.env.TEST_DATABASE_URL;
const config = loadConfig({ NODE_ENV: 'test' });
/** The first sentence the held model writes: released by the output guard once the next character comes. */
const HALF = textChunks('I am looking at your portfolio now. It', 2).slice(0, 2);

async function until(check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface SseRun {
  events: { event: string; data: Record<string, unknown> }[];
  /** Resolves when the stream ends (or fails: a killed server). */
  ended: Promise<void>;
}

describe.skipIf(!TEST_URL)('the turn record under crashes and shutdown (child process, real PostgreSQL)', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let llm: ScriptedOpenAi;
  let child: ChildProcess | undefined;
  let url = '';
  let token = '';
  let stdout = '';
  const stderr: string[] = [];
  const q = async <R extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> => {
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    try {
      return (await c.query<R>(sql, params)).rows;
    } finally {
      await c.end();
    }
  };
  // The turn's own events (a turn may also be sampled into the review queue: `review.*`).
  const kinds = async (turnId: string) => (await q<{ kind: string }>(`SELECT kind FROM audit_events WHERE turn_id = $1 AND kind NOT LIKE 'review.%' ORDER BY seq`, [turnId])).map((r) => r.kind);
  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  async function startChild(): Promise<void> {
    url = '';
    stdout = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATABASE_URL: t.url, PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'false', LOG_LEVEL: 'info',
        NODE_ID: 'crash-test-node', LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.baseURL, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'scripted-model', LLM_MAX_RETRIES: '0', SHUTDOWN_GRACE_MS: '1500',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => stderr.push(String(d)));
    child.stdout!.on('data', (d: Buffer) => {
      stdout += String(d);
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"WealthDesk is serving"/.exec(stdout);
      if (m && !url) url = m[1];
    });
    await until(() => url !== '' || !alive(), 90_000);
    expect(alive(), stderr.join('')).toBe(true);
  }

  function sse(message: string): SseRun {
    const events: SseRun['events'] = [];
    const ended = (async () => {
      try {
        const r = await fetch(`${url}/api/v1/chat`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ message }),
        });
        for await (const e of sseEvents(r.body!)) events.push(e);
      } catch {
        // the server went away mid-stream
      }
    })();
    return { events, ended };
  }
  const turnIdOf = (run: SseRun) => run.events.find((e) => e.event === 'start')?.data.turnId as string | undefined;

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = await openPg(t.url, { max: 2 });
    await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
    await migrate(db);
    await seedDemoData(db, { clients: 2 });
    await db.close();
    llm = await startScriptedOpenAi();
    token = await signToken({ role: 'client', clientId: 'C0001' }, { secret: config.AUTH_SECRET });
    await startChild();
  }, 180_000);

  afterAll(async () => {
    if (child && alive()) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    await llm?.close();
    await t?.drop();
  });

  it('SIGKILL mid-stream: the turn is on record as open; the restarted node closes it as interrupted and answers again', async () => {
    llm.script.push({ kind: 'hang', chunks: HALF });
    const run = sse('tell me about my portfolio');
    await until(() => run.events.some((e) => e.event === 'token'));
    const turnId = turnIdOf(run)!;
    const exited = once(child!, 'exit');
    child!.kill('SIGKILL');
    await exited;
    await run.ended;
    expect(run.events.some((e) => e.event === 'done')).toBe(false);
    // On record before the first token: the row, open, with its input events.
    expect((await q<{ status: string }>('SELECT status FROM turns WHERE id = $1', [turnId]))[0].status).toBe('open');
    expect(await kinds(turnId)).toEqual(['turn.input', 'guard.input']);
    llm.release();

    await startChild();
    expect(stdout).toMatch(/"recovered":1[,}]/);
    expect((await q<{ status: string }>('SELECT status FROM turns WHERE id = $1', [turnId]))[0].status).toBe('interrupted');
    expect(await kinds(turnId)).toEqual(['turn.input', 'guard.input', 'turn.interrupted']);
    const [ev] = await q<{ payload: { reason: string; node: string } }>(`SELECT payload FROM audit_events WHERE turn_id = $1 AND kind = 'turn.interrupted'`, [turnId]);
    expect(ev.payload).toMatchObject({ reason: 'crash-recovery', node: 'crash-test-node' });

    const again = sse('hello');
    await again.ended;
    expect(again.events.at(-1)?.event).toBe('done');
  });

  it('a socket.io sender that disconnects mid-turn cancels it (recorded cancelled)', async () => {
    llm.script.push({ kind: 'hang', chunks: HALF });
    const socket = ioClient(`${url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false });
    let turnId: string | undefined;
    socket.on('turn:start', (e: { turnId: string }) => (turnId = e.turnId));
    let tokens = 0;
    socket.on('token', () => tokens++);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.emit('message', { text: 'tell me about my portfolio' });
    await until(() => turnId !== undefined && tokens > 0);
    socket.disconnect();
    await until(async () => (await q<{ status: string }>('SELECT status FROM turns WHERE id = $1', [turnId]))[0].status === 'cancelled');
    expect(await kinds(turnId!)).toEqual(['turn.input', 'guard.input', 'turn.cancelled']);
    const [ev] = await q<{ payload: { reason: string; shown: string } }>(`SELECT payload FROM audit_events WHERE turn_id = $1 AND kind = 'turn.cancelled'`, [turnId]);
    expect(ev.payload).toMatchObject({ reason: 'client-gone', shown: 'I am looking at your portfolio now.' });
  });

  it('SIGTERM: a turn that finishes within the grace is answered, one that does not is interrupted; sockets are told; exit 0', async () => {
    llm.script.push({ kind: 'hang', chunks: HALF }, { kind: 'hang', chunks: HALF });
    const quick = sse('first question');
    const slow = sse('second question');
    await until(() => llm.hanging === 2 && [quick, slow].every((r) => r.events.some((e) => e.event === 'token')));
    const socket = ioClient(`${url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const told = new Promise<unknown[]>((r) => socket.once('shutdown', (...args: unknown[]) => r(args)));
    const exited = once(child!, 'exit');
    child!.kill('SIGTERM');
    // The first held answer is finished inside the grace; the second never is.
    await until(() => stdout.includes('shutting down'));
    llm.releaseOne();
    const [code] = (await exited) as [number];
    expect(code).toBe(0);
    expect(await told).toEqual([{ code: 'WD_ERR_SHUTTING_DOWN', reconnect: true }]);
    socket.close();
    await Promise.all([quick.ended, slow.ended]);
    const outcomes = [quick, slow].map((r) => r.events.at(-1));
    const done = outcomes.filter((e) => e?.event === 'done');
    const stopped = outcomes.filter((e) => e?.event === 'error');
    expect(done).toHaveLength(1);
    expect(stopped.map((e) => e!.data.code)).toEqual(['WD_ERR_SHUTTING_DOWN']);
    const ids = [quick, slow].map(turnIdOf);
    const rows = await q<{ id: string; status: string }>('SELECT id, status FROM turns WHERE id = ANY($1::uuid[]) ORDER BY status', [ids]);
    expect(rows.map((r) => r.status)).toEqual(['interrupted', 'ok']);
    const interrupted = rows.find((r) => r.status === 'interrupted')!.id;
    const [ev] = await q<{ payload: { reason: string } }>(`SELECT payload FROM audit_events WHERE turn_id = $1 AND kind = 'turn.interrupted'`, [interrupted]);
    expect(ev.payload.reason).toBe('shutdown');
  });

  it('afterwards: every turn has events, none open or duplicated, and audit verify passes', async () => {
    expect(await q('SELECT id FROM turns WHERE status = $1', ['open'])).toEqual([]);
    expect(await q('SELECT t.id FROM turns t WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.turn_id = t.id)')).toEqual([]);
    expect(await q(`SELECT turn_id FROM audit_events WHERE kind = 'turn.input' GROUP BY turn_id HAVING count(*) > 1`)).toEqual([]);
    const verify = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify', '--json'],
        { env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATABASE_URL: t.url, LOG_LEVEL: 'silent' }, timeout: 60_000 },
        (err, out) => resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout: out }),
      );
    });
    expect(verify.code, verify.stdout).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, turnsWithoutEvents: { count: 0 }, eventsOfUnknownTurns: { count: 0 } });
  });
});
