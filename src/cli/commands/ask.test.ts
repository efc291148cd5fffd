/** `ask --file`: lines sharing a `conversation` key are one conversation, in order; other lines are fresh. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentService } from '../../agents/agent-service.js';
import { loadConfig } from '../../config.js';
import type { Db } from '../../db/db.js';
import { listTurns } from '../../db/repos/conversations.js';
import { seedDemoData } from '../../db/seed/seed.js';
import { openTestPglite } from '../../db/testing.js';
import { askAll } from './ask.js';

describe('ask --file threading', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestPglite();
    await seedDemoData(db, { clients: 5 });
  }, 60_000);
  afterAll(async () => db?.close());

  it('threads rows with the same conversation key and keeps the others apart', async () => {
    const svc = createAgentService({ db, config: loadConfig({}) });
    const lastYear = String(Number(new Date().toISOString().slice(0, 4)) - 1);
    const results = await askAll(svc, { role: 'client', clientId: 'C0001' }, [
      { id: 'a1', text: '我今年收益怎么样？', conversation: 'a' },
      { id: 'b1', text: 'what is my portfolio worth?' },
      { id: 'a2', text: '那去年呢？', conversation: 'a' },
      { id: 'c1', text: '那去年呢？' },
    ]);
    expect(results.map((r) => r.id)).toEqual(['a1', 'b1', 'a2', 'c1']);
    const [a1, b1, a2, c1] = results;
    expect(a2.conversationId).toBe(a1.conversationId);
    expect(new Set([a1.conversationId, b1.conversationId, c1.conversationId]).size).toBe(3);
    // The follow-up sees the first turn: the same tool, the calendar year before.
    expect(a2.toolCalls[0]).toMatchObject({ name: 'get_performance', args: { periods: [lastYear] } });
    // The same words alone, with nothing before them, are not a performance request.
    expect(c1.toolCalls.map((t) => t.name)).not.toContain('get_performance');
    expect((await listTurns(db, a1.conversationId)).map((t) => t.userText)).toEqual(['我今年收益怎么样？', '那去年呢？']);
  });
});
