/**
 * Input-side policies as data: prompt injection, jailbreak, system-prompt extraction
 * and prohibited intents (insider information, market manipulation, AML/KYC evasion,
 * another person's data). Patterns run on normalized text (see normalize.ts). Each
 * rule names the category and the decision; refusals carry a policy code.
 */
import { INTENT_RULES } from './intent-rules.js';

export type InputCategory =
  | 'prompt_injection'
  | 'jailbreak'
  | 'prompt_extraction'
  | 'insider_information'
  | 'market_manipulation'
  | 'aml_evasion'
  | 'other_person_data'
  | 'fraud'
  | 'encoded_payload';

export interface InputRule {
  category: InputCategory;
  policyCode: string;
  decision: 'refuse' | 'flag';
  patterns: RegExp[];
  /** Only for this role (e.g. another client's data is fine to ask for as an advisor). */
  roles?: readonly ('client' | 'advisor' | 'compliance')[];
  /** Match only the plain normalized form (not the de-leeted or compacted ones). */
  plainOnly?: boolean;
  /** Skipped for definitional or defensive questions ("what is …", "how is … prevented"). */
  educational?: boolean;
}

const IGNORE_EN = '(?:ignore|disregard|forget|skip|override|overrule|bypass|drop|abandon|discard|neglect|throw away|set aside|pay no attention to)';
const PRIOR_EN = '(?:all |any |the |your |my |these |those |every )?(?:previous|prior|above|earlier|preceding|former|original|initial|system|existing|current|old|foregoing|developer)?';
const RULES_EN = '(?:instructions?|rules?|prompts?|directions?|directives?|guidelines?|guardrails?|restrictions?|constraints?|polic(?:y|ies)|programming|context|commands?|settings?|limitations?|filters?|safety)';

const IGNORE_ZH = '(?:忽略|忽视|无视|忘记|忘掉|不要理会|别管|抛开|丢掉|放弃|跳过|覆盖|不用遵守|不必遵守|不要遵守|别遵守|违反)';
const RULES_ZH = '(?:指令|指示|规则|提示词?|设定|约束|限制|要求|规定|命令|系统提示|安全策略|合规要求|政策|准则|人设|角色设定)';

