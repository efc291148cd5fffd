/**
 * Token attacks against the running server, over HTTP and socket.io: forged algorithms
 * (none, another HMAC key, RS256, HS256 keyed with an RSA public key, HS512), expired,
 * not yet valid, missing claims, tampered roles, ids smuggled in body/query/path, tokens
 * of unknown or deleted clients, tokens in query strings (refused, never logged), and a
 * socket that outlives its token.
 */
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../src/db/testing.js';
import { bearer, config, people, startTarget, tokenFor, type Target } from './harness.js';

const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (id: string) => ({ role: 'client', clientId: id, sub: `client:${id}`, iss: 'wealthdesk', iat: now(), exp: now() + 600 });

/** Signs `payload` HS256 with the server's secret, letting a test leave out or bend any claim. */
function hs(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }, secret = config.AUTH_SECRET) {
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(new TextEncoder().encode(secret));
}

for (const target of storeTargets()) {
  describe(`tokens (${target.name})`, () => {
    let t: Target;
    let mine: string;
    let other: string;
    const sockets: Socket[] = [];
    const get = (token: string, url = '/api/v1/conversations') => t.app.inject({ url, headers: bearer(token) });

    beforeAll(async () => {
      t = await startTarget(target.open);
      const { book } = await people(t.db);
      const all = [...book.values()].flat();
      [mine, other] = [all[0].id, all[all.length - 1].id];
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await t?.close();
    });

    it('accepts a well-formed token (the baseline every attack below departs from)', async () => {
      const r = await get(await hs(claims(mine)));
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ conversations: [] });
    });

    it('refuses forged algorithms: none, another key, RS256, HS256 keyed with the RSA public key, HS512', async () => {
      const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims(mine))}.`;
      const otherKey = await hs(claims(mine), undefined, 'an-attacker-secret-that-is-long-enough-0001');
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      const rs = await new SignJWT(claims(mine)).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(privateKey);
      const pem = await exportSPKI(publicKey);
      const confused = await hs(claims(mine), { alg: 'HS256', typ: 'JWT' }, pem);
      const hs512 = await new SignJWT(claims(mine)).setProtectedHeader({ alg: 'HS512', typ: 'JWT' }).sign(new TextEncoder().encode(config.AUTH_SECRET));
      for (const token of [none, otherKey, rs, confused, hs512]) {
        const r = await get(token);
        expect([r.statusCode, r.json().code, r.json().message]).toEqual([401, 'WD_ERR_UNAUTHENTICATED', 'Invalid token']);
      }
    });

    it('refuses expired, not-yet-valid, too old and claim-less tokens', async () => {
      const expired = await hs({ ...claims(mine), iat: now() - 120, exp: now() - 60 });
      expect((await get(expired)).json()).toMatchObject({ statusCode: 401, message: 'Token expired' });
      const notYet = await hs({ ...claims(mine), nbf: now() + 3600 });
      expect((await get(notYet)).statusCode).toBe(401);
      // Issued 2 days ago with a 1-year expiry: older than MAX_TOKEN_AGE_SECONDS.
      const ancient = await hs({ ...claims(mine), iat: now() - 2 * 86400, exp: now() + 365 * 86400 });
      expect((await get(ancient)).statusCode).toBe(401);
      for (const drop of ['exp', 'iat', 'sub', 'iss', 'role', 'clientId']) {
        const c: Record<string, unknown> = claims(mine);
        delete c[drop];
        expect((await get(await hs(c))).statusCode, `without ${drop}`).toBe(401);
      }
      expect((await get(await hs(claims(mine), { alg: 'HS256' }))).statusCode, 'without typ').toBe(401);
      expect((await get(await hs({ ...claims(mine), iss: 'someone-else' }))).statusCode).toBe(401);
    });

    it('refuses a tampered role: a client token re-labelled advisor, with the signature kept', async () => {
      const real = await tokenFor({ role: 'client', clientId: mine });
      const [h, , sig] = real.split('.');
      const { advisors } = await people(t.db);
      const forged = `${h}.${enc({ role: 'advisor', advisorId: advisors[0], sub: `advisor:${advisors[0]}`, iss: 'wealthdesk', iat: now(), exp: now() + 600 })}.${sig}`;
      expect((await get(forged)).statusCode).toBe(401);
      // and an unsigned claim to advisor next to a valid client id
      expect((await get(await hs({ ...claims(mine), role: 'advisor' }))).statusCode).toBe(401);
    });

    it('never lets a body, query or path name another client', async () => {
      const token = await tokenFor({ role: 'client', clientId: mine });
      // body: the chat schema is strict, an extra clientId is a 400, not a silent switch
      const body = await t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: bearer(token), payload: { message: '我的持仓', clientId: other } });
      expect([body.statusCode, body.json().code]).toEqual([400, 'WD_ERR_VALIDATION']);
      // the other client has a conversation; a query naming them changes nothing
      const theirs = await t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: bearer(await tokenFor({ role: 'client', clientId: other })), payload: { message: '我的持仓怎么样' } });
      const theirId = theirs.json().conversationId as string;
      const q = await get(token, `/api/v1/conversations?clientId=${other}&principal_id=${other}`);
      expect(q.json()).toEqual({ conversations: [] });
      // path: their conversation id is unknown to me
      const p = await get(token, `/api/v1/conversations/${theirId}/messages`);
      expect([p.statusCode, p.json().code]).toEqual([404, 'WD_ERR_UNKNOWN_CONVERSATION']);
    });

    it('refuses a token of an unknown client and of a client deleted after the token was issued', async () => {
      const ghost = await get(await tokenFor({ role: 'client', clientId: 'C9999' }));
      expect([ghost.statusCode, ghost.json().message]).toEqual([401, 'Unknown principal']);
      const { advisors } = await people(t.db);
      await t.db.query(
        `INSERT INTO clients (id, advisor_id, name, name_en, base_currency, language, inception_date) VALUES ('C8888', $1, '临时', 'Temp', 'CNY', 'zh', '2024-01-02')`,
        [advisors[0]],
      );
      const token = await tokenFor({ role: 'client', clientId: 'C8888' });
      await t.db.query(`DELETE FROM clients WHERE id = 'C8888'`);
      expect((await get(token)).statusCode).toBe(401);
      const chat = await t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: bearer(token), payload: { message: '我的持仓' } });
      expect(chat.statusCode).toBe(401);
    });

    it('takes tokens only from the Authorization header and never writes one to the log', async () => {
      const token = await tokenFor({ role: 'client', clientId: mine });
      for (const url of [`/api/v1/conversations?token=${token}`, `/api/v1/conversations?access_token=${token}`]) {
        expect((await t.app.inject({ url })).statusCode).toBe(401);
      }
      expect((await t.app.inject({ url: '/api/v1/conversations', headers: { authorization: `Basic ${token}` } })).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/v1/conversations', headers: { cookie: `token=${token}` } })).statusCode).toBe(401);
      expect((await get(token)).statusCode).toBe(200);
      const log = t.logs.join('');
      expect(log).toContain('/api/v1/conversations?access_token=[redacted]');
      for (const piece of token.split('.')) expect(log).not.toContain(piece);
    });

    it('socket.io: refuses forged, expired and unknown-principal tokens at the handshake, and drops a socket when its token expires', async () => {
      const url = t.url ?? (await t.listen());
      const connect = (token: string) => {
        const s = ioClient(`${url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(s);
        return new Promise<{ ok: boolean; code?: string; s: Socket }>((resolve) => {
          s.once('connect', () => resolve({ ok: true, s }));
          s.once('connect_error', (e: Error & { data?: { code?: string } }) => resolve({ ok: false, code: e.data?.code, s }));
        });
      };
      const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims(mine))}.`;
      const expired = await hs({ ...claims(mine), iat: now() - 120, exp: now() - 60 });
      for (const token of [none, expired, await hs(claims('C9999')), await hs({ ...claims(mine), role: 'advisor' })]) {
        expect(await connect(token)).toMatchObject({ ok: false, code: 'WD_ERR_UNAUTHENTICATED' });
      }
      const shortLived = await hs({ ...claims(mine), exp: now() + 1 });
      const c = await connect(shortLived);
      expect(c.ok).toBe(true);
      const told = new Promise<unknown>((resolve) => c.s.once('error', resolve));
      const reason = await new Promise<string>((resolve) => c.s.once('disconnect', resolve));
      expect(reason).toBe('io server disconnect');
      expect(await told).toEqual({ code: 'WD_ERR_UNAUTHENTICATED', message: 'Token expired' });
    });
  });
}
