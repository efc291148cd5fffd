/**
 * The input guard: runs before any model sees the user's text. PII is masked first
 * (the model and the logs only ever see masks); then injection, jailbreak and
 * prohibited-intent policies run on normalized forms of the text.
 */
import type { GuardDecision } from '../../agents/types.js';
import type { Role } from '../../auth/principal.js';
import type { Lang } from '../../vocab.js';
import { canonicalUserText } from '../pii/canonical.js';
import { maskPii } from '../pii/mask.js';
import type { InputGuardResult } from '../types.js';
import { intentLevel } from './intent-model.js';
import { INPUT_RULES, type InputCategory, type InputRule } from './input-rules.js';
import { normalizeText } from './normalize.js';

const REPLIES: Record<InputCategory, { zh: string; en: string }> = {
  prompt_injection: {
    zh: '抱歉，我无法执行改变我工作规则的指令。我可以继续为您解答持仓、风险、收益和产品方面的问题。',
    en: "Sorry, I can't follow instructions that change how I work. I'm happy to keep helping with your holdings, risk, returns and products.",
  },
  jailbreak: {
    zh: '抱歉，我只能在合规范围内提供财富咨询服务，无法切换为不受限制的模式。请问有什么投资方面的问题我可以帮您？',
    en: "Sorry, I can only work within our compliance rules and can't switch to an unrestricted mode. What can I help you with about your investments?",
  },
  prompt_extraction: {
    zh: '抱歉，系统配置和内部指令属于保密信息，无法提供。我可以帮您查询持仓、风险和产品信息。',
    en: "Sorry, my configuration and internal instructions are confidential. I can help with your holdings, risk and product questions.",
  },
  insider_information: {
    zh: '抱歉，我不能提供或协助利用内幕信息或未公开信息进行交易，这违反证券法律法规（政策代码 POL_INSIDER）。我可以基于公开信息为您分析持仓和产品。',
    en: "Sorry, I can't provide or help trade on inside or non-public information; that breaks securities law (policy POL_INSIDER). I can analyse your holdings and products using public information.",
  },
  market_manipulation: {
    zh: '抱歉，我不能协助任何可能构成操纵市场的行为（政策代码 POL_MANIPULATION）。如需了解合规的投资策略，我很乐意帮忙。',
    en: "Sorry, I can't help with anything that could amount to market manipulation (policy POL_MANIPULATION). I'm glad to discuss compliant investment strategies.",
  },
  aml_evasion: {
    zh: '抱歉，我不能协助规避反洗钱、实名制或监管申报要求（政策代码 POL_AML）。如有资金来源或大额交易方面的疑问，请联系您的客户经理按规定办理。',
    en: "Sorry, I can't help get around anti-money-laundering, KYC or reporting rules (policy POL_AML). For questions about large transfers or source of funds, please contact your advisor to handle it properly.",
  },
  fraud: {
    zh: '抱歉，我不能协助伪造材料或不如实填写风险测评（政策代码 POL_FRAUD）。如实测评是为了保护您的利益。',
    en: "Sorry, I can't help falsify documents or answer the risk questionnaire untruthfully (policy POL_FRAUD). An honest assessment protects you.",
  },
  other_person_data: {
    zh: '抱歉，出于隐私保护，我只能查询您本人的账户信息，无法提供其他客户或他人的数据（政策代码 POL_OTHER_PERSON）。',
    en: "Sorry, to protect privacy I can only look up your own account, not anyone else's (policy POL_OTHER_PERSON).",
  },
  encoded_payload: { zh: '', en: '' },
};

const SUSPECTED_REPLY = {
  zh: '抱歉，这个请求我无法协助，它可能涉及改变我的工作规则或违反合规要求。我可以继续为您解答持仓、风险、收益和产品方面的问题。',
  en: "Sorry, I can't help with that request: it may try to change how I work or break compliance rules. I'm happy to keep helping with your holdings, risk, returns and products.",
};

