/**
 * The offline planner's engine: one message and the dialogue state in, one decision
 * out. It knows no tool by name — every intent, argument rule, follow-up rule and
 * answer comes from the planners of the registry's tools (`src/tools/<name>/planner.ts`)
 * — and answers greetings, help and plain refusals itself (`replies.ts`).
 *
 * Order of a decision:
 * 1. a reply that picks an option of the clarifying question just asked;
 * 2. intent scores: weighted features, then each intent's structural bias;
 * 3. tools that take the message over whatever its intent (a named product asked about,
 *    an open questionnaire waiting for its answer);
 * 4. a follow-up to the last request: the last owner's planner refines its own call
 *    ("那去年呢？") or answers from the figures already shown;
 * 5. low confidence → one short clarifying question with options;
 * 6. the owner's plan for the best intent, with whose data an advisor means (a named
 *    client, the client in focus, or a question back).
 */
import { namedInstruments, productsByNameWordsScored, productsIn } from '../../rag/product-names.js';
import { readUtterance, type Utterance } from '../../lang/utterance.js';
import type { BestIntent, Bilingual, DialogueView, IntentSpec, PlanCall, PlanEnv, Step, ToolPlanner } from '../../tools/planning.js';
import { TOOLS } from '../../tools/registry.js';
import { namedClient } from '../../tools/shared/plan-kit.js';
import type { ToolDefinition } from '../../tools/types.js';
import { scoreIntents } from './intent.js';
import { REPLY_INTENTS, replyText } from './replies.js';

/** Below this score the planner asks what the user means instead of guessing. */
export const CONFIDENCE_THRESHOLD = 1.5;
/** A follow-up cue counts when no intent is at least this clear. */
const CLEAR = 3;

interface Catalog {
  specs: IntentSpec[];
  owner: Map<string, ToolDefinition>;
  tools: Map<string, ToolDefinition>;
}

let catalog: Catalog | undefined;

/** Every intent of the registry's planners (registry order) and the engine's replies, built once. */
function intents(): Catalog {
  if (catalog) return catalog;
  const specs: IntentSpec[] = [];
  const owner = new Map<string, ToolDefinition>();
  const tools = new Map<string, ToolDefinition>();
  for (const t of TOOLS) {
    tools.set(t.name, t);
    for (const spec of t.planner?.intents ?? []) {
      specs.push(spec);
      owner.set(spec.id, t);
    }
  }
  specs.push(...REPLY_INTENTS);
  catalog = { specs, owner, tools };
  return catalog;
}

/** The planner of a tool, if it has one. */
export function plannerOf(tool: string): ToolPlanner | undefined {
  return intents().tools.get(tool)?.planner as ToolPlanner | undefined;
}

/** The tool whose planner owns an intent. */
export function ownerOf(intent: string): ToolDefinition | undefined {
  return intents().owner.get(intent);
}

/** The message read with what the planner knows: named products, clients of the advisor's book. */
export function understand(text: string, env: PlanEnv, refYear?: number): Utterance {
  const u = readUtterance(text, { refYear, advisor: env.role === 'advisor' });
  u.products = productsIn(text, env.products);
  const named = namedClient(u.norm, env);
  if (named && !u.slots.clientIds.includes(named)) u.slots.clientIds.push(named);
  // "same for the other one" after one of two listed clients was shown: the other client
  const d = env.dialogue;
  const focus = d.subject?.clientId;
  if (env.role === 'advisor' && u.other && u.slots.clientIds.length === 0 && focus && d.listed && d.listed.length === 2 && d.listed.includes(focus)) {
    u.slots.clientIds.push(d.listed.find((c) => c !== focus)!);
  }
  if (u.products.length === 0) {
    const guess = focusProductNamed(u, env);
    u.products = guess.ids;
    if (guess.ids.length > 0 && guess.weak) u.productsGuessed = true;
  }
  if (env.instruments) {
    for (const t of namedInstruments(u.raw, env.instruments.stocks)) if (!u.slots.tickers.includes(t)) u.slots.tickers.push(t);
    if (BENCHMARK_CUE.test(u.norm)) u.benchmark = namedInstruments(u.raw, env.instruments.indices)[0];
  }
  return u;
}

