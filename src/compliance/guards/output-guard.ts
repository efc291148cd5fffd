/**
 * The output guard: runs on the model's answer before the user sees it.
 * - promised principal/returns → the offending sentences are removed (refuse);
 * - suitability breach (Rn > Cm, or an expired profile) → the answer is replaced by a
 *   compliant one naming the mismatch (refuse, flagged for review);
 * - ungrounded figures → the sentences carrying them are withheld (flag);
 * - answers that recommend or project get the risk disclosure in the user's language.
 */
import type { Lang } from '../../tools/types.js';
import type { OutputGuardContext, OutputGuardResult } from '../types.js';
import { RISK_DISCLOSURE, hasDisclosure, needsDisclosure } from './disclosures.js';
import { ungroundedFigures } from './grounding.js';
import { findPromises } from './promises.js';
import { findSuitabilityBreaches, type ProductRef, type SuitabilityBreach } from './suitability.js';

export interface OutputCheckContext extends Partial<OutputGuardContext> {
  lang: Lang;
  /** Products with risk levels, for suitability. */
  products?: readonly ProductRef[];
}

const LEVEL = (n: number) => `C${n}`;

function suitabilityReply(b: SuitabilityBreach[], lang: Lang, level: number | null | undefined): string {
  const names = [...new Set(b.map((x) => (lang === 'zh' ? `${x.product.name}（R${x.product.riskLevel}）` : `${x.product.nameEn} (R${x.product.riskLevel})`)))];
  if (b.some((x) => x.reason === 'profile_expired')) {
    return lang === 'zh'
      ? `根据适当性管理要求，您的风险测评已过期或尚未完成，我暂时不能为您推荐${names.join('、')}等产品。请先重新完成风险测评（可以对我说“帮我做一下风险测评”）。`
      : `Under suitability rules your risk assessment has expired or is missing, so I can't recommend ${names.join(', ')} for now. Please retake the risk questionnaire first (just say "start my risk assessment").`;
  }
  return lang === 'zh'
    ? `根据适当性管理要求，${names.join('、')}的风险等级高于您当前的风险承受能力（${LEVEL(level ?? 1)}），我不能向您推荐。我可以帮您查找风险等级不高于 R${level ?? 1} 的产品。`
    : `Under suitability rules, ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} above your current risk profile (${LEVEL(level ?? 1)}), so I can't recommend ${names.length > 1 ? 'them' : 'it'}. I can look for products rated R${level ?? 1} or lower instead.`;
}

const WITHHELD: Record<Lang, string> = {
  zh: '（此处数据无法与系统记录核对，已隐去。）',
  en: '(A figure here could not be verified against our records and has been withheld.)',
};
const PROMISE_NOTE: Record<Lang, string> = {
  zh: '（已删除不合规表述：任何投资都不保证本金或收益。）',
  en: '(A non-compliant statement was removed: no investment guarantees principal or returns.)',
};

function splitSentences(text: string): string[] {
  return text.split(/(?<=[。！？!?；;\n])|(?<=[.])(?=\s)/);
}

/** Checks one answer; pure and synchronous. */
export function checkOutputText(answer: string, ctx: OutputCheckContext): OutputGuardResult {
  const categories: string[] = [];
  const reasons: string[] = [];
  let decision: OutputGuardResult['decision'] = 'allow';
  let text = answer;

  const breaches =
    ctx.products && ctx.clientRiskLevel !== undefined
      ? findSuitabilityBreaches(text, ctx.products, { level: ctx.clientRiskLevel, expired: ctx.clientProfileExpired })
      : [];
  if (breaches.length > 0) {
    categories.push('suitability');
    reasons.push(...breaches.map((b) => `${b.product.id} R${b.product.riskLevel} vs ${b.reason === 'profile_expired' ? 'expired profile' : LEVEL(ctx.clientRiskLevel ?? 0)}`));
    return { decision: 'refuse', categories, reasons, answer: suitabilityReply(breaches, ctx.lang, ctx.clientRiskLevel) };
  }

  const promises = findPromises(text);
  if (promises.length > 0) {
    categories.push('promised_returns');
    reasons.push(...promises.map((p) => `promise: ${p.text}`));
    decision = 'refuse';
    const kept = splitSentences(text).filter((s) => findPromises(s).length === 0);
    text = `${kept.join('').trim()}\n${PROMISE_NOTE[ctx.lang]}`.trim();
  }

  let ungrounded: string[] | undefined;
  if (ctx.toolResults !== undefined) {
    const sources = [ctx.toolResults, ctx.toolArgs ?? []];
    const bad = ungroundedFigures(text, sources, ctx.userText ?? '');
    if (bad.length > 0) {
      ungrounded = bad.map((f) => f.text);
      categories.push('ungrounded_figure');
      reasons.push(...ungrounded.map((f) => `ungrounded: ${f}`));
      if (decision === 'allow') decision = 'flag';
      text = splitSentences(text)
        .map((s) => (ungroundedFigures(s, sources, ctx.userText ?? '').length > 0 ? WITHHELD[ctx.lang] : s))
        .join('')
        .replace(new RegExp(`(?:${WITHHELD[ctx.lang].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*){2,}`, 'g'), WITHHELD[ctx.lang]);
    }
  }

  if (needsDisclosure(answer, ctx.toolNames) && !hasDisclosure(text)) {
    categories.push('disclosure_added');
    text = `${text.trimEnd()}\n\n${RISK_DISCLOSURE[ctx.lang]}`;
  }
  return { decision, categories, reasons, answer: text, ...(ungrounded ? { ungrounded } : {}) };
}
