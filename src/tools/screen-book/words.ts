/**
 * The words of screen_book's criteria and parameters, in both languages, and how a
 * message becomes its arguments: the criterion, ranking by amount or weight, the order,
 * a threshold, a window in days, a period, a profile filter and how many rows.
 */
import type { Utterance } from '../../lang/utterance.js';
import { type Lexicon, mentions } from '../shared/book-cues.js';
import type { ScreenCriterion } from './schema.js';

/** Criterion words; the order is the order of precedence (a risk limit before a holding class). */
export const CRITERION_WORDS: [ScreenCriterion, Lexicon][] = [
  ['risk_limit', {
    zh: ['风险限额', '风险上限', '限额', '超限', '波动率上限', '波动上限', '风险预算', '超出上限', '超过上限', '波动超标', '风险超标'],
    en: ['risk limit', 'risk budget', 'volatility limit', 'volatility cap', 'volatility ceiling', 'vol limit', 'ceiling', 'limit', 'over their limit', 'limit breach', 'breach their limit'],
  }],
  ['above_profile', {
    zh: ['超出风险等级', '超出其风险等级', '超过风险等级', '超过其风险等级', '高于风险等级', '高于其风险等级', '高于自身风险', '超出自身风险', '超出自己的风险', '超出承受', '超出风险承受',
      '不匹配', '不适当', '适当性', '适配', '错配', '越级', '不符合风险', '风险等级不符', '超风险等级', '风险不匹配', '等级不符'],
    en: ['above their risk', 'above their profile', 'above the risk level', 'above risk level', 'riskier than', 'mismatch', 'mismatched', 'unsuitable', 'suitability',
      'not suitable', 'inappropriate', 'exceed their risk', 'beyond their risk', 'too risky for', 'higher than their risk', 'outside their risk', 'over their risk'],
  }],
  ['assessment_due', {
    zh: ['测评过期', '测评到期', '测评快', '测评即将', '评估过期', '评估到期', '问卷过期', '测评失效', '重新测评', '需要测评', '没做测评', '未做测评', '没有测评', '没测评', '测评缺失', '风测过期', '风测到期',
      '测评有效期', '风险等级过期', '等级过期', '等级到期', '该重新评估', '需要重新评估', '要重新做', '续期', '待测评'],
    en: ['assessment due', 'assessments due', 'assessment expire', 'assessment expiring', 'assessment expired', 'profile expire', 'profile expiring', 'profile expired', 'profiles expire',
      'expired profile', 'expiring profile', 'expired assessment', 'expiring assessment', 'need reassessment', 'need a reassessment', 'reassess', 'reassessment', 'questionnaire due',
      'overdue', 'kyc due', 'kyc expir', 'renewal', 'out of date profile', 'stale profile', 'lapsed', 'no risk profile', 'without a risk profile', 'missing risk profile', 'due for reassessment'],
  }],
  ['underperformed', {
    zh: ['跑输', '输给', '不如基准', '落后于基准', '落后基准', '跑不赢', '没跑赢', '没有跑赢', '低于基准', '弱于基准', '落后', '输了基准', '跑不过', '没跟上', '跟不上', '不及基准', '输基准'],
    en: ['underperform', 'underperformed', 'underperforming', 'lagged', 'lagging', 'lag the', 'trailed', 'trailing the', 'trail the', 'behind the benchmark', 'behind benchmark',
      'below the benchmark', 'below benchmark', 'worse than the benchmark', 'beaten by', "didn't beat", 'did not beat', 'failed to beat', 'missed the benchmark', 'under the benchmark',
      "hasn't kept up", "haven't kept up", "didn't keep up", 'not kept up', 'kept up with the benchmark', 'keep up with the benchmark', 'fell behind', 'fallen behind', 'worse than benchmark', 'below their benchmark', 'behind their benchmark'],
  }],
  ['concentration', {
    zh: ['集中', '重仓单一', '单一持仓', '单只', '单一资产', '单一产品', '一只产品', '集中度', '押在一只', '押注'],
    en: ['concentrated', 'concentration', 'single holding', 'single position', 'single name', 'one holding', 'one position', 'one stock', 'too much in one', 'all in one'],
  }],
  ['cash', { zh: ['现金', '活期', '存款', '闲钱'], en: ['cash', 'liquidity', 'uninvested'] }],
  ['bond', { zh: ['债券', '债基', '国债', '固收', '债'], en: ['bond', 'bonds', 'fixed income', 'treasuries'] }],
  ['equity', { zh: ['权益', '股票', '股市', 'a股', '港股', '美股', '个股'], en: ['equity', 'equities', 'stock', 'stocks'] }],
  ['aum', {
    zh: ['资产最多', '资产最大', '资产规模', '规模最大', '规模', '最有钱', '大客户', '资产排', '总资产', '资产', '市值', '身家', '钱最多'],
    en: ['aum', 'assets', 'asset', 'richest', 'wealthiest', 'largest clients', 'biggest clients', 'largest client', 'biggest client', 'worth', 'net worth', 'account size', 'by value'],
  }],
];

