/**
 * The engine's own intents, answered without a tool: greeting, thanks, help, and the
 * plain refusals (placing trades, moving money, promised returns or inside information,
 * requests outside wealth management). Their texts are fixed, so the output guard is
 * told they are the system's own words (figures in them are grounded).
 */
import type { Bilingual, IntentSpec, PlanEnv } from '../../tools/planning.js';
import type { Utterance } from '../../lang/utterance.js';

const QUESTION = /[?？]|吗|呢|怎么|什么|多久|多长|如何|为什么|是否|\b(how|what|when|why|which|does|do|is|are|can)\b/;
const COMMAND = /帮我|给我|替我|请|马上|立刻|现在就|下单|for me|please|now\b|place an order|^(buy|sell|subscribe|redeem)/;
const RULE_QUESTION = /费|限制|规则|多久|多长|怎么收|条件|流程|fee|rule|restriction|limit|how long|early|penalt/;

/**
 * A trade word inside a question about the rules ("赎回有什么限制", "redemption fees") asks
 * about documents, not for a trade; inside any other question ("赎回要多久到账?") it asks,
 * it does not order.
 */
function tradeBias(u: Utterance, score: (intent: string) => number, _env: PlanEnv): number {
  let by = 0;
  if (score('trade') > 0 && score('documents') >= 2 && RULE_QUESTION.test(u.norm)) by -= score('trade');
  if (score('trade') + by > 0 && QUESTION.test(u.norm) && !COMMAND.test(u.norm)) by -= 2;
  return by;
}

/**
 * "hey, how's my portfolio doing this year?", "谢谢，那去年呢？": a greeting or thanks
 * around a request does not answer it — past a few words the courtesy counts for little.
 */
function courtesyOnly(u: Utterance): number {
  const words = u.norm.replace(/[\u4e00-\u9fff]/g, ' x ').split(/\s+/).filter((w) => /[a-z0-9x]/.test(w)).length;
  const cjk = (u.norm.match(/[\u4e00-\u9fff]/g) ?? []).length;
  return (u.lang === 'zh' ? cjk > 8 : words > 5) ? -2.5 : 0;
}

/** Intents the engine answers itself. */
export const REPLY_INTENTS: readonly IntentSpec[] = [
  {
    id: 'greeting',
    zh: [['你好', 3], ['您好', 3], ['嗨', 3], ['早上好', 3], ['晚上好', 3], ['在吗', 3], ['哈喽', 3]],
    en: [['hi', 3], ['hello', 3], ['hey', 3], ['good morning', 3], ['good evening', 3], ['hi there', 3]],
    bias: courtesyOnly,
  },
  {
    id: 'thanks',
    zh: [['谢谢', 3], ['多谢', 3], ['感谢', 3], ['好的', 1.5], ['明白了', 2], ['嗯', 1]],
    en: [['thank', 3], ['thanks', 3], ['thx', 3], ['cheers', 2.5], ['great', 1], ['ok', 1], ['okay', 1], ['got it', 2], ['lol', 2]],
    bias: courtesyOnly,
  },
  {
    id: 'help',
    zh: [['能帮我干', 3], ['能做什么', 3], ['你能干', 3], ['怎么用', 3], ['你是谁', 3], ['有什么功能', 3], ['帮助', 2.5]],
    en: [['what can you do', 3.5], ['help', 2.5], ['who are you', 3], ['how does this work', 3], ['what are you', 2.5]],
  },
  {
    id: 'trade',
    zh: [['买入', 3.5], ['卖出', 3.5], ['帮我买', 4], ['给我买', 4], ['卖了', 3.5], ['清仓', 3.5], ['下单', 3.5], ['赎回', 3.5], ['申购', 2.5], ['加仓', 3], ['减仓', 3], ['抛掉', 3.5], ['全卖', 4], ['申购', 1], ['卖掉', 3.5], ['全部买', 4], ['都买', 3.5], ['全投', 3.5]],
    en: [['buy', 3.5], ['sell', 3.5], ['place an order', 4], ['order', 1.5], ['redeem', 3.5], ['purchase', 2.5], ['liquidate', 3.5], ['dump', 2.5], ['execute', 2], ['subscribe', 3], ['sell all', 4], ['shares of', 2], ['put it all in', 4], ['put all my', 3.5], ['move it all', 3.5], ['move everything', 3.5], ['move all', 3.5], ['put everything', 3.5], ['dump it all', 3.5], ['switch it all', 3.5]],
    bias: tradeBias,
  },
  {
    id: 'transfer',
    zh: [['转账', 4], ['转到', 3], ['转给', 3.5], ['转钱', 4], ['打钱', 4], ['汇款', 4], ['提现', 4], ['出金', 4], ['卡上', 2]],
    en: [['transfer', 4], ['wire', 4], ['withdraw', 4], ['send money', 4], ['move money', 3.5], ['pay', 1]],
  },
  {
    id: 'guarantee',
    zh: [['保证', 3], ['保本', 4], ['稳赚', 4], ['包赚', 4], ['保收益', 4], ['一定能赚', 4], ['肯定涨', 3.5], ['内幕', 4]],
    en: [['guarantee', 4], ['guaranteed', 4], ['promise', 3], ['sure thing', 3], ['risk-free return', 4], ['insider', 4]],
  },
  {
    id: 'offtopic',
    zh: [['天气', 4], ['下雨', 4], ['笑话', 4], ['写诗', 4], ['足球', 4], ['电影', 4], ['做饭', 4], ['菜谱', 4], ['比赛', 3], ['彩票', 4], ['机票', 4], ['几点', 2.5], ['下班', 3], ['信用卡', 3], ['几号', 3], ['密码', 4], ['登录', 3], ['机器人', 2.5], ['诗', 3]],
    en: [['weather', 4], ['rain', 3], ['joke', 4], ['poem', 4], ['football', 4], ['soccer', 4], ['movie', 4], ['recipe', 4], ['game', 2.5], ['lottery', 4], ['won the', 2], ['book me', 3], ['table for', 3], ['password', 4], ['cover letter', 4], ['capital of', 4], ['debit card', 4], ['credit card', 4], ['branch', 2], ['real person', 3], ['translate', 4]],
  },
];

