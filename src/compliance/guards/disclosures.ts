/** Required risk disclosures, in the user's language, for answers that recommend or project. */
import type { Lang } from '../../vocab.js';

export const RISK_DISCLOSURE: Record<Lang, string> = {
  zh: '风险提示：市场有风险，投资需谨慎。以上内容基于历史数据和模型测算，仅供参考，不构成对未来收益的承诺，过往业绩不代表未来表现。',
  en: 'Risk warning: investing involves risk, including the possible loss of principal. The figures above come from historical data and models, are for reference only and are not a promise of future returns; past performance does not indicate future results.',
};

const CUES_ZH = /建议|推荐|配置方案|调仓|再平衡|优化|预计|预期|预测|模拟|概率|测算|可以考虑|目标(?:金额|达成)/;
const CUES_EN = /\b(?:recommend\w*|suggest\w*|rebalanc\w*|optimi[sz]\w*|project\w*|forecast\w*|expected (?:return|value)|simulat\w*|probability|you (?:could|should|might) (?:buy|add|invest|consider))\b/i;

/**
 * Whether the answer needs the risk disclosure (it recommends or projects). `advice` is
 * the caller's verdict from the policies of the tools the turn called (see
 * `OutputGuardContext.advice`); when it has none, the answer's wording decides (cues).
 */
export function needsDisclosure(answer: string, advice?: boolean): boolean {
  return advice ?? (CUES_ZH.test(answer) || CUES_EN.test(answer));
}

export function hasDisclosure(answer: string): boolean {
  return /风险提示|投资需谨慎|risk warning|past performance (?:does not|doesn't)/i.test(answer);
}
