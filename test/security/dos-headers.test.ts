/**
 * Abuse control and browser-facing headers: per-principal chat rate limits over HTTP and
 * socket.io, body limits, a burst of 200 bad requests that neither breaks the server nor
 * spends anyone's chat budget, and the security headers of the HTML pages (CSP allowing
 * the page's own scripts, nosniff, referrer policy, configurable framing).
 */
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import { openTestPglite } from '../../src/db/testing.js';
import { buildApp } from '../../src/server/app.js';
import { MAX_SOCKETS_PER_PRINCIPAL } from '../../src/server/gateway.js';
import { pageCsp, parseFrameAncestors } from '../../src/server/security-headers.js';
import { frameAncestorsOf } from '../../src/server/start.js';
import { insertDemoPeople } from '../helpers/demo-rows.js';
import { scriptedAgent, type ScriptedAgent } from '../helpers/scripted-agent.js';
import { bearer, config, startTarget, tokenFor, type Target } from './harness.js';

const LIMIT = 3;
let t: Target;
let agent: ScriptedAgent;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTarget(
    async () => {
      const db = await openTestPglite();
      await insertDemoPeople(db, 6);
      return db;
    },
    { seed: false, agent: (db) => (agent = scriptedAgent(db)), app: { rateLimit: { max: LIMIT, windowMs: 60_000 } } },
  );
  url = await t.listen();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.close();
});

