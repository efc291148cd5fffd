import { describe, expect, it } from 'vitest';
import { WealthDeskError } from '../errors.js';
import { assertStorableText, findUnstorableChar, isBlankText } from './text.js';

describe('text the store can hold', () => {
  it('finds the first NUL or unpaired surrogate; a surrogate pair (emoji, rare CJK) is fine', () => {
    expect(findUnstorableChar('a\u0000b')).toEqual({ index: 1, reason: 'NUL character' });
    expect(findUnstorableChar('x\ud800')).toEqual({ index: 1, reason: 'unpaired surrogate' });
    expect(findUnstorableChar('\udc00\ud800')).toEqual({ index: 0, reason: 'unpaired surrogate' });
    expect(findUnstorableChar('ab\ud83d\u0000')).toEqual({ index: 2, reason: 'unpaired surrogate' });
    expect(findUnstorableChar('组合 😀 𠀀 ok')).toBeUndefined();
  });

  it('assertStorableText throws WD_ERR_BAD_TEXT (400) naming the field and position', () => {
    const e = (() => {
      try {
        assertStorableText('hi\u0000', 'message');
      } catch (x) {
        return x as WealthDeskError;
      }
    })();
    expect([e?.code, e?.statusCode, e?.message]).toEqual(['WD_ERR_BAD_TEXT', 400, 'message: contains a NUL character at position 2']);
  });

  it('counts white space and invisible characters only as blank', () => {
    for (const s of ['', '  \n', '\u200b\u200c\u200d', '\ufeff\u2060\u00ad', '\u202e\u200e', '\ufe0f', '\u3164', '\u{e0041}']) expect(isBlankText(s), JSON.stringify(s)).toBe(true);
    for (const s of ['a', '\u200b我', '😀', '1', '.']) expect(isBlankText(s), JSON.stringify(s)).toBe(false);
  });
});
