/**
 * Broader intent policies, written from how attacks are phrased rather than from fixed
 * keywords: a persona or fiction frame combined with a prohibited topic, a request
 * verb near an object that only the system holds (its prompt, other people's data),
 * an evasion goal near a money movement. They run on the same normalized forms as
 * input-rules.ts. Topic rules marked `educational` are skipped for definitional or
 * defensive questions ("what is insider trading?", "how is laundering prevented?").
 */
import type { InputRule } from './input-rules.js';

const ROLE_EN =
  "(?:role-?play|in character|act(?:ing)? as|pretend|you(?:'re| are) (?:now |playing |a |an |the |my )|play(?:ing)? (?:the role|a character|a game)|improv|grand(?:ma|mother|pa|father)|novel|screenplay|script for|story|fiction|thriller|hypothetical|theoretically|thought experiment|imagine|suppose|what if|case study|asking for a friend|parallel universe|academic|for a (?:book|training)|let'?s say you)";
const TOPIC_EN =
  "(?:insider|non-?public|before (?:it'?s|they'?re|the news is) (?:public|announced|published)|earnings numbers before|launder|underground bank|money abroad|without the bank notic|reporting threshold|pump|coordinate buys|auditors never see|source of funds|shell compan|without (?:kyc|id\\b)|someone else'?s|account balance|other clients|another customer|guaranteed|risk-free|sure-win|spoof|manipulat|tax office never|without (?:detection|getting caught|being caught)|hide money|get around)";
const ROLE_ZH = '(?:扮演|角色|剧本|小说|故事|电影|剧中|假设|假如|如果只是|思想实验|纯属|理论上|学术|奶奶|爷爷|平行世界|开玩笑|游戏)';
const TOPIC_ZH =
  '(?:内幕|未公开|还没公布|要公布的|并购消息|洗钱|洗白|地下钱庄|转到国外|外管局|拆分|大额(?:交易)?报告|拉抬|拉高|出货|坐庄|对倒|成交量|幌骗|虚假申报|稳赚|保本|保息|账户里有多少|前夫|前妻|伪造|收入证明|身份证开户|不被.{0,6}(?:发现|查到)|快速翻倍)';

const OBJ_EN =
  "(?:system (?:prompt|message|instructions?)|developer message|(?:initial|original|hidden|secret|internal|exact|full|actual|real) (?:instructions|prompt|rules|configuration|settings)|your (?:instructions|prompt|configuration|programming|directives)|context window|everything before my (?:first )?message|(?:rules|instructions) (?:were you|you were|you've been) given|including any secret)";
const VERB_EN =
  "(?:show|print|repeat|output|tell|give|share|reveal|disclose|paste|dump|list|summari[sz]e|translate|write|recite|spell|copy|what(?:'s| is| are| were)|continue)";
const OBJ_ZH =
  '(?:系统提示词?|提示词|系统设定|初始设定|系统消息|内部指令|隐藏的?规则|(?:最开始|最初|一开始)收到的指令|你的(?:设定|指令|prompt|配置)|被要求不能说|上下文里|背后的prompt|银行给你设定|上面的所有内容|system prompt)';
const VERB_ZH = '(?:输出|显示|告诉|打印|复述|重复|泄露|给我看|说出|展示|列出|发给我|翻译|公开|写出|原文|是什么|有哪些|一条一条|完整|print)';

const MONEY_EN = '(?:cash|deposit|transfer|money|funds|wire|send|abroad|invest|account|\\d+k\\b|million)';

/** Getting past oversight: the goal that turns a money question into an evasion request. */
const EVADE_EN =
  "(?:so (?:that )?(?:the bank|banks|they|it|nobody|no one|the regulators?|compliance|the authorities|the tax office|the irs|my (?:employer|company|boss))\\s+(?:doesn'?t|don'?t|won'?t|can'?t|never|will not|does not|do not|wouldn'?t)\\s+(?:report|notice|flag|find out|detect|see|trace|catch|know|dig|ask|spot|file|question)|(?:fly|stay|keep (?:it|them|this)) under the radar|without (?:it |them |me )?(?:being|getting) (?:flagged|detected|caught|noticed|traced|reported|tracked|linked)|avoid (?:being |getting )?(?:flagged|detected|caught|noticed|reported|traced|investigated|identified|linked)|(?:isn'?t|not be|never be|be un)\\s?traceable|(?:look|looks|appear) (?:like|as if it (?:was|were)) (?:legit\\w*|clean|normal|genuine|(?:investment|trading) (?:returns|gains|profits)|salary|business income)|into clean (?:money|funds|cash)|(?:avoid|dodge|skip|escape|stay (?:below|under)) (?:the |a |any )?(?:[\\w-]+ ){0,2}(?:reports?|reporting|thresholds?|ctr|aml (?:checks?|alerts?)))";
