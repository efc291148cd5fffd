/**
 * Retrieved text is data, not instructions. This flags passages that try to steer the
 * model (indirect prompt injection) so tools can mark them `flagged` and the agent
 * ignores their instructions. The compliance guard (`Guards.checkRetrieved`) may
 * replace it; these patterns are the RAG layer's own floor.
 */
const PATTERNS: { re: RegExp; reason: string }[] = [
  { re: /\b(ignore|disregard|forget)\b.{0,30}\b(previous|prior|above|all|earlier)\b.{0,20}\b(instructions?|prompts?|rules?|messages?)/i, reason: 'asks to ignore previous instructions' },
  { re: /(忽略|无视|忘记|忘掉).{0,12}(之前|以上|上面|先前|所有|前面).{0,8}(指令|指示|提示|规则|要求|设定)/, reason: 'asks to ignore previous instructions' },
  { re: /(你现在是|你现在扮演|从现在起你是|请扮演|你的新身份)/, reason: 'tries to reassign the assistant role' },
  { re: /\byou are now\b|\bact as (?:an? )?(?:unrestricted|different|new)\b|\bpretend to be\b/i, reason: 'tries to reassign the assistant role' },
  { re: /(^|\n|\s)(system|assistant|developer)\s*[:：]\s*\S/i, reason: 'contains a fake system/assistant message' },
  { re: /<\/?(system|assistant|im_start|im_end)[^>]*>|\[\/?INST\]/i, reason: 'contains chat-template control markup' },
  { re: /(reveal|print|show|leak)\b.{0,20}\b(system prompt|hidden instructions|api key|password)/i, reason: 'asks to reveal secrets or the system prompt' },
  { re: /(泄露|输出|显示|告诉我).{0,10}(系统提示|提示词|密钥|密码)/, reason: 'asks to reveal secrets or the system prompt' },
  { re: /(tell|promise|assure)\b.{0,30}\b(clients?|users?|customers?)\b.{0,30}\bguaranteed?\b/i, reason: 'instructs the model to promise returns' },
  { re: /(告诉|向).{0,6}(客户|用户|投资者).{0,10}(保本保收益|稳赚不赔|保证收益)/, reason: 'instructs the model to promise returns' },
];

export interface InjectionVerdict {
  flagged: boolean;
  reason?: string;
}

/** Checks one passage for instructions aimed at the model. */
export function detectInjection(text: string): InjectionVerdict {
  for (const p of PATTERNS) if (p.re.test(text)) return { flagged: true, reason: p.reason };
  return { flagged: false };
}
