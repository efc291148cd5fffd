/**
 * What the offline planner knows of assess_risk_profile: asking for one's risk level
 * (and "can I buy …?" without a named product: the profile decides), starting or
 * cancelling the questionnaire, and — while a question waits for its answer — taking
 * the next message as that answer unless it clearly asks for something else.
 */
import type { AssessRiskProfileResult, QuestionView, RiskProfileView } from '../contract.js';
import type { ToolPlanner } from '../planning.js';
import { call, isZh, ownResult } from '../shared/plan-kit.js';
import type { Lang } from '../../vocab.js';

const CAN_I_BUY = /(我|本人)?(能|可以|可不可以|能不能|有资格)(买|投|购买|申购)|适合(我|买)|can i (buy|invest)|am i (allowed|eligible|able) to (buy|invest)|allowed to buy|eligible (to|for)/;
/** Above this score a message in an open questionnaire asks for something else. */
const STRONG = 5;

const ACTION: Record<string, string> = { profile_start: 'start', profile_cancel: 'cancel', profile_get: 'get' };

function profileLine(p: RiskProfileView, lang: Lang, client?: string): string {
  // An advisor hears about the client in the third person.
  if (client) {
    return isZh(lang)
      ? `客户 ${client} 的风险等级为 ${p.label}（得分 ${p.score}），评估日期 ${p.assessedAt}，有效期至 ${p.expiresAt}${p.expired ? '（已过期，需要重新测评）' : ''}。可购买风险等级不高于 R${p.maxProductRisk} 的产品。`
      : `Client ${client}'s risk profile is ${p.label} (score ${p.score}), assessed on ${p.assessedAt}, valid until ${p.expiresAt}${p.expired ? ' (expired: a new questionnaire is needed)' : ''}. Products up to risk level R${p.maxProductRisk} are suitable for this client.`;
  }
  return isZh(lang)
    ? `您的风险等级为 ${p.label}（得分 ${p.score}），评估日期 ${p.assessedAt}，有效期至 ${p.expiresAt}${p.expired ? '（已过期，建议重新测评）' : ''}。可购买风险等级不高于 R${p.maxProductRisk} 的产品。`
    : `Your risk profile is ${p.label} (score ${p.score}), assessed on ${p.assessedAt}, valid until ${p.expiresAt}${p.expired ? ' (expired: please retake the questionnaire)' : ''}. Products up to risk level R${p.maxProductRisk} are suitable for you.`;
}

function questionLines(q: QuestionView, lang: Lang): string {
  const head = isZh(lang) ? `第 ${q.index}/${q.total} 题：${q.text}` : `Question ${q.index} of ${q.total}: ${q.text}`;
  return [head, ...q.options.map((o) => `${o.key}. ${o.text}`), isZh(lang) ? '请回复选项字母。' : 'Reply with the letter of your choice.'].join('\n');
}

export function composeProfile(r: AssessRiskProfileResult, lang: Lang, client?: string): string {
  switch (r.status) {
    case 'profile':
      if (r.profile) return profileLine(r.profile, lang, client);
      if (client) return isZh(lang) ? `客户 ${client} 还没有有效的风险测评。` : `Client ${client} has no risk profile on file yet.`;
      return isZh(lang)
        ? '您还没有有效的风险测评。回复“开始风险测评”即可开始问卷。'
        : 'You do not have a risk profile yet. Say "start the risk questionnaire" to begin.';
    case 'question':
      return questionLines(r.question, lang);
    case 'invalid_answer':
      return `${r.message}\n${questionLines(r.question, lang)}`;
    case 'completed': {
      const reasons = r.profile.reasons.length > 0 ? `\n${r.profile.reasons.map((x) => `- ${x}`).join('\n')}` : '';
      const head = isZh(lang) ? '测评完成。' : 'Questionnaire complete.';
      return `${head}${profileLine(r.profile, lang, client)}${reasons}`;
    }
    case 'cancelled':
      return isZh(lang) ? '已取消风险测评，之前的测评结果保持不变。' : 'The questionnaire is cancelled; your previous profile stays as it was.';
  }
}


