/**
 * What leaves the server: 5xx bodies (JSON, SSE and socket.io) carry a code and a fixed
 * text, never a stack, SQL or an internal message; the captured pino output of a PII-laden
 * conversation holds no bearer token, no unmasked PII and no message body; error messages
 * echo input only short and masked; the model and the store only ever see masked text.
 */
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentService } from '../../src/agents/agent-service.js';
import { openTestPglite } from '../../src/db/testing.js';
import { WealthDeskError } from '../../src/errors.js';
import type { AgentService } from '../../src/server/types.js';
import { bearer, config, people, startTarget, tokenFor, type Target } from './harness.js';

const ID = '11010519491231002X';
const PHONE = '13812345678';
const PII_MESSAGE = `我的身份证${ID}，手机${PHONE}`;
/** A marker only a message body contains, to look for in the logs. */
const BODY_MARKER = '帮我看看持仓谢谢ZQXJ';
const SQL = `SELECT * FROM clients WHERE id = 'C0001' AND phone = '${PHONE}'`;

let t: Target;
let url: string;
let token: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTarget(openTestPglite, {
    agent: (db): AgentService => {
      const real = createAgentService({ db, config });
      return {
        modelName: real.modelName,
        async runTurn(req, onEvent, signal) {
          if (req.text === 'FAIL_SQL') {
            const e = new Error(`syntax error at or near "WHERE" in ${SQL}`);
            e.stack = `Error: ${e.message}\n    at Query.run (/work/main/src/db/pg.ts:42:11)\n    at secretInternals (/srv/app.js:1:1)`;
            throw e;
          }
          if (req.text === 'FAIL_DB') throw new WealthDeskError('WD_ERR_DB', `duplicate key value violates unique constraint; DETAIL: Key (phone)=(${PHONE}) ${SQL}`);
          return real.runTurn(req, onEvent, signal);
        },
      };
    },
  });
  url = await t.listen();
  const { book } = await people(t.db);
  token = await tokenFor({ role: 'client', clientId: [...book.values()][0][0].id });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.close();
});

const chat = (message: string, accept = 'application/json') =>
  t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...bearer(token), accept }, payload: { message } });
