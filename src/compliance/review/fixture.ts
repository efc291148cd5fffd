/**
 * Test and demo fixture: a real turn record (conversation, turns row) for a client,
 * guarded by the real input guard, followed by `complianceAfterTurn` — what the turn
 * service does, without a model. Used by the compliance tests and the console e2e.
 */
import { randomUUID } from 'node:crypto';
import type { TurnResult } from '../../agents/types.js';
import type { FieldKeyring } from '../../auth/field-crypto.js';
import type { Principal } from '../../auth/principal.js';
import type { Db } from '../../db/db.js';
import { createConversation, getConversation, saveTurn } from '../../db/repos/conversations.js';
import type { AuditKeyring } from '../audit/chain.js';
import { checkInputText } from '../guards/input-guard.js';
import { complianceAfterTurn } from './after-turn.js';

/** Inserts an advisor and a client when missing (ids as given). */
export async function ensureClient(db: Db, clientId: string, advisorId: string, name = '测试客户'): Promise<void> {
  await db.query(`INSERT INTO advisors (id, name, name_en, email) VALUES ($1, $1, $1, $2) ON CONFLICT DO NOTHING`, [advisorId, `${advisorId}@example.com`]);
  await db.query(
    `INSERT INTO clients (id, advisor_id, name, name_en, base_currency, inception_date) VALUES ($1, $2, $3, $1, 'CNY', '2020-01-02') ON CONFLICT DO NOTHING`,
    [clientId, advisorId, name],
  );
}

export async function simulateTurn(
  db: Db,
  rings: { audit: AuditKeyring; field: FieldKeyring },
  t: { principal: Principal & { role: 'client' }; text: string; answer: string; conversationId?: string; toolCalls?: TurnResult['toolCalls']; outputCategories?: string[]; flags?: string[]; sampleRate?: number },
) {
  const conversationId = t.conversationId ?? randomUUID();
  if (!(await getConversation(db, conversationId))) await createConversation(db, { id: conversationId, principal: t.principal, language: 'zh' });
  const input = checkInputText(t.text, { role: 'client', lang: 'zh' });
  const turnId = randomUUID();
  const outCats = t.outputCategories ?? [];
  const turn: TurnResult = {
    conversationId,
    turnId,
    answer: input.decision === 'refuse' ? (input.reply ?? '') : t.answer,
    lang: 'zh',
    toolCalls: t.toolCalls ?? [],
    citations: [],
    guard: { input: { decision: input.decision, categories: input.categories }, output: { decision: outCats.length ? 'flag' : 'allow', categories: outCats } },
    flags: t.flags ?? [],
    model: 'offline-planner',
    latencyMs: 42,
  };
  await saveTurn(
    db,
    {
      id: turnId,
      conversationId,
      principal: t.principal,
      userText: input.masked,
      answer: turn.answer,
      toolCalls: turn.toolCalls,
      citations: [],
      guard: turn.guard,
      flags: turn.flags,
      model: turn.model,
      language: 'zh',
      latencyMs: turn.latencyMs,
      status: input.decision === 'refuse' ? 'refused' : 'ok',
      error: null,
    },
    [
      { role: 'user', content: input.masked, toolCalls: null, toolCallId: null, toolName: null },
      { role: 'assistant', content: turn.answer, toolCalls: null, toolCallId: null, toolName: null },
    ],
    {},
  );
  const after = await complianceAfterTurn(db, rings, { REVIEW_SAMPLE_RATE: t.sampleRate ?? 0 }, { principal: t.principal, turn, input });
  return { turn, input, ...after };
}
