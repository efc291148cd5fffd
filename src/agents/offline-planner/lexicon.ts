/**
 * Weighted features per intent, both languages. A feature is a Chinese substring, an
 * English word or phrase (matched on stemmed tokens, typo-tolerant), or `a+b` — all
 * parts present anywhere. Scores add up; the planner takes the best intent above a
 * threshold and asks a clarifying question below it.
 */
import type { ToolName } from '../../tools/contract.js';

export type Intent =
  | 'portfolio'
  | 'performance'
  | 'profile_get'
  | 'profile_start'
  | 'profile_cancel'
  | 'risk'
  | 'clients'
  | 'optimize'
  | 'rebalance'
  | 'goal'
  | 'backtest'
  | 'documents'
  | 'product'
  | 'greeting'
  | 'thanks'
  | 'help'
  | 'trade'
  | 'transfer'
  | 'guarantee'
  | 'offtopic';

/** Which tool an intent calls; intents without one are answered directly. */
export const INTENT_TOOL: Partial<Record<Intent, ToolName>> = {
  portfolio: 'get_portfolio',
  performance: 'get_performance',
  profile_get: 'assess_risk_profile',
  profile_start: 'assess_risk_profile',
  profile_cancel: 'assess_risk_profile',
  risk: 'portfolio_risk',
  clients: 'list_clients',
  optimize: 'optimize_portfolio',
  rebalance: 'check_rebalance',
  goal: 'project_goal',
  backtest: 'backtest_strategy',
  documents: 'search_documents',
  product: 'get_product',
};

export type Feature = readonly [pattern: string, weight: number];