/** What the assistant can do, named in help and in clarifying questions. */
export const HELP: Bilingual = {
  zh: '我可以帮您查看组合市值与资产配置、收益表现、组合风险（波动率、VaR、最大回撤、夏普比率），做风险测评，优化组合、检查再平衡、测算理财目标、回测调仓策略，以及查询产品资料（费率、封闭期、风险等级、基金经理）。例如：“我的组合现在值多少钱？”“我每月投5000，20年后能到500万吗？”',
  en: 'I can show your portfolio value and allocation, your performance and risk (volatility, VaR, max drawdown, Sharpe), take you through the risk questionnaire, optimize your portfolio, check whether to rebalance, project a savings goal, backtest a rebalancing rule and answer product questions from the documents (fees, lock-up, risk level, manager). Try "what is my portfolio worth?" or "how should I rebalance?"',
};

const ADVISOR_HELP: Bilingual = {
  zh: '我可以帮您了解整个客户名册：总资产和客户分布、谁持有最多现金或权益、谁持有超出风险等级的产品、谁的风险测评快到期、谁今年跑输基准、持仓过于集中或偏离目标配置的客户；也可以查看某位客户的持仓、收益、风险和再平衡建议。例如：“我的客户总资产多少？”“谁的现金最多？”“总结一下C0003的情况”。',
  en: 'I can help with your whole book: total AUM and how it splits, who holds the most cash or equity, who holds products above their risk profile, whose risk assessment is due, who underperformed the benchmark this year, concentrated or drifted portfolios — and one client\'s holdings, performance, risk and rebalancing. Try "what is my total AUM?", "who has the most cash?" or "summarize C0003".',
};

/** The fixed text of a reply intent (and the help text for the role). */
export function replyText(intent: string, env: Pick<PlanEnv, 'role'>): Bilingual {
  const help = env.role === 'advisor' ? ADVISOR_HELP : HELP;
  switch (intent) {
    case 'greeting':
      return { zh: `您好！${help.zh}`, en: `Hello! ${help.en}` };
    case 'thanks':
      return { zh: '不客气！还有什么想了解的吗？', en: "You're welcome! Anything else you'd like to know?" };
    case 'trade':
      return {
        zh: '抱歉，我不能替您下单买卖或赎回。交易请通过您的交易渠道或联系您的理财经理办理；我可以帮您查看持仓和风险，供您参考。',
        en: "Sorry, I can't place trades or redemptions for you. Please use your trading channel or contact your advisor; I can show your holdings and risk to help you decide.",
      };
    case 'transfer':
      return { zh: '抱歉，我不能办理转账、汇款或提现。请通过银行官方渠道办理。', en: "Sorry, I can't move money, wire funds or process withdrawals. Please use your bank's official channels." };
    case 'guarantee':
      return {
        zh: '抱歉，任何投资都有风险，我不能承诺保本或任何收益，也不提供内幕信息。我可以帮您了解组合的历史表现和风险水平。',
        en: "Sorry, every investment carries risk: I can't promise any return or protect principal, and I don't deal in inside information. I can show you your portfolio's past performance and risk.",
      };
    case 'offtopic':
      return {
        zh: '抱歉，这个问题超出了我的服务范围。我是财富顾问助手，可以帮您查看组合、收益、风险和风险测评。',
        en: "Sorry, that's outside what I can help with. I'm a wealth assistant: I can help with your portfolio, performance, risk and risk profile.",
      };
    case 'unavailable':
      return { zh: '抱歉，这项功能目前还不能使用。', en: "Sorry, I can't do that here." };
    default:
      return help;
  }
}

/** Every fixed text the engine may say (the output guard treats their figures as the system's own). */
export function fixedTexts(): string[] {
  const out: string[] = [];
  for (const role of ['client', 'advisor'] as const) {
    for (const i of ['greeting', 'thanks', 'help', 'trade', 'transfer', 'guarantee', 'offtopic', 'unavailable']) {
      const t = replyText(i, { role });
      out.push(t.zh, t.en);
    }
  }
  return out;
}
