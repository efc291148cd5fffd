import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { storeTargets } from '../db/testing.js';
import { insertDemoPeople } from '../../test/helpers/demo-rows.js';
import { assertOwnConversation, listConversations, listMessages } from './conversation-store.js';

const alice = { role: 'client', clientId: 'C0001' } as const;
const bob = { role: 'client', clientId: 'C0002' } as const;
const advisor = { role: 'advisor', advisorId: 'A01' } as const;

describe.each(storeTargets())('conversation store on $name', (target) => {
  let db: Db;
  const ids = { a1: randomUUID(), a2: randomUUID(), b1: randomUUID(), adv: randomUUID() };

  beforeAll(async () => {
    db = await target.open();
    await insertDemoPeople(db, 2);
    const conv = (id: string, role: string, pid: string, title: string, at: string) =>
      db.query('INSERT INTO conversations (id, principal_role, principal_id, title, language, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$6)', [id, role, pid, title, 'zh', at]);
    await conv(ids.a1, 'client', 'C0001', 'older', '2026-11-01T08:00:00Z');
    await conv(ids.a2, 'client', 'C0001', 'newer', '2026-11-02T08:00:00Z');
    await conv(ids.b1, 'client', 'C0002', 'bob', '2026-11-03T08:00:00Z');
    // an advisor whose id equals a client id must not see that client's conversations
    await conv(ids.adv, 'advisor', 'A01', 'advisor', '2026-11-04T08:00:00Z');
    await db.query(
      `INSERT INTO messages (conversation_id, seq, role, content, tool_calls, tool_name) VALUES
        ($1, 2, 'assistant', '总市值 1,000.00 CNY', '[{"id":"c1","name":"get_portfolio","args":{}}]', NULL),
        ($1, 1, 'user', '我的组合值多少钱？', NULL, NULL),
        ($1, 3, 'tool', '{"totalValue":"1000.00"}', NULL, 'get_portfolio')`,
      [ids.a2],
    );
  });
  afterAll(async () => db?.close());

  it('lists only the principal’s conversations, newest first', async () => {
    expect((await listConversations(db, alice)).map((c) => c.title)).toEqual(['newer', 'older']);
    expect((await listConversations(db, bob)).map((c) => c.id)).toEqual([ids.b1]);
    expect((await listConversations(db, advisor)).map((c) => c.id)).toEqual([ids.adv]);
    expect((await listConversations(db, alice))[0].updatedAt).toBe('2026-11-02T08:00:00.000Z');
  });

  it('returns messages in seq order with tool calls parsed', async () => {
    const m = await listMessages(db, alice, ids.a2.toUpperCase());
    expect(m.map((x) => [x.seq, x.role])).toEqual([[1, 'user'], [2, 'assistant'], [3, 'tool']]);
    expect(m[1].toolCalls).toEqual([{ id: 'c1', name: 'get_portfolio', args: {} }]);
    expect(m[2].toolName).toBe('get_portfolio');
  });

  it('someone else’s, missing or malformed ids are all unknown', async () => {
    for (const [p, id] of [[bob, ids.a2], [alice, randomUUID()], [alice, 'x; DROP TABLE messages'], [advisor, ids.a1]] as const) {
      await expect(assertOwnConversation(db, p, id)).rejects.toMatchObject({ code: 'WD_ERR_UNKNOWN_CONVERSATION', statusCode: 404 });
    }
    await expect(assertOwnConversation(db, alice, ids.a1)).resolves.toBeUndefined();
  });
});
