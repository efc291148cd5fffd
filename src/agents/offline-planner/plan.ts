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
import { productsIn } from '../../rag/product-names.js';
import { clientNameQuery, extractSlots, upperTickers, type Slots } from './slots.js';
import { backtestSlotsOf, goalSlotsOf, optimizeSlotsOf, rebalanceSlotsOf } from './slots-construction.js';
import { foldChinese } from './chinese-variants.js';
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
  | {
      kind: 'tool';
      tool: ToolName;
      args: Record<string, unknown>;
      intent: Intent;
      confidence: number;
      /** Further calls in the same step (a product question: the facts and the cited passages). */
      more?: { tool: ToolName; args: Record<string, unknown> }[];
    }
  | { kind: 'reply'; reason: Intent | 'clarify' | 'unavailable' | 'goal_amount'; lang: Lang; intent?: Intent };

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
  slots.nameQuery = ctx.role === 'advisor' ? clientNameQuery(foldChinese(text)) : undefined;
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
  constructionBumps(norm, adjusted, bump);
  // Structural evidence beyond single words: an amount with a horizon is a goal projection;
  // "can I buy …?" without a named product is a suitability question (the profile decides);
  // a trade word inside a question ("赎回要多久到账?") asks about rules, it is no order.
  const sc = (i: Intent) => adjusted.find((x) => x.intent === i)?.score ?? 0;
  if (slots.amounts.length > 0 && slots.horizonYears && sc('backtest') < 2) bump('goal', 1.5);
  if (CAN_I_BUY.test(norm) && productsIn(text, ctx.products).length === 0) bump('profile_get', 2.5);
  if (sc('trade') > 0 && QUESTION.test(norm) && !COMMAND.test(norm)) bump('trade', -2);
  adjusted.sort((a, b) => b.score - a.score);
  const best = adjusted[0];
  const bestTool = INTENT_TOOL[best.intent];
  const products = productsIn(text, ctx.products);

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

  if (products.length > 0 && productQuestion(best.intent, norm)) return productCalls(text, products, ctx, lang, best.score);
  if (best.score < CONFIDENCE_THRESHOLD) {
    return { kind: 'reply', reason: 'clarify', lang };
  }
  if (NO_TOOL.has(best.intent) || !bestTool) return { kind: 'reply', reason: best.intent, lang, intent: best.intent };
  if (best.intent === 'documents' || best.intent === 'product') return productCalls(text, [], ctx, lang, best.score);
  if (!ctx.tools.has(bestTool)) return { kind: 'reply', reason: 'unavailable', lang, intent: best.intent };
  if (bestTool === 'project_goal' && !goalSlotsOf(norm, slots.horizonYears).targetAmount) return { kind: 'reply', reason: 'goal_amount', lang, intent: best.intent };
  return toolCall(bestTool, argsFor(bestTool, slots, norm, ctx, best.intent), best.intent, best.score);
}

const CAN_I_BUY = /(我|本人)?(能|可以|可不可以|能不能|有资格)(买|投|购买|申购)|适合(我|买)|can i (buy|invest)|am i (allowed|eligible|able) to (buy|invest)|allowed to buy|eligible (to|for)/;
const QUESTION = /[?？]|吗|呢|怎么|什么|多久|多长|如何|为什么|是否|\b(how|what|when|why|which|does|do|is|are|can)\b/;
const COMMAND = /帮我|给我|替我|请|马上|立刻|现在就|下单|for me|please|now\b|place an order|^(buy|sell|subscribe|redeem)/;

const CONSTRUCTION: ReadonlySet<Intent> = new Set(['optimize', 'rebalance', 'goal', 'backtest', 'clients', 'transfer', 'guarantee', 'offtopic', 'greeting', 'thanks']);
const ASKS_IF_ALLOWED = /能买吗|可以买吗|能不能买|适合我|适不适合|can i buy|could i buy|may i buy|should i buy|suitable|right for me|费|fee|多久|how long|限制|rule/;

/** A named product makes a question about it, unless the message asks for something else (a trade, a plan …). */
function productQuestion(intent: Intent, norm: string): boolean {
  if (intent === 'trade') return ASKS_IF_ALLOWED.test(norm);
  return !CONSTRUCTION.has(intent);
}

/**
 * Product questions: the facts of each named product (get_product, up to two) and the
 * passages that answer the question (search_documents, filtered to the product when one
 * is named), so the answer can quote the documents with [n] citations.
 */
