/**
 * The audit record of one chat turn, appended to the hash chain in one transaction:
 * the masked input, the input guard's decision, each tool call and its result, the
 * output guard's decision and the answer with model and latency. Text is already
 * masked by the input guard; tool results are stored as the model saw them.
 */
import type { GuardDecision } from '../../agents/types.js';
import type { Principal } from '../../auth/principal.js';
import type { Db } from '../../db/db.js';
import { appendAuditEvents, type AuditEvent, type AuditEventInput, type AuditKeyring } from './chain.js';

export interface TurnAuditInput {
  principal: Principal;
  conversationId: string;
  turnId: string;
  userTextMasked: string;
  inputEntities: { type: string; mask: string }[];
  guard: { input: GuardDecision & { policyCode?: string }; output: GuardDecision & { ungrounded?: string[] } };
  toolCalls: { name: string; args: unknown; result: unknown; ok: boolean; ms: number }[];
  answer: string;
  model: string;
  latencyMs: number;
  flags: string[];
}

/** Event kinds written for a turn, in order. */
export const TURN_EVENT_KINDS = ['turn.input', 'guard.input', 'tool.call', 'tool.result', 'guard.output', 'turn.output'] as const;

/** Builds the turn's events (pure; exported for tests and evidence). */
export function turnAuditEvents(e: TurnAuditInput): AuditEventInput[] {
  const base = { actor: { ...e.principal }, conversationId: e.conversationId, turnId: e.turnId };
  const decision = (g: GuardDecision & { policyCode?: string; ungrounded?: string[] }) => ({
    decision: g.decision,
    categories: g.categories,
    ...(g.reasons ? { reasons: g.reasons } : {}),
    ...(g.policyCode ? { policyCode: g.policyCode } : {}),
    ...(g.ungrounded ? { ungrounded: g.ungrounded } : {}),
  });
  const events: AuditEventInput[] = [
    { ...base, kind: 'turn.input', payload: { text: e.userTextMasked, entities: e.inputEntities } },
    { ...base, kind: 'guard.input', payload: decision(e.guard.input) },
  ];
  e.toolCalls.forEach((c, i) => {
    events.push({ ...base, kind: 'tool.call', payload: { index: i, name: c.name, args: c.args ?? null } });
    events.push({ ...base, kind: 'tool.result', payload: { index: i, name: c.name, ok: c.ok, ms: c.ms, result: c.result ?? null } });
  });
  events.push({ ...base, kind: 'guard.output', payload: decision(e.guard.output) });
  events.push({ ...base, kind: 'turn.output', payload: { answer: e.answer, model: e.model, latencyMs: e.latencyMs, flags: e.flags } });
  return events;
}

/** Appends the turn's events in one transaction; resolves to the stored events (with seq and hash). */
export async function recordTurnAudit(db: Db, ring: AuditKeyring, e: TurnAuditInput): Promise<AuditEvent[]> {
  return appendAuditEvents(db, ring, turnAuditEvents(e));
}