export const assessRiskProfilePlanner: ToolPlanner<AssessRiskProfileResult> = {
  intents: [
    {
      id: 'profile_get',
      offer: ['client'],
      label: { zh: '您的风险等级', en: 'your risk profile' },
      zh: [['风险等级', 3], ['到期', 3], ['什么时候过期', 3], ['什么等级', 2.5], ['哪个等级', 2.5], ['几级', 2], ['风险偏好', 2], ['风险类型', 3], ['保守型', 1.5], ['进取型', 1.5], ['激进型', 1], ['稳健型', 1], ['c几', 3], ['属于', 1.5], ['测评结果', 3], ['评估结果', 3], ['测评等级', 3], ['还有效', 2.5], ['过期', 2.5], ['有效期', 2.5], ['风险承受', 1.5], ['我是什么', 1.5], ['是什么', 0.5], ['风险评级', 3], ['评级', 1.5], ['风险承受能力', 1.5], ['能买', 1], ['可以买', 1], ['适合买', 1.5], ['投资者类型', 3], ['哪一类', 1.5], ['什么时候做的', 3], ['上次测评', 3], ['哪天做的', 3], ['做的测评', 2]],
      en: [['risk profile', 3], ['expire', 2.5], ['expiry', 2.5], ['expires', 2.5], ['risk level', 3], ['risk category', 3], ['risk tolerance', 2.5], ['risk rating', 3], ['tolerance rating', 1], ['conservative or aggressive', 3], ['conservative', 1], ['aggressive', 1], ['suitability', 2], ['expired', 2.5], ['which category', 1.5], ['what is my risk', 1], ['am i', 0.5], ['risk class', 3], ['classed', 2], ['allowed to buy', 2.5], ['risk score', 3], ['investor type', 3], ['still valid', 2], ['out of date', 1.5], ['my own profile', 3], ['profile at', 2], ['what level', 1.5], ['my profile', 2], ['profile level', 3], ['last risk assessment', 3], ['last assessment', 3], ['score last time', 3]],
      bias: (u) => (CAN_I_BUY.test(u.norm) && u.products.length === 0 ? 2.5 : 0),
    },
    {
      id: 'profile_start',
      label: { zh: '做风险测评', en: 'taking the risk questionnaire' },
      zh: [['测评', 2.5], ['重新测', 2], ['再测', 2], ['测一次', 2], ['测一下', 1.5], ['风测', 3], ['问卷', 3], ['做一下', 1.5], ['做个', 1.5], ['重新', 1.5], ['开始', 1.5], ['评估一下', 2], ['风险评估', 1.5], ['测试', 1.5], ['在哪做', 2], ['做测评', 2], ['重做', 2.5], ['再做', 2], ['评测', 2.5], ['填问卷', 3], ['帮我测', 2.5], ['测测', 2.5], ['测一测', 2.5], ['测一下+风险', 1.5]],
      en: [['questionnaire', 3], ['quiz', 3], ['assessment', 2], ['assess', 2], ['redo', 2], ['take the', 1.5], ['start', 1.5], ['retake', 2.5], ['profiling', 2], ['survey', 2.5], ['evaluate my risk', 2], ['do the risk', 2], ['again', 1], ['retest', 2.5], ['new assessment', 2.5], ['update my risk', 2.5], ['redo it', 3], ["let's redo", 3], ['do it again', 2.5], ['take it again', 3]],
    },
    {
      id: 'profile_cancel',
      zh: [['取消', 3], ['不做了', 3], ['不想做', 2.5], ['停止', 2.5], ['退出', 2.5], ['算了', 2]],
      en: [['cancel', 3], ['stop the', 2.5], ['quit', 2.5], ['abort', 3], ['never mind', 2], ["don't want to continue", 3], ['stop', 1.5], ['finish it later', 2.5], ['later', 0.5]],
    },
  ],
  preempt(u, best, env) {
    if (env.dialogue.flow?.tool !== 'assess_risk_profile' || !env.tools.has('assess_risk_profile')) return undefined;
    if (best.intent === 'profile_cancel' && best.score >= 2.5) return call('profile_cancel', 'assess_risk_profile', { action: 'cancel' });
    if (best.score < STRONG || !best.tool || best.intent.startsWith('profile')) {
      const reply = u.raw.trim().slice(0, 200);
      // "c" is the letter C: options are written in capitals
      return call('profile_start', 'assess_risk_profile', { action: 'answer', answer: /^[a-e][.)]?$/i.test(reply) ? reply.toUpperCase() : reply });
    }
    return undefined;
  },
  plan: (_u, intent) => call(intent, 'assess_risk_profile', { action: ACTION[intent] ?? 'get' }),
  compose(input) {
    const own = ownResult<AssessRiskProfileResult>(input);
    const client = input.role === 'advisor' && typeof input.outcomes[0]?.args.clientId === 'string' ? (input.outcomes[0].args.clientId as string) : undefined;
    return 'failed' in own ? own.failed : composeProfile(own.result, input.lang, client);
  },
  remember: (r) => ({
    status: r.status,
    flowOpen: r.status === 'question' || r.status === 'invalid_answer',
    ...(r.status === 'profile' && r.profile ? { level: r.profile.level, expiresAt: r.profile.expiresAt } : {}),
    ...(r.status === 'completed' ? { level: r.profile.level, expiresAt: r.profile.expiresAt } : {}),
  }),
};
