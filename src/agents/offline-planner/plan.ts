/**
 * The planner's decision for the user's latest message: which tool to call with which
 * arguments, or a direct answer (greeting, help, a refusal, a clarifying question).
 * Follow-ups read the history: a message with only a new slot ("and in USD?", "what about
 * 3 months?") repeats the previous tool with it; while a questionnaire is in progress
 * the reply is routed to it as the answer.
 */
import type { Lang } from '../../tools/types.js';
import type { ToolName } from '../../tools/contract.js';
import { scoreIntents } from './intent.js';
import { INTENT_TOOL, type Intent } from './lexicon.js';
import { extractSlots, upperTickers, type Slots } from './slots.js';
import { detectLang, normalize } from './text.js';

/** What the planner knows of the conversation so far (read from the messages). */
export interface PlanContext {
  /** Tools bound to the model (by name). */
  tools: ReadonlySet<string>;
  role: 'client' | 'advisor' | 'compliance';
  /** The last tool called in the conversation and its arguments. */
  lastTool?: { name: string; args: Record<string, unknown> };
  /** A risk questionnaire question is waiting for the user's answer. */
  questionnaireOpen: boolean;
  /** Advisor's book (id and names), to resolve a client named in the text. */
  knownClients?: readonly { id: string; name: string; nameEn?: string }[];
  /** Names/codes of products (catalog) → product id, for product slots. */
  products?: readonly { id: string; names: string[] }[];
}

export type Decision =
  | { kind: 'tool'; tool: ToolName; args: Record<string, unknown>; intent: Intent; confidence: number }
  | { kind: 'reply'; reason: Intent | 'clarify' | 'unavailable'; lang: Lang; intent?: Intent };

/** Below this score the planner asks what the user means instead of guessing. */
export const CONFIDENCE_THRESHOLD = 1.5;
const FOLLOW_UP = /^(and|what about|how about|then|also|same|ok and|那|那么|还有|再|换成|换个|如果|用|按|那它|那如果)|(呢|吗)[?？]?$|\b(in|for)\b.{0,20}\??$/;
const NO_TOOL: ReadonlySet<Intent> = new Set(['greeting', 'thanks', 'help', 'trade', 'transfer', 'guarantee', 'offtopic']);
const STRONG = 5;

/** Decides the next step for `text` (the user's latest message). */
export function plan(text: string, ctx: PlanContext): Decision {
  const norm = normalize(text);
  const lang = detectLang(text);
  const slots = extractSlots(norm);
  slots.tickers.push(...upperTickers(text));
  const scores = scoreIntents(norm);
  const adjusted = scores.map((s) => ({ ...s }));
  const bump = (intent: Intent, by: number) => {
    const s = adjusted.find((x) => x.intent === intent);
    if (s) s.score += by;
  };
  if (slots.currency) bump('portfolio', 1);
  if (slots.periods.length > 0) bump('performance', 0.5);
  if (slots.confidence) bump('risk', 1.5);
  if (slots.riskFreeRate !== undefined) bump('risk', 1.5);
  if (slots.clientIds.length > 0 || resolveClient(norm, ctx)) bump('clients', -3);
  if (ctx.role !== 'advisor') bump('clients', -10);
  adjusted.sort((a, b) => b.score - a.score);
  const best = adjusted[0];
  const bestTool = INTENT_TOOL[best.intent];

  if (ctx.questionnaireOpen && ctx.tools.has('assess_risk_profile')) {
    if (best.intent === 'profile_cancel' && best.score >= 2.5) return toolCall('assess_risk_profile', { action: 'cancel' }, best.intent, best.score);
    if (best.score < STRONG || NO_TOOL.has(best.intent) || best.intent.startsWith('profile')) {
      return toolCall('assess_risk_profile', { action: 'answer', answer: text.trim().slice(0, 200) }, 'profile_start', 1);
    }
  }

  const followUp = ctx.lastTool && (best.score < 3 || FOLLOW_UP.test(norm)) && hasFollowUpSlot(slots, ctx.lastTool.name);
  if (followUp && ctx.lastTool && (best.score < 3 || INTENT_TOOL[best.intent] === ctx.lastTool.name || best.intent === 'portfolio')) {
    const name = ctx.lastTool.name as ToolName;
    const prev = { ...ctx.lastTool.args };
    if (name === 'assess_risk_profile') return { kind: 'reply', reason: 'clarify', lang };
    return toolCall(name, { ...carry(prev), ...argsFor(name, slots, norm, ctx) }, best.intent, best.score);
  }

  if (best.score < CONFIDENCE_THRESHOLD) {
    return { kind: 'reply', reason: 'clarify', lang };
  }
  if (NO_TOOL.has(best.intent) || !bestTool) return { kind: 'reply', reason: best.intent, lang, intent: best.intent };
  if (!ctx.tools.has(bestTool)) return { kind: 'reply', reason: 'unavailable', lang, intent: best.intent };
  return toolCall(bestTool, argsFor(bestTool, slots, norm, ctx, best.intent), best.intent, best.score);
}