/** A risk assessment and its being due: both make an assessment_due question ("clients with expired risk profiles"). */
export const ASSESS_WORDS: Lexicon = {
  zh: ['测评', '评估', '问卷', '风测', '风险等级', '风险评级', '适当性评估', 'kyc', '回访'],
  en: ['assessment', 'assessments', 'questionnaire', 'kyc', 'risk profile', 'profile', 'profiles', 'risk rating', 'suitability review', 'review', 'reviews'],
};

/** Holding more risk than the profile allows, said in two parts: "超出了他的承受能力", "exceed their risk tolerance". */
export const ABOVE_WORDS: Lexicon = {
  zh: ['超出', '超过', '高于', '高过', '超了', '不符', '不匹配', '不适合'],
  en: ['above', 'exceed', 'exceeds', 'beyond', 'higher than', 'more than', 'over', 'outside', 'too risky', "doesn't match", 'not match'],
};
export const PROFILE_WORDS: Lexicon = {
  zh: ['风险等级', '承受能力', '风险承受', '测评等级', '风险偏好', '风险评级', '适当性'],
  en: ['risk level', 'risk profile', 'risk tolerance', 'tolerance', 'risk appetite', 'appetite', 'risk rating', 'their profile', 'their level'],
};
export const DUE_WORDS: Lexicon = {
  zh: ['过期', '到期', '失效', '快到', '即将', '更新', '重新', '续', '没做', '未做', '没有做', '缺失', '没测', '逾期', '有效期', '从未', '还没', '没有测', '没有做过'],
  en: ['expire', 'expired', 'expiring', 'expiry', 'due', 'overdue', 'lapse', 'lapsed', 'stale', 'out of date', 'outdated', 'renew', 'renewal', 'missing', 'update', 'updated', 'reassess', 'redo', 'valid', 'new', 'need', 'needs', 'required', 'pending', "haven't", 'have not', 'never', 'without', 'not done'],
};

/** Drift words: drift is list_clients' question, but a follow-up of a screen may switch to it. */
export const DRIFT_WORDS: Lexicon = { zh: ['偏离', '漂移', '跑偏'], en: ['drift', 'drifted', 'deviation', 'off target'] };

/** Holding a product: "who holds X", "谁持有X". */
export const HOLD_WORDS: Lexicon = {
  zh: ['持有', '持仓', '买了', '买过', '在持', '拿着', '有买', '配置了', '投了', '有'],
  en: ['hold', 'holds', 'holding', 'own', 'owns', 'bought', 'invested in', 'has', 'have', 'got', 'exposure to', 'position in', 'in'],
};

/** Ranking or selecting among clients: "最多", "top", "who". */
export const RANKING_WORDS: Lexicon = {
  zh: ['最多', '最高', '最大', '最重', '最少', '最低', '最小', '最有钱', '最富', '排名', '排行', '排一下', '排序', '前十', '前五', '前三', '前二十', '前几', '前1', '前2', '前3', '前4', '前5',
    '前6', '前7', '前8', '前9', '谁', '哪些', '哪几', '哪位', '多于', '超过', '高于', '低于'],
  en: ['most', 'largest', 'biggest', 'top', 'rank', 'ranking', 'highest', 'lowest', 'least', 'smallest', 'richest', 'wealthiest', 'heaviest', 'who', 'which', 'sort', 'sorted', 'order', 'above', 'over', 'more than', 'below'],
};

const WEIGHT_WORDS: Lexicon = {
  zh: ['占比', '比例', '比重', '仓位', '权重', '最重', '百分比', '占组合'],
  en: ['weight', 'weighted', 'share', 'share of', 'by share', 'as a share', 'percentage', 'allocation %', '% of', 'proportion', 'heavy', 'heaviest', 'heavier', 'as a percent', 'relative', 'weighting'],
};
/** "the highest % in stocks", "most in bonds by %": a share of the portfolio, not an amount. */
const BY_PERCENT = /(highest|most|largest|biggest|top|lowest) %|%\s*(in|of)\b|by %|in %|by percent|percentage-wise/;
const ASCENDING_WORDS: Lexicon = {
  zh: ['最少', '最低', '最小', '最轻', '最不', '倒数', '从少到多', '从低到高'],
  en: ['least', 'lowest', 'smallest', 'fewest', 'bottom', 'lightest', 'ascending'],
};
const DESCENDING_WORDS: Lexicon = { zh: ['最多', '最高', '最大', '最重', '从多到少', '从高到低'], en: ['most', 'highest', 'largest', 'biggest', 'heaviest', 'descending'] };
const LIST_WORDS = /列出|列一下|名单|清单|\blist\b|\bshow (me )?(all )?my clients\b/;

