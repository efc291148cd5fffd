/**
 * A small zh↔en lexicon of finance terms for cross-language retrieval: an English
 * question can reach a Chinese-only document (a risk disclosure, a research note) and
 * vice versa. {@link translateTerms} returns the other language's phrases for the
 * lexicon entries a query contains; the BM25 leg scores them at a reduced weight.
 */
import { contentTerms } from './tokenize.js';

/** [zh, en] pairs; several rows may share a side (synonyms). */
const PAIRS: readonly (readonly [string, string])[] = [
  ['管理费', 'management fee'], ['托管费', 'custody fee'], ['申购费', 'subscription fee'], ['认购费', 'subscription fee'],
  ['申购', 'subscription'], ['赎回费', 'redemption fee'], ['赎回', 'redemption'], ['赎回', 'redeem'], ['业绩报酬', 'performance fee'],
  ['销售服务费', 'service fee'], ['费率', 'fee'], ['封闭期', 'lock-up'], ['锁定期', 'lock-up'], ['持有期', 'holding period'],
  ['风险等级', 'risk level'], ['风险等级', 'risk rating'], ['风险测评', 'risk questionnaire'], ['风险测评', 'risk assessment'],
  ['风险揭示', 'risk disclosure'], ['主要风险', 'main risks'], ['风险', 'risk'], ['保本', 'capital protected'], ['本金', 'principal'],
  ['合格投资者', 'qualified investor'], ['私募', 'private fund'], ['私募证券投资基金', 'private securities fund'],
  ['公募', 'public fund'], ['银行理财', 'bank wealth product'], ['理财产品', 'wealth product'], ['现金管理', 'cash management'],
  ['货币基金', 'money market fund'], ['债券', 'bond'], ['纯债', 'pure bond'], ['短债', 'short-term bond'], ['利率债', 'rate bond'],
  ['国债', 'treasury'], ['政策性金融债', 'policy bank bond'], ['可转债', 'convertible bond'], ['信用债', 'credit bond'],
  ['债市', 'bond market'], ['债券市场', 'bond market'], ['展望', 'outlook'], ['观点', 'view'], ['配置', 'allocation'],
  ['收益率', 'yield'], ['票面利率', 'coupon rate'], ['利率', 'interest rate'], ['久期', 'duration'], ['汇率', 'exchange rate'],
  ['汇率风险', 'currency risk'], ['外汇额度', 'fx quota'], ['分红', 'distribution'], ['分红', 'dividend'], ['派息', 'payout'],
  ['收入', 'income'], ['收益来源', 'income source'], ['产业园', 'industrial park'], ['高速公路', 'expressway'], ['收费权', 'toll'],
  ['清洁能源', 'clean energy'], ['风电', 'wind'], ['光伏', 'solar'], ['出租率', 'occupancy'], ['车流量', 'traffic'],
  ['业绩比较基准', 'benchmark'], ['基金经理', 'fund manager'], ['投资经理', 'portfolio manager'], ['起购金额', 'minimum purchase'],
  ['到账', 'paid out'], ['开放日', 'dealing day'], ['流动性', 'liquidity'], ['杠杆', 'leverage'], ['量化', 'quant'],
  ['市场中性', 'market neutral'], ['多策略', 'multi-strategy'], ['股票多头', 'long/short'], ['策略', 'strategy'],
  ['波动率', 'volatility'], ['回撤', 'drawdown'], ['适当性', 'suitability'], ['风险承受能力', 'risk tolerance'],
  ['研究', 'research'], ['区别', 'difference'], ['比较', 'comparison'], ['常见问题', 'faq'], ['招募说明书', 'prospectus'],
];

interface Entry {
  from: string[];
  to: string;
}

let index: { zh: Entry[]; en: Entry[] } | undefined;

function build(): { zh: Entry[]; en: Entry[] } {
  const zh: Entry[] = [];
  const en: Entry[] = [];
  for (const [z, e] of PAIRS) {
    zh.push({ from: contentTerms(z), to: e });
    en.push({ from: contentTerms(e), to: z });
  }
  const ok = (x: Entry) => x.from.length > 0;
  return { zh: zh.filter(ok), en: en.filter(ok) };
}

/** True when every term of `phrase` occurs in `terms` in order, consecutively. */
function containsRun(terms: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (terms[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The other language's phrases for the lexicon entries found in `query` (joined by
 * spaces; '' when none). Chinese phrases are found in Chinese text and English phrases
 * in Latin text, so a mixed query ("Nasdaq 100 QDII 基金收多少管理费") translates both ways.
 */
export function translateTerms(query: string): string {
  index ??= build();
  const terms = contentTerms(query);
  const out = new Set<string>();
  for (const side of [index.zh, index.en]) for (const x of side) if (containsRun(terms, x.from)) out.add(x.to);
  return [...out].join(' ');
}