export interface InputCheck extends InputGuardResult {
  matched: { category: InputCategory; policyCode: string }[];
}

function applies(rule: InputRule, role: Role): boolean {
  return !rule.roles || rule.roles.includes(role);
}

const EDU_FRAME =
  /(?:^|[.?!。？！;；]\s*)(?:what(?:'s| is| are| does)|what do you mean|define|(?:can you |please )?explain (?:what|how|why)|is it (?:legal|illegal)|why (?:is|are|do|does)|什么是|什么叫|何为|为什么)|prevented|prevent\b|falling for|fall for|protect (?:myself|my|me|against|them)|red flags|warning signs|(?:is|was) (?:that|this|it) (?:a scam|legal|illegal|fraud)|need to report|should i report|被割韭菜|被罚|被查处|举报|防范|识别|是怎么防|迹象|典型特征|signs? (?:of|that)|是什么|什么意思|干嘛的|怎么回事|合法吗|违法吗|是不是(?:诈骗|骗局|骗子)|需要报告|要不要报告|防骗/;
const OPERATIONAL =
  /help me|teach me|how (?:can|do|could|would|should) (?:i|we)\b(?! (?:avoid (?:being |getting )?(?:scammed|cheated|fooled|falling|fraud|scams?|losses|losing)|protect|spot|tell|report|recogni|identify|prevent|stay safe))|how to\b|(?:best|easiest|fastest|safest|simplest|good|smartest|quickest) way|step by step|without (?:being|getting) (?:caught|detected|flagged|noticed)|(?:avoid|dodge|skip|escape|stay (?:below|under)) (?:the |a |any )?(?:[\w-]+ ){0,2}(?:reports?|reporting|thresholds?|ctr|aml|kyc)\b|帮我|教我|我想(?!知道.{0,4}(?:是什么|合法|违法)|弄清楚)|我要|我们|具体步骤|(?:怎么|如何)(?:做|操作|才能|删|躲|避开|规避)|不被|删(?:除|掉)?(?:聊天|记录)/;

/**
 * A definitional or defensive question about a prohibited topic ("what is insider
 * trading?", "银行是怎么防范洗钱的？") — answered, not refused — unless it also asks
 * for operational help.
 */
export function isEducational(plain: string): boolean {
  return EDU_FRAME.test(plain) && !OPERATIONAL.test(plain);
}

/** Policy matches on normalized text, without PII handling (shared with retrieved text). */
export function matchInputRules(text: string, role: Role, only?: ReadonlySet<InputCategory>): InputRule[] {
  const n = normalizeText(text);
  const forms = n.decoded ? [n.plain, n.deleet, n.squashed, n.compact, n.decoded] : [n.plain, n.deleet, n.squashed, n.compact];
  const edu = isEducational(n.plain);
  return INPUT_RULES.filter(
    (rule) =>
      (!only || only.has(rule.category)) &&
      applies(rule, role) &&
      !(edu && rule.educational) &&
      rule.patterns.some((re) => (rule.plainOnly ? [n.plain] : forms).some((f) => re.test(f))),
  );
}

/** Checks one user message. Deterministic and synchronous (sub-millisecond on chat-sized text). */
export function checkInputText(text: string, ctx: { role: Role; lang: Lang }): InputCheck {
  const { masked, entities, originals } = maskPii(canonicalUserText(text));
  const hits = matchInputRules(masked, ctx.role);
  const refuse = hits.find((h) => h.decision === 'refuse');
  const categories: string[] = [...new Set(hits.map((h) => h.category as string))];
  // Layered: a high-precision rule refuses; otherwise the calibrated model refuses at a
  // high score and flags at a mid score; a flag-only rule flags.
  const level = refuse ? 'none' : intentLevel(masked).level;
  // The model learned a client's view (another person's data is an attack from a client,
  // work from an advisor): for other roles, and for a definitional or defensive question
  // the rules let through, it is escalated one step less.
  const soften = level !== 'none' && (ctx.role !== 'client' || (hits.length === 0 && isEducational(normalizeText(masked).plain)));
  const model = soften ? (level === 'refuse' ? 'flag' : 'none') : level;
  const suspected = model !== 'none';
  if (suspected) categories.push('suspected_attack');
  if (entities.length > 0) categories.push('pii');
  const decision: GuardDecision['decision'] = refuse || model === 'refuse' ? 'refuse' : hits.length > 0 || suspected ? 'flag' : 'allow';
  const result: InputCheck = {
    decision,
    categories,
    reasons: [...hits.map((h) => `${h.policyCode}: ${h.category}`), ...(suspected ? [`POL_SUSPECTED: intent model score above the ${model} threshold`] : [])],
    masked,
    entities: entities.map((e) => ({ type: e.type, mask: e.mask })),
    matched: hits.map((h) => ({ category: h.category, policyCode: h.policyCode })),
    ...(refuse ? { policyCode: refuse.policyCode, reply: REPLIES[refuse.category][ctx.lang] } : model === 'refuse' ? { policyCode: 'POL_SUSPECTED', reply: SUSPECTED_REPLY[ctx.lang] } : {}),
  };
  // The originals ride along non-enumerable: JSON (logs, turns, audit) never sees them;
  // the PII vault reads them with piiOriginalsOf() and stores them encrypted.
  Object.defineProperty(result, ORIGINALS, { value: { originals, types: new Map(entities.map((e) => [e.mask, e.type])) }, enumerable: false });
  return result;
}

const ORIGINALS = Symbol('piiOriginals');

/** mask → original and mask → type of an input guard result, for the PII vault; undefined for other objects. */
export function piiOriginalsOf(result: object): { originals: ReadonlyMap<string, string>; types: ReadonlyMap<string, string> } | undefined {
  return (result as Record<symbol, { originals: Map<string, string>; types: Map<string, string> }>)[ORIGINALS];
}

const INDIRECT = new Set<InputCategory>(['prompt_injection', 'jailbreak', 'prompt_extraction']);

/**
 * Patterns that are suspicious only inside data (a document, a tool output), where no one
 * should be addressing the assistant: fake chat turns, role reassignment, and
 * instructions to promise returns to clients. In a user's own message they can be benign.
 */
const RETRIEVED_ONLY: readonly { re: RegExp; reason: string }[] = [
  { re: /\bpretend (?:to be|you are)\b/i, reason: 'tries to reassign the assistant role' },
  { re: /(^|\n)\s*(assistant|developer|user)\s*[:：]\s*\S/i, reason: 'contains a fake chat turn' },
  { re: /(^|\n)\s*system\s*[:：]\s*(?:the (?:assistant|model|ai)|you|always|never|ignore|must|do not)\b/i, reason: 'contains a fake system message' },
  { re: /\b(tell|promise|assure)\b.{0,30}\b(clients?|users?|customers?|investors?)\b.{0,40}\bguarante/i, reason: 'instructs the model to promise returns' },
  { re: /(告诉|告知|向|对).{0,6}(客户|用户|投资者).{0,12}(保本保收益|稳赚不赔|保证收益|保本)/, reason: 'instructs the model to promise returns' },
];

/**
 * Retrieved document text and tool outputs are data, not instructions: text in them
 * that tries to steer the model is flagged (never obeyed) as indirect injection.
 */
export function checkRetrievedText(text: string): GuardDecision {
  const hits = matchInputRules(text, 'advisor', INDIRECT);
  const reasons = hits.map((h) => `${h.policyCode}: instructions found in retrieved text`);
  const categories = new Set(hits.map((h) => h.category as string));
  for (const r of RETRIEVED_ONLY) if (r.re.test(text)) reasons.push(`POL_INJECTION: ${r.reason}`);
  if (reasons.length === 0) return { decision: 'allow', categories: [] };
  return { decision: 'flag', categories: ['indirect_injection', ...categories], reasons };
}
