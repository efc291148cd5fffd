/**
 * Prohibited claims in an answer: promising principal or returns (保本保收益, 稳赚不赔,
 * 刚性兑付, "guaranteed return", "risk-free return" …), in Chinese and English and
 * their paraphrases. A negated mention ("不保本", "not guaranteed", "past performance
 * does not guarantee …") is a warning, not a promise, and passes.
 */
import { plainText } from './normalize.js';

const ZH_PROMISE = [
  /保本保(?:收益|息)|保本保息|保证本金|本金(?:绝对|百分之百|100%)?(?:安全|无忧|不会(?:损失|亏))|保本/g,
  /(?:保证|确保|承诺|担保|包)(?:您|你)?(?:的)?(?:收益|回报|盈利|赚钱|获利|年化|利息|不亏|不赔|稳赚|本金)/g,
  /稳赚不赔|只赚不赔|稳赚|包赚|必赚|躺赚|零风险|没有(?:任何)?风险|无任何风险|无风险(?:收益|回报|套利|理财|投资)|毫无风险|绝对安全|绝对不会亏|不可能亏|肯定不会亏|一定不会亏|不会亏(?:损|钱|本)?的?/g,
  /刚性兑付|刚兑|兜底|保底收益|保底/g,
  /(?:一定|肯定|必然|必定|绝对|百分之百|100%)(?:能|会|可以)?(?:赚|盈利|获利|上涨|涨|翻倍|回本|达到)/g,
  /(?:稳定|固定)(?:获得|拿到|赚取)?(?:\d+(?:\.\d+)?%?)?(?:的)?(?:高)?(?:收益|回报)(?:有保障|无忧|不会变)/g,
];
const EN_PROMISE = [
  /guarantee[ds]?\s+(?:\w+\s+){0,3}(?:returns?|profits?|gains?|income|yields?|principal|payouts?|performance|you (?:will|won'?t)|(?:that )?(?:you|it|this|the fund) (?:will|won'?t|can'?t|cannot))/g,
  /guaranteed\b/g,
  /risk[- ]free (?:returns?|profits?|gains?|income|investments?|products?)|(?:with |has |carries |there is )?(?:absolutely )?(?:no|zero) risk\b|riskless/g,
  /can(?:no|')?t (?:possibly )?lose|cannot (?:possibly )?lose|won'?t lose (?:any )?(?:money|principal|a cent|value)|never lose (?:money|value|principal)|no (?:chance|way) (?:of|to) los(?:e|ing)/g,
  /(?:will|is going to|are going to) (?:definitely|certainly|surely|100%) (?:rise|go up|make|earn|double|return|gain|profit|grow|beat)|(?:sure|certain|safe|surefire) (?:bet|thing|win|profit)|(?:principal|capital) (?:is )?(?:fully |100% )?(?:protected|safe|secure|guaranteed)/g,
  /locked[- ]in (?:returns?|gains?|profits?)|promise(?:d|s)? (?:\w+ ){0,2}(?:returns?|profits?|income|yield)/g,
];

const ZH_NEG = /(?:不|非|无法|不能|没有|并不|并非|绝不|不得|不会|未|不构成|不代表|不等于|不承诺|谨防|警惕|避免|禁止|严禁|打破|打破了|不存在|没有所谓的|任何|所谓)[^，。；！？,.!?]{0,6}$/;
const EN_NEG = /(?:\bnot?\b|\bnever\b|n't\b|\bcannot\b|\bwithout\b|\bno one can\b|\bnothing\b|\bbeware of\b|\bavoid\b|\bdoes not\b|\bdo not\b|\bisn'?t\b|\baren'?t\b|\bnor\b|\bneither\b|\bbe wary of\b|\bclaims? of\b|\bprohibit\w*\b|\bban\w*\b)[^,.;!?]{0,40}$/;

export interface PromiseHit {
  text: string;
  index: number;
}

/** Finds un-negated promises of principal or returns. */
export function findPromises(answer: string): PromiseHit[] {
  const plain = plainText(answer);
  const hits: PromiseHit[] = [];
  for (const re of [...ZH_PROMISE, ...EN_PROMISE]) {
    re.lastIndex = 0;
    for (let m = re.exec(plain); m; m = re.exec(plain)) {
      const before = plain.slice(Math.max(0, m.index - 48), m.index);
      const neg = /[\u4e00-\u9fff]/.test(m[0]) ? ZH_NEG : EN_NEG;
      if (neg.test(before)) continue;
      // "guaranteed" inside a disclosure-like "not a guarantee" phrase after the match
      if (/^(?:[^,.;!?。]{0,12})(?:不|并非|not)/.test(plain.slice(m.index + m[0].length, m.index + m[0].length + 12)) && /保本|guaranteed/.test(m[0])) continue;
      hits.push({ text: m[0], index: m.index });
    }
  }
  return hits;
}
