/** Quoting passages: sentences, and Markdown tables read row by row with their header. */
import { describe, expect, it } from 'vitest';
import { bestSentences, queryTerms } from './compose.js';

const FEES = [
  '本产品的各项费用如下表所示，费率以年化或单笔交易金额计。',
  '| 费用项目 | 费率 | 计提方式 |',
  '|---|---|---|',
  '| 管理费 | 0.20% | 按年，每日计提 |',
  '| 托管费 | 0.10% | 按年，每日计提 |',
  '| 赎回费 | 0.10% | 按交易金额 |',
  '赎回费归入基金资产的比例不低于25%。',
].join('\n');

describe('bestSentences', () => {
  it('quotes a fee table as its rows read with the header, never the bare header row', () => {
    const q = bestSentences(FEES, queryTerms('费率是多少'));
    expect(q).toEqual([
      '本产品的各项费用如下表所示，费率以年化或单笔交易金额计。',
      '管理费：费率 0.20%，计提方式 按年，每日计提',
      '托管费：费率 0.10%，计提方式 按年，每日计提',
      '赎回费：费率 0.10%，计提方式 按交易金额',
    ]);
    expect(q.join(' ')).not.toContain('|');
  });

  it('a question about one row quotes that row and the prose about it', () => {
    expect(bestSentences(FEES, queryTerms('赎回费'))).toEqual(['赎回费：费率 0.10%，计提方式 按交易金额', '赎回费归入基金资产的比例不低于25%。']);
  });

  it('reads an English table the same way, and prose as sentences', () => {
    const text = 'Fees are charged as follows.\n| Fee | Rate |\n| --- | --- |\n| Management fee | 1.50% p.a. |\n| Performance fee | 20% above hurdle |\nThe hurdle is 6% a year.';
    expect(bestSentences(text, queryTerms('what is the performance fee hurdle'))).toEqual(['Fees are charged as follows.', 'Performance fee: 20% above hurdle']);
    const kv = '| Item | Detail |\n| --- | --- |\n| Minimum investment | 10 CNY |\n| Currency | CNY |';
    expect(bestSentences(kv, queryTerms('minimum investment'))).toEqual(['Minimum investment: 10 CNY']); // a key/value table: no header label
  });

  it('shares no term, quotes nothing', () => {
    expect(bestSentences(FEES, queryTerms('dividend policy'))).toEqual([]);
  });
});
