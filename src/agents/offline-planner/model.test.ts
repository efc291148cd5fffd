import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitTokens } from './model.js';

describe('splitTokens (the offline planner streams its text in these pieces)', () => {
  it('the pieces are the text, whatever it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(splitTokens(text).join('')).toBe(text);
      }),
    );
    expect(splitTokens('')).toEqual([]);
  });

  it('each piece ends at a unit boundary (the last may run to the end)', () => {
    expect(splitTokens('您的组合总市值为 1,234.50 元。其中股票占 60%；\n- 债券 30%\n还有现金')).toEqual([
      '您的组合总市值为 1,234.50 元。',
      '其中股票占 60%；\n',
      '- 债券 30%\n',
      '还有现金',
    ]);
    expect(splitTokens('Your VaR is 2.1%! Anything else?')).toEqual(['Your VaR is 2.1%!', ' Anything else?']);
  });
});
