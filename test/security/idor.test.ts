/**
 * Conversation IDOR on each store (PGlite, and PostgreSQL when configured — its uuid
 * type accepts braces, upper case and missing hyphens, so the id check must not lean on
 * the database): another principal's conversation is unknown in every spelling, over the
 * history route, a continued chat and socket.io; the owner reads it in any case.
 */
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../src/db/testing.js';
import { bearer, people, startTarget, tokenFor, type Target } from './harness.js';

for (const target of storeTargets()) {
  describe(`conversation IDOR (${target.name})`, () => {
    let t: Target;
    const tokens: Record<string, string> = {};
    const sockets: Socket[] = [];
    const chat = (who: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: bearer(tokens[who]), payload });

    beforeAll(async () => {
      t = await startTarget(target.open);
      const { advisors, book } = await people(t.db);
      const [a, b] = book.get(advisors[0])!.map((c) => c.id);
      tokens.client = await tokenFor({ role: 'client', clientId: a });
      tokens.clientB = await tokenFor({ role: 'client', clientId: b });
      tokens.advisor = await tokenFor({ role: 'advisor', advisorId: advisors[0] });
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await t?.close();
    });

    it('another principal\'s conversation is 404 in every spelling, and the owner reads it in any case', async () => {
      const r = await chat('client', { message: '我的持仓怎么样' });
      expect(r.statusCode).toBe(200);
      const id = r.json().conversationId as string;
      const path = (x: string) => `/api/v1/conversations/${x}/messages`;
      const spellings = [id, id.toUpperCase(), `{${id}}`, id.replace(/-/g, ''), `${id}%00`, `${id}'--`, '..%2f..%2fetc%2fpasswd', '1 OR 1=1'];
      for (const who of ['clientB', 'advisor']) {
        for (const x of spellings) {
          const res = await t.app.inject({ url: path(x), headers: bearer(tokens[who]) });
          expect([res.statusCode, res.json().code], `${who} ${x}`).toEqual([404, 'WD_ERR_UNKNOWN_CONVERSATION']);
        }
        for (const conversationId of [id, id.toUpperCase()]) {
          const cont = await chat(who, { message: '继续', conversationId });
          expect(cont.statusCode, `${who} continuing`).toBe(404);
        }
        const list = (await t.app.inject({ url: '/api/v1/conversations', headers: bearer(tokens[who]) })).json().conversations as { id: string }[];
        expect(list.map((c) => c.id)).not.toContain(id);
      }
      // the owner: any case works, other spellings are not ids at all
      expect((await t.app.inject({ url: path(id.toUpperCase()), headers: bearer(tokens.client) })).json().messages.length).toBeGreaterThanOrEqual(2);
      expect((await t.app.inject({ url: path(`{${id}}`), headers: bearer(tokens.client) })).statusCode).toBe(404);
      // socket.io, the same rule
      const url = t.url ?? (await t.listen());
      const s = ioClient(`${url}/chat`, { auth: { token: tokens.clientB }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
      for (const conversationId of [id, id.toUpperCase(), `{${id}}`]) {
        const ack = await s.timeout(5000).emitWithAck('message', { text: '继续', conversationId });
        expect(ack.ok, conversationId).toBe(false);
        expect(['WD_ERR_UNKNOWN_CONVERSATION', 'WD_ERR_VALIDATION']).toContain(ack.error.code);
      }
      const n = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [id]);
      expect(n.rows[0].n).toBe((await t.app.inject({ url: path(id), headers: bearer(tokens.client) })).json().messages.length);
    });
  });
}