const client = (n: number): Principal => ({ role: 'client', clientId: `C000${n}` });
const chat = async (p: Principal, payload: object | string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...bearer(await tokenFor(p)), 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
function connect(token: string): Promise<Socket> {
  const s = ioClient(`${url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

describe('rate limits', () => {
  it('HTTP chat: LIMIT turns per principal per window, then 429 with Retry-After and no turn run; other principals unaffected', async () => {
    const calls = agent.calls.length;
    for (let i = 0; i < LIMIT; i++) expect((await chat(client(1), { message: `hi ${i}` })).statusCode).toBe(200);
    const over = await chat(client(1), { message: 'one too many' });
    expect([over.statusCode, over.json().code]).toEqual([429, 'WD_ERR_RATE_LIMIT']);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(agent.calls.length).toBe(calls + LIMIT);
    expect((await chat(client(2), { message: 'hi' })).statusCode).toBe(200);
    expect((await chat({ role: 'advisor', advisorId: 'A01' }, { message: 'hi' })).statusCode).toBe(200);
  });

  it('socket.io chat: the same per-principal limit, answered in the ack', async () => {
    const s = await connect(await tokenFor(client(3)));
    const acks = [];
    for (let i = 0; i <= LIMIT; i++) acks.push(await s.timeout(5000).emitWithAck('message', { text: `hi ${i}` }));
    expect(acks.slice(0, LIMIT).every((a) => a.ok === true)).toBe(true);
    expect(acks[LIMIT]).toMatchObject({ ok: false, error: { code: 'WD_ERR_RATE_LIMIT' } });
    // a second tab of the same principal shares the budget
    const tab = await connect(await tokenFor(client(3)));
    expect(await tab.timeout(5000).emitWithAck('message', { text: 'from the other tab' })).toMatchObject({ ok: false, error: { code: 'WD_ERR_RATE_LIMIT' } });
  });

  it('an oversized socket.io frame closes that socket only; the next connection works', async () => {
    const s = await connect(await tokenFor(client(4)));
    const gone = new Promise<string>((resolve) => s.once('disconnect', resolve));
    s.emit('message', { text: 'x'.repeat(200_000) });
    expect(await gone).toBe('transport close');
    const again = await connect(await tokenFor(client(4)));
    expect(await again.timeout(5000).emitWithAck('message', { text: 'hi' })).toMatchObject({ ok: true });
  });
});

describe('socket.io connections', () => {
  it(`a principal holds at most MAX_SOCKETS_PER_PRINCIPAL sockets; closing one frees a slot; others are unaffected`, async () => {
    const token = await tokenFor(client(6));
    const open: Socket[] = [];
    for (let i = 0; i < MAX_SOCKETS_PER_PRINCIPAL; i++) open.push(await connect(token));
    await expect(connect(token)).rejects.toMatchObject({ data: { code: 'WD_ERR_RATE_LIMIT' } });
    expect((await connect(await tokenFor(client(2)))).connected).toBe(true);
    open[0].disconnect();
    // the server sees the close a moment later: retry, bounded
    let again: Socket | undefined;
    for (let i = 0; i < 20 && !again; i++) again = await connect(token).catch(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 50)));
    expect(again?.connected).toBe(true);
  });
});

describe('body limits and bursts', () => {
  it('bodies over the route limit are 413 (the demo token route takes 1 KiB)', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/demo/token', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ as: `client:${'C'.repeat(2048)}` }) });
    expect(r.statusCode).toBe(413);
  });

  it('200 bad requests, then good ones still work, and the bad ones spent no chat budget', async () => {
    const forged = await tokenFor(client(5), { secret: 'attacker-secret-attacker-secret-0001' });
    const good = await tokenFor(client(5));
    const bad = [
      () => t.app.inject({ method: 'POST', url: '/api/v1/chat', payload: { message: 'no token' } }),
      () => t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: bearer(forged), payload: { message: 'forged' } }),
      () => t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...bearer(good), 'content-type': 'application/json' }, payload: '{"message":' }),
      () => t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...bearer(good), 'content-type': 'application/json' }, payload: '{"message":"x","__proto__":{}}' }),
      () => t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...bearer(good), 'content-type': 'text/plain' }, payload: 'x' }),
      () => t.app.inject({ url: '/api/v1/conversations/not-a-uuid/messages', headers: bearer(good) }),
      () => t.app.inject({ url: '/demo/..%2f..%2fpackage.json' }),
      () => t.app.inject({ url: '/api/v1/compliance/queue', headers: bearer(good) }),
    ];
    const codes = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const r = await bad[i % bad.length]();
      codes.set(r.statusCode, (codes.get(r.statusCode) ?? 0) + 1);
    }
    expect([...codes.keys()].every((c) => c >= 400 && c < 500)).toBe(true);
    for (let i = 0; i < LIMIT; i++) expect((await chat(client(5), { message: `good ${i}` })).statusCode).toBe(200);
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  });
});

describe('security headers', () => {
  const scriptsOf = (html: string) => [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);

  it('HTML pages: CSP allowing only their own scripts (no inline), nosniff, no-referrer, not framable by default', async () => {
    for (const path of ['/', '/compliance']) {
      const r = await t.app.inject(path);
      expect(r.statusCode).toBe(200);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      // every script the page loads is an external same-origin file the server serves
      for (const tag of scriptsOf(r.body)) {
        // a data block (type="application/json") is never executed; anything else must be an external file
        if (/type="application\/(?:json|ld\+json)"/.test(tag)) continue;
        const src = /src="([^"]+)"/.exec(tag)?.[1];
        expect(src, `${path}: inline script ${tag}`).toMatch(/^\/[^/]/);
        const js = await fetch(`${url}${src}`);
        expect(js.status, src).toBe(200);
        expect(js.headers.get('content-type'), src).toMatch(/javascript/);
      }
    }
  });

  it('framing is configurable for a bank\'s page; the compliance console stays unframable', async () => {
    const ancestors = parseFrameAncestors("'self' https://bank.example.com, https://*.bank.example.com");
    const app = await buildApp({ db: t.db, config, agent, frameAncestors: ancestors, logger: t.app.log });
    try {
      const page = await app.inject('/');
      expect(page.headers['content-security-policy']).toBe(pageCsp(ancestors));
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self' https://bank.example.com https://*.bank.example.com");
      expect(page.headers['x-frame-options']).toBeUndefined();
      const console = await app.inject('/compliance');
      expect(console.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(console.headers['x-frame-options']).toBe('DENY');
    } finally {
      await app.close();
    }
  });

  it('start-up reads the policy from the parsed config (FRAME_ANCESTORS), defaulting to not framable', () => {
    expect(frameAncestorsOf(config)).toEqual(["'none'"]);
    const withSetting = { ...config, FRAME_ANCESTORS: "'self' https://bank.example.com" } as typeof config;
    expect(frameAncestorsOf(withSetting)).toEqual(["'self'", 'https://bank.example.com']);
  });

  it('a framing policy that would inject into the header is refused at start-up', async () => {
    for (const bad of ['https://a.example.com; script-src *', "'unsafe-inline'", 'javascript:alert(1)', "'none' https://a.example.com", 'https://a.example.com/path']) {
      expect(() => parseFrameAncestors(bad), bad).toThrow(/frame-ancestors/);
    }
    await expect(buildApp({ db: t.db, config, agent, frameAncestors: ['https://a.example.com;script-src *'], logger: t.app.log })).rejects.toThrow(/frame-ancestors/);
  });

  it('API answers are not cacheable and errors carry the same headers', async () => {
    const ok = await t.app.inject({ url: '/api/v1/conversations', headers: bearer(await tokenFor(client(1))) });
    expect(ok.headers['cache-control']).toBe('no-store');
    const denied = await t.app.inject('/api/v1/conversations');
    expect([denied.statusCode, denied.headers['x-content-type-options'], denied.headers['cache-control']]).toEqual([401, 'nosniff', 'no-store']);
  });
});
