import { describe, expect, it } from 'vitest';
import { foldChinese, toSimplified } from './chinese-variants.js';

describe('foldChinese', () => {
  it('folds Traditional characters one for one', () => {
    expect(toSimplified('我的投資組合風險')).toBe('我的投资组合风险');
    expect(toSimplified('贖回費與稅')).toBe('赎回费与税');
    expect(toSimplified('abc 123')).toBe('abc 123');
    const t = '帳戶餘額還剩幾多';
    expect(toSimplified(t)).toHaveLength(t.length);
  });
  it('reads Cantonese function words as Mandarin', () => {
    expect(foldChinese('我而家有幾多錢')).toBe('我现在有多少钱');
    expect(foldChinese('佢係唔係C3嘅客戶')).toBe('他是不是c3的客户'.replace('c3', 'C3'));
    expect(foldChinese('有冇蝕咗錢')).toBe('有没有亏了钱');
  });
  it('leaves ordinary Mandarin words alone', () => {
    expect(foldChinese('风险体系和关系')).toBe('风险体系和关系');
    expect(foldChinese('储蓄型产品')).toBe('储蓄型产品');
  });
});
