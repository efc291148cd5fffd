/**
 * The dialogue state of a conversation: what was asked last and how it was answered,
 * what each tool's last result showed, the client an advisor is talking about, the
 * clients and products shown last, an open multi-turn flow and the options of a
 * clarifying question. It is stored with the conversation (`conversations.state.dialogue`,
 * written in the turn's transaction), so a follow-up works on any node and after a
 * restart; the offline planner reads it, and an LLM provider gets it as a context note.
 *
 * It is advanced once per turn from the turn's tool calls and the planner's decision,
 * the same way for every model provider.
 */
import type { Ask, Bilingual, DialogueView, Memory, PlanCall, Step } from '../tools/planning.js';
import { findTool } from '../tools/registry.js';

export interface DialogueState extends DialogueView {
  v: 1;
  /** Turns seen in this conversation. */
  turns: number;
  /** How the latest turn was answered (analytics and evals read it). */
  lastTurn?: { mode: PlannerNote['mode'] | 'refused' | 'error'; intent?: string; tools: string[] };
}

/** The planner's decision for a turn, as it reports it on its messages. */
export interface PlannerNote {
  intent?: string;
  mode: 'tool' | 'say' | 'ask' | 'reply';
  /** The options of a clarifying question. */
  options?: { label: Bilingual; step: Step }[];
  /** The request a clarifying question waits to complete. */
  resume?: Ask['resume'];
  /** The text is the system's own fixed wording (no data in it). */
  fixed?: boolean;
  /** Products an answer singled out ("the largest holding is …"), now in focus. */
  products?: string[];
  /** The call that lists what an answer from memory counted (see {@link DialogueView.offered}). */
  offer?: PlanCall;
  /** The client an answer from memory was about. */
  subject?: { clientId: string; name?: string };
  /** Products and clients the message named, whatever was answered (a refused or clarified turn too). */
  mentioned?: { products: string[]; clients: string[] };
}

/** The stored state, or a fresh one (older conversations have none). */
export function dialogueOf(state: Record<string, unknown> | undefined): DialogueState {
  const d = state?.dialogue as Partial<DialogueState> | undefined;
  if (!d || d.v !== 1) return { v: 1, turns: 0, memory: {} };
  return { ...d, v: 1, turns: d.turns ?? 0, memory: { ...(d.memory ?? {}) } } as DialogueState;
}

const MAX_LISTED = 50;

/**
 * The state after a turn: the calls that succeeded update the tools' memory and what is
 * in focus; a failed or refused turn changes only the turn count.
 */
export function advanceDialogue(
  prev: DialogueState,
  turn: { note?: PlannerNote; calls: readonly { name: string; args: unknown; result: unknown; ok: boolean }[]; status: 'ok' | 'refused' | 'error' },
): DialogueState {
  const tools = turn.calls.map((c) => c.name);
  const next: DialogueState = { ...prev, turns: prev.turns + 1, memory: { ...prev.memory } };
  if (turn.status !== 'ok') return { ...next, lastTurn: { mode: turn.status, tools } };
  // What the user named comes into focus first; what the answer showed may refine it below.
  const m = turn.note?.mentioned;
  if (m?.products.length) next.products = m.products.slice(0, 5);
  if (m?.clients.length === 1) next.subject = { clientId: m.clients[0] };
  next.lastTurn = { mode: turn.note?.mode ?? (turn.calls.some((c) => c.ok) ? 'tool' : 'reply'), ...(turn.note?.intent ? { intent: turn.note.intent } : {}), tools };
  delete next.pending;
  delete next.offered;
  const ok = turn.calls.filter((c) => c.ok);
  const mode = turn.note?.mode ?? (ok.length > 0 ? 'tool' : 'reply');
  if (mode === 'ask') {
    if (turn.note?.options?.length || turn.note?.resume) next.pending = { options: turn.note.options ?? [], ...(turn.note.resume ? { resume: turn.note.resume } : {}) };
    return next;
  }
  if (mode === 'reply') return next;
  if (mode === 'say') {
    // An answer from the figures already shown keeps the last request as it was.
    if (turn.note?.products?.length) next.products = turn.note.products.slice(0, 5);
    if (turn.note?.offer) next.offered = turn.note.offer;
    if (turn.note?.subject) next.subject = turn.note.subject;
    return next;
  }
  const calls: PlanCall[] = ok.map((c) => ({ tool: c.name, args: (c.args ?? {}) as Record<string, unknown> }));
  if (calls.length === 0) return next;
  next.last = { intent: turn.note?.intent ?? calls[0].tool, calls, mode: 'tool' };
  let flowSeen = false;
  for (const c of ok) {
    const planner = findTool(c.name)?.planner;
    const mem: Memory | undefined = planner?.remember?.(c.result as never, (c.args ?? {}) as Record<string, unknown>, prev.memory[c.name]);
    if (!mem) continue;
    next.memory[c.name] = mem;
    const clients = mem.clients as string[] | undefined;
    const subject = mem.subject as { clientId: string; name?: string } | undefined;
    if (clients) {
      next.listed = clients.slice(0, MAX_LISTED);
      if (!subject) delete next.subject; // a new list: "her" now means someone in it
    }
    if (subject?.clientId) next.subject = { clientId: subject.clientId, ...(subject.name ? { name: subject.name } : {}) };
    else if (typeof (c.args as { clientId?: unknown })?.clientId === 'string') next.subject = { clientId: (c.args as { clientId: string }).clientId };
    const products = mem.products as string[] | undefined;
    if (products?.length) next.products = products.slice(0, 5);
    if (mem.flowOpen === true) {
      next.flow = { tool: c.name };
      flowSeen = true;
    }
  }
  if (!flowSeen && next.flow && ok.some((c) => c.name === next.flow!.tool)) delete next.flow;
  // The products the answer singled out come into focus last.
  if (turn.note?.products?.length) next.products = turn.note.products.slice(0, 5);
  return next;
}

/**
 * A short context note for an LLM provider: who is in focus and what was shown last, so a
 * hosted model resolves "她" / "that" the way the offline planner does. Ids only: no names.
 */
export function dialogueNote(d: DialogueState, lang: 'zh' | 'en'): string | undefined {
  const parts: string[] = [];
  if (d.subject) parts.push(lang === 'zh' ? `当前讨论的客户：${d.subject.clientId}` : `Client in focus: ${d.subject.clientId}`);
  if (d.listed?.length) parts.push(lang === 'zh' ? `上次列出的客户：${d.listed.slice(0, 10).join(', ')}` : `Clients listed last: ${d.listed.slice(0, 10).join(', ')}`);
  if (d.products?.length) parts.push(lang === 'zh' ? `上次提到的产品：${d.products.join(', ')}` : `Products discussed last: ${d.products.join(', ')}`);
  if (d.last) {
    const c = d.last.calls[0];
    parts.push(lang === 'zh' ? `上一个请求：${c.tool} ${JSON.stringify(c.args)}` : `Last request: ${c.tool} ${JSON.stringify(c.args)}`);
  }
  return parts.length ? parts.join('\n') : undefined;
}
