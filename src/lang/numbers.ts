/**
 * Number words of both languages → decimal strings (never a float): Arabic numerals
 * with separators and suffixes (k, m, bn, 千, 万, 亿) and Chinese numerals (五十万,
 * 一百二十万, 两千, 百分之五, 二点五).
 */
import { Decimal } from 'decimal.js';

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Record<string, string> = { 万: '10000', 亿: '100000000' };

/** Chinese numerals run, e.g. 五十万 / 一百二十 / 二点五 / 十二; undefined when not one. */
export function parseChineseNumber(s: string): Decimal | undefined {
  if (!s || !/^[零〇一二两三四五六七八九十百千万亿点]+$/.test(s)) return undefined;
  const [intPart, fracPart] = s.split('点');
  let total = new Decimal(0);
  let section = 0;
  let num = 0;
  let seen = false;
  for (const ch of intPart) {
    if (ch in DIGIT) {
      num = DIGIT[ch];
      seen = true;
    } else if (ch in SMALL_UNIT) {
      section += (num === 0 && !seen ? 1 : num) * SMALL_UNIT[ch];
      num = 0;
      seen = true;
    } else if (ch in BIG_UNIT) {
      total = total.plus(new Decimal(section + num).times(BIG_UNIT[ch]));
      section = 0;
      num = 0;
    }
  }
  total = total.plus(section + num);
  if (fracPart !== undefined) {
    const digits = [...fracPart].map((c) => DIGIT[c]);
    if (digits.some((d) => d === undefined)) return undefined;
    total = total.plus(new Decimal(`0.${digits.join('')}`));
  }
  return seen || fracPart !== undefined || /[万亿]/.test(s) ? total : undefined;
}

const SUFFIX: Record<string, string> = {
  k: '1000',
  thousand: '1000',
  千: '1000',
  m: '1000000',
  mm: '1000000',
  mn: '1000000',
  million: '1000000',
  万: '10000',
  w: '10000',
  亿: '100000000',
  b: '1000000000',
  bn: '1000000000',
  billion: '1000000000',
};

/** '10,000' / '1.5' with an optional multiplier suffix → Decimal. */
export function scaled(num: string, suffix?: string): Decimal {
  const n = new Decimal(num.replace(/,/g, ''));
  const m = suffix ? SUFFIX[suffix.toLowerCase()] : undefined;
  return m ? n.times(m) : n;
}
