/**
 * Hostile input: prototype poisoning over HTTP and socket.io, huge and deeply nested
 * bodies, invalid UTF-8, wrong content types, header injection, path traversal on the
 * static routes, and an SSE client that disconnects mid-turn. Every bad input gets a
 * clear 4xx and nothing already stored is lost.
 */
import { connect as tcpConnect } from 'node:net';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentService } from '../../src/agents/agent-service.js';
import { openTestPglite } from '../../src/db/testing.js';
import type { AgentService } from '../../src/server/types.js';
import { bearer, config, people, startTarget, tokenFor, type Target } from './harness.js';

let t: Target;
let url: string;
let token: string;
/** When set, the next turn waits for its client to go away before the real turn service runs it. */
let holdNext = false;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTarget(openTestPglite, {
    agent: (db): AgentService => {
      const real = createAgentService({ db, config });
      return {
        modelName: real.modelName,
        async runTurn(req, onEvent, signal) {
          if (holdNext) {
            holdNext = false;
            await new Promise<void>((resolve) => {
              if (signal?.aborted) resolve();
              signal?.addEventListener('abort', () => resolve());
              setTimeout(resolve, 5000).unref();
            });
          }
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

const post = (payload: string | Buffer, headers: Record<string, string> = {}, path = '/api/v1/chat') =>
  t.app.inject({ method: 'POST', url: path, headers: { ...bearer(token), 'content-type': 'application/json', ...headers }, payload });
const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0].n;
const turns = () => count('SELECT count(*)::int AS n FROM turns');

/** Sends raw bytes over TCP and resolves with the raw response head and body. */
function raw(request: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = tcpConnect(Number(port), '127.0.0.1');
    let out = '';
    s.on('data', (d) => (out += String(d)));
    s.on('end', () => resolve(out));
    s.on('error', reject);
    s.setTimeout(3000, () => {
      s.destroy();
      resolve(out);
    });
    s.write(request);
  });
}

describe('prototype poisoning', () => {
  it('Fastify is configured to refuse it, and the one JSON parser refuses it at any depth on every route', async () => {
    expect(t.app.initialConfig).toMatchObject({ onProtoPoisoning: 'error', onConstructorPoisoning: 'error' });
    const before = await turns();
    const bodies = [
      '{"message":"hi","__proto__":{"isAdmin":true}}',
      '{"message":"hi","constructor":{"prototype":{"isAdmin":true}}}',
      '{"message":"hi","lang":"zh","x":[{"y":{"__proto__":{"polluted":1}}}]}',
      '{"message":"hi","\\u005f_proto__":{"isAdmin":true}}',
    ];
    for (const body of bodies) {
      const r = await post(body);
      expect([r.statusCode, r.json().code], body).toEqual([400, 'WD_ERR_BAD_JSON']);
    }
    const compliance = bearer(await tokenFor({ role: 'compliance', reviewerId: 'R01' }));
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/compliance/retention', headers: { ...compliance, 'content-type': 'application/json' }, payload: '{"auditRetentionDays":3650,"vaultRetentionDays":365,"__proto__":{"by":"x"}}' });
    expect(put.statusCode).toBe(400);
    const demo = await t.app.inject({ method: 'POST', url: '/api/v1/demo/token', headers: { 'content-type': 'application/json' }, payload: '{"as":"client:C0001","constructor":{"prototype":{"role":"advisor"}}}' });
    expect(demo.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await turns()).toBe(before);
    // a key merely named like one is fine when it is not a prototype
    expect((await post('{"message":"constructor 是什么意思"}')).statusCode).toBe(200);
  });

  it('socket.io payloads pass the same checks and the same zod schema', async () => {
    const s = ioClient(`${url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    const before = await turns();
    const send = (p: unknown) => s.timeout(5000).emitWithAck('message', p);
    expect(await send(JSON.parse('{"text":"hi","__proto__":{"isAdmin":true}}'))).toMatchObject({ ok: false, error: { code: 'WD_ERR_BAD_JSON' } });
    expect(await send(JSON.parse('{"text":"hi","constructor":{"prototype":{"isAdmin":true}}}'))).toMatchObject({ ok: false, error: { code: 'WD_ERR_BAD_JSON' } });
    expect(await send({ text: 'hi', role: 'advisor' })).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION' } });
    expect(await send('just a string')).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION' } });
    expect(await send([{ text: 'hi' }])).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION' } });
    expect(await send({ text: 12 })).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION' } });
    expect(await turns()).toBe(before);
  });
});

describe('size, depth, encoding, content type', () => {
  it('huge bodies are 413 before parsing; an over-long message is 413 with its limit; the server keeps serving', async () => {
    const big = await post(JSON.stringify({ message: 'x'.repeat(2_000_000) }));
    expect([big.statusCode, big.json().code]).toEqual([413, 'WD_ERR_MESSAGE_TOO_LONG']);
    const long = await post(JSON.stringify({ message: '长'.repeat(config.MAX_MESSAGE_CHARS + 1) }));
    expect([long.statusCode, long.json().details]).toEqual([413, { maxChars: config.MAX_MESSAGE_CHARS, length: config.MAX_MESSAGE_CHARS + 1 }]);
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  });

  it('deep nesting is refused without a stack overflow', async () => {
    for (const body of ['['.repeat(9000) + ']'.repeat(9000), '{"a":'.repeat(2000) + '1' + '}'.repeat(2000), `{"message":"hi","x":${'['.repeat(40)}${']'.repeat(40)}}`]) {
      const r = await post(body);
      expect([r.statusCode, r.json().code]).toEqual([400, 'WD_ERR_BAD_JSON']);
    }
  });

  it('invalid UTF-8 is refused, never silently replaced; valid multi-byte text round-trips', async () => {
    const before = await turns();
    for (const bad of [[0xff, 0xfe], [0xc3], [0xed, 0xa0, 0x80] /* a lone surrogate */, [0xe6, 0x88]]) {
      const body = Buffer.concat([Buffer.from('{"message":"我的持仓'), Buffer.from(bad), Buffer.from('"}')]);
      const r = await post(body);
      expect([r.statusCode, r.json().code, r.json().message]).toEqual([400, 'WD_ERR_BAD_JSON', 'Body is not valid UTF-8']);
    }
    expect(await turns()).toBe(before);
    const ok = await post(Buffer.from(JSON.stringify({ message: '我的持仓怎么样 😀' }), 'utf8'));
    expect(ok.statusCode).toBe(200);
    const stored = await t.db.query<{ user_text: string }>('SELECT user_text FROM turns WHERE id = $1', [ok.json().turnId]);
    expect(stored.rows[0].user_text).toBe('我的持仓怎么样 😀');
  });

  it('anything but JSON is 415; malformed JSON is 400 and never quoted back', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonp']) {
      const r = await post('message=hi', { 'content-type': type });
      expect([r.statusCode, r.json().code], type).toEqual([415, 'WD_ERR_VALIDATION']);
    }
    const r = await post('{"message":"我的手机13812345678" trailing');
    expect([r.statusCode, r.json().code]).toEqual([400, 'WD_ERR_BAD_JSON']);
    expect(r.body).not.toContain('13812345678');
    expect(r.body).not.toContain('trailing');
  });
});

describe('headers and paths', () => {
  it('a header with CR/LF is refused by the HTTP parser; an id with CRLF cannot reach a response header', async () => {
    const head = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Evil: a\rSet-Cookie: pwned=1\r\n\r\n');
    expect(head.startsWith('HTTP/1.1 400')).toBe(true);
    const compliance = bearer(await tokenFor({ role: 'compliance', reviewerId: 'R01' }));
    const r = await t.app.inject({ url: '/api/v1/compliance/conversations/00000000-0000-4000-8000-000000000000%0d%0aSet-Cookie:%20pwned=1/evidence', headers: compliance });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  });

  it('static routes serve only their listed files: traversal in any encoding is a 404', async () => {
    const paths = [
      '/..%2f..%2fetc/passwd',
      '/demo/..%2f..%2fpackage.json',
      '/demo/%2e%2e%2f%2e%2e%2fpackage.json',
      '/demo/%252e%252e%252fpackage.json',
      '/demo/..%5c..%5cpackage.json',
      '/demo/demo.js%00.html',
      '/compliance/..%2f..%2f..%2fpackage.json',
      '/compliance/%2e%2e%2fdemo%2fdemo.js',
      '/compliance/index.html',
      '/socket.io/..%2f..%2fpackage.json',
    ];
    for (const p of paths) {
      const r = await t.app.inject(p);
      expect(r.statusCode, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toMatch(/root:x:0|"name":\s*"wealthdesk"|"dependencies"/);
    }
    for (const p of ['/demo/../../package.json', '/compliance/../../../etc/passwd', '/../../etc/passwd']) {
      const res = await raw(`GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(res, p).toMatch(/^HTTP\/1\.1 (?:400|404)/);
      expect(res, p).not.toMatch(/root:x:0|"dependencies"/);
    }
  });
});

describe('SSE client that disconnects mid-turn', () => {
  it('no crash; the turn is still stored; the next request is served', async () => {
    const before = await turns();
    holdNext = true;
    const ac = new AbortController();
    const res = await fetch(`${url}/api/v1/chat`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message: '我的持仓怎么样？断线测试' }),
      signal: ac.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const reader = res.body!.getReader();
    await reader.read(); // the stream is open
    ac.abort();
    let stored: { status: string; user_text: string }[] = [];
    for (let i = 0; i < 100 && stored.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stored = (await t.db.query<{ status: string; user_text: string }>(`SELECT status, user_text FROM turns WHERE user_text LIKE '%断线测试%'`)).rows;
    }
    expect(stored).toHaveLength(1);
    expect(stored[0].user_text).toBe('我的持仓怎么样？断线测试');
    expect(await turns()).toBe(before + 1);
    const next = await post(JSON.stringify({ message: '我的持仓怎么样' }));
    expect(next.statusCode).toBe(200);
  });

  it('a rejected message in a conversation loses nothing already stored', async () => {
    const first = await post(JSON.stringify({ message: '我的持仓怎么样' }));
    const conversationId = first.json().conversationId as string;
    const messages = () => count(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = '${conversationId}'`);
    const n = await messages();
    for (const body of [`{"message":"","conversationId":"${conversationId}"}`, `{"message":"hi","conversationId":"${conversationId}","extra":1}`, `{"message":"hi","conversationId":"${conversationId}"`]) {
      expect((await post(body)).statusCode).toBe(400);
    }
    expect(await messages()).toBe(n);
    const again = await post(JSON.stringify({ message: '风险如何', conversationId }));
    expect(again.statusCode).toBe(200);
    expect(await messages()).toBeGreaterThan(n);
  });
});
