/**
 * Two app nodes as child processes (`src/main.ts`) sharing one PostgreSQL database and a
 * Redis server of this test's own, which is killed (SIGKILL) and restarted mid-run:
 * 1. with Redis up, a turn sent on node A reaches the principal's socket on node B, and
 *    the rate limit (30 chat messages a minute per principal, socket.io and HTTP each)
 *    counts across both nodes;
 * 2. with Redis gone both nodes stay up and ready and say so (`/healthz` `redis: "down"`,
 *    one warning in the log), chats still answer on each node (single-node delivery), and
 *    the rate limit counts per node;
 * 3. once Redis is back, cross-node delivery and cluster-wide limits return without a
 *    restart of either node.
 * Afterwards every stored turn has its audit events. Runs with TEST_DATABASE_URL (CI).
 */
import { execFileSync } from 'node:child_process';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/auth/tokens.js';
import { auditCoverage } from '../../src/compliance/audit/verify.js';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { openPg } from '../../src/db/pg.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { createTestDatabase } from '../../src/db/testing.js';
import { startNode, startRedis, until, type TestNode, type TestRedis } from '../helpers/cluster.js';

const TEST_URL = process.env.TEST_DATABASE_URL;
const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const config = loadConfig({ NODE_ENV: 'test' });
const LIMIT = 30; // the server's default: chat messages per principal per minute

type Received = { name: string; payload: { requestId?: string; code?: string; result?: { answer?: string } } };