export const LEXICON: Record<Intent, { zh: Feature[]; en: Feature[] }> = {
  portfolio: {
    zh: [['组合', 1], ['持仓', 2.5], ['仓位', 2], ['市值', 2.5], ['总资产', 2.5], ['资产', 1], ['值多少', 2.5], ['多少钱', 1.5], ['值几个钱', 2.5], ['一共', 1], ['加起来', 1.5], ['账户', 1], ['配置', 1.5], ['占比', 2], ['各占', 2], ['分布', 2], ['币种', 2], ['地区', 1.5], ['盈亏', 2], ['浮盈', 2.5], ['浮亏', 2.5], ['赚了还是亏', 2], ['亏损的', 1.5], ['买了', 1.5], ['持有', 2], ['有哪些', 1], ['股票', 0.8], ['基金', 0.5], ['多少', 0.5], ['余额', 2], ['看看我的', 1], ['分别有多少', 2], ['手上', 2], ['手里', 2], ['多大', 1.5], ['占多少', 2], ['比例', 1.5], ['现金', 1.5], ['还剩', 1.5], ['总共', 1], ['放在', 1], ['明细', 2], ['资产配置', 1.5], ['总值', 2], ['净值', 1], ['敞口', 1]],
    en: [['portfolio', 1], ['holding', 2.5], ['position', 2], ['worth', 2.5], ['value', 1.5], ['balance', 2], ['net worth', 2.5], ['how much', 1], ['allocation', 2.5], ['asset mix', 2.5], ['mix', 1], ['breakdown', 2], ['split', 1.5], ['asset class', 2], ['by currency', 2], ['by region', 2], ['region', 1], ['own', 1.5], ['invested', 1], ['in total', 1], ['total', 1], ['p&l', 2.5], ['pnl', 2.5], ['profit and loss', 2.5], ['unrealized', 2.5], ['unrealised', 2.5], ['up or down', 2], ['losing money', 1.5], ['gain and loss', 2], ['account', 1], ['stocks and bonds', 1.5], ['what do i have', 2], ['what do i own', 2], ['my stuff', 0.5], ['investment', 1], ['cash', 1.5], ['holdings breakdown', 2], ['what we hold', 2], ['what i hold', 2], ['positions', 1], ['list my', 1.5], ['valued', 1.5], ['sitting in', 1]],
  },
  performance: {
    zh: [['收益', 2.5], ['收益率', 1], ['回报', 2.5], ['表现', 2.5], ['业绩', 2.5], ['赚了多少', 2], ['挣', 1.5], ['涨了', 1.5], ['跌了', 1], ['跑赢', 3], ['跑输', 3], ['基准', 2], ['大盘', 1.5], ['沪深300', 1.5], ['年化', 2], ['今年', 0.5], ['成立以来', 1], ['收益咋样', 1], ['亏了', 2], ['亏得', 2], ['亏钱', 2], ['赚钱', 2], ['挣钱', 2], ['挣到', 2], ['赚到', 2], ['赚了', 1.5], ['盈利', 2], ['回报率', 2], ['涨幅', 2], ['跌幅', 2], ['最近', 0.5]],
    en: [['return', 2.5], ['perform', 2.5], ['performance', 2.5], ['gain', 1.5], ['how did i do', 3], ['make', 1], ['made', 1], ['beat', 2], ['benchmark', 2], ['vs index', 2], ['index', 1], ['annualized', 2], ['annualised', 2], ['ytd', 2], ['year to date', 2], ['since inception', 2], ['how is it going', 1.5], ['going', 1], ['lately', 1], ['doing', 1], ['did i make', 2.5], ['do this year', 2], ['how am i doing', 3], ['lost money', 2.5], ['lost', 1.5], ['making money', 2.5], ['making any money', 2.5], ['made money', 2.5], ['gone nowhere', 2.5], ['recently', 1], ['profit', 1.5], ['returns', 2.5], ['up this year', 2], ['down this year', 2]],
  },
  profile_get: {
    zh: [['风险等级', 3], ['风险偏好', 2], ['风险类型', 3], ['保守型', 1.5], ['进取型', 1.5], ['激进型', 1], ['稳健型', 1], ['c几', 3], ['属于', 1.5], ['测评结果', 3], ['评估结果', 3], ['过期', 2.5], ['有效期', 2.5], ['风险承受', 1.5], ['我是什么', 1.5], ['是什么', 0.5], ['风险评级', 3], ['评级', 1.5], ['风险承受能力', 1.5], ['能买', 1], ['可以买', 1], ['适合买', 1.5], ['投资者类型', 3], ['哪一类', 1.5]],
    en: [['risk profile', 3], ['risk level', 3], ['risk category', 3], ['risk tolerance', 2.5], ['risk rating', 3], ['tolerance rating', 1], ['conservative or aggressive', 3], ['conservative', 1], ['aggressive', 1], ['suitability', 2], ['expired', 2.5], ['which category', 1.5], ['what is my risk', 1], ['am i', 0.5], ['risk class', 3], ['classed', 2], ['allowed to buy', 2.5], ['risk score', 3], ['investor type', 3], ['still valid', 2], ['out of date', 1.5]],
  },
  profile_start: {
    zh: [['测评', 2.5], ['风测', 3], ['问卷', 3], ['做一下', 1.5], ['做个', 1.5], ['重新', 1.5], ['开始', 1.5], ['评估一下', 2], ['风险评估', 1.5], ['测试', 1.5], ['在哪做', 2], ['做测评', 2], ['重做', 2.5], ['再做', 2], ['评测', 2.5], ['填问卷', 3]],
    en: [['questionnaire', 3], ['quiz', 3], ['assessment', 2], ['assess', 2], ['redo', 2], ['take the', 1.5], ['start', 1.5], ['retake', 2.5], ['profiling', 2], ['survey', 2.5], ['evaluate my risk', 2], ['do the risk', 2], ['again', 1], ['retest', 2.5], ['new assessment', 2.5], ['update my risk', 2.5]],
  },
  profile_cancel: {
    zh: [['取消', 3], ['不做了', 3], ['不想做', 2.5], ['停止', 2.5], ['退出', 2.5], ['算了', 2]],
    en: [['cancel', 3], ['stop the', 2.5], ['quit', 2.5], ['abort', 3], ['never mind', 2], ["don't want to continue", 3], ['stop', 1.5], ['finish it later', 2.5], ['later', 0.5]],
  },
  risk: {
    zh: [['风险大', 3], ['风险高', 3], ['风险怎么样', 3], ['组合+风险', 2], ['波动', 3], ['var', 3], ['在险价值', 3.5], ['回撤', 3.5], ['夏普', 3.5], ['索提诺', 3.5], ['贝塔', 3.5], ['beta', 3.5], ['集中', 3], ['亏多少', 2.5], ['最多可能亏', 3], ['会亏', 1.5], ['跌得', 1.5], ['大跌', 2], ['暴跌', 2.5], ['极端', 2], ['风险贡献', 3.5], ['贡献', 2.5], ['volatility', 3], ['hhi', 3], ['下行风险', 3], ['风险', 1], ['风险最大', 3], ['风险最高', 3], ['风险指标', 3.5], ['风险敞口', 3], ['重仓', 2], ['押', 1.5], ['太重', 1.5], ['过于集中', 3], ['分散', 2], ['单一', 1.5], ['压力测试', 3], ['最坏', 2.5], ['波幅', 3]],
    en: [['risky', 3], ['risk', 1], ['volatility', 3], ['volatile', 3], ['vol', 2], ['var', 3], ['value at risk', 3.5], ['cvar', 3.5], ['expected shortfall', 3.5], ['shortfall', 2], ['drawdown', 3.5], ['sharpe', 3.5], ['sortino', 3.5], ['beta', 3], ['concentrated', 3], ['concentration', 3], ['could i lose', 3], ['lose', 1.5], ['bad day', 2], ['crash', 2], ['downside', 2.5], ['contribute most to risk', 3], ['risk contribution', 3], ['hit', 0.5], ['most risk', 3], ['riskiest', 3], ['risk metric', 3.5], ['risk number', 3.5], ['exposed', 2.5], ['exposure', 2.5], ['overexposed', 3], ['overweight', 2], ['diversified', 2.5], ['diversification', 2.5], ['worst case', 2.5], ['stress', 2], ['swing', 1.5], ['how risky', 3.5]],
  },
  clients: {
    zh: [['客户', 2], ['名下', 2.5], ['客户名单', 3], ['客户清单', 3], ['几个客户', 3], ['哪些客户', 3], ['的客户有', 2], ['偏离', 1.5], ['排一下', 1.5], ['客户名', 2], ['资产规模', 1.5], ['前十', 1], ['筛', 1.5], ['叫', 0.5]],
    en: [['clients', 3], ['client', 2], ['my book', 3], ['book', 1], ['drifted', 2], ['drift', 1.5], ['who', 0.5], ['rank', 1.5], ['aum', 2], ['top', 0.5], ['find client', 3], ['look up client', 3], ['my client', 1]],
  },
  optimize: {
    zh: [['优化', 3.5], ['最大化夏普', 3], ['夏普最大', 3], ['最优', 3], ['有效前沿', 3], ['最小方差', 3], ['怎么配置', 2], ['怎么配', 2.5], ['配置建议', 2.5], ['配置方案', 2.5], ['调整组合', 2.5], ['调一下组合', 3], ['组合要怎么调', 3], ['调得更好', 2.5], ['风险平价', 4], ['重新配', 2.5], ['观点', 2], ['组合是什么样', 2], ['更好', 2], ['调成', 2.5], ['怎么调', 2], ['最佳配置', 3], ['最大化', 2], ['收益最高', 2], ['重新分配', 3], ['重新配置', 3], ['资产配置建议', 2], ['分配', 1.5], ['调整仓位', 2], ['调仓位', 2], ['调一下仓位', 2.5]],
    en: [['optimize', 3.5], ['optimise', 3.5], ['optimization', 3.5], ['optimisation', 3.5], ['optimal', 3], ['efficient frontier', 3], ['max sharpe', 3], ['maximize sharpe', 3], ['best sharpe', 3], ['minimum volatility', 3], ['better allocation', 2.5], ['improve my portfolio', 3], ['risk parity', 4], ['better way to allocate', 3], ['allocate my money', 2.5], ['highest return', 2], ['version of my portfolio', 2.5], ['portfolio change', 2.5], ['mix that', 2], ['better', 1.5], ['reallocate', 3], ['rebuild my portfolio', 3], ['maximise', 2], ['maximize', 2], ['minimise', 2], ['minimize', 2], ['restructure', 3], ['best mix', 3], ['lowest volatility', 2.5], ['least risky', 2], ['optimum', 3], ['allocation for', 1.5], ['suggest a', 1.5], ['propose', 1.5]],
  },
  rebalance: {
    zh: [['再平衡', 4], ['调仓', 3], ['偏离目标', 3], ['偏离', 1.5], ['回到目标', 3], ['目标配置', 1.5], ['调回', 3], ['该不该调', 3], ['要不要调', 3], ['涨太多', 2], ['差多少', 1], ['跑偏', 3], ['偏了', 2], ['阈值', 1], ['调回去', 3], ['再平衡一下', 1], ['股债比例', 2]],
    en: [['rebalance', 4], ['rebalancing', 4], ['off target', 2.5], ['off my target', 3], ['drift', 1.5], ['back to target', 3], ['back to my target', 3], ['trim back', 3], ['target allocation', 1.5], ['get me back', 2.5], ['run up', 1.5], ['out of balance', 3.5], ['band', 1.5], ['threshold', 1], ['drifted', 2], ['due for', 1.5]],
  },
  goal: {
    zh: [['退休', 3], ['能到', 2], ['目标', 1], ['年后', 2], ['年以后', 2], ['每月投', 2.5], ['每个月投', 2.5], ['每个月再存', 2.5], ['定投', 2], ['攒', 2], ['实现', 1], ['够不够', 2], ['概率', 1.5], ['养老', 3], ['教育金', 3], ['买房', 2.5], ['首付', 2.5], ['达到', 1.5], ['能不能达到', 2.5], ['能有多少钱', 2.5], ['来得及', 2], ['上大学', 2], ['存够', 3], ['攒够', 3], ['储', 2], ['买楼', 2.5], ['首期', 2.5], ['年内', 1.5], ['达成', 2], ['学费', 2.5], ['够吗', 2], ['能实现', 2.5]],
    en: [['retire', 3], ['retirement', 3], ['goal', 2.5], ['reach', 2], ['per month', 2], ['a month', 1.5], ['monthly', 2], ['each month', 1.5], ['save', 1.5], ['by the time', 2], ['enough', 1.5], ['probability', 1.5], ['chances', 2], ['odds', 2], ['on track', 2.5], ['put away', 2.5], ['hitting', 1.5], ['project', 1.5], ['college', 2.5], ['will i have', 2.5], ['house deposit', 3], ['deposit', 1.5], ['uni', 2], ['university', 2.5], ['tuition', 2.5], ['target of', 1.5], ['doable', 1.5], ['get to', 1.5]],
  },
  backtest: {
    zh: [['回测', 4], ['历史模拟', 3], ['买入持有', 2.5], ['定期再平衡', 2], ['拿着不动', 3], ['一直拿着', 3], ['历史上', 2], ['效果会怎么样', 2], ['如果过去', 3], ['哪个收益高', 2], ['哪个好', 1.5], ['历史表现', 3.5], ['历史数据', 3], ['过去', 1], ['会怎样', 1.5], ['会怎么样', 1.5], ['测试一下', 1.5], ['模拟', 2]],
    en: [['backtest', 4], ['back test', 4], ['buy and hold', 2.5], ['historically would', 2.5], ['would have done', 2.5], ['have done', 2.5], ['have beaten', 3], ['just holding', 3], ['history', 1.5], ['historical', 1.5], ['rule on', 1.5], ['what if i had', 3], ['if i had', 2.5], ['had rebalanced', 3], ['would have', 2.5], ["if i'd", 2.5], ['have helped', 2.5], ['have done', 2.5], ['test a', 2], ['simulate', 2.5]],
  },
  documents: {
    zh: [['说明书', 3], ['费率', 3], ['管理费', 3], ['申购费', 3], ['赎回费', 2.5], ['封闭期', 3], ['锁定期', 3], ['基金经理', 3], ['投资范围', 3], ['投什么', 2.5], ['风险揭示', 3], ['产品介绍', 2], ['区别', 2], ['投资策略', 3], ['起购', 2.5], ['收费', 2.5], ['怎么收', 2], ['货币基金', 1.5], ['指数基金', 1.5], ['债券基金', 1], ['业绩比较基准', 3], ['常见问题', 3], ['研究报告', 3], ['研报', 3], ['报告', 1.5], ['风险揭示书', 1], ['到账', 2], ['一般投资', 2], ['有什么区别', 1], ['有啥不同', 2.5], ['什么区别', 1], ['规则', 1.5], ['什么策略', 2.5], ['策略', 1]],
    en: [['prospectus', 3], ['fee', 3], ['fees', 3], ['lock-up', 3], ['lockup', 3], ['fund manager', 3], ['invest in', 1.5], ['what does', 1], ['strategy', 2], ['difference between', 2.5], ['fact sheet', 3], ['minimum purchase', 3], ['document', 2], ['charge', 2.5], ['money market', 1.5], ['index fund', 1.5], ['bond fund', 1], ['faq', 3], ['research', 2.5], ['research note', 3], ['disclosure', 3], ['risk disclosure', 1], ['different from', 2.5], ['differ', 2], ['compare the', 1.5], ['explain', 1.5], ['settle', 1.5], ['redemption', 1.5], ['what do', 0.5]],
  },
  product: {
    zh: [['产品', 1.5], ['这只', 1], ['有哪些产品', 2.5], ['推荐', 1.5], ['理财产品', 1], ['风险等级是r', 2]],
    en: [['product', 1.5], ['fund', 1], ['recommend', 1.5], ['tell me about', 1.5], ['details of', 2], ['who manages', 2], ['risk level of', 2]],
  },
  greeting: {
    zh: [['你好', 3], ['您好', 3], ['嗨', 3], ['早上好', 3], ['晚上好', 3], ['在吗', 3], ['哈喽', 3]],
    en: [['hi', 3], ['hello', 3], ['hey', 3], ['good morning', 3], ['good evening', 3], ['hi there', 3]],
  },
  thanks: {
    zh: [['谢谢', 3], ['多谢', 3], ['感谢', 3], ['好的', 1.5], ['明白了', 2], ['嗯', 1]],
    en: [['thank', 3], ['thanks', 3], ['thx', 3], ['cheers', 2.5], ['great', 1], ['ok', 1], ['okay', 1], ['got it', 2], ['lol', 2]],
  },
  help: {
    zh: [['能帮我干', 3], ['能做什么', 3], ['你能干', 3], ['怎么用', 3], ['你是谁', 3], ['有什么功能', 3], ['帮助', 2.5]],
    en: [['what can you do', 3.5], ['help', 2.5], ['who are you', 3], ['how does this work', 3], ['what are you', 2.5]],
  },
  trade: {
    zh: [['买入', 3.5], ['卖出', 3.5], ['帮我买', 4], ['给我买', 4], ['卖了', 3.5], ['清仓', 3.5], ['下单', 3.5], ['赎回', 3.5], ['申购', 2.5], ['加仓', 3], ['减仓', 3], ['抛掉', 3.5], ['全卖', 4], ['申购', 1], ['卖掉', 3.5]],
    en: [['buy', 3.5], ['sell', 3.5], ['place an order', 4], ['order', 1.5], ['redeem', 3.5], ['purchase', 2.5], ['liquidate', 3.5], ['dump', 2.5], ['execute', 2], ['subscribe', 3], ['sell all', 4], ['shares of', 2]],
  },
  transfer: {
    zh: [['转账', 4], ['转到', 3], ['转给', 3.5], ['转钱', 4], ['打钱', 4], ['汇款', 4], ['提现', 4], ['出金', 4], ['卡上', 2]],
    en: [['transfer', 4], ['wire', 4], ['withdraw', 4], ['send money', 4], ['move money', 3.5], ['pay', 2]],
  },
  guarantee: {
    zh: [['保证', 3], ['保本', 4], ['稳赚', 4], ['包赚', 4], ['保收益', 4], ['一定能赚', 4], ['肯定涨', 3.5], ['内幕', 4]],
    en: [['guarantee', 4], ['guaranteed', 4], ['promise', 3], ['sure thing', 3], ['risk-free return', 4], ['insider', 4]],
  },
  offtopic: {
    zh: [['天气', 4], ['下雨', 4], ['笑话', 4], ['写诗', 4], ['足球', 4], ['电影', 4], ['做饭', 4], ['菜谱', 4], ['比赛', 3], ['彩票', 4], ['机票', 4], ['几点', 2.5], ['下班', 3], ['信用卡', 3], ['几号', 3], ['密码', 4], ['登录', 3], ['机器人', 2.5], ['诗', 3]],
    en: [['weather', 4], ['rain', 3], ['joke', 4], ['poem', 4], ['football', 4], ['soccer', 4], ['movie', 4], ['recipe', 4], ['game', 2.5], ['lottery', 4], ['won the', 2], ['book me', 3], ['table for', 3], ['password', 4], ['cover letter', 4], ['capital of', 4], ['debit card', 4], ['credit card', 4], ['branch', 2], ['real person', 3], ['translate', 4]],
  },
};

/** Negation cues: a feature right after one of these does not count. */
export const NEGATIONS_ZH = ['不想', '不要', '不用', '别', '不是', '没有', '无需', '不'];
export const NEGATIONS_EN = ['not', "don't", 'dont', 'do not', 'never', 'no', "won't", "didn't", 'without'];
