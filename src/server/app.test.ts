import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens.js';
import { loadConfig } from '../config.js';
import type { Db } from '../db/db.js';
import { openTestPglite } from '../db/testing.js';
import { insertDemoPeople } from '../../test/helpers/demo-rows.js';
import { scriptedAgent, type ScriptedAgent } from '../../test/helpers/scripted-agent.js';
import { DESCRIBED_OPERATIONS } from './openapi.js';
import { buildApp } from './app.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MAX_MESSAGE_CHARS: '4000' });
let db: Db;
let app: FastifyInstance;
let agent: ScriptedAgent;
const logLines: string[] = [];

const auth = (t: string) => ({ authorization: `Bearer ${t}` });
const tokenFor = (as: string) =>
  app.inject({ method: 'POST', url: '/api/v1/demo/token', payload: { as } }).then((r) => r.json().token as string);
const chat = (token: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...auth(token), ...headers }, payload: payload as object });

/** Parses an SSE body into [event, data] pairs (comments skipped). */
function sseEvents(body: string): { event: string; data: any }[] {
  return body
    .split('\n\n')
    .filter((f) => f.startsWith('event: '))
    .map((f) => {
      const [ev, data] = f.split('\n');
      return { event: ev.slice('event: '.length), data: JSON.parse(data.slice('data: '.length)) };
    });
}

beforeAll(async () => {
  db = await openTestPglite();
  await insertDemoPeople(db, 12);
  agent = scriptedAgent(db);
  const sink = new Writable({ write(chunk, _enc, cb) { logLines.push(String(chunk)); cb(); } });
  app = await buildApp({ db, config, agent, logger: pino({ level: 'info' }, sink), rateLimit: { max: 8, windowMs: 60_000 } });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('public routes', () => {
  it('healthz answers without a token and names the store and model', async () => {
    const r = await app.inject('/healthz');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true, store: 'pglite', model: 'scripted-test-agent' });
  });

  it('unknown routes are 404 in the error shape', async () => {
    const r = await app.inject('/api/v1/nope');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ statusCode: 404, code: 'WD_ERR_NOT_FOUND', error: 'Not Found' });
  });

  it('serves the demo page and only its listed assets', async () => {
    const page = await app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('/socket.io/socket.io.min.js');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await app.inject('/demo/demo.js')).statusCode).toBe(200);
    expect((await app.inject('/demo/demo.css')).headers['content-type']).toContain('text/css');
    expect((await app.inject('/demo/index.html')).statusCode).toBe(404);
    expect((await app.inject('/demo/..%2F..%2Fpackage.json')).statusCode).toBe(404);
  });

  it('lists the first 10 clients by id as demo personas', async () => {
    const r = await app.inject('/api/v1/demo/clients');
    const { clients } = r.json();
    expect(clients.map((c: { id: string }) => c.id)).toEqual(Array.from({ length: 10 }, (_, i) => `C${String(i + 1).padStart(4, '0')}`));
    expect(clients[4]).toEqual({ id: 'C0005', name: '客户5', nameEn: 'Client 5', baseCurrency: 'USD', language: 'zh', riskLevel: null });
  });
});

/**
 * Fastify's own route table (`printRoutes`, a tree of path segments with their methods),
 * flattened to `METHOD /path` with OpenAPI's `{param}` syntax; HEAD (added by Fastify for
 * each GET) is left out.
 */