/**
 * A product named by a short form ("the Qingsong 90-day one", "景和短债"), else one of the
 * products in focus or just shown as holdings named by a word of its name ("长澜那只",
 * "the pure bond one").
 */
function focusProductNamed(u: Utterance, env: PlanEnv): { ids: string[]; weak: boolean } {
  // "the Qingsong 90-day one" (brand and a word) names it; "my tech fund" (one rare word) is a good guess
  const byWords = productsByNameWordsScored(u.norm, env.products);
  if (byWords.ids.length > 0) return { ids: byWords.ids, weak: Boolean(byWords.rare) && !u.refers };
  // Holdings any tool's memory shows (the convention: `memory.holdings`, ids in order).
  const held = (m: unknown) => ((m as { holdings?: { id: string }[] } | undefined)?.holdings ?? []).map((h) => h.id);
  const lastTool = env.dialogue.last?.calls[0]?.tool;
  const justShown = lastTool ? held(env.dialogue.memory[lastTool]) : [];
  // "the third one on the list" right after holdings were listed ("what's the largest holding?" asks which, it points at none)
  // (products of the catalog only: a stock just shown is a holding, not a product to look up)
  const pick = u.ordinal && !u.person && !ASKS_WHICH.test(u.norm) ? justShown[u.ordinal - 1] : undefined;
  if (pick && env.products?.some((p) => p.id === pick)) return { ids: [pick], weak: SUPERLATIVE.test(u.norm) };
  const among = [...new Set([...(env.dialogue.products ?? []), ...Object.values(env.dialogue.memory).flatMap(held)])];
  if (among.length === 0) return { ids: [], weak: false };
  const r = productsByNameWordsScored(u.norm, env.products, among);
  return { ids: r.ids, weak: r.score < 2 };
}

/** A client pointed at as the top of a ranking ("最多的那位", "the biggest account of those"). */
const TOP_OF_LIST = /(最厉害|最大|最多|最高|最重|最严重|最差|最久)的(那个|那位|那一位|那一个|客户)|\bthe (biggest|largest|top|worst|richest|most [a-z]+) (one|account|client|portfolio)( of (those|them|these|the list))?\b/;

/** "the biggest one" points by size (a guess); "the second one" points by position (certain). */
const SUPERLATIVE = /largest|biggest|top|最大|最多|最重/;