/** The criterion a message names, if any (drift only when `withDrift`). */
export function criterionOf(u: Utterance, withDrift = false): ScreenCriterion | undefined {
  for (const [c, lex] of CRITERION_WORDS) {
    if (c === 'cash' && u.products.length > 0) continue; // "谁持有X货币基金": the product
    const hit =
      mentions(u, lex) ||
      (c === 'assessment_due' && mentions(u, ASSESS_WORDS) && mentions(u, DUE_WORDS)) ||
      // "波动超过了风险等级上限", "volatility above what their profile allows": the risk limit
      (c === 'risk_limit' && /波动|volatil|\bvol\b/.test(u.norm) && mentions(u, ABOVE_WORDS)) ||
      (c === 'above_profile' && mentions(u, ABOVE_WORDS) && mentions(u, PROFILE_WORDS) && !mentions(u, DUE_WORDS));
    if (hit) return heldProduct(u) && !['risk_limit', 'above_profile', 'assessment_due', 'underperformed', 'concentration'].includes(c) ? 'holds_product' : c;
  }
  if (heldProduct(u)) return 'holds_product';
  if (withDrift && mentions(u, DRIFT_WORDS)) return 'drift';
  return undefined;
}

/** A product (or a listed instrument) named together with a holding word. */
export function heldProduct(u: Utterance): string | undefined {
  const id = u.products[0] ?? u.slots.tickers[0];
  return id && mentions(u, HOLD_WORDS) ? id : undefined;
}

/** "list my clients by AUM" stays a list (list_clients); "largest clients by AUM" is a ranking. */
export function asksForList(u: Utterance): boolean {
  return LIST_WORDS.test(u.norm) && !mentions(u, DESCENDING_WORDS);
}

export function ranks(u: Utterance): boolean {
  return mentions(u, RANKING_WORDS);
}

/** The arguments a message gives a screen of `criterion` (only what it says). */
export function screenArgs(u: Utterance, criterion: ScreenCriterion): Record<string, unknown> {
  const a: Record<string, unknown> = { criterion };
  const s = u.slots;
  if (criterion === 'holds_product') {
    const p = heldProduct(u) ?? u.products[0] ?? s.tickers[0];
    if (p) a.product = p;
  }
  if (['cash', 'equity', 'bond', 'holds_product'].includes(criterion) && (mentions(u, WEIGHT_WORDS) || BY_PERCENT.test(u.norm))) a.basis = 'weight';
  if (mentions(u, ASCENDING_WORDS) && !mentions(u, DESCENDING_WORDS)) a.order = 'asc';
  const pct = s.minDrift ?? s.percents.find((p) => p > 0 && p < 1);
  if ((criterion === 'concentration' || criterion === 'drift') && pct !== undefined) a.threshold = pct;
  // "股票占比超过50%的客户": a share of the portfolio above the threshold
  if (['cash', 'equity', 'bond'].includes(criterion) && pct !== undefined) {
    a.threshold = pct;
    a.basis = 'weight';
  }
  if (criterion === 'assessment_due') {
    const days = withinDaysOf(u.norm);
    if (days !== undefined) a.withinDays = days;
  }
  if (criterion === 'underperformed') {
    const period = s.periods[0] ?? s.bareYears[0];
    if (period) a.period = period;
  }
  const level = profileFilter(u);
  if (level !== undefined) a.riskProfile = level;
  if (s.limit) a.limit = s.limit;
  return a;
}

/** A profile level to filter by: "C2", "保守型客户"; a product's name ("鼎元稳健纯债") is not a profile. */
export function profileFilter(u: Utterance): number | undefined {
  const explicit = /(?<![a-z\d])c([1-5])(?!\d)/.exec(u.norm);
  if (explicit) return Number(explicit[1]);
  if (u.products.length > 0) return undefined;
  return /(保守|谨慎|稳健|平衡|积极|成长|激进|进取)(型|的客户)|\b(conservative|cautious|balanced|moderate|growth|aggressive)\b (clients?|investors?|ones)/.test(u.norm) ? u.slots.riskProfile : undefined;
}

const CN_SMALL: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const small = (x: string) => Number(x) || CN_SMALL[x] || 0;

/** "30天内", "within 60 days", "两周", "三个月", "这个月", "next quarter". */
export function withinDaysOf(norm: string): number | undefined {
  const d = /(\d{1,4})\s*(天|日|days?\b)/.exec(norm);
  if (d) return Number(d[1]);
  const w = /(\d{1,2}|[一二两三四五六])\s*(周|个?星期|weeks?\b)/.exec(norm);
  if (w && small(w[1])) return 7 * small(w[1]);
  const m = /(\d{1,2}|[一二两三四五六])\s*(个月|months?\b)/.exec(norm);
  if (m && small(m[1])) return 30 * small(m[1]);
  if (/这个月|本月|下个月|下月|一个月内|this month|next month|within a month/.test(norm)) return 30;
  if (/季度|quarter/.test(norm)) return 90;
  if (/下周|本周|这周|next week|this week/.test(norm)) return 7;
  return undefined;
}