const leaks = (s: string) => [/at \S+ \(/, /\.ts:\d+/, /SELECT \*/, /syntax error/, /duplicate key/, new RegExp(PHONE), /secretInternals/].filter((re) => re.test(s));

describe('5xx bodies', () => {
  it('JSON: an unexpected error is 500 "Internal error"; a store error is 503 with its fixed text', async () => {
    const a = await chat('FAIL_SQL');
    expect(a.json()).toEqual({ statusCode: 500, code: 'WD_ERR_INTERNAL', error: 'Internal Server Error', message: 'Internal error' });
    const b = await chat('FAIL_DB');
    expect(b.json()).toEqual({ statusCode: 503, code: 'WD_ERR_DB', error: 'Service Unavailable', message: 'Database error' });
    expect(leaks(a.body + b.body)).toEqual([]);
  });

  it('SSE and socket.io: the error event carries the code and the fixed text only', async () => {
    const sse = await chat('FAIL_DB', 'text/event-stream');
    expect(sse.body).toContain('event: error\ndata: {"code":"WD_ERR_DB","message":"Database error"}');
    expect(leaks(sse.body)).toEqual([]);
    const s = ioClient(`${url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    for (const [text, code, message] of [['FAIL_SQL', 'WD_ERR_INTERNAL', 'Internal error'], ['FAIL_DB', 'WD_ERR_DB', 'Database error']]) {
      const got = new Promise<Record<string, unknown>>((resolve) => s.once('error', resolve));
      const ack = await s.timeout(5000).emitWithAck('message', { text });
      const err = await got;
      expect(err).toEqual({ requestId: ack.requestId, code, message });
    }
  });
});

describe('logs', () => {
  it('hold no bearer token, no unmasked PII and no message body, over HTTP, SSE and socket.io', async () => {
    t.logs.length = 0;
    const r = await chat(`${PII_MESSAGE}，${BODY_MARKER}`);
    expect(r.statusCode).toBe(200);
    await chat(`${PII_MESSAGE}，${BODY_MARKER}`, 'text/event-stream');
    const s = ioClient(`${url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(s);
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    const done = new Promise<void>((resolve) => s.once('done', () => resolve()));
    await s.timeout(5000).emitWithAck('message', { text: `${PII_MESSAGE}，${BODY_MARKER}` });
    await done;
    // errors whose messages quote PII are logged masked
    await chat('FAIL_SQL');
    await chat('FAIL_DB');
    await t.app.inject({ url: `/api/v1/conversations/${PHONE}?q=${ID}&token=${token}`, headers: bearer(token) });
    const log = t.logs.join('');
    expect(log).toContain('"statusCode":500'); // the failures were logged
    expect(log).toContain('[PHONE_1]');
    for (const secret of [ID, PHONE, BODY_MARKER, ...token.split('.')]) expect(log, secret.slice(0, 12)).not.toContain(secret);
    expect(log).not.toMatch(/"authorization"/i);
  });

  it('metrics (public) carry route templates, never ids or PII', async () => {
    await t.app.inject({ url: `/api/v1/conversations/${PHONE}/messages`, headers: bearer(token) });
    const m = (await t.app.inject('/metrics')).body;
    expect(m).not.toContain(PHONE);
    expect(m).toContain('/api/v1/conversations/:id/messages');
  });
});

describe('echoed input', () => {
  it('is short and masked in 4xx messages', async () => {
    const nf = (await t.app.inject(`/api/v1/lookup/${PHONE}/${ID}`)).json();
    expect(nf.message).toBe('Route GET /api/v1/lookup/[PHONE_1]/[ID_CARD_1] not found');
    const long = (await t.app.inject(`/api/v1/${'a'.repeat(5000)}`)).json();
    expect(long.message.length).toBeLessThanOrEqual(140);
    const badUrl = await t.app.inject(`/api/v1/conversations/${PHONE}%E0%A4%A`);
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.body).not.toContain(PHONE);
  });

  it('the model and the store see only masked text; the vault keeps the originals encrypted', async () => {
    const r = (await chat(`${PII_MESSAGE}，我的持仓怎么样`)).json();
    const rows = await t.db.query<{ content: string; role: string }>('SELECT role, content FROM messages WHERE conversation_id = $1 ORDER BY seq', [r.conversationId]);
    const user = rows.rows.find((m) => m.role === 'user')!;
    expect(user.content).toBe('我的身份证[ID_CARD_1]，手机[PHONE_1]，我的持仓怎么样');
    const everything = JSON.stringify(rows.rows) + JSON.stringify(r) +
      JSON.stringify((await t.db.query('SELECT * FROM turns WHERE conversation_id = $1', [r.conversationId])).rows) +
      JSON.stringify((await t.db.query('SELECT payload FROM audit_events WHERE conversation_id = $1', [r.conversationId])).rows);
    expect(everything).not.toContain(ID);
    expect(everything).not.toContain(PHONE);
    const vault = JSON.stringify((await t.db.query('SELECT * FROM pii_vault WHERE conversation_id = $1', [r.conversationId])).rows);
    expect(vault).not.toContain(PHONE);
    expect(vault).toMatch(/v1\.\w+\./); // field-encryption envelopes
  });

  it('full-width digits and zero-width characters do not smuggle an identifier past masking', async () => {
    const fullWidth = (x: string) => [...x].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const message = `身份证${fullWidth(ID)}，手机${PHONE.slice(0, 3)}\u200b${PHONE.slice(3, 7)}\u2060${PHONE.slice(7)}，我的持仓怎么样 👨\u200d👩\u200d👧`;
    const r = (await chat(message)).json();
    const stored = (await t.db.query<{ user_text: string }>('SELECT user_text FROM turns WHERE id = $1', [r.turnId])).rows[0].user_text;
    expect(stored).toBe('身份证[ID_CARD_1]，手机[PHONE_1]，我的持仓怎么样 👨\u200d👩\u200d👧');
    const model = (await t.db.query<{ content: string }>(`SELECT content FROM messages WHERE turn_id = $1 AND role = 'user'`, [r.turnId])).rows[0].content;
    expect(model).toBe(stored);
  });
});
