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

/**
 * Event kinds written for a turn, in order. A turn that does not end with an answer ends
 * with `turn.cancelled` (the sender went away) or `turn.interrupted` (a crash, a shutdown
 * deadline, a model stream cut mid-answer) instead of `guard.output`/`turn.output`;
 * `model.fallback` says the hosted model failed and the offline planner answered.
 */
export const TURN_EVENT_KINDS = ['turn.input', 'guard.input', 'tool.call', 'tool.result', 'model.fallback', 'guard.output', 'turn.output', 'turn.cancelled', 'turn.interrupted'] as const;

/** How a turn ended without an answer. */
export type TurnEnd = 'cancelled' | 'interrupted';

type Base = Pick<TurnAuditInput, 'principal' | 'conversationId' | 'turnId'>;
const baseOf = (e: Base) => ({ actor: { ...e.principal }, conversationId: e.conversationId, turnId: e.turnId });

/** The events a turn is opened with, before it answers: its masked input and the input guard's decision. */
export function turnOpenEvents(e: Base & Pick<TurnAuditInput, 'userTextMasked' | 'inputEntities'> & { guard: GuardDecision & { policyCode?: string } }): AuditEventInput[] {
  const base = baseOf(e);
  return [
    { ...base, kind: 'turn.input', payload: { text: e.userTextMasked, entities: e.inputEntities } },
    { ...base, kind: 'guard.input', payload: decisionOf(e.guard) },
  ];
}

/** One tool call and its result (paired by the model's tool-call `id`; `index` is its order in the turn). */
export function toolEvents(e: Base, c: { index: number; id: string; name: string; args: unknown; result: unknown; ok: boolean; ms: number }): AuditEventInput[] {
  const base = baseOf(e);
  return [
    { ...base, kind: 'tool.call', payload: { index: c.index, id: c.id, name: c.name, args: c.args ?? null } },
    { ...base, kind: 'tool.result', payload: { index: c.index, id: c.id, name: c.name, ok: c.ok, ms: c.ms, result: c.result ?? null } },
  ];
}

/** The hosted model failed (`reason`: its error code and message) and the offline planner answered instead. */
export function fallbackEvent(e: Base, p: { from: string; to: string; reason: string }): AuditEventInput {
  return { ...baseOf(e), kind: 'model.fallback', payload: { ...p } };
}

/** The events a turn that answered is closed with: the output guard's decision and the answer. */
export function turnCloseEvents(e: Base & Pick<TurnAuditInput, 'guard' | 'answer' | 'model' | 'latencyMs' | 'flags'> & { status: string }): AuditEventInput[] {
  const base = baseOf(e);
  return [
    { ...base, kind: 'guard.output', payload: decisionOf(e.guard.output) },
    { ...base, kind: 'turn.output', payload: { answer: e.answer, model: e.model, latencyMs: e.latencyMs, flags: e.flags, status: e.status } },
  ];
}

/**
 * The event a turn that did not answer is closed with: why (`reason`), and how far it got —
 * the answer text already shown to the user (`shown`, empty when none) and the tool calls made.
 */
export function turnEndEvent(e: Base, end: TurnEnd, p: { reason: string; shown: string; toolCalls: number; node?: string | null }): AuditEventInput {
  return { ...baseOf(e), kind: `turn.${end}`, payload: { reason: p.reason, shown: p.shown, toolCalls: p.toolCalls, ...(p.node ? { node: p.node } : {}) } };
}

function decisionOf(g: GuardDecision & { policyCode?: string; ungrounded?: string[] }) {
  return {
    decision: g.decision,
    categories: g.categories,
    ...(g.reasons ? { reasons: g.reasons } : {}),
    ...(g.policyCode ? { policyCode: g.policyCode } : {}),
    ...(g.ungrounded ? { ungrounded: g.ungrounded } : {}),
  };
}

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
