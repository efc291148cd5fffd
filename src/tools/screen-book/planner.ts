/**
 * What the offline planner knows of screen_book (advisors): a question about the whole
 * book ("谁的现金最多", "which clients hold products above their risk level", "去年跑输基准的
 * 客户") — a book cue (who, which clients, 谁, 哪些客户, a ranking) with a criterion word and
 * no client named. Drift and plain lists stay list_clients' ("哪些客户偏离超过5%", "list my
 * C3 clients"). Follow-ups refine the last screen: "top 3 only", "只看C2的", "by weight
 * instead", "and last year?", "what about bonds?", "超过10%的呢".
 */
import { label, money, pct } from '../../lang/format.js';
import type { Utterance } from '../../lang/utterance.js';
import type { Feature, PlanCall, PlanEnv, Step, ToolPlanner } from '../planning.js';
import { BOOK_WORDS, type Lexicon, aboutBook, features, mentions, namesClient, pointsAtClient } from '../shared/book-cues.js';
import { call, ownResult } from '../shared/plan-kit.js';
import { composeScreen } from './compose.js';
import type { ScreenBookResult, ScreenCriterion } from './schema.js';
import { CRITERION_WORDS, HOLD_WORDS, asksForList, criterionOf, profileFilter, ranks, screenArgs, withinDaysOf } from './words.js';

/** Feature weight per criterion: the specific screens weigh more than a holding class or the book's size. */
const WEIGHT: Record<string, number> = { risk_limit: 3, above_profile: 3, assessment_due: 3, underperformed: 3, concentration: 2.5, cash: 2, bond: 2, equity: 2, aum: 1.5 };

function lexiconFeatures(): { zh: Feature[]; en: Feature[] } {
  const zh: Feature[] = [];
  const en: Feature[] = [];
  for (const [c, lex] of CRITERION_WORDS) {
    const f = features(lex, WEIGHT[c] ?? 2);
    zh.push(...f.zh);
    en.push(...f.en);
  }
  const book = features(BOOK_WORDS, 1);
  const hold = features({ zh: HOLD_WORDS.zh.filter((w) => w.length > 1), en: HOLD_WORDS.en.filter((w) => w.length > 3) }, 1);
  return { zh: [...zh, ...book.zh, ...hold.zh, ['最多', 1], ['最重', 1], ['最高', 0.5]], en: [...en, ...book.en, ...hold.en, ['most', 1], ['heaviest', 1]] };
}

const LEX = lexiconFeatures();

/** Criteria only a book answers when no client is in focus (they check the advisor's duties, not one portfolio). */
const IMPLIED = new Set<ScreenCriterion>(['above_profile', 'assessment_due', 'risk_limit']);

const THE_PRODUCT = /它|这只|那只|这个(基金|产品)|该(基金|产品)|\b(it|this fund|that fund|this product|that product|the fund|the product)\b/;

/** "哪些客户持有它？" after a product was shown: the product in focus is the one asked about. */
function withFocusProduct(u: Utterance, env: PlanEnv): Utterance {
  const focus = env.dialogue.products?.[0];
  if (u.products.length > 0 || !focus || !THE_PRODUCT.test(u.norm)) return u;
  return { ...u, products: [focus] };
}

/** Whether the last answer listed clients (so "the top one" is one of them, not a holding). */
function lastListedClients(env: PlanEnv): boolean {
  const tool = env.dialogue.last?.calls[0]?.tool;
  const m = tool ? (env.dialogue.memory[tool] as { clients?: unknown[] } | undefined) : undefined;
  return Boolean(m?.clients?.length);
}

/** Whether a message is a screen of the book, and of what. */
export function screenOf(msg: Utterance, env: PlanEnv): ScreenCriterion | undefined {
  if (env.role !== 'advisor' || namesClient(msg, env)) return undefined;
  // "what does the top one hold?" after a list: one client of it, not the book
  if (pointsAtClient(msg) && lastListedClients(env)) return undefined;
  const u = withFocusProduct(msg, env);
  const c = criterionOf(u);
  if (!c) return undefined;
  // With no client in focus, a compliance check ("any suitability breaches?", "assessments due?") is about the book.
  const implied = !env.dialogue.subject && IMPLIED.has(c) && !pointsAtClient(u) && !/\b(the|this|that|my) portfolio\b|这个组合|该组合/.test(u.norm);
  if (!aboutBook(u, env) && !implied) return undefined;
  // size, cash, stocks and bonds are rankings ("most", "top", "who"); "list my clients by AUM" stays a list
  if (['aum', 'cash', 'equity', 'bond'].includes(c) && (!ranks(u) || (c === 'aum' && asksForList(u)))) return undefined;
  return c;
}

