import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldKeyring } from '../auth/field-crypto.js';
import type { Principal } from '../auth/principal.js';
import { toolEvents } from '../compliance/audit/record-turn.js';
import { auditKeyring } from '../compliance/audit/keyring.js';
import { stageAuditEvents } from '../compliance/audit/staging.js';
import { verifyAudit } from '../compliance/audit/verify.js';
import { loadConfig } from '../config.js';
import type { Db } from '../db/db.js';
import { createConversation } from '../db/repos/conversations.js';
import { seedDemoData } from '../db/seed/seed.js';
import { storeTargets } from '../db/testing.js';
import { createTurnRecorder, recoverOpenTurns } from './turn-record.js';
import type { TurnResult } from './types.js';

const config = loadConfig({ NODE_ENV: 'test' });
const rings = { audit: auditKeyring(config), field: fieldKeyring(config) };
const principal: Principal = Object.freeze({ role: 'client', clientId: 'C0001' });
const ALLOW = { decision: 'allow' as const, categories: [] };

function result(conversationId: string, turnId: string): TurnResult {
  return {
    conversationId,
    turnId,
    answer: 'done',
    lang: 'en',
    toolCalls: [],
    citations: [],
    guard: { input: ALLOW, output: ALLOW },
    flags: [],
    model: 'offline-planner-v2',
    latencyMs: 5,
  };
}

for (const target of storeTargets()) {
  describe(`turn record through staged audit events on ${target.name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
      await seedDemoData(db, { clients: 2 });
    }, 120_000);
    afterAll(async () => {
      await db.close();
    });

    const kinds = async (turnId: string) =>
      (await db.query<{ kind: string }>('SELECT kind FROM audit_events WHERE turn_id = $1 ORDER BY seq', [turnId])).rows.map((r) => r.kind);

    it('concurrent turns: each turn is in the chain in its own order when open/close return, nothing stays staged', async () => {
      const rec = createTurnRecorder({ db, rings, config: { REVIEW_SAMPLE_RATE: 0 }, identity: { node: 'n1', boot: 'b1' } });
      const ids = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const convo = await createConversation(db, { id: crypto.randomUUID(), principal, language: 'en' });
          const turnId = crypto.randomUUID();
          const log = await rec.open({ turnId, conversationId: convo.id, principal, masked: `q${i}`, input: undefined, inputDecision: ALLOW, model: 'm', lang: 'en', title: `q${i}` });
          // Open means in the chain, before anything is shown.
          expect(await kinds(turnId)).toEqual(['turn.input', 'guard.input']);
          const base = { principal, conversationId: convo.id, turnId };
          log.events(toolEvents(base, { index: 0, id: 'c0', name: 'get_portfolio', args: {}, result: { v: i }, ok: true, ms: 1 }));
          await log.close({ principal, result: result(convo.id, turnId), status: 'ok', messages: [], state: {}, masked: `q${i}` });
          return turnId;
        }),
      );
      for (const id of ids) expect(await kinds(id)).toEqual(['turn.input', 'guard.input', 'tool.call', 'tool.result', 'guard.output', 'turn.output']);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_pending')).rows[0].n).toBe(0);
      expect(await verifyAudit(db, rings.audit)).toMatchObject({ ok: true, turnsWithoutEvents: { count: 0 } });
    });

    it("a crash after a tool's events were staged: recovery links them before the turn's turn.interrupted, which counts the call", async () => {
      const crashed = createTurnRecorder({ db, rings, config: { REVIEW_SAMPLE_RATE: 0 }, identity: { node: 'n2', boot: 'crashed' } });
      const convo = await createConversation(db, { id: crypto.randomUUID(), principal, language: 'en' });
      const turnId = crypto.randomUUID();
      await crashed.open({ turnId, conversationId: convo.id, principal, masked: 'q', input: undefined, inputDecision: ALLOW, model: 'm', lang: 'en', title: 'q' });
      // The process dies between staging the tool's events and linking them.
      await db.transaction((tx) =>
        stageAuditEvents(tx, rings.audit, toolEvents({ principal, conversationId: convo.id, turnId }, { index: 0, id: 'c0', name: 'get_portfolio', args: {}, result: {}, ok: true, ms: 1 }), { node: 'n2', boot: 'crashed' }),
      );
      const restarted = createTurnRecorder({ db, rings, config: { REVIEW_SAMPLE_RATE: 0 }, identity: { node: 'n2', boot: 'restarted' } });
      expect(await recoverOpenTurns(db, rings, { identity: restarted.identity, inFlight: restarted.inFlight, reason: 'crash-recovery', linker: restarted.linker })).toBe(1);
      expect(await kinds(turnId)).toEqual(['turn.input', 'guard.input', 'tool.call', 'tool.result', 'turn.interrupted']);
      const end = await db.query<{ payload: { toolCalls: number; reason: string } }>(`SELECT payload FROM audit_events WHERE turn_id = $1 AND kind = 'turn.interrupted'`, [turnId]);
      expect(end.rows[0].payload).toMatchObject({ toolCalls: 1, reason: 'crash-recovery' });
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_pending')).rows[0].n).toBe(0);
      expect(await verifyAudit(db, rings.audit)).toMatchObject({ ok: true });
    });
  });
}
