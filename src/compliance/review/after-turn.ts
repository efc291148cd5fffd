/**
 * What compliance does after every turn, in one call for the turn service: append the
 * turn's audit events, keep the originals of masked PII encrypted in the vault, and
 * put the conversation in the review queue when flagged or sampled.
 */
import type { TurnResult } from '../../agents/types.js';
import type { FieldKeyring } from '../../auth/field-crypto.js';
import type { Principal } from '../../auth/principal.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/db.js';
import type { AuditEvent, AuditKeyring } from '../audit/chain.js';
import { recordTurnAudit } from '../audit/record-turn.js';
import { piiOriginalsOf } from '../guards/input-guard.js';
import { storePiiOriginals } from '../pii/vault.js';
import type { InputGuardResult } from '../types.js';
import { reviewTurn, type ReviewItem } from './queue.js';

export interface AfterTurnInput {
  principal: Principal;
  turn: TurnResult;
  /** The input guard's result for this turn (masked text, entities; originals travel hidden). */
  input: InputGuardResult;
}

export async function complianceAfterTurn(
  db: Db,
  rings: { audit: AuditKeyring; field: FieldKeyring },
  config: Pick<Config, 'REVIEW_SAMPLE_RATE'>,
  e: AfterTurnInput,
  opts: { random?: () => number } = {},
): Promise<{ events: AuditEvent[]; vaulted: number; review: ReviewItem | null }> {
  const { turn } = e;
  const events = await recordTurnAudit(db, rings.audit, {
    principal: e.principal,
    conversationId: turn.conversationId,
    turnId: turn.turnId,
    userTextMasked: e.input.masked,
    inputEntities: e.input.entities,
    guard: turn.guard,
    toolCalls: turn.toolCalls.map((c) => ({ name: c.name, args: c.args, result: c.result, ok: c.ok, ms: c.ms })),
    answer: turn.answer,
    model: turn.model,
    latencyMs: turn.latencyMs,
    flags: turn.flags,
  });
  const pii = piiOriginalsOf(e.input);
  const vaulted = pii && pii.originals.size > 0 ? await storePiiOriginals(db, rings.field, { conversationId: turn.conversationId, turnId: turn.turnId, ...pii }) : 0;
  const review = await reviewTurn(
    db,
    rings.audit,
    config,
    { conversationId: turn.conversationId, turnId: turn.turnId, userTextMasked: e.input.masked, answer: turn.answer, guard: turn.guard, flags: turn.flags },
    opts,
  );
  return { events, vaulted, review };
}
