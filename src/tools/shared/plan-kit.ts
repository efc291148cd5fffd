/**
 * Small helpers the tools' planners share: making steps, picking the reply language,
 * the generic error sentence, and who a client-scoped answer is about.
 */
import type { Bilingual, ComposeInput, Outcome, PlanCall, PlanEnv, Step } from '../planning.js';
import type { Lang } from '../../vocab.js';

/** A step that calls one tool. */
export function call(intent: string, tool: string, args: Record<string, unknown>): Step {
  return { kind: 'call', intent, calls: [{ tool, args }] };
}

/** The text in `lang`. */
export function say(lang: Lang, b: Bilingual): string {
  return lang === 'zh' ? b.zh : b.en;
}

export const isZh = (lang: Lang) => lang === 'zh';

/** The sentence for a failed call, naming what failed in the tool's own words. */
export function errorSentence(o: Outcome, lang: Lang): string {
  const e = o.error;
  return isZh(lang)
    ? `抱歉，查询时出了问题（${e?.message ?? e?.code ?? '未知错误'}），请稍后再试或换个说法。`
    : `Sorry, I could not get that (${e?.message ?? e?.code ?? 'unknown error'}). Please try again or rephrase.`;
}

/** The owner's outcome of a step, or the error sentence when it failed. */
export function ownResult<R>(input: ComposeInput): { result: R } | { failed: string } {
  const o = input.outcomes[0];
  if (!o || o.result === undefined) return { failed: o ? errorSentence(o, input.lang) : '' };
  return { result: o.result as R };
}

/**
 * Who an answer is about: "您的组合" for a client; for an advisor the client by name or
 * id ("C0003（陈美玲）的组合" / "C0003 (Chen Meiling)'s portfolio").
 */
export function whose(input: Pick<ComposeInput, 'lang' | 'role'>, clientId: string, name?: string): Bilingual {
  if (input.role !== 'advisor') return { zh: '您', en: 'your' };
  const zhName = name ? `${name}（${clientId}）` : `客户 ${clientId}`;
  const enName = name ? `${name} (${clientId})` : `client ${clientId}`;
  return { zh: zhName, en: `${enName}'s` };
}

/** The previous call's arguments that a follow-up keeps (who, in which currency), then the new ones. */
export function carry(prev: PlanCall, next: Record<string, unknown>, keep: readonly string[] = ['clientId', 'currency']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keep) if (prev.args[k] !== undefined) out[k] = prev.args[k];
  return { ...out, ...next };
}

/** A client of the book named in the text (full Chinese name or English name). */
export function namedClient(norm: string, env: Pick<PlanEnv, 'knownClients' | 'role'>): string | undefined {
  if (env.role !== 'advisor' || !env.knownClients) return undefined;
  for (const c of env.knownClients) {
    if (c.name && c.name.length >= 2 && norm.includes(c.name.toLowerCase())) return c.id;
    if (c.nameEn && c.nameEn.length >= 3 && norm.includes(c.nameEn.toLowerCase())) return c.id;
  }
  return undefined;
}