describe.skipIf(!TEST_URL || !hasRedisServer)('two nodes, Redis killed and restarted (child processes, real PostgreSQL)', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: TestRedis;
  let a: TestNode;
  let b: TestNode;
  const sockets: Socket[] = [];
  const tokens = new Map<string, string>();

  async function socketOn(node: TestNode, clientId: string): Promise<{ s: Socket; got: Received[] }> {
    const s = ioClient(`${node.url}/chat`, { auth: { token: tokens.get(clientId) }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(s);
    const got: Received[] = [];
    s.onAny((name: string, payload: Received['payload']) => got.push({ name, payload }));
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    return { s, got };
  }
  const send = (s: Socket, text: string) => s.timeout(10_000).emitWithAck('message', { text }) as Promise<{ ok: boolean; requestId?: string; error?: { code: string } }>;
  const doneFor = (got: Received[], requestId: string) => got.find((e) => (e.name === 'done' || e.name === 'error') && e.payload.requestId === requestId);
  const health = async (node: TestNode) => (await (await fetch(`${node.url}/healthz`)).json()) as { redis?: string };
  const httpChat = (node: TestNode, clientId: string, message: string) =>
    fetch(`${node.url}/api/v1/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get(clientId)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
    });

  /** Sends `n` empty messages (each counts against the limit, none runs a turn); the error codes of the acks. */
  async function emptyOnSocket(s: Socket, n: number): Promise<string[]> {
    const codes: string[] = [];
    for (let i = 0; i < n; i++) codes.push((await send(s, ' ')).error!.code);
    return codes;
  }
  async function emptyOnHttp(node: TestNode, clientId: string, n: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await httpChat(node, clientId, ' ')).status);
    return statuses;
  }
  const times = <T,>(n: number, v: T) => Array.from({ length: n }, () => v);

  /** A turn sent on `from` reaches the same principal's socket on `to` (the Redis adapter). */
  async function crossNodeDelivery(from: { s: Socket; got: Received[] }, to: { got: Received[] }): Promise<boolean> {
    const ack = await send(from.s, '我的组合现在值多少钱？');
    expect(ack.ok).toBe(true);
    await until(() => doneFor(from.got, ack.requestId!) !== undefined, 30_000, 'turn done on the sending node');
    expect(doneFor(from.got, ack.requestId!)!.name).toBe('done');
    return until(() => doneFor(to.got, ack.requestId!) !== undefined, 3_000).then(
      () => true,
      () => false,
    );
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = await openPg(t.url, { max: 2 });
    await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
    await migrate(db);
    await seedDemoData(db, { clients: 8 });
    await db.close();
    for (let i = 1; i <= 8; i++) {
      const id = `C${String(i).padStart(4, '0')}`;
      tokens.set(id, await signToken({ role: 'client', clientId: id }, { secret: config.AUTH_SECRET }));
    }
    redis = await startRedis();
    const env = { DATABASE_URL: t.url, REDIS_URL: redis.url };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
  }, 180_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.kill().catch(() => undefined);
    if (t) {
      const db = await openPg(t.url, { max: 1 });
      try {
        // every turn any node stored, in any phase, has its record
        expect((await auditCoverage(db)).turnsWithoutEvents.count).toBe(0);
      } finally {
        await db.close();
      }
      await t.drop();
    }
  }, 60_000);

  it('with Redis up: a turn reaches the principal on the other node, and the rate limit counts across nodes', async () => {
    expect([await health(a), await health(b)].map((h) => h.redis)).toEqual(['up', 'up']);
    const onA = await socketOn(a, 'C0001');
    const onB = await socketOn(b, 'C0001');
    await until(() => crossNodeDelivery(onA, onB), 30_000, 'cross-node delivery');

    // socket.io: half the limit on each node, then the next message is refused on either
    const limA = await socketOn(a, 'C0002');
    const limB = await socketOn(b, 'C0002');
    expect(await emptyOnSocket(limA.s, LIMIT / 2)).toEqual(times(LIMIT / 2, 'WD_ERR_MESSAGE_EMPTY'));
    expect(await emptyOnSocket(limB.s, LIMIT / 2)).toEqual(times(LIMIT / 2, 'WD_ERR_MESSAGE_EMPTY'));
    expect(await emptyOnSocket(limA.s, 1)).toEqual(['WD_ERR_RATE_LIMIT']);
    expect(await emptyOnSocket(limB.s, 1)).toEqual(['WD_ERR_RATE_LIMIT']);
    // HTTP likewise (its own count)
    expect(await emptyOnHttp(a, 'C0002', LIMIT / 2)).toEqual(times(LIMIT / 2, 400));
    expect(await emptyOnHttp(b, 'C0002', LIMIT / 2)).toEqual(times(LIMIT / 2, 400));
    expect(await emptyOnHttp(b, 'C0002', 1)).toEqual([429]);
  });

  it('with Redis killed: both nodes stay up and warn, chats answer on each node, the rate limit counts per node', async () => {
    const onA = await socketOn(a, 'C0003');
    await redis.kill();
    await until(async () => (await health(a)).redis === 'down' && (await health(b)).redis === 'down', 15_000, 'nodes see Redis down');
    // still live and ready: a node without Redis serves single-node
    expect([(await fetch(`${a.url}/readyz`)).status, (await fetch(`${b.url}/readyz`)).status]).toEqual([200, 200]);

    // a socket turn on A reaches its sender (delivery on this node); a new socket connects on B; HTTP answers on B
    const ack = await send(onA.s, 'what is my allocation by asset class?');
    expect(ack.ok).toBe(true);
    await until(() => doneFor(onA.got, ack.requestId!) !== undefined, 30_000, 'turn done on A');
    expect(doneFor(onA.got, ack.requestId!)).toMatchObject({ name: 'done', payload: { result: { answer: expect.any(String) } } });
    const onB = await socketOn(b, 'C0003');
    const ackB = await send(onB.s, '我今年收益怎么样？');
    await until(() => doneFor(onB.got, ackB.requestId!) !== undefined, 30_000, 'turn done on B');
    expect(doneFor(onB.got, ackB.requestId!)!.name).toBe('done');
    const http = await httpChat(b, 'C0004', '我的组合现在值多少钱？');
    expect(http.status).toBe(200);
    expect(((await http.json()) as { answer?: string }).answer).toEqual(expect.any(String));

    // per-node counting: the whole limit on A, and B still lets the principal through
    const limA = await socketOn(a, 'C0005');
    const limB = await socketOn(b, 'C0005');
    expect(await emptyOnSocket(limA.s, LIMIT)).toEqual(times(LIMIT, 'WD_ERR_MESSAGE_EMPTY'));
    expect(await emptyOnSocket(limA.s, 1)).toEqual(['WD_ERR_RATE_LIMIT']);
    expect(await emptyOnSocket(limB.s, 1)).toEqual(['WD_ERR_MESSAGE_EMPTY']);
    expect(await emptyOnHttp(a, 'C0005', LIMIT)).toEqual(times(LIMIT, 400));
    expect(await emptyOnHttp(a, 'C0005', 1)).toEqual([429]);
    expect(await emptyOnHttp(b, 'C0005', 1)).toEqual([400]);

    expect([a.alive(), b.alive()]).toEqual([true, true]);
    for (const n of [a, b]) {
      expect(n.output()).toContain('Redis unavailable');
      expect(n.output()).not.toMatch(/Unhandled|uncaught|ECONNREFUSED[^\n]*"level":(50|60)/i);
    }
  });

  it('with Redis restarted: cross-node delivery and cluster-wide limits come back, no node restarted', async () => {
    await redis.start();
    await until(async () => (await health(a)).redis === 'up' && (await health(b)).redis === 'up', 15_000, 'nodes see Redis up');
    const onA = await socketOn(a, 'C0006');
    const onB = await socketOn(b, 'C0006');
    await until(() => crossNodeDelivery(onA, onB), 30_000, 'cross-node delivery after restart');

    const limA = await socketOn(a, 'C0007');
    const limB = await socketOn(b, 'C0007');
    expect(await emptyOnSocket(limA.s, LIMIT / 2)).toEqual(times(LIMIT / 2, 'WD_ERR_MESSAGE_EMPTY'));
    expect(await emptyOnSocket(limB.s, LIMIT / 2)).toEqual(times(LIMIT / 2, 'WD_ERR_MESSAGE_EMPTY'));
    expect(await emptyOnSocket(limB.s, 1)).toEqual(['WD_ERR_RATE_LIMIT']);
    expect(await emptyOnHttp(a, 'C0007', LIMIT / 2)).toEqual(times(LIMIT / 2, 400));
    expect(await emptyOnHttp(b, 'C0007', LIMIT / 2)).toEqual(times(LIMIT / 2, 400));
    expect(await emptyOnHttp(a, 'C0007', 1)).toEqual([429]);

    expect([a.alive(), b.alive()]).toEqual([true, true]);
    for (const n of [a, b]) expect(n.output()).toContain('Redis is back');
  });
});
