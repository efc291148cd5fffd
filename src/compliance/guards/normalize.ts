/**
 * Text normalization before policy matching, so trivial obfuscation does not slip
 * through: NFKC (full-width → ASCII), zero-width and control characters removed,
 * lower case, whitespace collapsed, spaces between CJK characters removed, and a
 * second "de-leeted" form (1→i, 0→o, 3→e, 4→a, 5→s, 7→t, @→a, $→s). Cyrillic and
 * Greek look-alikes become Latin letters; base64 and hex runs, reversed or ROT13 text
 * (when asked to be read that way) and pinyin spellings of key Chinese terms are
 * recovered into `decoded`.
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

/** Cyrillic / Greek letters that render like Latin ones (Unicode confusables, lower case). */
const HOMOGLYPH: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g', ɩ: 'i',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
};
const HOMOGLYPH_RE = /[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0261\u0269]/g;

/**
 * Pinyin of the Chinese terms attacks spell out to dodge character matching ("neimu",
 * "xi qian"); whole words only, tones and spaces optional.
 */
const PINYIN: [RegExp, string][] = (
  [
    ['nei ?mu', '内幕'], ['nei ?bu ?xiao ?xi', '内部消息'], ['xiao ?xi ?gu', '消息股'], ['xi ?qian', '洗钱'], ['xi ?bai', '洗白'], ['fan ?xi ?qian', '反洗钱'],
    ['di ?xia ?qian ?zhuang', '地下钱庄'], ['pao ?fen', '跑分'], ['zuo ?zhuang', '坐庄'], ['la ?pan', '拉盘'], ['dui ?qiao', '对敲'], ['dui ?dao', '对倒'],
    ['dai ?chi', '代持'], ['jie ?ming ?kai ?hu', '借名开户'], ['bu ?bei ?fa ?xian', '不被发现'], ['bu ?bei ?cha', '不被查'], ['bei ?cha', '被查'], ['rao ?guo', '绕过'],
    ['xi ?tong ?ti ?shi ?ci', '系统提示词'], ['ti ?shi ?ci', '提示词'], ['hu ?l[uüv]e', '忽略'], ['zhi ?ling', '指令'], ['xian ?jin', '现金'], ['chai ?fen', '拆分'],
    ['bao ?ben', '保本'], ['wen ?zhuan ?bu ?pei', '稳赚不赔'], ['zen ?me', '怎么'], ['ru ?he', '如何'], ['ban ?fa', '办法'],
  ] as const
).map(([p, zh]) => [new RegExp(`\\b${p}\\b`, 'g'), zh]);
const PINYIN_CUE = /\b(?:nei ?mu|xi ?qian|xi ?bai|pao ?fen|zuo ?zhuang|dui ?qiao|dai ?chi|di ?xia ?qian ?zhuang|ti ?shi ?ci|hu ?l[uüv]e|la ?pan|xiao ?xi ?gu)\b/;
const HEX_RUN = /\b(?:[0-9a-f]{2}){10,}\b/gi;

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

/** The `plain` form alone (NFKC, lower case, look-alikes mapped, whitespace collapsed), for checks that need no other form. */
export function plainText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(/[\u0000-\u0008\u000b-\u001f]/g, ' ')
    .toLowerCase()
    .replace(HOMOGLYPH_RE, (c) => HOMOGLYPH[c] ?? c)
    .replace(/\s+/g, ' ')
    .replace(CJK_GAP, '')
    .trim();
}

export function normalizeText(text: string): NormalizedText {
  const plain = plainText(text);
  const deleet = plain.replace(/[a-z0-9@$!]+/g, (w) => (/[a-z]/.test(w) ? w.replace(/[1034578@$!]/g, (c) => LEET[c] ?? c) : w));
  const squashed = plain.replace(/\b(?:[a-z][ .\-_*]){3,}[a-z]\b/g, (w) => w.replace(/[ .\-_*]/g, ''));
  const compact = deleet.replace(/[^a-z\u3400-\u9fff]/g, '');
  const recovered = decodeBase64Runs(text.normalize('NFKC'));
  if (REVERSE_CUE.test(plain)) recovered.push([...plain].reverse().join(''));
  if (ROT13_CUE.test(plain)) recovered.push(rot13(plain));
  for (const m of text.matchAll(HEX_RUN)) {
    const s = Buffer.from(m[0], 'hex').toString('utf8');
    if (!s.includes('\ufffd') && /[a-z]{3}|[\u4e00-\u9fff]{2}/i.test(s) && !/[\u0000-\u0008\u000e-\u001f]/.test(s)) recovered.push(s);
  }
  if (PINYIN_CUE.test(plain)) recovered.push(PINYIN.reduce((acc, [re, zh]) => acc.replace(re, zh), plain).replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, ''));
  const decoded = recovered.length ? normalizeText(recovered.join('\n')).plain : '';
  return { plain, deleet, squashed, compact, decoded };
}
