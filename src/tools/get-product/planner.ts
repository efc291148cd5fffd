/**
 * What the offline planner knows of get_product: a product named in the message (by
 * name, short name or code) — or pointed back at ("这只基金", "it", "长澜那只") — makes the
 * message a question about that product, unless the product is an argument of what is
 * asked ("who holds X", a trade order). Two products named with a comparison cue are
 * compared whatever else the message says. A question about "the fund" with no product
 * in focus asks which one. The answer states the facts, whether the product suits the
 * asking client, and quotes the documents.
 */
import { money, pct } from '../../lang/format.js';
import type { Utterance } from '../../lang/utterance.js';
import type { IntentSpec, PlanCall, PlanEnv, Step, ToolPlanner } from '../planning.js';
import { composeDocuments } from '../search-documents/compose.js';
import { productStep } from '../search-documents/planner.js';
import type { GetProductResult } from './index.js';

const ASKS_IF_ALLOWED = /能买吗|可以买吗|能不能买|适合我|适不适合|can i buy|could i buy|may i buy|should i buy|allowed to buy|am i allowed|eligible|suitable|right for me|费|fee|多久|how long|限制|规则|风险等级|rule/;
const COMPARE = /对比|比较|哪个好|哪个更|哪只好|哪只更|区别|不同|差别|\bvs\.?\b|versus|compare|comparison|difference|which (one )?is better|better\b/;
const PRODUCT_WORD = /基金|产品|理财|它|这只|那只|\bit\b|\bits\b|\bfund\b|\bproduct\b|\bone\b/;
const THE_FUND = /这只基金|这个基金|那只基金|该基金|这个产品|那个产品|该产品|\bthe (fund|product)\b|\bthis (fund|product)\b|\bthat (fund|product)\b/;
const PRODUCT_INTENTS = new Set(['documents', 'product']);
/** "how much of it do I own", "红利那只我现在持有多少": the amount held is the portfolio's answer. */
const HOLDING_AMOUNT = /(how much|how many)\b.{0,40}\b(own|hold|have in|got in)\b|how much of (mine|my (money|portfolio)) is in|do i (still )?(own|hold)|持有多少|持仓多少|有多少(钱)?在|买了多少|还有多少|已经有多少|我有多少|have i got|do i have already|i already (have|own|hold)/;
/** "这只我现在是赚是亏", "我纳斯达克那只基金仓位多少", "am I up on it": my position in it, from a fresh portfolio. */
const MY_POSITION = /仓位(多少|多大|有多|占)|占(我的?)?(组合|仓位|资产)?(的)?(多少|几成|比例|比重)|赚了?还是亏|是赚是亏|赚没赚|亏没亏|赚钱了?吗|亏钱了?吗|盈亏|浮盈|浮亏|\bam i (up|down)\b|\b(made|lost) money on\b|(gain|loss|p&l|pnl|profit)\b.{0,12}\b(on|in) (it|that|this|mine)\b|how much (is|'s) (it|that|this|that position) worth/;

/** The holding the client asked about, from the holdings just shown, or a fresh portfolio call. */
function heldAmount(u: Utterance, ids: readonly string[], env: PlanEnv): Step {
  const m = env.dialogue.memory.get_portfolio as { asOf?: string; currency?: string; holdings?: { id: string; name: string; nameEn: string; value: string; weight: number }[] } | undefined;
  const h = m?.holdings?.find((x) => ids.includes(x.id));
  if (m && h && m.currency && !/right now|currently|latest|现在|目前|最新/.test(u.norm)) {
    const text = u.lang === 'zh'
      ? `截至 ${m.asOf}，${h.name}（${h.id}）市值 ${money(h.value, m.currency)}，占组合 ${pct(h.weight)}。`
      : `As of ${m.asOf}, ${h.nameEn} (${h.id}) is worth ${money(h.value, m.currency)}, ${pct(h.weight)} of the portfolio.`;
    return { kind: 'say', intent: 'portfolio', text, from: 'get_portfolio', products: [h.id] };
  }
  return { kind: 'call', intent: 'portfolio', calls: [{ tool: 'get_portfolio', args: {} }] };
}

/** Whether a message whose best intent is `spec` asks about the products it names. */
function asksAboutProducts(intent: string, spec: IntentSpec | undefined, norm: string): boolean {
  if (intent === 'trade') return ASKS_IF_ALLOWED.test(norm);
  return !spec?.productsAreArgs;
}

/** Products of the last request (the one or two just shown). */
function lastProducts(calls: readonly PlanCall[]): string[] {
  return calls.filter((c) => c.tool === 'get_product' && typeof c.args.query === 'string').map((c) => c.args.query as string);
}

const WHICH_PRODUCT: Step = {
  kind: 'ask',
  text: { zh: '请问是哪只产品？可以告诉我产品名称或代码（例如 018201 或 WM-2024-045）。', en: 'Which product do you mean? Tell me its name or code (e.g. 018201 or WM-2024-045).' },
};

function inFocus(env: PlanEnv): readonly string[] {
  return env.dialogue.products ?? [];
}

export const getProductPlanner: ToolPlanner<GetProductResult> = {
  intents: [],
  preempt(u, best, env) {
    // "我已经有多少了" right after a product answer: how much of that product I hold
    const afterProduct = PRODUCT_INTENTS.has(env.dialogue.last?.intent ?? '') && HOLDING_AMOUNT.test(u.norm);
    const asked = u.products.length > 0 ? u.products : u.refers || afterProduct ? inFocus(env) : [];
    if (asked.length > 0 && HOLDING_AMOUNT.test(u.norm) && env.tools.has('get_portfolio') && !best.spec?.productsAreArgs) return heldAmount(u, asked, env);
    if (asked.length > 0 && MY_POSITION.test(u.norm) && env.tools.has('get_portfolio') && !best.spec?.productsAreArgs) {
      return { kind: 'call', intent: 'portfolio', calls: [{ tool: 'get_portfolio', args: {} }] };
    }
    if (u.products.length >= 2 && COMPARE.test(u.norm)) return productStep(u, u.products, env);
    // A product guessed from one word of its name never outweighs a clear request for something else.
    if (u.products.length > 0 && u.productsGuessed && best.score >= 3 && !PRODUCT_INTENTS.has(best.intent)) return undefined;
    if (u.products.length > 0) return asksAboutProducts(best.intent, best.spec, u.norm) ? productStep(u, u.products, env) : undefined;
    const shown = inFocus(env);
    if (!asksAboutProducts(best.intent, best.spec, u.norm)) return undefined;
    // "the first one, what's her return", "same for the other one" (a client named or pointed at): a client, not a product
    if (u.slots.clientIds.length > 0 || u.person || (u.ordinal && env.dialogue.listed?.length && env.dialogue.last?.calls[0]?.tool !== 'get_portfolio')) return undefined;
    // "这只基金适合我吗？" / "what's its fee?" after a product was shown.
    if (shown.length > 0 && u.refers && PRODUCT_WORD.test(u.norm)) return productStep(u, shown.slice(0, 1), env);
    // A product question right after a product answer is about the same product(s).
    const last = env.dialogue.last;
    if (shown.length > 0 && last?.intent === 'documents' && PRODUCT_INTENTS.has(best.intent) && best.score >= 1.5) {
      const prev = lastProducts(last.calls);
      return productStep(u, prev.length ? prev : shown.slice(0, 1), env);
    }
    if (shown.length === 0 && THE_FUND.test(u.norm) && PRODUCT_INTENTS.has(best.intent)) return WHICH_PRODUCT;
    return undefined;
  },
  plan: (u, _intent, env) => productStep(u, u.products, env),
  followUp(u, prev, env, best) {
    // "who's the manager?", "和另一只比呢", "and the minimum?" after a product answer.
    if (best.spec?.productsAreArgs && best.score >= 1.5) return undefined; // "谁持有这个产品": the product is an argument
    if (u.products.length > 0) return productStep(u, u.products, env);
    if (!(PRODUCT_INTENTS.has(best.intent) || u.refers || best.score < 1.5)) return undefined;
    const prevProducts = lastProducts(env.dialogue.last?.calls ?? [prev]);
    if (prevProducts.length === 0) return undefined;
    return productStep(u, prevProducts, env);
  },
  compose: composeDocuments,
  remember: (r) => ({ products: [r.product.id] }),
};
