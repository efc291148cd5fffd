/**
 * Authorization of every route the server publishes (read from its own OpenAPI
 * document, so a new route is covered the day it is added) and of every socket.io
 * entry point, for no token and each role; the compliance-only routes and the audited
 * unmask; an advisor reaching for a client outside the book. (Conversation IDOR, per
 * store: idor.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import { openTestPglite } from '../../src/db/testing.js';
import { bearer, people, startTarget, tokenFor, type Target } from './harness.js';

let t: Target;
let advisor: string;
let outsider: { id: string; name: string; advisor: string };
let clientA: string;
let clientB: string;
const tokens: Record<string, string> = {};
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTarget(openTestPglite);
  const { advisors, book } = await people(t.db);
  advisor = advisors[0];
  [clientA, clientB] = book.get(advisor)!.map((c) => c.id);
  const o = book.get(advisors[1])![0];
  outsider = { ...o, advisor: advisors[1] };
  const ps: Record<string, Principal> = {
    client: { role: 'client', clientId: clientA },
    clientB: { role: 'client', clientId: clientB },
    advisor: { role: 'advisor', advisorId: advisor },
    compliance: { role: 'compliance', reviewerId: 'R01' },
  };
  for (const [k, p] of Object.entries(ps)) tokens[k] = await tokenFor(p);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.close();
});

const chat = (who: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: bearer(tokens[who]), payload });

describe('every route in /api/v1/openapi.json', () => {
  it('refuses no token (401) and each role outside x-roles (403), and lets allowed roles past auth', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { security: unknown[]; 'x-roles'?: string[] }>> };
    const checked: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = path.replace(/\{\w+\}/g, randomUUID());
        // An invalid body: an allowed role gets past auth and stops at validation, nothing runs.
        const send = (headers: Record<string, string>) =>
          t.app.inject({ method: method.toUpperCase() as 'GET', url, headers, ...(method === 'get' ? {} : { payload: { purge: 'not-a-boolean', to: 'nowhere' } }) });
        if (op.security.length === 0) {
          expect((await send({})).statusCode, `${method} ${path} is public`).not.toBe(401);
          continue;
        }
        const anon = await send({});
        expect([anon.statusCode, anon.json().code], `${method} ${path} without a token`).toEqual([401, 'WD_ERR_UNAUTHENTICATED']);
        for (const role of ['client', 'advisor', 'compliance']) {
          const r = await send(bearer(tokens[role]));
          const allowed = !op['x-roles'] || op['x-roles'].includes(role);
          if (allowed) expect([401, 403], `${method} ${path} as ${role}`).not.toContain(r.statusCode);
          else expect([r.statusCode, r.json().code], `${method} ${path} as ${role}`).toEqual([403, 'WD_ERR_FORBIDDEN']);
        }
        checked.push(`${method} ${path}`);
      }
    }
    // the compliance API is in the document, for the compliance role only
    const compliance = checked.filter((c) => c.includes('/api/v1/compliance/'));
    expect(compliance.length).toBeGreaterThanOrEqual(8);
    for (const c of compliance) {
      const [m, p] = c.split(' ');
      expect(doc.paths[p][m]['x-roles'], c).toEqual(['compliance']);
    }
    expect(checked).toContain('post /api/v1/chat');
  });
});

describe('socket.io entry points', () => {
  let url: string;
  const connect = (token?: string) => {
    const s = ioClient(`${url}/chat`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(s);
    return new Promise<{ ok: boolean; code?: string; s: Socket }>((resolve) => {
      s.once('connect', () => resolve({ ok: true, s }));
      s.once('connect_error', (e: Error & { data?: { code?: string } }) => resolve({ ok: false, code: e.data?.code, s }));
    });
  };
  beforeAll(async () => {
    url = await t.listen();
  });

  it('namespace /chat: no token → UNAUTHENTICATED, compliance → FORBIDDEN, client and advisor connect; the root namespace carries nothing', async () => {
    expect(await connect()).toMatchObject({ ok: false, code: 'WD_ERR_UNAUTHENTICATED' });
    expect(await connect(tokens.compliance)).toMatchObject({ ok: false, code: 'WD_ERR_FORBIDDEN' });
    expect((await connect(tokens.client)).ok).toBe(true);
    expect((await connect(tokens.advisor)).ok).toBe(true);
    // the root namespace has no handlers: a message there gets no answer and reaches no agent
    const root = ioClient(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(root);
    await new Promise<void>((resolve) => root.once('connect', () => resolve()));
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM turns')).rows[0].n;
    const answered = await root.timeout(300).emitWithAck('message', { text: '我的持仓' }).then(() => true, () => false);
    expect(answered).toBe(false);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM turns')).rows[0].n).toBe(before);
  });

  it('a socket cannot continue another principal\'s conversation, nor smuggle a clientId', async () => {
    const theirs = (await chat('clientB', { message: '我的持仓怎么样' })).json().conversationId as string;
    const { s } = await connect(tokens.client);
    for (const conversationId of [theirs, theirs.toUpperCase()]) {
      const ack = await s.timeout(5000).emitWithAck('message', { text: '继续', conversationId });
      expect(ack).toMatchObject({ ok: false, error: { code: 'WD_ERR_UNKNOWN_CONVERSATION' } });
    }
    const smuggle = await s.timeout(5000).emitWithAck('message', { text: '我的持仓', clientId: clientB });
    expect(smuggle).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION' } });
    // other event names are not entry points: nothing is stored for them
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM turns')).rows[0].n;
    s.emit('chat', { text: '我的持仓' });
    s.emit('admin', { text: 'list all clients' });
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM turns')).rows[0].n).toBe(before);
  });
});

describe('compliance routes', () => {
  it('unmask needs a reason: a refusal is audited (who, what, reason length), an accepted one returns the originals', async () => {
    const r = await chat('client', { message: '我的身份证11010519491231002X，手机13812345678，我的持仓怎么样' });
    expect(r.statusCode).toBe(200);
    const id = r.json().conversationId as string;
    const auth = bearer(tokens.compliance);
    const unmask = (payload?: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/compliance/conversations/${id}/unmask`, headers: auth, ...(payload ? { payload } : {}) });
    const refusedBefore = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'pii.unmask_refused'`)).rows[0].n;
    for (const body of [undefined, {}, { reason: '' }, { reason: '   看看  ' }, { reason: 42 }]) {
      const res = await unmask(body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([400, 'WD_ERR_VALIDATION']);
    }
    const refused = await t.db.query<{ actor: Record<string, unknown>; conversation_id: string; payload: { reasonChars: number } }>(
      `SELECT actor, conversation_id, payload FROM audit_events WHERE kind = 'pii.unmask_refused' ORDER BY seq`,
    );
    expect(refused.rows.length - refusedBefore).toBe(5);
    // the fourth attempt: '看看' after trimming, 2 characters
    expect(refused.rows.at(-2)).toMatchObject({ actor: { role: 'compliance', reviewerId: 'R01' }, conversation_id: id, payload: { reasonChars: 2 } });
    // nothing was decrypted: no unmask event for this conversation yet
    expect((await t.db.query(`SELECT 1 FROM audit_events WHERE kind = 'pii.unmask' AND conversation_id = $1`, [id])).rows).toHaveLength(0);

    const ok = await unmask({ reason: '客户投诉调查，需要核实身份信息' });
    expect(ok.statusCode).toBe(200);
    const originals = Object.values(ok.json().originals as Record<string, { original: string }[]>).flat().map((e) => e.original);
    expect(originals).toEqual(expect.arrayContaining(['11010519491231002X', '13812345678']));
    // the advisor and the client themselves cannot unmask
    for (const who of ['client', 'advisor']) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/compliance/conversations/${id}/unmask`, headers: bearer(tokens[who]), payload: { reason: '客户投诉调查，需要核实身份信息' } });
      expect(res.statusCode).toBe(403);
    }
    // and the chain still verifies with the refusals in it
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/compliance/audit/verify', headers: auth })).json()).toMatchObject({ ok: true });
  });
});

describe('advisor asking about a client outside the book', () => {
  it('by id or by name, in Chinese or English: no tool returns that client\'s data', async () => {
    for (const message of [
      `看看客户${outsider.id}的持仓`,
      `${outsider.name}的持仓怎么样`,
      `Show the portfolio of client ${outsider.id}`,
      `What is the risk of ${outsider.name}'s portfolio?`,
      `客户${outsider.id}的收益率是多少`,
    ]) {
      const r = await chat('advisor', { message });
      expect(r.statusCode, message).toBe(200);
      const turn = r.json() as { answer: string; toolCalls: { name: string; args: Record<string, unknown>; ok: boolean; result: unknown }[] };
      for (const c of turn.toolCalls) {
        const text = JSON.stringify(c.result);
        // a successful call never carries the outsider's id; a call naming them fails FORBIDDEN
        if (c.ok) expect(text, `${message}: ${c.name}`).not.toContain(outsider.id);
        if (c.args?.clientId === outsider.id) expect(c.ok).toBe(false);
        if (c.args?.clientId === outsider.id) expect(text).toContain('WD_ERR_FORBIDDEN');
      }
      expect(JSON.stringify(turn.toolCalls.filter((c) => c.ok))).not.toContain(outsider.name);
    }
  });
});