/** An elliptical follow-up of a screen that names another criterion (drift and size included). */
function switchesScreen(u: Utterance, env: PlanEnv): boolean {
  const last = env.dialogue.last?.calls[0];
  if (last?.tool !== 'screen_book' || !u.elliptical || namesClient(u, env) || pointsAtClient(u)) return false;
  const c = criterionOf(u, true) ?? (mentions(u, SIZE_WORDS) ? 'aum' : undefined);
  return c !== undefined && c !== last.args.criterion;
}

const SIZE_WORDS: Lexicon = { zh: ['规模', '总资产', '资产'], en: ['aum', 'size', 'total assets', 'assets'] };

/** "show all", "全部列出来", "the rest", "还有谁": every match (up to 200). */
const SHOW_ALL = /全部|所有的|都列|列全|剩下|其余|还有谁|还有哪些|show (me )?(all|everything|the rest)|all of them|the full list|the whole list|list them all|the rest\b|who else/;

/** What a follow-up changes in the last screen's arguments, or undefined when it changes nothing of it. */
function refine(u: Utterance, prev: PlanCall, total: unknown): Record<string, unknown> | undefined {
  const a = { ...prev.args };
  let changed = false;
  const set = (k: string, v: unknown) => {
    if (v !== undefined && a[k] !== v) {
      a[k] = v;
      changed = true;
    }
  };
  // asked in so many words, even for what is already in effect ("按占比排" when it is by share): the screen again
  const ask = (k: string, v: unknown) => {
    if (v === undefined) return;
    a[k] = v;
    changed = true;
  };
  const switched = criterionOf(u, true) ?? (mentions(u, SIZE_WORDS) ? 'aum' : undefined);
  if (switched && switched !== a.criterion) {
    for (const k of ['basis', 'product', 'threshold', 'withinDays', 'period']) delete a[k];
    const next = screenArgs(u, switched);
    for (const [k, v] of Object.entries(next)) a[k] = v;
    return a;
  }
  const c = a.criterion as ScreenCriterion;
  const s = u.slots;
  // "and Apple?" after "who holds META": the same screen for another product
  const other = u.products[0] ?? u.slots.tickers[0];
  if (c === 'holds_product' && other && other !== a.product) set('product', other);
  if (s.currency) set('currency', s.currency);
  if (s.limit) ask('limit', s.limit);
  else if (SHOW_ALL.test(u.norm)) set('limit', Math.min(200, Math.max(Number(total ?? 0), 20)));
  else if (/^(only|just)\b|\bonly\b|只要|只看前/.test(u.norm)) {
    // "only 3" / "只要5个" (a profile level such as "C4" is not a count)
    const n = /(?<![a-z\d.])(\d{1,3})(?![\d.%])/.exec(u.norm);
    if (n) set('limit', Number(n[1]));
  }
  const level = profileFilter(u);
  if (level !== undefined) ask('riskProfile', level);
  if (/by (weight|share|percentage|proportion|%)|as a (share|percentage|proportion|%)|% of (their|the|each|his|her)|as (a )?percent|share of (their|the|each)|按(占比|比例|权重)|看占比|weight instead|比例呢|占比呢|in %|by percent/.test(u.norm) && ['cash', 'equity', 'bond', 'holds_product'].includes(c)) ask('basis', 'weight');
  if (/by (amount|value|money)|按(金额|市值)|看金额|金额呢|amount instead/.test(u.norm) && ['cash', 'equity', 'bond', 'holds_product'].includes(c)) ask('basis', 'amount');
  if (/最少|最低|最小|倒过来|反过来|least|lowest|smallest|bottom|reverse/.test(u.norm)) set('order', 'asc');
  else if (/最多|最高|最大|most|highest|largest|biggest/.test(u.norm) && a.order === 'asc') set('order', 'desc');
  const pct = s.minDrift ?? s.percents.find((p) => p > 0 && p < 1);
  if (pct !== undefined && ['concentration', 'drift', 'cash', 'equity', 'bond'].includes(c)) ask('threshold', pct);
  if (c === 'assessment_due') set('withinDays', withinDaysOf(u.norm));
  const period = s.periods[0] ?? s.bareYears[0];
  if (c === 'underperformed' && period) ask('period', period);
  if (u.products.length > 0 && c === 'holds_product') set('product', u.products[0]);
  return changed ? a : undefined;
}

