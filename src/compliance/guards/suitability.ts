/**
 * Suitability (适当性): a product of risk level Rn may be recommended to a client of
 * profile Cm only when n ≤ m, and to nobody whose profile has expired. Finds products
 * named in a sentence that recommends them (not one that warns against them).
 */
export interface ProductRef {
  id: string;
  name: string;
  nameEn: string;
  riskLevel: number;
}

/**
 * A recommendation is a verb aimed at the client, not a word that merely names an
 * operation: "建议您申购X" / "您可以买入X" / "推荐X" recommend; "X的申购费为1.5%" or
 * "买入确认时间为T+1" quote facts. A bare operation verb (申购/买入/加仓/配置/购买/认购)
 * counts only with a client-directed subject or modal before it, and never when a
 * fee/term noun follows it.
 */
const OP_ZH = '(?:申购|认购|买入|购买|加仓|配置|入手|买)';
const FACT_AFTER_ZH = '(?:费|金额|份额|起点|门槛|确认|状态|时间|日|期|价格|价|规则|限额|上限|下限|渠道|流程|方式|开放|申请|款|成本|记录|的(?:费|金额|份额|时间|规则))';
const REC_ZH = new RegExp(
  `推荐(?!费)|建议(?:您|你)?|可以考虑|不妨|适合(?:您|你)|值得(?:买|配置|投资|关注)|首选|配置一些|` +
    `(?:您|你)(?:可以|可|应该|应|最好|就)?(?:再|多|适当|逐步)?${OP_ZH}(?!${FACT_AFTER_ZH})|` +
    `(?:可以|可|应该|最好|不如)(?:再|多|适当|逐步)?${OP_ZH}(?!${FACT_AFTER_ZH})|` +
    `^\\s*(?:请|赶紧|尽快|马上)?${OP_ZH}(?!${FACT_AFTER_ZH})`,
);
const REC_EN = /\b(?:recommend\w*|suggest\w*|consider(?:ing)? (?:buying|adding|investing|switching)|you (?:could|should|might|may want to) (?:buy|add|invest|switch|allocate|consider)|good fit|well suited|worth (?:buying|adding|a look)|go with|allocate (?:\w+ ){0,3}to|add (?:\w+ ){0,4}to your|top pick|i'?d pick|buy (?:some|more))\b/i;
const NEG_ZH = /不(?:建议|推荐|适合|宜|能推荐)|并不适合|超出(?:您|你)的?风险|高于(?:您|你)的?风险|不匹配/;
const NEG_EN = /\b(?:not (?:recommend\w*|suitable|suited|appropriate|a good fit)|(?:don'?t|do not|wouldn'?t|would not|cannot|can'?t) (?:recommend|suggest)|unsuitable|exceeds your risk|above your risk)\b/i;

export interface SuitabilityBreach {
  product: ProductRef;
  sentence: string;
  reason: 'risk_level' | 'profile_expired';
}

function sentences(text: string): string[] {
  return text.split(/(?<=[。！？!?；;\n])|(?<=\.)\s+/).filter((s) => s.trim().length > 0);
}

/** Whether `sentence` names the product (its code, Chinese name or English name). */
export function mentions(sentence: string, p: ProductRef): boolean {
  const s = sentence.toLowerCase();
  const code = p.id.toLowerCase();
  const codeHit = code.length >= 4 && new RegExp(`(?<![\\w.])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`).test(s);
  return codeHit || (p.name.length >= 2 && sentence.includes(p.name)) || (p.nameEn.length >= 4 && s.includes(p.nameEn.toLowerCase()));
}

/** Recommended products in `answer` that the client may not be offered. */
export function findSuitabilityBreaches(
  answer: string,
  products: readonly ProductRef[],
  client: { level: number | null | undefined; expired?: boolean },
): SuitabilityBreach[] {
  if (client.level === undefined) return [];
  const out: SuitabilityBreach[] = [];
  for (const s of sentences(answer)) {
    const recommends = (REC_ZH.test(s) || REC_EN.test(s)) && !(NEG_ZH.test(s) || NEG_EN.test(s));
    if (!recommends) continue;
    for (const p of products) {
      if (!mentions(s, p)) continue;
      if (client.level === null || client.expired) out.push({ product: p, sentence: s, reason: 'profile_expired' });
      else if (p.riskLevel > client.level) out.push({ product: p, sentence: s, reason: 'risk_level' });
    }
  }
  return out;
}
