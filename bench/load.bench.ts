/**
 * Load across two nodes: a throw-away PostgreSQL database (seeded demo data), a Redis
 * server of the bench's own, two app nodes as child processes (`src/main.ts`, offline
 * planner, the socket.io Redis adapter), and N real socket.io clients, half on each node,
 * each sending several turns one after another (every turn calls a tool). Prints turns/s
 * and p50/p99 latency (message sent → `done`).
 *
 * Then the same load with faults injected mid-run: every app backend terminated
 * (`pg_terminate_backend`) once a third of the turns are answered, Redis killed (SIGKILL)
 * at half and restarted at two thirds. Prints how the turns ended and the count of lost
 * records: turns answered `done` to a client without a stored turn row, its `turn.input`
 * and `turn.output` audit events (must be 0), plus `audit verify`'s coverage check.
 *
 * Bounded (a fixed number of turns, a deadline per turn and per phase), 127.0.0.1 only.
 *
 *   npm run bench load
 *   npx tsx bench/load.bench.ts [clients=200] [turnsPerClient=3]
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres   (server to create the database on;
 *     default TEST_DATABASE_URL, else that URL)
 *   BENCH_CPU_PROF=dir   (nodes write V8 CPU profiles there on exit)
 *   BENCH_PHASES=load,faults   (which phases)
 *   BENCH_TURN_DEADLINE_MS=120000   (a turn without `done` or `error` by then counts as failed)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { io as ioClient, type Socket } from 'socket.io-client';
import { signToken } from '../src/auth/tokens.js';
import { auditCoverage } from '../src/compliance/audit/verify.js';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { openPg } from '../src/db/pg.js';
import { seedDemoData } from '../src/db/seed/seed.js';
import { createTestDatabase } from '../src/db/testing.js';
import { startNode, startRedis, until, type TestNode } from '../test/helpers/cluster.js';
import { TOOL_QUESTIONS } from './questions.js';

const CLIENTS = Number(process.argv[2] ?? 200);
const TURNS = Number(process.argv[3] ?? 3);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PROF = process.env.BENCH_CPU_PROF;
const PHASES = (process.env.BENCH_PHASES ?? 'load,faults').split(',');
const TURN_DEADLINE_MS = Number(process.env.BENCH_TURN_DEADLINE_MS ?? 120_000);
const QUESTIONS = TOOL_QUESTIONS;

type Ending = { kind: 'done'; turnId: string; ms: number } | { kind: 'error'; code: string; ms: number };

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** One client: connects to `url`, sends `turns` messages one after another, resolves with how each ended. */
async function client(url: string, token: string, offset: number, turns: number, onEnd: (e: Ending) => void): Promise<void> {
  const s: Socket = ioClient(`${url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: true, reconnectionDelay: 200, forceNew: true });
  const pending = new Map<string, (e: { name: string; payload: { code?: string; result?: { turnId: string } } }) => void>();
  for (const name of ['done', 'error']) {
    s.on(name, (payload: { requestId?: string; code?: string; result?: { turnId: string } }) => {
      if (payload?.requestId) pending.get(payload.requestId)?.({ name, payload });
    });
  }
  try {
    await until(() => s.connected, 60_000, 'socket connected');
    for (let i = 0; i < turns; i++) {
      const t0 = performance.now();
      let ending: Ending;
      try {
        await until(() => s.connected, 30_000, 'socket connected');
        const ack = (await s.timeout(TURN_DEADLINE_MS).emitWithAck('message', { text: QUESTIONS[(offset + i) % QUESTIONS.length] })) as {
          ok: boolean; requestId?: string; error?: { code: string };
        };
        if (!ack.ok) {
          ending = { kind: 'error', code: ack.error?.code ?? 'ack', ms: performance.now() - t0 };
        } else {
          const e = await new Promise<{ name: string; payload: { code?: string; result?: { turnId: string } } } | undefined>((resolve) => {
            const timer = setTimeout(() => resolve(undefined), TURN_DEADLINE_MS);
            pending.set(ack.requestId!, (v) => {
              clearTimeout(timer);
              resolve(v);
            });
          });
          pending.delete(ack.requestId!);
          const ms = performance.now() - t0;
          if (!e) ending = { kind: 'error', code: 'no done or error within the deadline', ms };
          else if (e.name === 'done') ending = { kind: 'done', turnId: e.payload.result!.turnId, ms };
          else ending = { kind: 'error', code: e.payload.code ?? 'error', ms };
        }
      } catch (err) {
        ending = { kind: 'error', code: `client: ${(err as Error).message}`, ms: performance.now() - t0 };
      }
      onEnd(ending);
    }
  } finally {
    s.disconnect();
  }
}

interface Fault {
  /** fires once this share of all turns has ended */
  at: number;
  name: string;
  run(): Promise<unknown>;
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); 0 when unreadable. */
function cpuMs(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return 0;
  }
}

/** CPU ms used so far by the two nodes and by the database's backends. */
async function cpuNow(nodes: TestNode[], dbName: string): Promise<{ nodes: number; db: number }> {
  const c = new pg.Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    const pids = (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName])).rows.map((r) => r.pid);
    return { nodes: nodes.reduce((a, n) => a + cpuMs(n.child.pid), 0), db: pids.reduce((a, p) => a + cpuMs(p), 0) };
  } finally {
    await c.end();
  }
}

/** Transactions committed in the database and WAL flushes of the server so far (statistics lag by up to ~0.5 s). */
async function commits(dbName: string): Promise<{ commits: number; syncs: number }> {
  const c = new pg.Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    await c.query('SELECT pg_stat_clear_snapshot()');
    const r = await c.query<{ n: string; syncs: string }>('SELECT xact_commit::text AS n, (SELECT wal_sync FROM pg_stat_wal)::text AS syncs FROM pg_stat_database WHERE datname = $1', [dbName]);
    return { commits: Number(r.rows[0].n), syncs: Number(r.rows[0].syncs) };
  } finally {
    await c.end();
  }
}

async function phase(label: string, nodes: TestNode[], tokens: string[], faults: Fault[] = []): Promise<Ending[]> {
  const endings: Ending[] = [];
  const total = CLIENTS * TURNS;
  const queue = [...faults].sort((a, b) => a.at - b.at);
  const fired: Promise<unknown>[] = [];
  const onEnd = (e: Ending) => {
    endings.push(e);
    while (queue.length > 0 && endings.length >= queue[0].at * total) {
      const f = queue.shift()!;
      process.stdout.write(`  fault at ${endings.length}/${total} turns: ${f.name}\n`);
      fired.push(f.run().catch((err: unknown) => process.stdout.write(`  fault ${f.name} failed: ${String(err)}\n`)));
    }
  };
  const t0 = performance.now();
  await Promise.all(tokens.map((tok, i) => client(nodes[i % nodes.length].url, tok, i, TURNS, onEnd)));
  const wall = (performance.now() - t0) / 1000;
  await Promise.all(fired);
  const ok = endings.filter((e) => e.kind === 'done').map((e) => e.ms).sort((a, b) => a - b);
  const errors = new Map<string, number>();
  for (const e of endings) if (e.kind === 'error') errors.set(e.code, (errors.get(e.code) ?? 0) + 1);
  process.stdout.write(
    `${label.padEnd(8)} clients=${CLIENTS} turns=${endings.length} done=${ok.length}  ${(ok.length / wall).toFixed(1)} turns/s  ` +
      `p50=${pct(ok, 50).toFixed(0)} ms  p99=${pct(ok, 99).toFixed(0)} ms  max=${(ok.at(-1) ?? NaN).toFixed(0)} ms  wall=${wall.toFixed(1)} s` +
      (errors.size > 0 ? `  errors: ${JSON.stringify(Object.fromEntries(errors))}` : '') +
      '\n',
  );
  return endings;
}

/** Answered turns whose record is not whole: no turn row, or no turn.input / turn.output event. */
async function lostRecords(dbUrl: string, endings: Ending[]): Promise<{ lost: number; answered: number; coverage: unknown }> {
  const answered = endings.flatMap((e) => (e.kind === 'done' ? [e.turnId] : []));
  const db = await openPg(dbUrl, { max: 1 });
  try {
    const r = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS a(id)
        WHERE NOT EXISTS (SELECT 1 FROM turns t WHERE t.id = a.id)
           OR NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.turn_id = a.id AND e.kind = 'turn.input')
           OR NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.turn_id = a.id AND e.kind = 'turn.output')`,
      [answered],
    );
    return { lost: r.rows[0].n, answered: answered.length, coverage: await auditCoverage(db) };
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test' });
  const t = await createTestDatabase(SERVER_URL);
  const redis = await startRedis();
  const nodes: TestNode[] = [];
  try {
    const t0 = performance.now();
    const db = await openPg(t.url, { max: 2 });
    await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
    await migrate(db);
    await seedDemoData(db, { clients: Math.max(CLIENTS, 8) });
    await db.close();
    if (PROF) mkdirSync(PROF, { recursive: true });
    const env: Record<string, string> = { DATABASE_URL: t.url, REDIS_URL: redis.url };
    nodes.push(...(await Promise.all([0, 1].map(() => startNode(env, PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : [])))));
    process.stdout.write(`setup (database, seed ${CLIENTS} clients, redis, 2 nodes): ${((performance.now() - t0) / 1000).toFixed(1)} s; ${TURNS} turns per client, offline planner\n`);
    const tokens = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => signToken({ role: 'client', clientId: `C${String(i + 1).padStart(4, '0')}` }, { secret: config.AUTH_SECRET })),
    );
    // warm-up: JIT and pools on both nodes
    await Promise.all(tokens.slice(0, 8).map((tok, i) => client(nodes[i % 2].url, tok, i, 2, () => {})));

    if (PHASES.includes('load')) {
      const c0 = await commits(t.name);
      const cpu0 = await cpuNow(nodes, t.name);
      const endings = await phase('load', nodes, tokens);
      const cpu1 = await cpuNow(nodes, t.name); // backends that ended meanwhile are not counted
      const n = endings.length;
      process.stdout.write(`  CPU per turn: nodes ${((cpu1.nodes - cpu0.nodes) / n).toFixed(1)} ms, database backends ≥ ${((cpu1.db - cpu0.db) / n).toFixed(1)} ms\n`);
      await new Promise((r) => setTimeout(r, 700)); // statistics are reported every 0.5 s
      const c1 = await commits(t.name);
      const rec = await lostRecords(t.url, endings);
      process.stdout.write(`  lost records: ${rec.lost} of ${rec.answered} answered; per turn ${((c1.commits - c0.commits) / endings.length).toFixed(1)} transactions, ${((c1.syncs - c0.syncs) / endings.length).toFixed(1)} WAL flushes (whole server)\n`);
    }
    if (PHASES.includes('faults')) {
      const admin = new pg.Client({ connectionString: SERVER_URL });
      await admin.connect();
      try {
        const endings = await phase('faults', nodes, tokens, [
          {
            at: 1 / 3,
            name: 'pg_terminate_backend on every app backend',
            run: async () => {
              const r = await admin.query<{ n: number }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [t.name]);
              process.stdout.write(`    terminated ${r.rows[0].n} backends\n`);
            },
          },
          { at: 1 / 2, name: 'Redis killed (SIGKILL)', run: () => redis.kill() },
          { at: 2 / 3, name: 'Redis restarted', run: () => redis.start() },
        ]);
        const rec = await lostRecords(t.url, endings);
        process.stdout.write(`  lost records: ${rec.lost} of ${rec.answered} answered; audit coverage ${JSON.stringify(rec.coverage)}\n`);
        process.stdout.write(`  nodes alive: ${nodes.map((n) => n.alive()).join(', ')}\n`);
        if (rec.lost > 0) process.exitCode = 1;
      } finally {
        await admin.end();
      }
    }
  } finally {
    for (const [i, n] of nodes.entries()) {
      // A node shut down by a signal from elsewhere says so in its log ("shutting down", with the signal).
      const signalled = n.output().split('\n').find((l) => l.includes('"msg":"shutting down"'));
      if (signalled) process.stdout.write(`node ${i} was told to shut down during the run: ${signalled}\n`);
      if (!n.alive()) process.stdout.write(`node ${i} died; its last output:\n${n.output().slice(-3000)}\n`);
    }
    await Promise.all(nodes.map((n) => n.stop()));
    await redis.kill().catch(() => undefined);
    await t.drop();
  }
}

await main();