interface ScreenMemory {
  [k: string]: unknown;
  criterion: string;
  total: number;
  asOf: string;
  currency: string;
  product?: { id: string; name: string; nameEn: string };
  positions: { clientId: string; name: string; value: string; weight: number | null }[];
  /** assessment_due / drift: what each row says of its client (first rows). */
  rowFacts?: { clientId: string; name: string; daysLeft?: number | null; expiresAt?: string | null; assetClass?: string; actual?: number; target?: number }[];
  /** above_profile / concentration: the holdings each row names (first rows). */
  rowHoldings?: { clientId: string; name: string; holdings: { id: string; name: string; riskLevel: number | null; value: string; weight: number }[] }[];
}

const WHICH_HOLDING = /what'?s the (holding|position)|which (holding|product|fund|stock|position)|what (holding|product|fund) is (it|that)|what (do|does) (they|she|he|it) hold|哪只|哪个产品|持有的是什么|是哪只|超了的是|超出的是/;

/** "what's the holding?" after a screen that names holdings (above profile, concentration): from the rows shown. */
function holdingsOf(u: Utterance, m: ScreenMemory | undefined, env: PlanEnv): { text: string; products: string[]; subject?: { clientId: string; name: string } } | undefined {
  if (!m?.rowHoldings?.length || !WHICH_HOLDING.test(u.norm)) return undefined;
  const who = u.slots.clientIds[0] ?? (u.ordinal ? m.rowHoldings[u.ordinal - 1]?.clientId : undefined) ?? (m.rowHoldings.length === 1 ? m.rowHoldings[0].clientId : env.dialogue.subject?.clientId);
  const row = m.rowHoldings.find((r) => r.clientId === who);
  if (!row || row.holdings.length === 0) return undefined;
  const zh = u.lang === 'zh';
  const what = m.criterion === 'above_profile' ? (zh ? '风险等级高于其测评等级的持仓' : 'the holdings rated above the profile') : zh ? '最大的单一持仓' : 'the largest single holding';
  const lines = row.holdings.map((h) => `- ${h.name} (${h.id})${h.riskLevel ? `, R${h.riskLevel}` : ''}: ${money(h.value, m.currency)}, ${pct(h.weight)}`);
  const text = [zh ? `按刚才的筛选（截至 ${m.asOf}），${row.name}（${row.clientId}）${what}：` : `From the screen just shown (as of ${m.asOf}), ${what} of ${row.name} (${row.clientId}):`, ...lines].join('\n');
  return { text, products: row.holdings.map((h) => h.id), subject: { clientId: row.clientId, name: row.name } };
}

/** The row's client a message names (one id) or points at by position ("the second one"). */
function rowClient(u: Utterance, rows: readonly { clientId: string }[]): string | undefined {
  if (u.slots.clientIds.length === 1) return u.slots.clientIds[0];
  return u.slots.clientIds.length === 0 && u.ordinal ? rows[u.ordinal - 1]?.clientId : undefined;
}

const DAYS_ASKED = /几天|多少天|还剩|哪天|什么时候(到期|过期)|到期日|how many days|days left|when (does|will|did) (it|her|his|the profile|the assessment) (expire|lapse|run out)|expir(y|es|ed) (date|when)/;
const CLASS_ASKED = /(which|what) (asset )?class|哪(一)?类|哪个(资产)?类别|哪类资产|in which (asset )?class/;