function registeredRoutes(tree: string): string[] {
  const out: string[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([\s│├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m || !m[2]) continue;
    const depth = m[1].length;
    while (stack.length && stack.at(-1)!.depth >= depth) stack.pop();
    const path = (stack.at(-1)?.path ?? '') + m[2];
    stack.push({ depth, path });
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) out.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return out.sort();
}

describe('OpenAPI document', () => {
  it('has exactly the routes Fastify serves, each with a written summary, and /docs renders it', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { summary: string }>> };
    const documented = Object.entries(doc.paths).flatMap(([path, m]) => Object.keys(m).map((method) => `${method.toUpperCase()} ${path}`)).sort();
    const served = registeredRoutes(app.printRoutes({ commonPrefix: false }));
    expect(served.length).toBeGreaterThan(20);
    expect(documented).toEqual(served);
    const undescribed = Object.entries(doc.paths).flatMap(([path, m]) => Object.entries(m).filter(([method, op]) => op.summary === `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`).map(([method]) => `${method} ${path}`));
    expect(undescribed).toEqual([]);
    expect(DESCRIBED_OPERATIONS.filter((k) => !served.includes(k.replace(/:(\w+)/g, '{$1}')))).toEqual([]); // no description of a route that is gone
    const page = await app.inject('/docs');
    expect([page.statusCode, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(page.body).toContain('/docs/docs.js');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await app.inject('/docs/docs.js')).body).toContain('/api/v1/openapi.json');
    expect((await app.inject('/docs/index.html')).statusCode).toBe(404);
  });


  it('lists every route, with security that matches what the server enforces', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, m]) => Object.entries(m).map(([method, op]) => ({ path, method, op })));
    const keys = ops.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    for (const k of ['POST /api/v1/chat', 'GET /api/v1/conversations/{id}/messages', 'GET /healthz', 'POST /api/v1/demo/token']) expect(keys).toContain(k);
    expect(ops.find((o) => o.path === '/api/v1/chat')!.op.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object', required: ['message'], additionalProperties: false,
    });
    // the SSE events, in the order they come, with the activity line of a running tool
    const ok = ops.find((o) => o.path === '/api/v1/chat')!.op.responses[200];
    expect(Object.keys(ok['x-sse-events'])).toEqual(['start', 'tool_call', 'activity', 'tool_result', 'token', 'done', 'error']);
    expect(ok['x-sse-events'].activity).toMatchObject({ required: ['id', 'tool', 'text'] });
    expect(ok.content).toHaveProperty(['text/event-stream']);
    for (const { path, method, op } of ops) {
      const url = path.replace('{id}', '00000000-0000-4000-8000-000000000000').replace('{file}', 'demo.js');
      const r = await app.inject({ method: method.toUpperCase() as 'GET' | 'POST', url, ...(method === 'post' ? { payload: {} } : {}) });
      expect([path, r.statusCode === 401], `${method} ${path}`).toEqual([path, op.security.length > 0]);
    }
  });
});

describe('auth', () => {
  it('demo token: existing client/advisor only', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/v1/demo/token', payload: { as: 'client:C0003' } });
    expect(ok.json()).toMatchObject({ principal: { role: 'client', clientId: 'C0003' }, expiresIn: 3600 });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/demo/token', payload: { as: 'client:C9999' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('WD_ERR_UNKNOWN_CLIENT');
    const adv = await app.inject({ method: 'POST', url: '/api/v1/demo/token', payload: { as: 'advisor:A77' } });
    expect(adv.json()).toMatchObject({ statusCode: 404, code: 'WD_ERR_UNKNOWN_ADVISOR' });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/demo/token', payload: { as: 'root' } });
    expect(bad.json()).toMatchObject({ statusCode: 400, code: 'WD_ERR_VALIDATION' });
  });

  it('protected routes need a valid, unexpired token of an allowed role', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/chat', payload: { message: 'hi' } })).json()).toMatchObject({ statusCode: 401, code: 'WD_ERR_UNAUTHENTICATED' });
    const forged = await signToken({ role: 'client', clientId: 'C0001' }, { secret: 'z'.repeat(40) });
    expect((await chat(forged, { message: 'hi' })).statusCode).toBe(401);
    const expired = await signToken({ role: 'client', clientId: 'C0001' }, { secret: config.AUTH_SECRET, ttlSeconds: -5 });
    expect((await chat(expired, { message: 'hi' })).json()).toMatchObject({ statusCode: 401, message: 'Token expired' });
    const compliance = await signToken({ role: 'compliance', reviewerId: 'R01' }, { secret: config.AUTH_SECRET });
    expect((await chat(compliance, { message: 'hi' })).json()).toMatchObject({ statusCode: 403, code: 'WD_ERR_FORBIDDEN' });
    // compliance may still read its own (empty) history
    expect((await app.inject({ url: '/api/v1/conversations', headers: auth(compliance) })).json()).toEqual({ conversations: [] });
  });

  it('demo routes do not exist outside demo mode', async () => {
    const prod = await buildApp({ db, agent, config: loadConfig({ NODE_ENV: 'test', DEMO_MODE: 'false', LOG_LEVEL: 'silent' }) });
    try {
      expect((await prod.inject({ method: 'POST', url: '/api/v1/demo/token', payload: { as: 'client:C0001' } })).statusCode).toBe(404);
      expect((await prod.inject('/api/v1/demo/clients')).statusCode).toBe(404);
    } finally {
      await prod.close();
    }
  });
});

