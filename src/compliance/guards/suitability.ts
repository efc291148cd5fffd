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

const REC_ZH = /推荐|建议(?:您|你)?(?:买入|申购|配置|购买|持有|加仓|关注|考虑|选择|投资)?|可以考虑|不妨|适合(?:您|你)|值得(?:买|配置|投资|关注)|首选|加仓|买入|申购|配置一些|入手/;
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

function mentions(sentence: string, p: ProductRef): boolean {
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