/** "曾艳晓还剩几天", "the second one's drift is in which class?": what the screen's row said of that client. */
function rowFactOf(u: Utterance, m: ScreenMemory | undefined): { text: string; subject: { clientId: string; name: string } } | undefined {
  if (!m?.rowFacts?.length) return undefined;
  const asked = m.criterion === 'assessment_due' ? DAYS_ASKED.test(u.norm) : CLASS_ASKED.test(u.norm);
  if (!asked) return undefined;
  const who = rowClient(u, m.rowFacts) ?? (m.rowFacts.length === 1 ? m.rowFacts[0].clientId : undefined);
  const f = m.rowFacts.find((x) => x.clientId === who);
  if (!f) return undefined;
  const zh = u.lang === 'zh';
  let text: string;
  if (m.criterion === 'assessment_due') {
    if (f.daysLeft === null || f.daysLeft === undefined) text = zh ? `按刚才的筛选，${f.name}（${f.clientId}）还没有风险测评。` : `From the screen just shown, ${f.name} (${f.clientId}) has no risk assessment yet.`;
    else if (f.daysLeft < 0) text = zh ? `按刚才的筛选（截至 ${m.asOf}），${f.name}（${f.clientId}）的风险测评已于 ${f.expiresAt} 过期 ${-f.daysLeft} 天。` : `From the screen just shown (as of ${m.asOf}), ${f.name} (${f.clientId})'s risk assessment expired on ${f.expiresAt}, ${-f.daysLeft} days ago.`;
    else text = zh ? `按刚才的筛选（截至 ${m.asOf}），${f.name}（${f.clientId}）的风险测评还剩 ${f.daysLeft} 天，${f.expiresAt} 到期。` : `From the screen just shown (as of ${m.asOf}), ${f.name} (${f.clientId})'s risk assessment has ${f.daysLeft} days left; it expires on ${f.expiresAt}.`;
  } else {
    if (!f.assetClass || f.actual === undefined || f.target === undefined) return undefined;
    text = zh
      ? `按刚才的筛选（截至 ${m.asOf}），${f.name}（${f.clientId}）偏离最大的是${label(f.assetClass, u.lang)}：当前 ${pct(f.actual)}，目标 ${pct(f.target)}。`
      : `From the screen just shown (as of ${m.asOf}), ${f.name} (${f.clientId})'s largest drift is in ${label(f.assetClass, u.lang)}: ${pct(f.actual)} against a target of ${pct(f.target)}.`;
  }
  return { text, subject: { clientId: f.clientId, name: f.name } };
}

/** The position of a client named (or pointed at: "the first one") in the message, from the "who holds X" rows just shown. */
function positionOf(u: Utterance, m: ScreenMemory | undefined): { text: string; subject: { clientId: string; name: string } } | undefined {
  if (!m || m.criterion !== 'holds_product' || !m.product) return undefined;
  const who = rowClient(u, m.positions);
  if (!who || !/持有|持仓|多少|how much|hold|position|size/.test(u.norm)) return undefined;
  const p = m.positions.find((x) => x.clientId === who);
  if (!p) return undefined;
  const zh = u.lang === 'zh';
  const share = p.weight === null ? '' : zh ? `，占其组合 ${pct(p.weight)}` : `, ${pct(p.weight)} of the portfolio`;
  const text = zh
    ? `截至 ${m.asOf}，${p.name}（${p.clientId}）持有${m.product.name}（${m.product.id}）市值 ${money(p.value, m.currency)}${share}。`
    : `As of ${m.asOf}, ${p.name} (${p.clientId}) holds ${money(p.value, m.currency)} of ${m.product.nameEn} (${m.product.id})${share}.`;
  return { text, subject: { clientId: p.clientId, name: p.name } };
}

