import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens.js';
import type { Principal } from '../auth/principal.js';
import { loadConfig, type Config } from '../config.js';
import type { Db } from '../db/db.js';
import { openTestPglite } from '../db/testing.js';
import { insertDemoPeople } from '../../test/helpers/demo-rows.js';
import { scriptedAgent, type ScriptedAgent } from '../../test/helpers/scripted-agent.js';
import { buildApp } from './app.js';

const REDIS = process.env.TEST_REDIS_URL;

const base = { NODE_ENV: 'test', LOG_LEVEL: 'silent' } as const;
let db: Db;
let agent: ScriptedAgent;
const apps: FastifyInstance[] = [];
const sockets: Socket[] = [];

async function start(config: Config): Promise<string> {
  const app = await buildApp({ db, config, agent, rateLimit: { max: 5, windowMs: 60_000 }, heartbeatMs: 40 });
  apps.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

function connect(url: string, token: string | undefined): Socket {
  const s = ioClient(`${url}/chat`, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(s);
  return s;
}
const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
const token = (p: Principal, config: Config) => signToken(p, { secret: config.AUTH_SECRET });

/** Collects every event a socket receives until `done`/`error` for `requestId`. */
function collect(s: Socket): { events: [string, any][]; finished: Promise<void> } {
  const events: [string, any][] = [];
  const finished = new Promise<void>((resolve) => {
    s.onAny((name: string, payload: any) => {
      events.push([name, payload]);
      if (name === 'done' || name === 'error') resolve();
    });
  });
  return { events, finished };
}

beforeAll(async () => {
  db = await openTestPglite();
  await insertDemoPeople(db, 3);
  agent = scriptedAgent(db);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const a of apps) await a.close();
  await db?.close();
});

describe('socket.io /chat', () => {
  it('refuses a handshake without a valid token', async () => {
    const config = loadConfig(base);
    const url = await start(config);
    const err1 = await connected(connect(url, undefined)).catch((e: any) => e);
    expect(err1.data).toEqual({ code: 'WD_ERR_UNAUTHENTICATED' });
    const forged = await signToken({ role: 'client', clientId: 'C0001' }, { secret: 'q'.repeat(40) });
    const err2 = await connected(connect(url, forged)).catch((e: any) => e);
    expect(err2.data).toEqual({ code: 'WD_ERR_UNAUTHENTICATED' });
    const compliance = await token({ role: 'compliance', reviewerId: 'R1' }, config);
    expect((await connected(connect(url, compliance)).catch((e: any) => e)).data).toEqual({ code: 'WD_ERR_FORBIDDEN' });
  });

  it('streams a turn to every tab of the principal and to nobody else', async () => {
    const config = loadConfig(base);
    const url = await start(config);
    const t1 = await token({ role: 'client', clientId: 'C0001' }, config);
    const tab1 = connect(url, t1);
    const tab2 = connect(url, t1);
    const stranger = connect(url, await token({ role: 'client', clientId: 'C0002' }, config));
    await Promise.all([connected(tab1), connected(tab2), connected(stranger)]);
    const c1 = collect(tab1);
    const c2 = collect(tab2);
    const cs = collect(stranger);
    const text = '我今年收益怎么样？';
    const ack = await tab1.timeout(5000).emitWithAck('message', { text, lang: 'zh' });
    expect(ack).toMatchObject({ ok: true, requestId: expect.any(String) });
    await Promise.all([c1.finished, c2.finished]);
    for (const c of [c1, c2]) {
      const names = c.events.map(([n]) => n).filter((n, i, a) => n !== 'token' || a[i - 1] !== 'token');
      expect(names).toEqual(['turn:start', 'tool_call', 'tool_result', 'token', 'done']);
      expect(c.events.every(([, p]) => p.requestId === ack.requestId)).toBe(true);
      const done = c.events.at(-1)![1].result;
      expect(c.events.filter(([n]) => n === 'token').map(([, p]) => p.text).join('')).toBe(done.answer);
      expect(done.answer).toBe(`Echo (${[...text].length}): ${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(cs.events).toEqual([]);

    // a follow-up continues the conversation; another principal cannot
    const convId = c1.events.at(-1)![1].result.conversationId;
    const c3 = collect(tab1);
    await tab1.timeout(5000).emitWithAck('message', { text: 'and in USD?', conversationId: convId });
    await c3.finished;
    expect(c3.events.at(-1)![1].result.conversationId).toBe(convId);
    expect(await stranger.timeout(5000).emitWithAck('message', { text: 'x', conversationId: convId })).toEqual({
      ok: false, error: { code: 'WD_ERR_UNKNOWN_CONVERSATION', message: 'Unknown conversation' },
    });
  });

  it('rejects bad messages in the ack and rate limits per principal', async () => {
    const config = loadConfig({ ...base, MAX_MESSAGE_CHARS: '100' });
    const url = await start(config);
    const s = connect(url, await token({ role: 'client', clientId: 'C0003' }, config));
    await connected(s);
    const ask = (p: unknown) => s.timeout(5000).emitWithAck('message', p);
    expect((await ask({ text: '  ' })).error.code).toBe('WD_ERR_MESSAGE_EMPTY');
    expect((await ask({ text: 'x'.repeat(101) })).error.code).toBe('WD_ERR_MESSAGE_TOO_LONG');
    expect((await ask('just a string')).error.code).toBe('WD_ERR_VALIDATION');
    // 3 rejected + 2 accepted = 5 = max; the 6th is limited
    const c = collect(s);
    expect((await ask({ text: 'one' })).ok).toBe(true);
    await c.finished;
    expect((await ask({ text: 'fail' })).ok).toBe(true);
    expect((await ask({ text: 'two' })).error.code).toBe('WD_ERR_RATE_LIMIT');
    // a failing turn reaches the room as one error event without internals
    await new Promise((r) => setTimeout(r, 100));
    const errors = c.events.filter(([n]) => n === 'error');
    expect(errors.map(([, p]) => [p.code, p.message])).toEqual([['WD_ERR_INTERNAL', 'Internal error']]);
  });

  it('JSON: the turn is aborted when the client disconnects', async () => {
    const config = loadConfig(base);
    const url = await start(config);
    const t = await token({ role: 'client', clientId: 'C0002' }, config);
    const before = agent.aborted.length;
    const ctl = new AbortController();
    const pending = fetch(`${url}/api/v1/chat`, {
      method: 'POST', signal: ctl.signal,
      headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hang' }),
    }).catch((e: unknown) => e);
    for (let i = 0; i < 50 && agent.calls.at(-1)?.text !== 'hang'; i++) await new Promise((r) => setTimeout(r, 20));
    ctl.abort();
    await pending;
    for (let i = 0; i < 50 && agent.aborted.length === before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(agent.aborted.length).toBe(before + 1);
  });

  it('SSE: heartbeats, and the turn is aborted when the client disconnects', async () => {
    const config = loadConfig(base);
    const url = await start(config);
    const t = await token({ role: 'client', clientId: 'C0001' }, config);
    const before = agent.aborted.length;
    const ctl = new AbortController();
    const res = await fetch(`${url}/api/v1/chat`, {
      method: 'POST', signal: ctl.signal,
      headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message: 'hang' }),
    });
    const reader = res.body!.getReader();
    let seen = '';
    for (let i = 0; i < 20 && !seen.includes(': ping'); i++) seen += new TextDecoder().decode((await reader.read()).value);
    expect(seen).toContain('event: start');
    expect(seen).toContain(': ping\n\n'); // heartbeat while the turn runs
    ctl.abort();
    for (let i = 0; i < 50 && agent.aborted.length === before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(agent.aborted.length).toBe(before + 1);
  });
});

describe.skipIf(!REDIS)('two nodes with the Redis adapter', () => {
  it('a message sent to one node reaches the principal on the other', async () => {
    const config = loadConfig({ ...base, REDIS_URL: REDIS });
    const [urlA, urlB] = [await start(config), await start(config)];
    const t = await token({ role: 'client', clientId: 'C0002' }, config);
    const onA = connect(urlA, t);
    const onB = connect(urlB, t);
    const otherOnB = connect(urlB, await token({ role: 'client', clientId: 'C0003' }, config));
    await Promise.all([connected(onA), connected(onB), connected(otherOnB)]);
    await new Promise((r) => setTimeout(r, 200)); // let the adapters' subscriptions settle
    const cb = collect(onB);
    const co = collect(otherOnB);
    const ack = await onA.timeout(5000).emitWithAck('message', { text: 'cross-node hello' });
    expect(ack.ok).toBe(true);
    await cb.finished;
    expect(cb.events.at(-1)).toEqual(['done', expect.objectContaining({ requestId: ack.requestId })]);
    expect(cb.events.at(-1)![1].result.answer).toBe('Echo (16): cross-node hello');
    expect(co.events).toEqual([]);
  });

  it("publishes a turn's events to Redis only while another node holds a socket of the principal", async () => {
    const config = loadConfig({ ...base, REDIS_URL: REDIS });
    const [urlA, urlB] = [await start(config), await start(config)];
    // A client of this test alone: other runs sharing the Redis server have sockets of C0001…
    const id = `Z${randomBytes(4).toString('hex')}`;
    await db.query(`INSERT INTO clients (id, advisor_id, name, name_en, base_currency, language, inception_date) VALUES ($1, 'A01', '客户', 'Client', 'CNY', 'zh', '2022-01-03')`, [id]);
    const t = await token({ role: 'client', clientId: id }, config);
    // What the adapters publish, by request id (msgpack keeps strings as bytes).
    const spy = new Redis(REDIS!);
    const published: Buffer[] = [];
    spy.on('pmessageBuffer', (_p: Buffer, _c: Buffer, m: Buffer) => published.push(m));
    await spy.psubscribe('wealthdesk#*');
    const publishedFor = (requestId: string) => published.filter((m) => m.includes(requestId)).length;
    try {
      const onA = connect(urlA, t);
      await connected(onA);
      await new Promise((r) => setTimeout(r, 200));
      const ca = collect(onA);
      const first = await onA.timeout(5000).emitWithAck('message', { text: 'only here' });
      await ca.finished;
      expect(ca.events.at(-1)).toEqual(['done', expect.objectContaining({ requestId: first.requestId })]);
      await new Promise((r) => setTimeout(r, 200));
      expect(publishedFor(first.requestId)).toBe(0);

      const onB = connect(urlB, t);
      await connected(onB);
      await new Promise((r) => setTimeout(r, 200));
      const [ca2, cb] = [collect(onA), collect(onB)];
      const second = await onA.timeout(5000).emitWithAck('message', { text: 'both nodes' });
      await Promise.all([ca2.finished, cb.finished]);
      expect(cb.events.at(-1)).toEqual(['done', expect.objectContaining({ requestId: second.requestId })]);
      await new Promise((r) => setTimeout(r, 200));
      // Each event once, as the socket on B received it.
      expect(cb.events.length).toBeGreaterThan(2);
      expect(publishedFor(second.requestId)).toBe(cb.events.length);

      // B's socket gone: back to this node only.
      onB.disconnect();
      await new Promise((r) => setTimeout(r, 200));
      const ca3 = collect(onA);
      const third = await onA.timeout(5000).emitWithAck('message', { text: 'here again' });
      await ca3.finished;
      expect(ca3.events.at(-1)![1].result.answer).toBe('Echo (10): here again');
      await new Promise((r) => setTimeout(r, 200));
      expect(publishedFor(third.requestId)).toBe(0);
    } finally {
      spy.disconnect();
    }
  });
});