describe('chat over HTTP', () => {
  it('JSON: runs a turn for the token principal and keeps the history', async () => {
    const t = await tokenFor('client:C0001');
    const text = '我的组合现在值多少钱？';
    const r = await chat(t, { message: `  ${text} `, lang: 'zh' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.answer).toBe(`Echo (${[...text].length}): ${text}`);
    expect(body.toolCalls[0]).toMatchObject({ name: 'echo', result: { length: 11 } });
    expect(agent.calls.at(-1)).toMatchObject({ principal: { role: 'client', clientId: 'C0001' }, text, lang: 'zh' });

    const follow = await chat(t, { message: 'and in USD?', conversationId: body.conversationId });
    expect(follow.json().conversationId).toBe(body.conversationId);
    const list = (await app.inject({ url: '/api/v1/conversations', headers: auth(t) })).json();
    expect(list.conversations.map((c: { id: string }) => c.id)).toContain(body.conversationId);
    const msgs = (await app.inject({ url: `/api/v1/conversations/${body.conversationId}/messages`, headers: auth(t) })).json();
    expect(msgs.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', text], ['assistant', body.answer], ['user', 'and in USD?'], ['assistant', 'Echo (11): and in USD?'],
    ]);

    // another client sees none of it and cannot continue it
    const other = await tokenFor('client:C0002');
    expect((await app.inject({ url: `/api/v1/conversations/${body.conversationId}/messages`, headers: auth(other) })).json()).toMatchObject({ statusCode: 404, code: 'WD_ERR_UNKNOWN_CONVERSATION' });
    expect((await chat(other, { message: 'hi', conversationId: body.conversationId })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/conversations', headers: auth(other) })).json().conversations.map((c: { id: string }) => c.id)).not.toContain(body.conversationId);
    expect((await app.inject({ url: '/api/v1/conversations/not-a-uuid/messages', headers: auth(other) })).statusCode).toBe(404);
  });

  it('validates input with clear codes', async () => {
    const t = await tokenFor('client:C0004');
    const cases: [unknown, number, string][] = [
      [{ message: '   ' }, 400, 'WD_ERR_MESSAGE_EMPTY'],
      [{ message: 'x'.repeat(100 * 1024) }, 413, 'WD_ERR_MESSAGE_TOO_LONG'],
      [{ message: '字'.repeat(4001) }, 413, 'WD_ERR_MESSAGE_TOO_LONG'],
      [{ message: 42 }, 400, 'WD_ERR_VALIDATION'],
      [{ text: 'hi' }, 400, 'WD_ERR_VALIDATION'],
      [{ message: 'hi', admin: true }, 400, 'WD_ERR_VALIDATION'],
      [{ message: 'hi', conversationId: '../1' }, 400, 'WD_ERR_VALIDATION'],
      [{ message: 'hi', lang: 'fr' }, 400, 'WD_ERR_VALIDATION'],
      [[1, 2], 400, 'WD_ERR_VALIDATION'],
    ];
    for (const [payload, status, code] of cases) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/chat', payload: JSON.stringify(payload), headers: { ...auth(t), 'content-type': 'application/json' } });
      expect([r.statusCode, r.json().code], JSON.stringify(payload).slice(0, 60)).toEqual([status, code]);
      expect(r.json().error).toBeTypeOf('string');
    }
    const badJson = await app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...auth(t), 'content-type': 'application/json' }, payload: '{"message": "hi"' });
    expect(badJson.json()).toMatchObject({ statusCode: 400, code: 'WD_ERR_BAD_JSON' });
  });

  it('a burst of bad input does not hurt the server; a good request still works', async () => {
    const t = await tokenFor('client:C0006');
    const bad = [
      () => app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...auth(t), 'content-type': 'application/json' }, payload: '\u0000\u0001{{' }),
      () => app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...auth(t), 'content-type': 'application/json' }, payload: '{"__proto__": {"admin": true}, "message": "x"}' }),
      () => app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...auth(t), 'content-type': 'application/xml' }, payload: '<a/>' }),
      () => app.inject({ method: 'POST', url: '/api/v1/chat', headers: { authorization: 'Bearer ' + 'a'.repeat(5000) }, payload: { message: 'x' } }),
      () => app.inject({ method: 'GET', url: '/api/v1/conversations/%ZZ/messages', headers: auth(t) }),
      () => app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...auth(t), 'content-type': 'text/plain' }, payload: 'hello' }),
    ];
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => bad[i % bad.length]()));
    for (const r of results) {
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json().code).toMatch(/^WD_ERR_/);
    }
    const good = await chat(t, { message: 'still there?' });
    expect(good.json().answer).toBe('Echo (12): still there?');
  });

  it('internal failures are 500 without internals', async () => {
    const t = await tokenFor('client:C0007');
    const r = await chat(t, { message: 'fail' });
    expect(r.json()).toEqual({ statusCode: 500, code: 'WD_ERR_INTERNAL', error: 'Internal Server Error', message: 'Internal error' });
  });

  it('SSE: start, tool events, tokens, then done with the result', async () => {
    const t = await tokenFor('client:C0008');
    const r = await chat(t, { message: 'how risky is my portfolio' }, { accept: 'text/event-stream' });
    expect(r.headers['content-type']).toContain('text/event-stream');
    const ev = sseEvents(r.body);
    expect(ev.map((e) => e.event).filter((e, i, a) => e !== 'token' || a[i - 1] !== 'token')).toEqual(['start', 'tool_call', 'tool_result', 'token', 'done']);
    const done = ev.at(-1)!.data;
    expect(ev.filter((e) => e.event === 'token').map((e) => e.data.text).join('')).toBe(done.answer);
    expect(done.answer).toBe('Echo (25): how risky is my portfolio');
    expect(ev[0].data.conversationId).toBe(done.conversationId);
    // every frame is `event:` + one `data:` line
    for (const f of r.body.split('\n\n').filter((x) => x && !x.startsWith(':'))) expect(f.split('\n')).toHaveLength(2);
  });

  it('SSE: a failing turn ends with one error event', async () => {
    const t = await tokenFor('client:C0009');
    const ev = sseEvents((await chat(t, { message: 'fail' }, { accept: 'text/event-stream' })).body);
    expect(ev.map((e) => e.event)).toEqual(['start', 'error']);
    expect(ev[1].data).toEqual({ code: 'WD_ERR_INTERNAL', message: 'Internal error' });
  });

  it('rate limits chat per principal with 429', async () => {
    const a = await tokenFor('client:C0010');
    const b = await tokenFor('client:C0011');
    const codes: number[] = [];
    for (let i = 0; i < 9; i++) codes.push((await chat(a, { message: `q${i}` })).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    const limited = await chat(a, { message: 'again' });
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'WD_ERR_RATE_LIMIT' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await chat(b, { message: 'me too' })).statusCode).toBe(200);
  });

  it('metrics count turns; logs carry neither tokens nor message text', async () => {
    const text = 'secret-phrase-4711';
    const t = await tokenFor('client:C0012');
    await chat(t, { message: text });
    const m = (await app.inject('/metrics')).body;
    const okCount = Number(/wealthdesk_turn_duration_seconds_count\{transport="http",outcome="ok"\} (\d+)/.exec(m)?.[1]);
    expect(okCount).toBe(agent.calls.filter((c) => c.text !== 'fail' && c.text !== 'hang').length - 1); // minus the SSE turn
    expect(m).toMatch(/wealthdesk_turns_total\{transport="sse",outcome="error"\} 1/);
    const logs = logLines.join('');
    expect(logs).toContain('"url":"/api/v1/chat"');
    expect(logs).not.toContain(text);
    expect(logs).not.toContain(t);
  });
});
