/**
 * The output guard: runs on the model's answer before the user sees it.
 * - promised principal/returns → the offending units are removed (refuse);
 * - suitability breach (Rn > Cm, or an expired profile) → the answer is replaced by a
 *   compliant one naming the mismatch (refuse, flagged for review);
 * - ungrounded figures → the units carrying them are withheld (flag);
 * - answers that recommend or project get the risk disclosure in the user's language.
 *
 * A unit is a sentence, a whole list item or a whole table row (see `units.ts`); only
 * the units that fail are touched, every other byte of the answer stays as written.
 * `output-stream.ts` applies the same per-unit checks to an answer as it streams.
 */
import type { Lang } from '../../vocab.js';
import type { OutputGuardContext, OutputGuardResult } from '../types.js';
import { RISK_DISCLOSURE, hasDisclosure, needsDisclosure } from './disclosures.js';
import { extractFigures, groundingIndex, isGrounded, type Figure, type GroundingIndex } from './grounding.js';
import { findPromises } from './promises.js';
import { Renderer, snippet, withheldText } from './render.js';
import { findSuitabilityBreaches, mentions, type ProductRef, type SuitabilityBreach } from './suitability.js';
import { splitUnits, type Unit } from './units.js';

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

const PROMISE_NOTE: Record<Lang, string> = {
  zh: '（已删除不合规表述：任何投资都不保证本金或收益。）',
  en: '(A non-compliant statement was removed: no investment guarantees principal or returns.)',
};

/** A context read once per answer: the grounding index and the products the client may not be offered. */
export interface PreparedOutputCheck {
  lang: Lang;
  /** Null when the turn has no tool results to check against (grounding is off). */
  grounding: GroundingIndex | null;
  /** Whether suitability applies (products known and the turn concerns a client). */
  suitability: boolean;
  /** Products above the client's level; every product when the profile is expired or missing. */
  restricted: readonly ProductRef[];
}

/** Reads what the per-unit checks need from `ctx`, once (the batch and the streaming guard share it). */
export function prepareOutputCheck(ctx: OutputCheckContext): PreparedOutputCheck {
  const suitability = Boolean(ctx.products) && ctx.clientRiskLevel !== undefined;
  const level = ctx.clientRiskLevel;
  const restricted = suitability ? ctx.products!.filter((p) => level === null || level === undefined || ctx.clientProfileExpired || p.riskLevel > level) : [];
  const grounding =
    ctx.toolResults !== undefined ? groundingIndex({ sources: [ctx.toolResults, ctx.toolArgs ?? []], userText: ctx.userText ?? '', trustedTexts: ctx.trustedTexts }) : null;
  return { lang: ctx.lang, grounding, suitability, restricted };
}

/**
 * The figures of one unit, with indexes into `text`. The figure rules read a little
 * context: a line-first unit is read with its line's indentation (list numbers), any
 * other with a sentence end before it (which is what precedes a mid-line unit), and
 * one character after it — so the result is the same whether the text has arrived in
 * full or only up to one character past the unit.
 */
export function unitFigures(text: string, unit: Unit): Figure[] {
  const end = Math.min(text.length, unit.end + 1);
  const base = unit.lineFirst ? text.lastIndexOf('\n', unit.start - 1) + 1 : unit.start - 1;
  const slice = unit.lineFirst ? text.slice(base, end) : `。${text.slice(unit.start, end)}`;
  return extractFigures(slice)
    .map((f) => ({ ...f, index: f.index + base }))
    .filter((f) => f.index >= unit.start && f.index < unit.end);
}

/** Figures of one unit that the grounding index does not support. */
export function ungroundedInUnit(text: string, unit: Unit, idx: GroundingIndex): Figure[] {
  return unitFigures(text, unit).filter((f) => !isGrounded(f, idx));
}

/** Whether a unit names a product the client may not be offered (the stream holds such units back). */
export function namesRestricted(unitText: string, p: PreparedOutputCheck): boolean {
  return p.restricted.some((r) => mentions(unitText, r));
}

