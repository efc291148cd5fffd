/**
 * The risk-tolerance questionnaire (风险承受能力评估问卷) as data, modelled on the forms
 * Chinese banks use under the 适当性管理办法: ten questions, options A–E, the more
 * conservative answer always first and scoring fewer points (1–5). Texts in zh and en.
 */
export interface QuestionOption {
  key: 'A' | 'B' | 'C' | 'D' | 'E';
  points: number;
  zh: string;
  en: string;
}

export interface Question {
  id: string;
  zh: string;
  en: string;
  options: readonly QuestionOption[];
}

const o = (key: QuestionOption['key'], points: number, zh: string, en: string): QuestionOption => ({ key, points, zh, en });

export const QUESTIONS: readonly Question[] = Object.freeze([
  {
    id: 'age',
    zh: '您的年龄是？',
    en: 'What is your age?',
    options: [
      o('A', 1, '65岁以上', 'Over 65'),
      o('B', 2, '56至65岁', '56 to 65'),
      o('C', 3, '46至55岁', '46 to 55'),
      o('D', 4, '18至30岁', '18 to 30'),
      o('E', 5, '31至45岁', '31 to 45'),
    ],
  },
  {
    id: 'income',
    zh: '您家庭的主要收入来源和稳定性如何？',
    en: 'How stable is your household income?',
    options: [
      o('A', 1, '无固定收入，主要依靠养老金或储蓄', 'No regular income; I live on a pension or savings'),
      o('B', 2, '收入较低且不太稳定', 'Low and somewhat unstable income'),
      o('C', 3, '收入一般，比较稳定', 'Average and fairly stable income'),
      o('D', 4, '收入较高且稳定', 'High and stable income'),
      o('E', 5, '收入很高且持续增长，有多种来源', 'Very high, growing income from several sources'),
    ],
  },
  {
    id: 'share',
    zh: '您计划投资的金额占您家庭可投资资产的比例是？',
    en: 'What share of your household investable assets do you plan to invest?',
    options: [
      o('A', 1, '75%以上', 'More than 75%'),
      o('B', 2, '50%至75%', '50% to 75%'),
      o('C', 3, '25%至50%', '25% to 50%'),
      o('D', 4, '10%至25%', '10% to 25%'),
      o('E', 5, '10%以下', 'Less than 10%'),
    ],
  },
  {
    id: 'experience',
    zh: '您有多少年投资股票、基金等风险资产的经验？',
    en: 'How many years have you invested in risky assets such as stocks or funds?',
    options: [
      o('A', 1, '没有经验，只存过银行存款', 'None, only bank deposits'),
      o('B', 2, '不到2年', 'Less than 2 years'),
      o('C', 3, '2至5年', '2 to 5 years'),
      o('D', 4, '5至10年', '5 to 10 years'),
      o('E', 5, '10年以上', 'More than 10 years'),
    ],
  },
  {
    id: 'knowledge',
    zh: '您对金融产品和投资风险的了解程度是？',
    en: 'How well do you understand financial products and investment risk?',
    options: [
      o('A', 1, '几乎不了解', 'Hardly at all'),
      o('B', 2, '了解一些基本概念', 'I know some basic concepts'),
      o('C', 3, '一般了解，能看懂产品说明书', 'Moderately; I can read a product prospectus'),
      o('D', 4, '比较了解，熟悉股票、基金和债券', 'Well; I know stocks, funds and bonds'),
      o('E', 5, '非常了解，包括衍生品和私募产品', 'Very well, including derivatives and private funds'),
    ],
  },
  {
    id: 'horizon',
    zh: '您计划的投资期限是多长？',
    en: 'How long do you plan to stay invested?',
    options: [
      o('A', 1, '1年以内', 'Less than 1 year'),
      o('B', 2, '1至3年', '1 to 3 years'),
      o('C', 3, '3至5年', '3 to 5 years'),
      o('D', 4, '5至10年', '5 to 10 years'),
      o('E', 5, '10年以上', 'More than 10 years'),
    ],
  },
  {
    id: 'goal',
    zh: '您的主要投资目标是？',
    en: 'What is your main investment goal?',
    options: [
      o('A', 1, '保住本金，不能有损失', 'Keep my capital, no losses'),
      o('B', 2, '获得稳定的收益，略高于存款', 'Steady income, a little above deposits'),
      o('C', 3, '收益和风险平衡，资产稳健增长', 'Balance of return and risk, steady growth'),
      o('D', 4, '追求较高收益，资产较快增长', 'Higher returns and faster growth'),
      o('E', 5, '追求最大收益，资产大幅增长', 'Maximum returns and strong growth'),
    ],
  },
  {
    id: 'loss',
    zh: '您一年内能承受的最大投资亏损是多少？',
    en: 'What is the largest loss you could accept in one year?',
    options: [
      o('A', 1, '不能承受任何亏损', 'No loss at all'),
      o('B', 2, '5%以内', 'Up to 5%'),
      o('C', 3, '5%至15%', '5% to 15%'),
      o('D', 4, '15%至30%', '15% to 30%'),
      o('E', 5, '30%以上', 'More than 30%'),
    ],
  },
  {
    id: 'reaction',
    zh: '如果您的投资在短期内下跌20%，您会怎么做？',
    en: 'If your investments fell 20% in a short time, what would you do?',
    options: [
      o('A', 1, '立即全部卖出', 'Sell everything at once'),
      o('B', 2, '卖出一部分，减少风险', 'Sell part of it to cut the risk'),
      o('C', 3, '继续持有，等待回升', 'Hold and wait for a recovery'),
      o('D', 4, '持有并考虑少量加仓', 'Hold and consider buying a little more'),
      o('E', 5, '大幅加仓，逢低买入', 'Buy a lot more at the lower price'),
    ],
  },
  {
    id: 'liquidity',
    zh: '未来一年内，您需要动用这笔投资资金的可能性有多大？',
    en: 'How likely are you to need this money within the next year?',
    options: [
      o('A', 1, '肯定需要，随时可能取用', 'Certainly; I may need it any time'),
      o('B', 2, '很可能需要一部分', 'Likely, part of it'),
      o('C', 3, '可能需要一小部分', 'Possibly a small part'),
      o('D', 4, '基本不需要', 'Probably not'),
      o('E', 5, '完全不需要', 'Not at all'),
    ],
  },
] satisfies Question[]);

/** Risk levels C1–C5 with their labels. */
export const LEVEL_LABELS: Readonly<Record<number, { zh: string; en: string }>> = Object.freeze({
  1: { zh: '保守型', en: 'Conservative' },
  2: { zh: '谨慎型', en: 'Cautious' },
  3: { zh: '稳健型', en: 'Balanced' },
  4: { zh: '积极型', en: 'Growth' },
  5: { zh: '激进型', en: 'Aggressive' },
});

/** 'C3 稳健型' / 'C3 Balanced'. */
export function levelLabel(level: number, lang: 'zh' | 'en'): string {
  return `C${level} ${LEVEL_LABELS[level]?.[lang] ?? ''}`.trim();
}
