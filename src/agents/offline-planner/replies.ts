/**
 * Direct answers that need no tool: greeting, help, thanks, plain refusals (trades,
 * transfers, promised returns, out of scope), a clarifying question, and "not yet".
 */
import type { Lang } from '../../tools/types.js';
import type { Intent } from './lexicon.js';

type Reason = Intent | 'clarify' | 'unavailable' | 'goal_amount';

const HELP: Record<Lang, string> = {
  zh: '我可以帮您查看组合市值与资产配置、收益表现、组合风险（波动率、VaR、最大回撤、夏普比率），做风险测评，优化组合、检查再平衡、测算理财目标、回测调仓策略，以及查询产品资料（费率、封闭期、风险等级、基金经理）。例如：“我的组合现在值多少钱？”“我每月投5000，20年后能到500万吗？”',
  en: 'I can show your portfolio value and allocation, your performance and risk (volatility, VaR, max drawdown, Sharpe), take you through the risk questionnaire, optimize your portfolio, check whether to rebalance, project a savings goal, backtest a rebalancing rule and answer product questions from the documents (fees, lock-up, risk level, manager). Try "what is my portfolio worth?" or "how should I rebalance?"',
};

const REPLIES: Record<Reason, Record<Lang, string>> = {
  greeting: { zh: `您好！${HELP.zh}`, en: `Hello! ${HELP.en}` },
  help: HELP,
  thanks: { zh: '不客气！还有什么想了解的吗？', en: "You're welcome! Anything else you'd like to know?" },
  trade: {
    zh: '抱歉，我不能替您下单买卖或赎回。交易请通过您的交易渠道或联系您的理财经理办理；我可以帮您查看持仓和风险，供您参考。',
    en: "Sorry, I can't place trades or redemptions for you. Please use your trading channel or contact your advisor; I can show your holdings and risk to help you decide.",
  },
  transfer: {
    zh: '抱歉，我不能办理转账、汇款或提现。请通过银行官方渠道办理。',
    en: "Sorry, I can't move money, wire funds or process withdrawals. Please use your bank's official channels.",
  },
  guarantee: {
    zh: '抱歉，任何投资都有风险，我不能承诺保本或任何收益，也不提供内幕信息。我可以帮您了解组合的历史表现和风险水平。',
    en: "Sorry, every investment carries risk: I can't promise any return or protect principal, and I don't deal in inside information. I can show you your portfolio's past performance and risk.",
  },
  offtopic: {
    zh: '抱歉，这个问题超出了我的服务范围。我是财富顾问助手，可以帮您查看组合、收益、风险和风险测评。',
    en: "Sorry, that's outside what I can help with. I'm a wealth assistant: I can help with your portfolio, performance, risk and risk profile.",
  },
  clarify: {
    zh: '不好意思，我没太明白您的意思。您是想了解组合市值和配置、收益表现、组合风险，还是做风险测评？',
    en: "Sorry, I'm not sure what you mean. Would you like your portfolio value and allocation, your performance, your portfolio risk, or your risk profile?",
  },
  unavailable: {
    zh: '抱歉，这项功能目前还不能使用。我现在可以帮您查看组合、收益、风险和风险测评。',
    en: "Sorry, I can't do that yet. Right now I can help with your portfolio, performance, risk and risk profile.",
  },
  goal_amount: {
    zh: '可以帮您测算目标达成的概率。请告诉我目标金额和期限，例如：“我每月投5000，20年后能到500万吗？”',
    en: 'I can estimate your chances of reaching a goal. Tell me the target amount and the horizon, e.g. "If I invest 5,000 a month, will I have 5 million in 20 years?"',
  },
  portfolio: HELP,
  performance: HELP,
  profile_get: HELP,
  profile_start: HELP,
  profile_cancel: HELP,
  risk: HELP,
  clients: HELP,
  optimize: HELP,
  rebalance: HELP,
  goal: HELP,
  backtest: HELP,
  documents: HELP,
  product: HELP,
};

/** The direct answer for a reason, in the user's language. */
export function directReply(reason: Reason, lang: Lang): string {
  return REPLIES[reason][lang];
}