/** A question that asks which one is first or largest, rather than pointing at it. */
const ASKS_WHICH = /\b(what|which|whats)('s| is| are)?\b[^?]{0,20}\b(largest|biggest|top|first|second|third|smallest)\b|哪(个|只|一个|一只).{0,8}(最大|最多|最重)|最大的是(哪|什么)/;

const BENCHMARK_CUE = /\bvs\.?|versus|against|compared|relative to|benchmark|相对|对比|跟.{0,12}比|和.{0,12}比|比较|基准|贝塔|beta/;

/** Scores of every intent for a message, best first (features, then biases; ties keep registry order). */
export function rank(u: Utterance, env: PlanEnv): BestIntent[] {
  const { specs, owner } = intents();
  const raw = scoreIntents(u.scoring, specs);
  const score = new Map(raw.map((s) => [s.intent, s.score]));
  const get = (id: string) => score.get(id) ?? 0;
  for (const late of [false, true]) {
    for (const spec of specs) {
      if (!spec.bias || Boolean(spec.late) !== late) continue;
      const by = spec.bias(u, get, env);
      if (by !== 0) score.set(spec.id, get(spec.id) + by);
    }
  }
  return specs
    .map((spec, i) => ({ intent: spec.id, score: get(spec.id), spec, tool: owner.get(spec.id)?.name, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ i: _i, ...b }) => b);
}

/** What a message named, whatever was decided: it comes into focus for the next turn. */
export interface Mentioned {
  products: string[];
  clients: string[];
}

/** The decision for the user's latest message, with the products and clients it named. */
export function decideAndMention(text: string, env: PlanEnv, refYear?: number): { step: Step; mentioned: Mentioned } {
  const u = understand(text, env, refYear);
  return { step: decideFor(u, env), mentioned: { products: u.productsGuessed ? [] : u.products, clients: u.slots.clientIds } };
}

/** The decision for the user's latest message. */
export function decide(text: string, env: PlanEnv, refYear?: number): Step {
  return decideFor(understand(text, env, refYear), env);
}

function decideFor(u: Utterance, env: PlanEnv): Step {
  const d = env.dialogue;

  const picked = pickOption(u, d) ?? resumed(u, d, env) ?? listOffered(u, d);
  if (picked) return scoped(picked, u, env);

  const ranked = rank(u, env);
  const best = ranked[0];

  for (const t of TOOLS) {
    const step = t.planner?.preempt?.(u, best, env);
    if (step) return scoped(step, u, env);
  }

  const follow = followUp(u, best, env);
  if (follow) return scoped(follow, u, env);

  // "and her risk?" — a short follow-up naming a topic: a weaker cue is enough in context.
  const threshold = (u.elliptical || u.refers || u.person) && d.last ? 1 : CONFIDENCE_THRESHOLD;
  if (best.score < threshold) return clarify(ranked, env);
  const book = bookInstead(u, ranked, env);
  if (book) return scoped((ownerOf(book.intent)?.planner as ToolPlanner).plan(u, book.intent, env), u, env);
  if (!best.tool) return { kind: 'say', intent: best.intent, text: pick(env, replyText(best.intent, env)) };
  if (!env.tools.has(best.tool)) return { kind: 'say', intent: 'unavailable', text: pick(env, replyText('unavailable', env)) };
  const planner = ownerOf(best.intent)?.planner as ToolPlanner;
  return scoped(planner.plan(u, best.intent, env), u, env);
}

const COMPARING = /\bwhich (one|of (the two|them|those|these|the two plans|the two))\b|which (was|is|did|had) (better|worse|lower|higher|smaller|bigger)|哪个|哪一个|哪种|两个方案|哪个方案|before (vs\.?|versus|and|or) after|调完(以)?后|调整(以)?后|优化(以)?后|前后(对比|比较|变化)/;

const BOOK_CUE = /\b(who|whose|which|what) (of my )?(clients?|portfolios|accounts|ones|people)\b|\bwho\b|\bwhose\b|\bany (clients?|portfolios)\b|\btop \d+ clients\b|谁|哪些|哪几位|哪个客户|哪位客户|客户们|有没有客户|前[一二三四五六七八九十\d]+(个|位|名)客户/;

/**
 * An advisor asking "who" or "which portfolios" about the book, with no client named,
 * pointed at or in focus: a client-scoped intent cannot serve it, so the best
 * book-scoped intent does ("谁的组合波动超过了风险等级上限？").
 */
function bookInstead(u: Utterance, ranked: BestIntent[], env: PlanEnv): BestIntent | undefined {
  if (env.role !== 'advisor' || u.slots.clientIds.length > 0 || !BOOK_CUE.test(u.norm)) return undefined;
  const tools = intents().tools;
  const best = ranked[0];
  if (!best.tool || tools.get(best.tool)?.scope !== 'client') return undefined;
  if ((u.refers || u.person || u.ordinal) && (env.dialogue.subject || env.dialogue.listed?.length)) return undefined;
  return ranked.find((b) => b.tool && b.score > 0 && tools.get(b.tool)?.scope === 'book' && env.tools.has(b.tool));
}

const pick = (env: Pick<PlanEnv, 'lang'>, b: Bilingual) => (env.lang === 'zh' ? b.zh : b.en);

/**
 * A follow-up to the last request: a message that is elliptical or points back, or that
 * no intent claims clearly, goes to the last owner's planner first, which takes it only
 * when it finds something of its own to change. A clear new intent of another tool
 * without such a cue is a new request (the advisor's client in focus still carries over).
 */
function followUp(u: Utterance, best: BestIntent, env: PlanEnv): Step | undefined {
  const last = env.dialogue.last;
  if (!last || last.calls.length === 0) return undefined;
  const prev = last.calls[0];
  const sameTool = best.tool === prev.tool || ownerOf(last.intent)?.name === best.tool;
  // A message for the same tool again ("which class is furthest from target?" after a
  // rebalance check) is heard as a refinement of the last call first.
  // "which one had the smaller drawdown?" compares what was just shown
  const comparing = COMPARING.test(u.norm);
  const cue = u.elliptical || u.refers || best.score < CLEAR || sameTool || comparing;
  if (!cue) return undefined;
  // A clear refusal or reply of the engine's own ("can you guarantee me 10%…", "thanks") is never a refinement.
  if (!best.tool && best.score >= CLEAR) return undefined;
  // A clear request for another tool is a new request — unless the message itself points
  // back ("a less risky version of that", "…instead"): the last tool hears it first.
  if (best.score >= CLEAR && !sameTool && best.intent !== 'portfolio' && !u.elliptical && !u.refers && !comparing) return undefined;
  const planner = plannerOf(prev.tool);
  const step = planner?.followUp?.(u, prev, env, best);
  if (step) return step;
  // "what about C0017?", "same for the second one": the same request for another client of the book.
  const listed = env.dialogue.listed ?? [];
  const other = u.slots.clientIds[0] ?? (u.ordinal && !SUPERLATIVE.test(u.norm) && listed.length >= u.ordinal ? listed[u.ordinal - 1] : undefined);
  if (env.role === 'advisor' && other && best.score < CLEAR && last.calls.some((c) => typeof c.args.clientId === 'string' && c.args.clientId !== other)) {
    return { kind: 'call', intent: last.intent, calls: last.calls.map((c) => (typeof c.args.clientId === 'string' ? { ...c, args: { ...c.args, clientId: other } } : c)) };
  }
  return undefined;
}

const LIST_THEM = /^(ok |so |and |then )?(who are (they|those|them)|which (ones|clients|are they)|list (them|those)|show (me )?(them|those|who)|names?\??$|name them|and who\??$)|是谁|是哪些|有哪些|哪几位|哪几个|列出来|列一下|名单/;

/** "who are they?" right after an answer that counted them: the call that lists them. */
function listOffered(u: Utterance, d: DialogueView): Step | undefined {
  const call = d.offered;
  if (!call || !LIST_THEM.test(u.norm) || u.slots.clientIds.length > 0) return undefined;
  const intent = plannerOf(call.tool)?.intents[0]?.id ?? call.tool;
  return { kind: 'call', intent, calls: [call] };
}

/** The request a "which client / which product?" question waited on, completed by the reply that names one. */
function resumed(u: Utterance, d: DialogueView, env: PlanEnv): Step | undefined {
  const r = d.pending?.resume;
  if (!r || r.step.kind !== 'call') return undefined;
  if (r.needs === 'details') {
    // the reply gives what the question asked for: the owner plans its request from it
    const again = plannerOf(r.step.calls[0]?.tool ?? '')?.plan(u, r.step.intent, env);
    return again?.kind === 'call' ? again : undefined;
  }
  const picked = u.ordinal && d.listed && d.listed.length >= u.ordinal ? d.listed[u.ordinal - 1] : undefined;
  if (r.needs === 'client' && (u.slots.clientIds.length > 0 || picked)) {
    const id = u.slots.clientIds[0] ?? picked!;
    const scope = (tool: string) => intents().tools.get(tool)?.scope;
    return { ...r.step, calls: r.step.calls.map((c) => (c.args.clientId === undefined && scope(c.tool) === 'client' ? { ...c, args: { ...c.args, clientId: id } } : c)) };
  }
  return undefined;
}

/** A reply to the clarifying question just asked: "1", "B", "第二个", "the second", or words of an option's label. */
function pickOption(u: Utterance, d: DialogueView): Step | undefined {
  const options = d.pending?.options;
  if (!options || options.length === 0) return undefined;
  const n = u.norm.replace(/[\s.。!！?？)）]/g, '');
  const letter = /^([a-e]|[1-5])$/.exec(n);
  if (letter) {
    const i = /\d/.test(letter[1]) ? Number(letter[1]) - 1 : letter[1].charCodeAt(0) - 97;
    return options[i]?.step;
  }
  if (u.ordinal && n.length <= 12) return options[u.ordinal - 1]?.step;
  const hit = options.filter((o) => [o.label.zh, o.label.en].some((l) => l.length >= 2 && (n.includes(l.toLowerCase().replace(/\s/g, '')) || l.toLowerCase().includes(n) && n.length >= 2)));
  return hit.length === 1 ? hit[0].step : undefined;
}

