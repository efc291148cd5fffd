/**
 * Model-provider faults, injected by a scripted OpenAI-compatible server on 127.0.0.1,
 * through the real turn service on a seeded store: a 500 then an answer (retried), a 429
 * with Retry-After (honoured), a model that never answers (timeout → the offline planner
 * answers with a notice and a `model.fallback` event), failures in a row (the breaker
 * opens: no request goes out, the fallback answers at once), a stream cut mid-answer
 * (the turn is `interrupted`, with what was shown), and no fallback configured (the
 * turn is stored `error`). After all of it the audit chain verifies, with every turn on record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentService, FALLBACK_NOTICE } from '../../src/agents/agent-service.js';
import type { TurnEvent } from '../../src/agents/types.js';
import { auditKeyring } from '../../src/compliance/audit/keyring.js';
import { verifyAudit } from '../../src/compliance/audit/verify.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { listTurns } from '../../src/db/repos/conversations.js';
import { DEFAULT_AS_OF, seedDemoData } from '../../src/db/seed/seed.js';
import { openTestPglite } from '../../src/db/testing.js';
import { startScriptedOpenAi, textChunks, type ScriptedOpenAi } from '../helpers/scripted-openai.js';

const principal = { role: 'client' as const, clientId: 'C0001' };

describe('model-provider faults (scripted OpenAI-compatible server)', () => {
  let db: Db;
  let llm: ScriptedOpenAi;

  const service = (env: Record<string, string> = {}) =>
    createAgentService({
      db,
      config: loadConfig({ NODE_ENV: 'test', LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.baseURL, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'scripted-model', LLM_TIMEOUT_MS: '2000', ...env }),
    });
  const kinds = async (turnId: string) => (await db.query<{ kind: string }>(`SELECT kind FROM audit_events WHERE turn_id = $1 AND kind NOT LIKE 'review.%' ORDER BY seq`, [turnId])).rows.map((r) => r.kind);

  beforeAll(async () => {
    db = await openTestPglite();
    await seedDemoData(db, { clients: 3 });
    llm = await startScriptedOpenAi();
  }, 180_000);
  afterAll(async () => {
    await llm?.close();
    await db?.close();
  });

  it('a 500 is retried and the next answer is used', async () => {
    llm.requests.length = 0;
    llm.script.push({ kind: 'status', status: 500 }, { kind: 'stream', chunks: textChunks('Hello from the model.') });
    const r = await service().runTurn({ principal, text: 'hello there', asOf: DEFAULT_AS_OF });
    expect(r.answer).toContain('Hello from the model.');
    expect(r.flags).not.toContain('model_fallback');
    expect(llm.requests).toHaveLength(2);
    expect(await kinds(r.turnId)).toEqual(['turn.input', 'guard.input', 'guard.output', 'turn.output']);
  });

  it('a 429 waits as long as its Retry-After says', async () => {
    llm.requests.length = 0;
    llm.script.push({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }, { kind: 'stream', chunks: textChunks('After the wait.') });
    const r = await service().runTurn({ principal, text: 'hello again', asOf: DEFAULT_AS_OF });
    expect(r.answer).toContain('After the wait.');
    expect(llm.requests).toHaveLength(2);
    expect(llm.requests[1].at - llm.requests[0].at).toBeGreaterThanOrEqual(950);
  });

  it('a model that never answers times out; the offline planner answers with a notice and a model.fallback event', async () => {
    llm.requests.length = 0;
    llm.script.push({ kind: 'hang' });
    const events: TurnEvent[] = [];
    const r = await service({ LLM_TIMEOUT_MS: '300', LLM_MAX_RETRIES: '0' }).runTurn({ principal, text: '我的组合现在值多少钱？', asOf: DEFAULT_AS_OF }, (e) => events.push(e));
    expect(r.answer.startsWith(FALLBACK_NOTICE.zh)).toBe(true);
    expect(r.toolCalls.map((c) => c.name)).toEqual(['get_portfolio']);
    expect(r.flags).toContain('model_fallback');
    // the streamed text is a prefix of the answer, the notice first
    const shown = events.filter((e) => e.type === 'token').map((e) => (e as { text: string }).text).join('');
    expect(shown.startsWith(FALLBACK_NOTICE.zh)).toBe(true);
    expect(r.answer.startsWith(shown)).toBe(true);
    expect(await kinds(r.turnId)).toEqual(['turn.input', 'guard.input', 'model.fallback', 'tool.call', 'tool.result', 'guard.output', 'turn.output']);
    const [turn] = await listTurns(db, r.conversationId);
    expect(turn.status).toBe('ok');
  });

  it('failures in a row open the breaker: the next turn sends no request and falls back at once', async () => {
    const svc = service({ LLM_MAX_RETRIES: '1', LLM_BREAKER_FAILURES: '2', LLM_BREAKER_COOLDOWN_MS: '60000' });
    llm.requests.length = 0;
    llm.script.push({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const first = await svc.runTurn({ principal, text: 'how did I do this year?', asOf: DEFAULT_AS_OF });
    expect(first.flags).toContain('model_fallback');
    expect(llm.requests).toHaveLength(2);
    const t0 = performance.now();
    const second = await svc.runTurn({ principal, text: 'what is my allocation by asset class?', asOf: DEFAULT_AS_OF });
    expect(second.flags).toContain('model_fallback');
    expect(second.answer.startsWith(FALLBACK_NOTICE.en)).toBe(true);
    expect(llm.requests).toHaveLength(2); // the open breaker sent nothing
    expect(performance.now() - t0).toBeLessThan(5000);
    const fallback = await db.query<{ payload: { reason: string } }>(`SELECT payload FROM audit_events WHERE turn_id = $1 AND kind = 'model.fallback'`, [second.turnId]);
    expect(fallback.rows[0].payload.reason).toMatch(/circuit open/);
  });

  it('a stream cut mid-answer leaves an interrupted turn with what was shown', async () => {
    llm.requests.length = 0;
    llm.script.push({ kind: 'cut', chunks: textChunks('Let me look at that for you. Your portfolio is', 2).slice(0, 2) });
    const events: TurnEvent[] = [];
    const svc = service({ LLM_MAX_RETRIES: '0' });
    const err = await svc.runTurn({ principal, text: 'tell me about my portfolio', asOf: DEFAULT_AS_OF }, (e) => events.push(e)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'WD_ERR_MODEL' });
    const start = events.find((e) => e.type === 'start') as { turnId: string; conversationId: string };
    const shown = events.filter((e) => e.type === 'token').map((e) => (e as { text: string }).text).join('');
    expect(shown).toContain('Let me look at that for you.');
    const [turn] = await listTurns(db, start.conversationId);
    expect(turn.status).toBe('interrupted');
    expect(turn.answer).toBe(shown);
    expect(await kinds(start.turnId)).toEqual(['turn.input', 'guard.input', 'turn.interrupted']);
    const ev = await db.query<{ payload: { reason: string; shown: string } }>(`SELECT payload FROM audit_events WHERE turn_id = $1 AND kind = 'turn.interrupted'`, [start.turnId]);
    expect(ev.rows[0].payload).toMatchObject({ reason: 'model-stream-cut', shown });
  });

  it('without a fallback a provider failure stores the turn with status error; the chain verifies with every turn on record', async () => {
    llm.script.push({ kind: 'status', status: 500 });
    const r = await service({ LLM_FALLBACK: 'false', LLM_MAX_RETRIES: '0' }).runTurn({ principal, text: 'how did I do this year?' });
    expect(r.answer).toMatch(/^Sorry, I could not complete that request/);
    const [turn] = await listTurns(db, r.conversationId);
    expect([turn.status, (turn.error as { code: string }).code]).toEqual(['error', 'WD_ERR_MODEL']);
    const report = await verifyAudit(db, auditKeyring(loadConfig({ NODE_ENV: 'test' })));
    expect(report).toMatchObject({ ok: true, turnsWithoutEvents: { count: 0 }, eventsOfUnknownTurns: { count: 0 } });
    const open = await db.query(`SELECT id FROM turns WHERE status = 'open'`);
    expect(open.rows).toEqual([]);
  });
});