function toolCall(tool: ToolName, args: Record<string, unknown>, intent: Intent, confidence: number): Decision {
  return { kind: 'tool', tool, args, intent, confidence };
}

/** Arguments of the previous call that a follow-up keeps (who and in which currency). */
function carry(prev: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (prev.clientId) out.clientId = prev.clientId;
  if (prev.currency) out.currency = prev.currency;
  return out;
}

function hasFollowUpSlot(s: Slots, tool: string): boolean {
  if (s.currency || s.clientIds.length > 0) return true;
  if (tool === 'get_performance' && s.periods.length > 0) return true;
  if (tool === 'portfolio_risk' && (s.confidence || s.riskFreeRate !== undefined || s.periods.length > 0)) return true;
  if (tool === 'list_clients' && (s.riskProfile || s.minDrift || s.sortBy)) return true;
  return false;
}

function resolveClient(norm: string, ctx: PlanContext): string | undefined {
  if (ctx.role !== 'advisor' || !ctx.knownClients) return undefined;
  for (const c of ctx.knownClients) {
    if (c.name && c.name.length >= 2 && norm.includes(c.name.toLowerCase())) return c.id;
    if (c.nameEn && c.nameEn.length >= 3 && norm.includes(c.nameEn.toLowerCase())) return c.id;
  }
  return undefined;
}

const LOOKBACK: Partial<Record<string, number>> = { '3M': 63, '1Y': 252, '3Y': 756 };

/** Tool arguments from the slots; a client id is only ever passed for an advisor. */
export function argsFor(tool: ToolName, s: Slots, norm: string, ctx: PlanContext, intent?: Intent): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  const clientId = ctx.role === 'advisor' ? (s.clientIds[0] ?? resolveClient(norm, ctx)) : undefined;
  switch (tool) {
    case 'get_portfolio':
      if (s.currency) a.currency = s.currency;
      break;
    case 'get_performance':
      if (s.periods.length > 0) a.periods = s.periods;
      if (s.currency) a.currency = s.currency;
      break;
    case 'portfolio_risk': {
      if (s.riskFreeRate !== undefined) a.riskFreeRate = s.riskFreeRate;
      if (s.currency) a.currency = s.currency;
      const lb = s.periods.map((p) => LOOKBACK[p]).find((x) => x !== undefined);
      if (lb) a.lookbackDays = lb;
      break;
    }
    case 'assess_risk_profile':
      a.action = intent === 'profile_start' ? 'start' : intent === 'profile_cancel' ? 'cancel' : 'get';
      break;
    case 'list_clients':
      if (s.riskProfile) a.riskProfile = s.riskProfile;
      if (s.minDrift !== undefined) a.minDrift = s.minDrift;
      if (s.sortBy) a.sortBy = s.sortBy;
      else if (s.minDrift !== undefined) a.sortBy = 'drift';
      break;
    default:
      Object.assign(a, laterToolArgs(tool, s, ctx));
  }
  if (clientId && tool !== 'list_clients') a.clientId = clientId;
  return a;
}

/** Arguments for the tools of later issues (filled in as their schemas land). */
function laterToolArgs(tool: ToolName, s: Slots, ctx: PlanContext): Record<string, unknown> {
  void tool;
  void s;
  void ctx;
  return {};
}
