/**
 * The words of get_portfolio's questions: the asset classes a message names, and whether it
 * asks for the largest holding.
 */

/** Asset-class words → the allocation keys they name (equities name all three markets). */
const CLASS_WORDS: [RegExp, string[]][] = [
  [/美股|美国股票|us (stocks|equities|equity)|american stocks|美股仓位/, ['equity_us']],
  [/港股|hk (stocks|equities)|hong kong (stocks|equities)/, ['equity_hk']],
  [/a股|china a|a-shares?|沪深/, ['equity_cn']],
  [/股票|权益|equit|stocks?\b|shares\b/, ['equity_cn', 'equity_hk', 'equity_us']],
  [/债券|债基|固收|bonds?\b|fixed income/, ['bond']],
  [/现金|货币|cash|money market/, ['cash']],
  [/基金|mutual funds?|\bfunds?\b/, ['fund']],
  [/理财|wealth products?/, ['wealth']],
  [/私募|private/, ['private']],
  [/reits?\b|不动产|real estate/, ['reit']],
];

/** The asset classes a message names ("stocks and bonds" → both; "US stocks" → only that market). */
export function classesIn(norm: string): string[] {
  const out: string[] = [];
  let market = false;
  for (const [i, [re, keys]] of CLASS_WORDS.entries()) {
    if (!re.test(norm)) continue;
    if (i < 3) market = true;
    else if (i === 3 && market) continue; // "美股" names one market, not all equities
    for (const k of keys) if (!out.includes(k)) out.push(k);
  }
  return out;
}

/** "which product do I have the most money in?", "哪个持仓最大？": the largest holding is the answer. */
const LARGEST = /最大|最多|最重|重仓|largest|biggest|top holding|most (of my )?money|most of|the most\b/;
const HOLDING_WORD = /持仓|仓位|产品|基金|哪个|哪只|holding|position|product|fund|which|what\b/;
export const asksLargest = (norm: string) => LARGEST.test(norm) && HOLDING_WORD.test(norm) && classesIn(norm).length === 0;
