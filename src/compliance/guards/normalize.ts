/**
 * Text normalization before policy matching, so trivial obfuscation does not slip
 * through: NFKC (full-width → ASCII), zero-width and control characters removed,
 * lower case, whitespace collapsed, spaces between CJK characters removed, and a
 * second "de-leeted" form (1→i, 0→o, 3→e, 4→a, 5→s, 7→t, @→a, $→s).
 */
const ZERO_WIDTH = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/g;
const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_GAP = new RegExp(`(?<=[${CJK}])[\\s·_*.\\-]+(?=[${CJK}])`, 'g');
const LEET: Record<string, string> = { '1': 'i', '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

export interface NormalizedText {
  /** NFKC, lower-cased, collapsed. */
  plain: string;
  /** `plain` with leetspeak digits/symbols mapped to letters inside Latin words. */
  deleet: string;
  /** `plain` with separators between Latin letters removed ("i.g.n.o.r.e" → "ignore"). */
  squashed: string;
  /** Letters and CJK only, everything else removed ("i g n o r e  p r e v…" → "ignoreprev…"). */
  compact: string;
}

export function normalizeText(text: string): NormalizedText {
  const plain = text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(/[\u0000-\u0008\u000b-\u001f]/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(CJK_GAP, '')
    .trim();
  const deleet = plain.replace(/[a-z0-9@$!]+/g, (w) => (/[a-z]/.test(w) ? w.replace(/[1034578@$!]/g, (c) => LEET[c] ?? c) : w));
  const squashed = plain.replace(/\b(?:[a-z][ .\-_*]){3,}[a-z]\b/g, (w) => w.replace(/[ .\-_*]/g, ''));
  const compact = deleet.replace(/[^a-z\u3400-\u9fff]/g, '');
  return { plain, deleet, squashed, compact };
}