function productCalls(text: string, products: string[], ctx: PlanContext, lang: Lang, confidence: number): Decision {
  const calls: { tool: ToolName; args: Record<string, unknown> }[] = [];
  if (ctx.tools.has('get_product')) for (const id of products.slice(0, 2)) calls.push({ tool: 'get_product', args: { query: id } });
  if (ctx.tools.has('search_documents')) {
    const args: Record<string, unknown> = { query: text.trim().slice(0, 500), k: products.length > 1 ? 6 : 4 };
    if (products.length === 1) args.product = products[0];
    const docType = docTypeOf(normalize(text));
    if (docType) args.docType = docType;
    calls.push({ tool: 'search_documents', args });
  }
  if (calls.length === 0) return { kind: 'reply', reason: 'unavailable', lang, intent: 'documents' };
  const [first, ...more] = calls;
  return { kind: 'tool', tool: first.tool, args: first.args, intent: 'documents', confidence, ...(more.length ? { more } : {}) };
}

const DOC_TYPE_CUES: [RegExp, string][] = [
  [/招募说明书|产品说明书|说明书|prospectus|offering (document|memorandum)/, 'prospectus'],
  [/产品概要|产品资料概要|fact ?sheet|key facts/, 'fact_sheet'],
  [/风险揭示|风险提示书|risk disclosure/, 'risk_disclosure'],
  [/研究报告|研报|研究|research|analyst note/, 'research'],
  [/常见问题|问答|\bfaq\b|frequently asked/, 'faq'],
  [/年报|年度报告|annual report/, 'annual_report'],
  [/公告|announcement/, 'announcement'],
];

/** The one kind of document a question names ("风险揭示书里…", "according to the FAQ"), if exactly one. */
function docTypeOf(norm: string): string | undefined {
  const hits = DOC_TYPE_CUES.filter(([re]) => re.test(norm)).map(([, t]) => t);
  return hits.length === 1 ? hits[0] : undefined;
}

const ALLOCATION_WORDS = /怎么配|配置|重新配|方案|最优|组合是什么样|组合要|allocat|mix\b|optimi|weights|portfolio (look|should|change)/;
const RULE_QUESTION = /费|限制|规则|多久|多长|怎么收|条件|流程|fee|rule|restriction|limit|how long|early|penalt/;

/** Construction and document cues that plain feature scores get wrong. */
function constructionBumps(norm: string, scores: { intent: Intent; score: number }[], bump: (i: Intent, by: number) => void): void {
  const score = (i: Intent) => scores.find((x) => x.intent === i)?.score ?? 0;
  const o = optimizeSlotsOf(norm);
  if (o.views) bump('optimize', 5); // a market view is a Black-Litterman request
  else if (o.objective && (score('optimize') > 0 || ALLOCATION_WORDS.test(norm))) bump('optimize', o.targetReturn || o.targetVolatility ? 4.5 : 3);
  // "would quarterly rebalancing have beaten holding?" asks about the past: a backtest.
  if (score('backtest') >= 1.5 && score('rebalance') > 0) bump('backtest', score('rebalance'));
  // "赎回有什么限制" / "redemption fees" ask about the rules, not for a trade.
  if (score('trade') > 0 && score('documents') >= 2 && RULE_QUESTION.test(norm)) bump('trade', -score('trade'));
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
      if (s.limit) a.limit = s.limit;
      if (s.nameQuery) a.query = s.nameQuery;
      break;
    default:
      Object.assign(a, laterToolArgs(tool, s, norm));
  }
  if (clientId && tool !== 'list_clients') a.clientId = clientId;
  return a;
}

/** Arguments of the portfolio-construction tools from the message (see `slots-construction.ts`). */
function laterToolArgs(tool: ToolName, s: Slots, norm: string): Record<string, unknown> {
  switch (tool) {
    case 'optimize_portfolio': {
      const o = optimizeSlotsOf(norm);
      return { ...o, ...(s.riskFreeRate !== undefined ? { riskFreeRate: s.riskFreeRate } : {}) };
    }
    case 'check_rebalance':
      return rebalanceSlotsOf(norm);
    case 'project_goal':
      return { ...goalSlotsOf(norm, s.horizonYears) };
    case 'backtest_strategy':
      return backtestSlotsOf(norm, s.horizonYears);
    default:
      return {};
  }
}