/** One short question with up to three options: the intents the message came closest to, else the main ones. */
function clarify(ranked: BestIntent[], env: PlanEnv): Step {
  const usable = (b: BestIntent) => b.tool && env.tools.has(b.tool) && b.spec?.label;
  let near = ranked.filter((b) => b.score > 0 && usable(b)).slice(0, 3);
  if (near.length < 2) {
    const offered = ranked.filter((b) => b.spec?.offer?.includes(env.role) && usable(b) && !near.includes(b));
    near = [...near, ...offered].slice(0, 3);
  }
  const options = near.map((b) => {
    const planner = ownerOf(b.intent)?.planner as ToolPlanner;
    return { label: b.spec!.label!, step: planner.plan(readUtterance(''), b.intent, env) };
  });
  const list = (lang: 'zh' | 'en') => options.map((o, i) => `${i + 1}. ${lang === 'zh' ? o.label.zh : o.label.en}`).join('\n');
  return {
    kind: 'ask',
    text: {
      zh: `不好意思，我没太明白您想了解什么。您是想看：\n${list('zh')}\n回复序号或直接换个说法都可以。`,
      en: `Sorry, I'm not sure what you'd like to know. Do you mean:\n${list('en')}\nReply with a number, or rephrase.`,
    },
    options,
  };
}