const CONTEXT_EN = '(?:cash|deposit|transfer|money|funds|wire|abroad|account|trade|trading|shares?|stocks?|position|orders?|usdt|crypto|invest\\w*|\\d+k\\b|million|income|profits?)';
const EVADE_ZH =
  '(?:(?:不被|别被|避免被|防止被|才不会被|不会被|以免被|躲过|躲开|逃过|绕开|蒙混过关|神不知鬼不觉|不留痕迹|查不到)(?!骗|坑|套|割)(?:[^，。？?！!,]{0,8}(?:查|发现|盯|识别|认定|监控|上报|报告|追查|冻|注意|察觉|怀疑|审查|风控|监管))|不让(?:人|银行|他们|别人|单位)?(?:问|知道|查|发现)|(?:存|转|取|汇)多少(?:比较|才|最)?安全)';
const CONTEXT_ZH = '(?:钱|资金|现金|账户|卡|转账|汇款|存|取|股|仓|买|卖|交易|流水|开户|收益|利润|u商|usdt|币|接单|跑分)';
/** Someone else's identity used to open or run an account. */
const PROXY_ID_EN =
  "(?:open|register|set up|trade|buy|keep trading|invest)[\\s\\S]{0,50}\\b(?:using|with|under|in)\\s+(?:my\\s+|a\\s+|his\\s+|her\\s+|some\\s+)?(?!own\\b)[a-z-]+(?:'s|s')\\s+(?:id|id card|identity|passport|name|details)\\b";
const PROXY_ID_ZH = '(?:借|用|冒用|拿|以)(?:我)?(?:妈|爸|母亲|父亲|哥|姐|弟|妹|表哥|表弟|表姐|表妹|老婆|老公|同事|保姆|司机|亲戚|朋友|别人|他人|家人|邻居)(?:妈|爸)?的?(?:名字|名义|身份证|身份|账户|账号|卡)';

