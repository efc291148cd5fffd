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
  /**
   * Text recovered from encodings the message itself points at: base64 runs decoded,
   * and the whole text reversed or ROT13-decoded when it asks to be read that way.
   * Empty when there is nothing to recover.
   */
  decoded: string;
}

const B64_RUN = /[A-Za-z0-9+/]{16,}={0,2}/g;
const REVERSE_CUE = /backwards|reverse|倒着|倒过来|反过来|逆序/;
const ROT13_CUE = /rot-?13|caesar/;

function rot13(s: string): string {
  return s.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

/** Decodes base64 runs that turn into readable UTF-8 text (letters or CJK, no control bytes). */
function decodeBase64Runs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(B64_RUN)) {
    if (!/[0-9+/]|[A-Z].*[a-z]|[a-z].*[A-Z]/.test(m[0])) continue; // plain words are not base64
    const s = Buffer.from(m[0], 'base64').toString('utf8');
    if (s.includes('\ufffd') || /[\u0000-\u0008\u000e-\u001f]/.test(s)) continue;
    if (/[a-z]{3}|[\u4e00-\u9fff]{2}/i.test(s)) out.push(s);
  }
  return out;
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
  const recovered = decodeBase64Runs(text.normalize('NFKC'));
  if (REVERSE_CUE.test(plain)) recovered.push([...plain].reverse().join(''));
  if (ROT13_CUE.test(plain)) recovered.push(rot13(plain));
  const decoded = recovered.length ? normalizeText(recovered.join('\n')).plain : '';
  return { plain, deleet, squashed, compact, decoded };
}