export const screenBookPlanner: ToolPlanner<ScreenBookResult> = {
  intents: [
    {
      id: 'book_screen',
      offer: ['advisor'],
      label: { zh: '按条件筛选客户（如现金最多、测评到期）', en: 'screen your book (e.g. most cash, assessments due)' },
      zh: LEX.zh,
      en: LEX.en,
      // Strong only for a book question with a criterion; never for a client, nor about one named client.
      // Ranking the book by size is list_clients' when its words claim it ("rank my book by AUM").
      late: true,
      bias: (u, score, env) => {
        if (env.role !== 'advisor') return -12;
        const c = screenOf(u, env);
        if (c && !(c === 'aum' && score('clients') >= 3)) return 5;
        // "and drift?" / "按规模呢？" right after a screen: the same screen by another criterion
        return switchesScreen(u, env) ? 5 : -10;
      },
      productsAreArgs: true,
    },
  ],
  plan(msg, intent, env): Step {
    const u = withFocusProduct(msg, env);
    const c = screenOf(u, env) ?? criterionOf(u) ?? 'aum';
    return call(intent, 'screen_book', screenArgs(u, c));
  },
  followUp(u, prev, env) {
    if (prev.tool !== 'screen_book') return undefined;
    // "陈美玲持有多少" right after "who holds X": her position is in the rows just shown.
    const memory = env.dialogue.memory.screen_book as ScreenMemory | undefined;
    const which = holdingsOf(u, memory, env);
    if (which) return { kind: 'say', intent: 'book_screen', text: which.text, from: 'screen_book', products: which.products, ...(which.subject ? { subject: which.subject } : {}) };
    const fact = rowFactOf(u, memory);
    if (fact) return { kind: 'say', intent: 'book_screen', text: fact.text, from: 'screen_book', subject: fact.subject };
    const held = positionOf(u, memory);
    if (held) return { kind: 'say', intent: 'book_screen', text: held.text, from: 'screen_book', subject: held.subject };
    // "how many is that?" — the total of the screen just shown
    if (memory && /how many|多少(个|位|人)|几个|几位|一共几|总共几|count/.test(u.norm) && !u.slots.limit && Object.keys(refine(u, prev, memory.total) ?? {}).length === 0) {
      const text = u.lang === 'zh' ? `刚才的筛选（截至 ${memory.asOf}）共有 ${memory.total} 位客户符合条件。` : `The screen just shown (as of ${memory.asOf}) matches ${memory.total} client(s).`;
      return { kind: 'say', intent: 'book_screen', text, from: 'screen_book' };
    }
    if (namesClient(u, env) || pointsAtClient(u)) return undefined;
    const next = refine(withFocusProduct(u, env), prev, env.dialogue.memory.screen_book?.total);
    return next ? call('book_screen', 'screen_book', next) : undefined;
  },
  compose(input) {
    const own = ownResult<ScreenBookResult>(input);
    if ('failed' in own) return own.failed;
    return composeScreen(own.result, input.lang);
  },
  remember: (r): ScreenMemory => ({
    criterion: r.criterion,
    total: r.total,
    asOf: r.asOf,
    currency: r.currency,
    ...(r.product ? { product: { id: r.product.id, name: r.product.name, nameEn: r.product.nameEn }, products: [r.product.id] } : {}),
    positions: r.criterion === 'holds_product' ? r.rows.map((x) => ({ clientId: x.clientId, name: x.name, value: x.value, weight: x.detail.weight ?? null })) : [],
    ...(r.criterion === 'above_profile' || r.criterion === 'concentration'
      ? { rowHoldings: r.rows.slice(0, 10).map((x) => ({ clientId: x.clientId, name: x.name, holdings: (x.detail.holdings ?? []).slice(0, 5).map((h) => ({ id: h.instrumentId, name: h.name, riskLevel: h.riskLevel, value: h.value, weight: h.weight })) })) }
      : {}),
    ...(r.criterion === 'assessment_due' || r.criterion === 'drift'
      ? {
          rowFacts: r.rows.slice(0, 20).map((x) => ({
            clientId: x.clientId,
            name: x.name,
            ...(r.criterion === 'assessment_due' ? { daysLeft: x.detail.daysLeft ?? null, expiresAt: x.detail.expiresAt ?? null } : { assetClass: x.detail.assetClass, actual: x.detail.actual, target: x.detail.target }),
          })),
        }
      : {}),
    clients: r.rows.map((x) => x.clientId),
    ...(r.rows.length === 1 ? { subject: { clientId: r.rows[0].clientId, name: r.rows[0].name } } : {}),
  }),
};