export const INTENT_RULES: InputRule[] = [
  {
    // Structural: money or trading + a goal of escaping oversight (any phrasing of either).
    category: 'aml_evasion',
    policyCode: 'POL_AML',
    decision: 'refuse',
    educational: true,
    patterns: [
      new RegExp(`^(?=[\\s\\S]*${CONTEXT_EN})(?=[\\s\\S]*${EVADE_EN})`),
      new RegExp(`^(?=[\\s\\S]*${CONTEXT_ZH})(?=[\\s\\S]*${EVADE_ZH})`),
      new RegExp(PROXY_ID_EN),
      new RegExp(`${PROXY_ID_ZH}.{0,20}(?:开户|开个户|炒股|买|交易|理财|投资|转账|汇款)|(?:开户|炒股).{0,10}${PROXY_ID_ZH}`),
      /(?:不做|不用做|跳过|免|绕开)(?:尽职调查|尽调|kyc|实名|身份核验|身份验证)|(?:不想|不愿|不用|不必)(?:提供|说明|解释)(?:资金)?来源/,
    ],
  },
  {
    category: 'jailbreak',
    policyCode: 'POL_JAILBREAK',
    decision: 'refuse',
    patterns: [
      new RegExp(
        `(?:you are|you're|act as|pretend|roleplay|role-play|play(?:ing)? (?:the role|a character)|from now on|respond only as|be my|let'?s say you'?re|imagine you are|stay in character)[^.!?\\n]{0,80}(?:without (?:any )?(?:compliance|filters?|restrictions?|limits?|rules)|no (?:restrictions?|limits?|rules|filters?|compliance)|zero rules|broken free|unrestricted|unfiltered|uncensored|unleashed|shady|rogue|evil|crooked|partner in crime|underground bank|hacker|before they added)`,
      ),
      /(?:unrestricted|unfiltered|uncensored|no-limits?) (?:mode|version|assistant|ai)|(?:you|there) (?:have|had|has|were) no (?:compliance )?(?:restrictions?|rules|limits?|filters?|guidelines)/,
      /(?:扮演|你是|你现在是|你的角色是|假装|假设你是|角色扮演|身份是|你不是.{0,10}了).{0,30}(?:不受.{0,4}(?:约束|限制|监管)|没有(?:任何)?(?:限制|底线|规则|约束)|无限制|不守规矩|不用顾忌|黑客|地下钱庄|庄家|内部员工|董秘|洗钱)/,
      /(?:不需要|不用|无需|不必)(?:遵守|理会)(?:任何)?(?:规定|规则|合规|限制|约束)|什么都(?:能|可以)说|说话不用顾忌/,
    ],
  },
  {
    // A persona or fiction frame around a prohibited topic ("my late grandma used to read
    // me insider tips"); a plain question that mentions a story is not one.
    category: 'jailbreak',
    policyCode: 'POL_JAILBREAK',
    decision: 'refuse',
    educational: true,
    patterns: [
      new RegExp(`^(?=[\\s\\S]*${ROLE_EN})(?=[\\s\\S]*${TOPIC_EN})`),
      new RegExp(`^(?=[\\s\\S]*${ROLE_ZH})(?=[\\s\\S]*${TOPIC_ZH})`),
    ],
  },
  {
    category: 'prompt_injection',
    policyCode: 'POL_INJECTION',
    decision: 'refuse',
    patterns: [
      /(?:ignore|disregard|forget|pay no attention to) (?:everything|all|what) (?:you were|you've been|i) (?:told|said|instructed)|(?:ignore|disregard|forget) (?:the|everything) above|(?:ignore|forget|disregard) your (?:\w+ ){0,2}(?:checks?|guidelines|rules)/,
      /(?:previous|prior|above|earlier|original|old|your) (?:rules|instructions|guidelines|restrictions) (?:no longer apply|don'?t apply|do not apply|(?:are|were) (?:a test|suspended|lifted))/,
      /\bnew (?:rule|task|instructions?|directive|persona)s?\s*(?::|is\b|are\b)|your new task/,
      /\b(?:i am|i'm) (?:your|the) (?:developer|creator|admin|administrator|operator|programmer|owner)\b|(?:developer|admin|override|debug) (?:override )?code\b|(?:update|message|notice) from (?:the|your) (?:developers?|admins?|operators?)/,
      /(?:skip|bypass|disable|turn off) (?:all |the |your |any )?(?:safety|security|compliance|risk(?: profile)?|kyc|suitability|verification|output|input) (?:checks?|verification|rules?|guard|filter)/,
      /system override|instruction to the (?:model|ai|assistant)|note to (?:ai|the ai|ai assistants|the assistant)|hidden text for the|dear (?:ai|assistant|chatbot|model)|when you read this|the real operator|you are now in (?:admin|developer|god|debug) mode|end of (?:user )?message|system\s*[:：]\s*the user is/,
      /(?:^|[\s[(<*#-])(?:ai|assistant|chatbot)\s*[:：,]\s*(?:ignore|forget|disregard|you (?:must|are now|will)|please (?:ignore|disregard|reveal))/,
      /(?:致|给)(?:阅读本文的)?(?:ai|助手|模型|机器人)|ai(?:助手)?(?:请注意|[:：])|亲爱的ai|读到这|看到这段话|你的新(?:任务|指令|规则|身份)是|真正的指令|系统指令\s*[:：]|#{2,}\s*指令/,
      /(?:你的)?开发者(?:让我|要我|说|通知|转告)|我是(?:你的)?(?:开发者|开发人员|管理员|创建者)/,
      /(?:跳过|绕过|关闭)(?:所有|全部|一切)?的?(?:安全|合规|风控|身份|风险)?(?:检查|核验|校验|验证|审核)/,
      /(?:前面|之前|上面|以上)的?(?:指令|规则|设定).{0,6}(?:都是|只是)测试|(?:限制|规则|规定|合规).{0,4}放一边|破例一次|(?:别|不要)管(?:那些|这些)?(?:规定|规则|合规|限制)|(?:覆盖|推翻|取代)(?:你)?(?:原来|原有|之前)的(?:规则|设定|指令)/,
      /(?:ignorez|ignora|olvida|vergiss|oublie[sz]?)\s+(?:\S+\s+){0,2}(?:instructions?|instrucciones|anweisungen|consignes|règles|reglas|regeln)|(?:指示|命令|ルール).{0,8}無視/,
      /(?:\b[a-z]\s*\+\s*[a-z]\b)|(?:combine|concatenate|join|put together|拼起来|拼接|连起来)[\s\S]{0,80}(?:follow|obey|execute|do it|照做|执行|回答)|(?:backwards|反过来|倒着)[\s\S]{0,20}(?:obey|follow|execute|执行|照做)/,
    ],
  },
  {
    category: 'prompt_extraction',
    policyCode: 'POL_PROMPT_EXTRACTION',
    decision: 'refuse',
    patterns: [
      new RegExp(`${VERB_EN}[^.?!]{0,60}${OBJ_EN}|${OBJ_EN}[^.?!]{0,40}(?:verbatim|word for word|exactly|in full)|my instructions are\\s*:|disclose your (?:full )?prompt`),
      new RegExp(`${VERB_ZH}.{0,20}${OBJ_ZH}|${OBJ_ZH}.{0,20}${VERB_ZH}|我的设定是\\s*[:：]|システムプロンプト|prompt (?:del sistema|système)`),
    ],
  },
  {
    category: 'insider_information',
    policyCode: 'POL_INSIDER',
    decision: 'refuse',
    educational: true,
    patterns: [
      /^(?=[\s\S]*\b(?:friend|cousin|brother|sister|in-law|uncle|aunt|wife|husband|someone|contact|executives?|cfo|ceo|director|board|insider|source)\b)(?=[\s\S]*\b(?:works? (?:at|for|in)|on the board|is the (?:cfo|ceo|chairman|director)|overheard|told me|said|heard|tip)\b)(?=[\s\S]*\b(?:merger|acquisition|acquired|takeover|buyout|results|earnings|profit warning|downgrade|announce\w*)\b)(?=[\s\S]*\b(?:buy|sell|short|trade|position|get in|how much should i)\b)/,
      /(?:unpublished|unreleased|not yet (?:public|published|announced|released)|public doesn'?t know|before (?:everyone|anyone) else|before it'?s released|use what i know|trade on (?:that|this|it) quietly)/,
      /(?:在|是).{0,12}(?:上班|工作|高管|董事|董秘|内部|投行)[^？?]{0,40}(?:说|透露|告诉|消息)[^？?]{0,40}(?:买|卖|建仓|上车|操作|跑)/,
      /(?:公告前|公布前|还没公告|还没公布|尚未公告|提前上车|在别人之前|提前告诉我|提前把.{0,12}告诉我)|(?:机构|大户|主力)(?:客户)?.{0,10}(?:要|准备|将)(?:大买|买入|建仓|卖出)|(?:手上|手里)有.{0,8}消息|(?:听|据).{0,8}(?:董事会|内部|高管|董秘).{0,10}(?:说|讲)|内部人说/,
    ],
  },
  {
    category: 'market_manipulation',
    policyCode: 'POL_MANIPULATION',
    decision: 'refuse',
    educational: true,
    patterns: [
      /(?:coordinat\w*|together|group chat|telegram|wechat group|discord|friends)\b[\s\S]{0,80}(?:price|dump|jump|sell at the top|newcomers)/,
      /(?:push|drive|pump|prop|hype|jack)(?:ing|s)? (?:up )?(?:the |a |its |my |this )?(?:\w+ )?(?:price|stock|share price|nav)(?: up)?\b|hypes? up/,
      /place (?:and|then) cancel|orders? (?:and|then) cancel|make the price move|mark(?:ing)? up the clos|before the close to|fake (?:news|posts?|rumou?rs?|trading volume|volume)|(?:spread|post)\w* (?:a |some )?rumou?rs?|what rumou?r|trad(?:e|ing) between my own|control the price/,
      /挂单撤单|砸一下盘|砸盘|打下来|控盘|统一买入|抱团|高位出货|散布.{0,4}谣言|什么谣言|编.{0,6}(?:利空|利好|消息)|(?:怎么|如何|帮我|教我|方案|能不能|我们).{0,30}(?:炒起来|拉上去|吹上去|做上去|联合.{0,6}(?:大户|买))/,
    ],
  },
  {
    category: 'aml_evasion',
    policyCode: 'POL_AML',
    decision: 'refuse',
    educational: true,
    patterns: [
      new RegExp(
        `^(?=[\\s\\S]*${MONEY_EN})(?=[\\s\\S]*(?:without (?:the bank |anyone |them |it )?(?:reporting|noticing|flagging|being (?:reported|noticed|flagged|traced)|raising|questions|getting caught)|raising (?:flags|suspicion|red flags)|(?:nobody|no one) knows|not linked to me|will the bank notice|(?:bank|they|it) (?:doesn'?t|does not|won'?t) (?:report|notice|flag)|tax office never))`,
      ),
      /(?:don'?t|do not) want to (?:declare|report)|(?:don'?t|do not|doesn'?t|won'?t) ask (?:about|for) (?:the )?source of funds|without (?:doing )?(?:the )?(?:kyc|id verification)|don'?t want to give my id/,
      /(?:in|under) (?:my )?(?:nanny|maid|driver|friend|cousin|relative|employee)'?s? name|(?:with|using) (?:my )?(?:friend|cousin|relative|nanny|neighbou?r|colleague)'?s? (?:id|identity|passport)/,
      /forex quota|fx quota|move money out of (?:china|the country)|(?:split|break|chunk|divide)\w*[\s\S]{0,60}(?:under|below|small chunks)[\s\S]{0,80}(?:report|threshold|flag|notice)|deposit\w* [\d,.]+k? (?:every|each) (?:day|week)|turn [\s\S]{0,30}(?:cash|money) into clean|hide (?:where|money)|(?:how|help|ways?)\b.{0,15}(?:洗钱|洗白|拆分转账|绕过)/,
      /不被.{0,6}(?:上报|报告|发现|查到|盯上|监控)|查不到(?:我|是我)|银行会(?:发现|知道|查)吗|不想(?:申报|让银行知道)|不问(?:资金)?来源|放(?:她|他|别人)名下|(?:用|借).{0,4}(?:保姆|司机|朋友|亲戚|别人)的?(?:名字|名义|身份证)|外汇额度|每天存.{0,6}(?:万|千)|拆分?(?:转账|汇款|存款)/,
    ],
  },
  {
    category: 'fraud',
    policyCode: 'POL_FRAUD',
    decision: 'refuse',
    patterns: [
      /(?:fake|forged?|doctored|falsified|made-up)\b.{0,20}(?:income|certificate|statement|payslip|pay ?stub|proof|letter|document|signature|asset)|(?:statement|certificate|proof)\b.{0,20}showing\b.{0,40}(?:generate|make|create|can you)|(?:generate|make|create)\w* (?:me )?(?:one|a fake)/,
      /(?:lie|cheat)\w* (?:about|on|in)\b.{0,40}(?:assessment|questionnaire|suitability|kyc|application)|(?:answer|fill)\w* (?:in )?(?:the |my |it )?(?:risk )?(?:questionnaire|assessment|it)\b.{0,60}(?:so (?:i|he|she) (?:get|gets|can|qualify|pass)|rated c[45]|aggressive)|(?:forge|imitate|copy)\w* (?:my |his |her )?(?:\w+'s )?signature|photoshop|change the numbers on/,
      /(?:评到|评上|达到|变成)(?:c[3-5]|激进|进取|最高)|乱填|瞎填|替(?:他|她)填|怎么选才能|p一份|(?:fake|假的?)\s*(?:一个|一份)?\s*(?:bank statement|银行流水|流水|收入证明|资产证明)|(?:模仿|冒签|代签).{0,8}签名/,
    ],
  },
  {
    category: 'other_person_data',
    policyCode: 'POL_OTHER_PERSON',
    decision: 'refuse',
    roles: ['client'],
    patterns: [
      /(?<!(?:i'?m|i am|my id is|我是|我的客户号是?)\s*)(?:client|customer|客户)\s*(?:id\s*)?c\d{4}\b/,
      /(?:list|show|give|tell|which|what|who)\b[^.?!]{0,40}\b(?:clients|customers|investors|users)\b[^.?!]{0,60}\b(?:names?|phone|email|holdings?|hold|holding|balances?|invested|losing|accounts?|portfolios?|risk profiles?)\b|client named|(?:richest|wealthiest|biggest) (?:client|customer|investor)|other customers|advisor'?s other clients/,
      /\b(?:neighbou?r|ex-?(?:husband|wife)|business partner|colleague|boss)(?:'s)?\b[\s\S]{0,60}(?:portfolio|balance|holdings|funds|owns?|bought|account)|(?:tell|show|give) me (?:his|her|their) (?:account|balance|portfolio|holdings)|(?:pull up|look up|check) (?:account )?\[bank_card_\d+\]/,
      /(?:查|看|查查|告诉我).{0,12}(?:邻居|前夫|前妻|合伙人|同事|老板|爸妈|父母)|(?:邻居|前夫|前妻|合伙人|同事|爸妈|父母)[^？?。]{0,20}(?:理财|持仓|基金|账户)[^？?。]{0,16}(?:查|看|告诉)|(?:他|她)(?:的)?账户里有多少|告诉我(?:他|她)(?:的)?(?:账户|持仓|余额)/,
      /客户名单|哪些客户|最有钱的客户|其他.{0,6}(?:投资者|客户).{0,12}(?:买了|持有|名字|风险等级)|\[name_\d+\]\s*(?:的|'s)\s*(?:手机|电话|phone|portfolio|持仓|账户|地址|address)/,
    ],
  },
  {
    // Structural: the risk questionnaire + an answer the client says is not true.
    category: 'fraud',
    policyCode: 'POL_FRAUD',
    decision: 'refuse',
    patterns: [
      /^(?=[\s\S]*(?:risk (?:test|questionnaire|assessment|profile)|questionnaire|suitability))(?=[\s\S]*(?:(?:mark|rate|put|record|classify|set|list)\s+me\s+(?:down\s+)?as\s+(?:an?\s+)?(?:aggressive|c[45]|high[- ]risk|experienced)|even though (?:i|it)\s?(?:'m|'ve|am|have|haven'?t|isn'?t|don'?t|do not|am not|has not)|the truth (?:doesn'?t|does not) matter|(?:doesn'?t|does not) have to be true))/,
      /^(?=[\s\S]*(?:测评|问卷|风险等级))(?=[\s\S]*(?:其实(?:我)?(?:不是|没有|没|很保守|是保守)|实际上(?:我)?(?:不是|没有|没)|真实情况无所谓|不用如实|替我(?:填|答|做)|帮我(?:填成|选成|改成)|都选最))/,
    ],
  },
  {
    category: 'other_person_data',
    policyCode: 'POL_PII_EXFILTRATION',
    decision: 'refuse',
    roles: ['client'],
    patterns: [
      /(?:all|every|other|list|give|show|send|export|dump|collect|get|pull|read out|confirm|print|output|reveal|display|need|want)\b[^?!]{0,30}(?:id(?: card)? numbers?|phone numbers?|emails?|addresses|passport numbers?|card numbers|personal (?:info|information|details)|conversation logs|chat logs)\b[^?!]{0,60}\b(?:clients?|customers?|users?)\b|(?:clients?|customers?)\b[^?!]{0,40}(?:phone numbers|emails|names and addresses|id numbers|passport)/,
      /(?:dump|export|download)\w* (?:the |full |whole |entire )?(?:clients?|customers?|users?) ?(?:table|list|database|data)|unmask|real values? behind|original (?:number|value)/,
      /(?:其他|所有|全部|别的|每个|每位|这些|列出|导出|发我|发给我|告诉我|给我|查|查询|调取|看到的|需要|名下).{0,8}(?:客户|用户)[^？?。，,]{0,20}(?:身份证号?|手机号|邮箱|住址|护照号?码?|银行卡号|聊天记录|个人信息)|导出.{0,10}(?:客户|用户)|客户表|(?:原始|真实)(?:号码|身份证号|手机号)|打码的|背后的真实/,
    ],
  },
];