const BASE_RULES: InputRule[] = [
  {
    category: 'prompt_injection',
    policyCode: 'POL_INJECTION',
    decision: 'refuse',
    patterns: [
      new RegExp(`${IGNORE_EN}\\s+(?:\\w+\\s+){0,3}${PRIOR_EN}\\s*${RULES_EN}`),
      new RegExp(`${IGNORE_ZH}.{0,12}?${RULES_ZH}`),
      /(?:new|updated|real|actual|true|secret|hidden|override) (?:system )?(?:instructions?|rules|prompt|directive)s?\s*[:：]/,
      /(?:^|\n|\s)(?:system|assistant|developer)\s*[:：]\s*(?:you|ignore|new|from now|override|reveal)/,
      /ignore(?:all|the|your|any|my)*(?:previous|prior|above|earlier|system)(?:instructions?|rules|prompts?)|disregard(?:all|the|your|any)*(?:previous|prior|above|earlier)?(?:instructions?|rules|prompts?)/,
      /<\|?(?:im_start|im_end|system|endoftext)\|?>|\[\/?(?:inst|system|sys)\]|<<\/?sys>>|###\s*(?:instruction|system)/,
      /(?:新的|真正的|隐藏的|最新的)(?:系统)?(?:指令|提示词|规则)\s*[:：]/,
      /(?:以下|下面)(?:内容|这段)?(?:是|为)(?:新的)?(?:系统|管理员|开发者)(?:指令|消息|命令)/,
      /(?:管理员|开发者|系统)(?:模式|权限)已?(?:开启|启用|激活)/,
      /(?:admin|administrator|developer|debug|god|sudo|root) (?:mode|access|override|privileges?) (?:enabled|activated|on|granted)/,
      /(?:above|previous|earlier|prior) (?:instructions?|rules?|prompts?) (?:are|were|is) (?:void|cancel+ed|obsolete|wrong|fake|no longer valid|revoked|null)/,
      /(?:之前|以上|前面|上述)的?(?:指令|规则|设定|提示)(?:都|全部|已经)?(?:作废|失效|无效|取消|不算数)/,
    ],
  },
  {
    category: 'jailbreak',
    policyCode: 'POL_JAILBREAK',
    decision: 'refuse',
    patterns: [
      /\b(?:dan|stan|dude|aim|jailbreak|jailbroken|jail-?break|do anything now|evil ?bot|unfiltered ai|uncensored)\b|(?:enable|enter|activate|switch (?:in)?to|turn on|with|in|simulate|act as|you are in)\s+(?:the\s+)?developer mode|developer mode (?:output|response|enabled|activated|is on)/,
      /(?:you are|you're|act as|pretend (?:to be|you are)|roleplay as|role-play as|play the role of|behave like|simulate|from now on,? you)\s+(?:an? |the )?(?:\w+ ){0,3}(?:ai|assistant|model|bot|advisor|character|persona|version)? ?(?:with(?:out)? (?:no |any )?(?:restrictions?|limits?|filters?|rules|ethics|guidelines|censorship)|that (?:has no|ignores|doesn't follow|does not follow|can say anything)|free from|unrestricted|unfiltered|uncensored|evil|rogue)/,
      /(?:no|without any|without|free of|free from) (?:restrictions?|limitations?|filters?|censorship|rules|guidelines|ethical (?:guidelines|constraints)|moral (?:constraints|guidelines)|safety (?:rules|guidelines|filters))(?: whatsoever)?[,.]? (?:you (?:can|will|must|should)|answer|respond|tell)/,
      /(?:你现在是|你现在扮演|现在你是|请你扮演|你要扮演|假装你是|假设你是|从现在(?:开始|起)你(?:是|就是|将|要)|进入|切换到|开启).{0,15}(?:不受(?:任何)?(?:限制|约束)|没有(?:任何)?(?:限制|规则|底线|道德)|无限制|越狱|开发者模式|上帝模式|dan|邪恶|无所不能|不守规矩|没有审查)/,
      /(?:不受|没有|摆脱|解除|去掉|绕过|突破)(?:任何)?(?:限制|约束|规则|审查|过滤|道德|合规)(?:的)?(?:ai|助手|模型|机器人|版本|模式|状态|回答|地回答|地告诉我)/,
      /越狱|上帝模式|无限制模式|奶奶漏洞|(?:开启|进入|切换到?|启用|激活|打开|处于|在)(?:了)?(?:开发者|调试)模式|(?:开发者|调试)模式(?:下|已|输出|回答)/,
      /(?:grandma|grandmother|deceased|dead) (?:used to|would) (?:tell|read|say)/,
      /(?:hypothetical(?:ly)?|in a fictional (?:world|story)|for a (?:novel|story|movie|screenplay)|imagine (?:a world|you are)).{0,80}(?:insider|launder|manipulat|pump|evade|bypass|guarantee|without (?:kyc|id))/,
      /(?:假设|假如|虚构|小说|剧本|故事|电影)(?:里|中)?.{0,40}(?:内幕|洗钱|操纵|拉抬|坐庄|逃避监管|规避(?:反洗钱|监管|审查)|保本保收益)/,
      /(?:bypass|circumvent|get around|evade|disable|turn off|switch off|deactivate) (?:your |the |all |any )?(?:safety|content|compliance|ethical|moral)? ?(?:filters?|guardrails?|restrictions?|rules|checks?|polic(?:y|ies)|compliance|moderation|censorship)/,
      /(?:绕过|规避|关闭|解除|禁用|突破)(?:你的|掉)?(?:安全|合规|内容)?(?:限制|过滤|审查|规则|检查|护栏|风控|策略)/,
      /\b(?:opposite mode|anti-?gpt|betterdan|maximum mode|dev mode|sudo mode)\b/,
    ],
  },
  {
    category: 'prompt_extraction',
    policyCode: 'POL_PROMPT_EXTRACTION',
    decision: 'refuse',
    patterns: [
      /(?:reveal|show|print|display|repeat|output|tell me|give me|share|leak|dump|list|what (?:is|are)|write out|recite|spell out|copy)\s+(?:me\s+)?(?:\w+\s+){0,3}(?:your|the)\s+(?:\w+\s+)?(?:system prompt|system message|initial prompt|hidden prompt|instructions|original instructions|prompt|developer message|configuration|rules you (?:follow|were given))(?!\s+(?:for|on|about|to|regarding|of|when)\b)/,
      /(?:repeat|print|output) (?:everything|all|the text|the words) (?:above|before|prior)/,
      /(?:what|which) (?:were you|are you|have you been) (?:told|instructed|programmed|prompted)/,
      /(?:输出|显示|告诉我|打印|复述|重复|泄露|给我看|说出|展示|列出|发给我).{0,10}(?:你的|你收到的|原始的?|完整的?)?(?:系统)?(?:提示词|prompt|指令|系统消息|初始设定|设定内容|规则原文)/,
      /(?:你的|系统)(?:提示词|prompt|指令)(?:是什么|有哪些|内容)/,
    ],
  },
  {
    category: 'insider_information',
    policyCode: 'POL_INSIDER',
    decision: 'refuse',
    educational: true,
    patterns: [
      /(?:有没有|有什么|给我|透露|打听|搞到|弄到|提供|分享|告诉我|知道|拿到|获取|获得|求|想要|能不能给).{0,12}(?:内幕|内部消息|内部信息|小道消息|未公开(?:的)?(?:信息|消息|财报|数据|业绩)|还没(?:公布|公开|发布)的)/,
      /(?:内幕消息|内幕信息|内部消息|未公开信息|未公布的(?:财报|业绩|消息|重组|并购))/,
      /(?:提前|抢先)(?:知道|获得|拿到|得到).{0,10}(?:财报|业绩|公告|重组|并购|消息)/,
      /(?:根据|利用|用|靠).{0,6}(?:内幕|内部消息|未公开信息).{0,10}(?:交易|买|卖|赚|操作|炒)/,
      /\b(?:insider (?:info|information|tips?|knowledge|news|scoop|trading tips?)|inside (?:info|information|scoop|track|tip)|non-?public (?:info|information|earnings|results|data)|material non-?public|mnpi)\b/,
      /(?:before|ahead of) (?:it'?s|the|they|it is) (?:announced|public|released|made public|disclosed).{0,40}(?:buy|sell|trade|position|profit|get in)/,
      /(?:buy|sell|trade|get in).{0,40}(?:before|ahead of) (?:the )?(?:announcement|earnings (?:are|is) (?:released|public)|news (?:breaks|goes public)|it'?s made public)/,
      /(?:friend|cousin|brother|sister|contact|buddy|uncle|wife|husband|source) (?:who )?(?:works? at|at|inside|in the board of|on the board).{0,60}(?:told me|tipped|says|said|leaked|knows).{0,80}(?:buy|sell|trade|acqui|merger|earnings|results|deal)/,
      /(?:朋友|亲戚|同学|熟人|老公|老婆|哥们|表哥|内部人).{0,12}(?:在|是).{0,12}(?:上市公司|公司|董事会|券商|基金公司).{0,20}(?:说|透露|告诉).{0,30}(?:重组|并购|收购|业绩|财报|利好|利空|要涨|要跌)/,
    ],
  },
  {
    category: 'market_manipulation',
    policyCode: 'POL_MANIPULATION',
    decision: 'refuse',
    educational: true,
    patterns: [
      /(?:拉抬|拉升|打压|操纵|操控|控制|炒高|做高|砸)(?:一下|一只)?(?:股价|价格|市场|行情|盘面|币价|净值)/,
      /(?:对倒|对敲|坐庄|做庄|庄家手法|拉高出货|割韭菜的方法|虚假申报|幌骗|联合(?:买入|坐庄|炒作)|抱团拉|集中资金.{0,6}(?:拉|炒)|散布(?:虚假|谣言)|编造.{0,6}(?:利好|利空|消息))/,
      /(?:怎么|如何|教我|帮我|能不能|可不可以).{0,10}(?:拉高|拉抬|砸盘|压价|炒作|操纵).{0,10}(?:股|价|盘|市)/,
      /\b(?:pump(?:ing)?[- ]and[- ]dump|pump (?:up )?(?:the |a |this )?(?:price|stock|shares?|coin)|wash[- ]trad(?:e|es|ing)|spoof(?:ing)?|layering orders|corner(?:ing)? the market|paint(?:ing)? the tape|marking the close|bear raid|front[- ]?run(?:ning)?)\b/,
      /\b(?:manipulat\w*|rig(?:ging)?|move|inflate|prop up|drive up|push up|tank|crash|knock down|artificially (?:raise|lower|inflate|depress))\b.{0,20}\b(?:the |a |its |this |that |their |stock |share )?(?:price|prices|market|stock|shares|quote|closing price|nav)\b.{0,40}(?:how|help|so (?:i|we) can|together|coordinat|group|with (?:my|our) (?:friends|group|chat)|buy(?:ing)? (?:a lot|heavily)|fake (?:orders|volume))/,
      /(?:how (?:do|can|could|would) (?:i|we)|help me|teach me|best way to|ways to) (?:\w+ ){0,3}(?:manipulate|rig|pump|inflate|prop up|drive up|push up) (?:\w+ ){0,3}(?:price|stock|market|shares|volume)/,
      /(?:spread|post|plant|start|fabricate) (?:fake|false|made-up|misleading) (?:news|rumou?rs?|reports?|information|tweets?|posts?)/,
      /(?:fake|artificial|wash) (?:volume|trading activity|orders|bids)/,
    ],
  },
  {
    category: 'aml_evasion',
    policyCode: 'POL_AML',
    decision: 'refuse',
    educational: true,
    patterns: [
      /(?:帮我|帮忙|怎么|怎样|如何|教我|能不能|能否|可以|有没有办法|有什么办法|想|要|找|通过|用|走).{0,10}(?:洗钱|洗白|地下钱庄|对敲换汇|跑分)|把.{0,10}(?:黑钱|赃款|来路不明的钱|不干净的钱|灰色收入).{0,10}(?:洗|转|变|存|投)/,
      /(?:拆分|分拆|拆成|分成|分多笔|分批|化整为零).{0,20}(?:转账|汇款|存款|存入|取现|换汇|购汇|打款|汇出|汇到).{0,30}(?:避免|避开|躲避|规避|不被|绕过|不触发|低于|不超过|以免|防止)/,
      /(?:避免|避开|躲避|规避|绕过|逃避|不触发|不想被|不被|怎么不被|别被).{0,12}(?:反洗钱|大额(?:交易)?(?:报告|申报|监测)|可疑交易|外汇管制|外汇额度|申报|监管|央行|税务局|银行(?:查|调查|审查|盘问)|尽职调查|实名|身份核实|kyc|aml)/,
      /(?:不用|不要|无需|不需要|免)(?:实名|身份证|身份核实|身份验证|开户审核|提供(?:资金)?来源)/,
      /(?:借用|借|用|冒用|买).{0,6}(?:别人|他人|朋友|亲戚|家人)的?(?:身份证|身份|账户|账号|卡|名义).{0,20}(?:开户|购买|转账|买|投资|理财|汇款|换汇|存)/,
      /(?:隐瞒|掩盖|隐藏|藏起|不让.{0,6}知道).{0,10}(?:资金|钱的?)?(?:来源|去向|真实(?:来源|持有人|受益人))/,
      /\b(?:launder(?:ing)?|money[- ]launder\w*|clean (?:dirty|black|illicit) (?:money|cash|funds)|wash (?:the )?(?:money|cash|funds)|smurf(?:ing)?)\b/,
      /\bstructur(?:e|ing)\b.{0,40}\b(?:deposits?|transfers?|withdrawals?|payments?|transactions?|cash)\b.{0,60}\b(?:avoid|evade|under|below|stay under|not trigger|without trigger|reporting|ctr|threshold|10,?000|\$10k)/,
      /\b(?:avoid|evade|get around|bypass|skip|circumvent|dodge|beat|not trigger|without triggering|stay under|keep (?:it |them )?under)\b.{0,30}\b(?:kyc|aml|know your customer|anti-money|reporting (?:requirements?|threshold|rules?)|ctr|currency transaction report|sar|suspicious activity|reporting limit|10,?000 (?:limit|threshold|reporting)|\$10k (?:limit|threshold)|source of funds checks?|due diligence|irs|tax authorit\w+|capital controls?|fx controls?|sanctions?)/,
      /\b(?:open|use|set up|register)\b.{0,30}\b(?:account|accounts|wallet)\b.{0,30}\b(?:in (?:someone else'?s|another person'?s|my (?:friend|cousin|maid|driver)'?s?) name|under (?:a )?(?:fake|false|nominee|someone else'?s|another) (?:name|identity|id)|without (?:id|kyc|verification|identification))/,
      /\b(?:hide|conceal|disguise|obscure|mask)\b.{0,20}\b(?:the )?(?:source|origin|ownership|beneficial owner|where the (?:money|funds) came from)\b/,
      /\bshell compan(?:y|ies)\b.{0,40}\b(?:hide|conceal|disguise|move money|avoid|anonymous)/,
      /(?:空壳公司|皮包公司|离岸公司).{0,20}(?:转移|隐藏|藏钱|避税|避开监管|洗)/,
    ],
  },
  {
    category: 'fraud',
    policyCode: 'POL_FRAUD',
    decision: 'refuse',
    patterns: [
      /(?:伪造|造假|做假|假的?|pS|p图).{0,6}(?:流水|收入证明|银行对账单|资产证明|风险测评|身份证|合同|签名)/,
      /(?:forge|fake|falsify|fabricate|doctor|photoshop)\w*\s+(?:a |my |the |some )?(?:bank statements?|income (?:proof|statements?|documents?)|pay ?stubs?|signatures?|documents?|id|passport|risk (?:questionnaire|assessment)|proof of (?:funds|income|address))/,
      /(?:测评|问卷|风险评估).{0,10}(?:怎么(?:选|答|填)才能|故意|乱填|瞎填|填高|选激进).{0,12}(?:买|能买|通过|达到|评上|c5|c4|高风险)/,
      /(?:lie|cheat|game|trick)\w* (?:on |in |the )?(?:the )?(?:risk )?(?:questionnaire|assessment|suitability|kyc).{0,30}(?:so|to|in order to)/,
    ],
  },
  {
    category: 'other_person_data',
    policyCode: 'POL_OTHER_PERSON',
    decision: 'refuse',
    roles: ['client'],
    patterns: [
      // a relative's or another named client's holdings/balance (the model would be asked to look them up)
      /\b(?:what|which|how much|show|tell me|list)\b.{0,30}\b(?:does|did|has|have|is)\s+my\s+(?:\w+[- ])?(?:sister|brother|mother|father|mum|mom|dad|wife|husband|son|daughter|cousin|uncle|aunt|niece|nephew|grand\w+|partner|fianc[ée]e?|friend|neighbou?r|colleague|boss)(?:-in-law)?\b.{0,30}\b(?:hold|holding|own|owns|have|has|bought|buy|invest\w*|balance|portfolio|account|worth)\b/,
      /我的?(?:弟媳|嫂子|弟弟|哥哥|姐姐|妹妹|姐夫|妹夫|爸爸?|妈妈?|父亲|母亲|老公|老婆|丈夫|妻子|儿子|女儿|岳父|岳母|公公|婆婆|表哥|表姐|表弟|表妹|堂哥|堂姐|舅舅|叔叔|阿姨|姑姑|朋友|同事|邻居|老板|前妻|前夫)(?:在你们这|在贵行|在这里|在你们银行)?(?:买了|持有|有|存了|投了|配置了)(?:哪些|什么|多少|几只)/,
      /\b(?:balance|holdings|portfolio|positions|account|investments|net worth)\s+(?:of|for)\s+(?:customer|client|mr\.?|ms\.?|mrs\.?|account holder)\s+[a-z]+/,
      /(?:客户|用户)\s*\[name_\d+\]\s*(?:的)?(?:账户|账上|账户里|余额|持仓|组合|资产|买了|有多少|收益)/,
      /(?:查|看|给我|告诉我|发我|提供|调取|要|拿|把|找|帮我).{0,6}\[name_\d+\]\s*(?:的|'s)\s*(?:电话|手机|身份证|地址|住址|持仓|账户|账号|资产|组合|余额|交易|信息|邮箱|银行卡|phone|number|address|portfolio|account|holdings|balance|ssn|id|email|details)/,
      /(?:其他|别的|另一个|另外一个|所有|全部|每个)(?:客户|用户|人|投资者)的?(?:持仓|账户|组合|资产|余额|信息|数据|资料|电话|身份证|交易|收益)/,
      /(?:客户|用户)\s*(?:编号|id|号)?\s*c\d{3,5}\b.{0,10}(?:的|持仓|账户|组合|资产|余额|信息)/,
      /\bc\d{4}\b.{0,4}(?:的|'s)?\s*(?:持仓|账户|组合|资产|余额|portfolio|holdings|account|balance|data|positions|risk)/,
      /\b(?:other|another|all|every|someone else'?s|other people'?s|another (?:client|customer|user)'?s?) (?:clients?'?|customers?'?|users?'?|investors?'?|people'?s?)? ?(?:portfolios?|holdings|accounts?|balances?|data|information|details|positions|phone numbers?|addresses|ids?|transactions)/,
      /\b(?:show|give|tell|list|get|pull|fetch|look up|access|see|open)\b.{0,20}\b(?:client|customer|user|account)\s*(?:id\s*)?#?\s*c?\d{4,}\b/,
      /(?:查|看|查看|查询|调取|告诉我|给我看).{0,6}(?:我(?:的)?(?:朋友|同事|邻居|老板|亲戚|前妻|前夫|老婆|老公|爸|妈|家人)|别人|他人|张三|李四)的?(?:持仓|账户|资产|组合|余额|交易|理财|收益|信息)/,
      /\b(?:my (?:friend|neighbou?r|colleague|boss|ex|wife|husband|brother|sister|father|mother)'?s?|someone else'?s|another person'?s) (?:portfolio|account|holdings|balance|positions|investments|data)\b/,
    ],
  },
  {
    category: 'encoded_payload',
    policyCode: 'POL_ENCODED',
    decision: 'flag',
    plainOnly: true,
    patterns: [/(?:[a-z0-9+/]{4}){12,}(?:[a-z0-9+/]{2}==|[a-z0-9+/]{3}=)?/, /(?:\\x[0-9a-f]{2}){8,}|(?:%[0-9a-f]{2}){10,}/],
  },
];

/** Every input policy: the keyword rules above, then the intent rules. */
export const INPUT_RULES: InputRule[] = [...BASE_RULES, ...INTENT_RULES];