const WHICH_CLIENT: Bilingual = {
  zh: '请问是哪位客户？可以告诉我客户姓名或编号（例如 C0003），或先说“列出我的客户”。',
  en: 'Which client do you mean? Tell me the name or the id (e.g. C0003), or ask "list my clients" first.',
};

/**
 * Whose data each call serves. A client's tools always serve the client (the tool reads
 * the principal, never an argument). For an advisor, a client-scoped call takes the
 * client named in the message, else the one pointed at in the last list ("the second
 * one") or in focus, and asks which client when there is none.
 */
function scoped(step: Step, u: Utterance, env: PlanEnv): Step {
  if (step.kind !== 'call') return step;
  const tools = intents().tools;
  if (env.role !== 'advisor') {
    const calls = step.calls.map((c) => (tools.get(c.tool)?.scope === 'client' && 'clientId' in c.args ? { ...c, args: withoutClient(c.args) } : c));
    return { ...step, calls };
  }
  const calls: PlanCall[] = [];
  for (const c of step.calls) {
    if (tools.get(c.tool)?.scope !== 'client' || typeof c.args.clientId === 'string') {
      calls.push(c);
      continue;
    }
    const who = u.slots.clientIds[0] ?? pointedAt(u, env.dialogue);
    if (!who) return { kind: 'ask', text: WHICH_CLIENT, resume: { step, needs: 'client' } };
    calls.push({ ...c, args: { ...c.args, clientId: who } });
  }
  return { ...step, calls };
}

function withoutClient(args: Record<string, unknown>): Record<string, unknown> {
  const { clientId: _drop, ...rest } = args;
  return rest;
}

/** The client a message points at: an ordinal of the last list, else the client in focus. */
function pointedAt(u: Utterance, d: DialogueView): string | undefined {
  if (u.ordinal && d.listed && d.listed.length >= u.ordinal) return d.listed[u.ordinal - 1];
  // "漂得最厉害的那个", "the biggest account of those": the top of the ranked list just shown
  if (d.listed?.length && TOP_OF_LIST.test(u.norm)) return d.listed[0];
  // "her" after a list of several with nobody in focus is ambiguous: the caller asks which client.
  return d.subject?.clientId ?? ((u.refers || u.person) && d.listed?.length === 1 ? d.listed[0] : undefined);
}