/**
 * Units that carry a promise: a unit whose own text promises, or the unit at which the
 * answer read so far gains a promise it did not have before (a phrase across a line
 * break). Called only when the whole answer has a promise.
 */
function promiseUnits(text: string, units: readonly Unit[]): Set<number> {
  const out = new Set<number>();
  let before = 0;
  units.forEach((u, i) => {
    const upTo = findPromises(text.slice(0, u.end)).length;
    if (upTo > before || findPromises(text.slice(u.start, u.end)).length > 0) out.add(i);
    before = upTo;
  });
  return out;
}

/**
 * Checks one answer; pure and synchronous. Suitability is judged on the whole answer
 * (a breach replaces it); promises, grounding and the withheld notes per unit, so the
 * result for a text is the same whether it was checked at once or streamed through
 * `createOutputGuardStream`. `reasons` name each ungrounded figure with its unit
 * (`ungrounded: 5000 in "…"`, the unit cut to 80 characters around the figure);
 * `ungrounded` lists the figures and `ungroundedSentences` the withheld units.
 */
export function checkOutputText(answer: string, ctx: OutputCheckContext): OutputGuardResult {
  const categories: string[] = [];
  const reasons: string[] = [];
  let decision: OutputGuardResult['decision'] = 'allow';

  const breaches =
    ctx.products && ctx.clientRiskLevel !== undefined
      ? findSuitabilityBreaches(answer, ctx.products, { level: ctx.clientRiskLevel, expired: ctx.clientProfileExpired })
      : [];
  if (breaches.length > 0) {
    categories.push('suitability');
    reasons.push(...breaches.map((b) => `${b.product.id} R${b.product.riskLevel} vs ${b.reason === 'profile_expired' ? 'expired profile' : LEVEL(ctx.clientRiskLevel ?? 0)}`));
    return { decision: 'refuse', categories, reasons, answer: suitabilityReply(breaches, ctx.lang, ctx.clientRiskLevel) };
  }

  const p = prepareOutputCheck(ctx);
  const units = splitUnits(answer);
  const promises = findPromises(answer);
  const removed = promises.length > 0 ? promiseUnits(answer, units) : new Set<number>();
  if (promises.length > 0) {
    categories.push('promised_returns');
    reasons.push(...promises.map((h) => `promise: ${h.text}`));
    decision = 'refuse';
  }

  const ungrounded: string[] = [];
  const sentences: string[] = [];
  const withheld = new Map<number, string>();
  if (p.grounding) {
    units.forEach((u, i) => {
      if (removed.has(i)) return;
      const bad = ungroundedInUnit(answer, u, p.grounding!);
      if (bad.length === 0) return;
      const unitText = answer.slice(u.start, u.end);
      withheld.set(i, withheldText(u, unitText, ctx.lang));
      sentences.push(unitText);
      for (const f of bad) {
        ungrounded.push(f.text);
        reasons.push(`ungrounded: ${f.text} in "${snippet(unitText, f.index - u.start)}"`);
      }
    });
    if (ungrounded.length > 0) {
      categories.push('ungrounded_figure');
      if (decision === 'allow') decision = 'flag';
    }
  }

  let text = answer;
  if (removed.size > 0 || withheld.size > 0) {
    const r = new Renderer(answer);
    units.forEach((u, i) => (removed.has(i) ? r.drop(u) : r.emit(u, withheld.get(i))));
    text = r.out;
  }
  if (promises.length > 0) text = text ? `${text}\n${PROMISE_NOTE[ctx.lang]}` : PROMISE_NOTE[ctx.lang];

  if (needsDisclosure(answer, ctx.advice) && !hasDisclosure(text)) {
    categories.push('disclosure_added');
    text = `${text.trimEnd()}\n\n${RISK_DISCLOSURE[ctx.lang]}`;
  }
  return { decision, categories, reasons, answer: text, ...(ungrounded.length > 0 ? { ungrounded, ungroundedSentences: sentences } : {}) };
}
