const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
const INVISIBLE_IN_WORD = /(?<=[0-9A-Za-z])[\u200b-\u200d\u2060\ufeff\u00ad]+(?=[0-9A-Za-z])/g;

/**
 * Canonical form of a user's message, so identifiers cannot slip past PII masking by
 * spelling: full-width digits and Latin letters (１３８…, Ｘ) become ASCII, and invisible
 * characters (zero-width space/joiners, word joiner, BOM, soft hyphen) between digits or
 * letters are dropped. Nothing else changes (Chinese punctuation and emoji sequences stay).
 */
export function canonicalUserText(text: string): string {
  return text
    .replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(INVISIBLE_IN_WORD, '');
}
