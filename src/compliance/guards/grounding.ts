/**
 * Numeric grounding: every figure in an answer must be traceable to the tool results,
 * the tool arguments, the user's own words or a fixed text the system itself wrote
 * (`trustedTexts`: the offline planner's help and clarifying replies, fixed notes) —
 * allowing rounding to the displayed precision, percent ↔ fraction, units (万, 亿, k, m,
 * bn, bp), sign and thousands separators. Identifiers (tickers, fund codes, client
 * ids), dates, list numbers and small calendar/horizon constants are not figures.
 *
 * Counts of rows are grounded only as counts: the length of an array in a source
 * grounds an integer that reads as a count ("134 位客户", "24 more", "15 holdings"),
 * never a percentage or an amount that happens to be equal. A source that says how
 * many rows it left out (`total`, `more`) is a number like any other.
 */

export interface Figure {
  /** The figure as written, e.g. "12.5%", "¥1,234.56", "50万". */
  text: string;
  index: number;
  /** Candidate numeric values it may stand for (e.g. 12.5% → 0.125 and 12.5). */
  values: number[];
  /** Half-width of the rounding interval for each candidate (absolute). */
  tolerance: number[];
  /** An integer directly followed by a counted noun or "more": an array length may ground it. */
  count?: boolean;
}

const UNIT: Record<string, number> = {
  '万亿': 1e12, 亿: 1e8, 万: 1e4, 千: 1e3, 百万: 1e6, 千万: 1e7,
  k: 1e3, m: 1e6, mn: 1e6, mm: 1e6, bn: 1e9, b: 1e9, million: 1e6, billion: 1e9, thousand: 1e3, trillion: 1e12,
};

const FIGURE =
  /(?<![\w.\-[/])([-+−]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([ \t]?(?:%|％|‰|bps?\b|个基点|万亿|千万|百万|亿|万|千|million\b|billion\b|thousand\b|trillion\b|bn\b|mn\b|k\b|m\b))?(?![\w-]*\.(?:HK|SH|SZ|US)\b)(?![A-Za-z_\]]|\.\d|-\d)/gi;
const DATE =
  /(?<![\d.,])(?:(?:19|20)\d{2}(?:[-/](?:0?[1-9]|1[0-2])(?:[-/](?:0?[1-9]|[12]\d|3[01]))?|年(?:0?[1-9]|1[0-2])月?(?:(?:0?[1-9]|[12]\d|3[01])日)?|\.(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])))(?![\d])|\d{1,2}月\d{1,2}日|(?<!\d)\d{1,2}:\d{2}(?!\d)/g;
const TIME_UNIT = /^[ \t]?(?:个?(?:交易)?(?:天|日|年|月|周|季度|个月|小时|分钟|岁|期|次|只|个|项|笔|位|条|种|款)|-?(?:day|days|year|years|yr|yrs|month|months|week|weeks|quarter|quarters|hours?|minutes?|times|funds?|holdings?|positions?|products?|assets?|questions?|clients?|paths|scenarios|trading days?)\b)/i;
/** Nouns that make an integer a count of listed rows (a unit or "more" must follow directly). */
const COUNT_NOUN =
  /^[ \t]?(?:(?:个|位|名|只|支|项|笔|条|种|款|户|家|行)|(?:(?:more|other|additional|remaining|smaller|larger|further)[ \t])?(?:clients?|customers?|funds?|holdings?|positions?|products?|assets?|accounts?|rows?|items?|transactions?|trades?|alerts?|documents?|passages?|results?|instruments?|securities|stocks?|bonds?|entries|records?)\b|more\b)/i;

/** Extracts the figures of an answer (see module doc for what is not a figure). */
export function extractFigures(answer: string): Figure[] {
  const masked = answer.replace(DATE, (d) => ' '.repeat(d.length)).replace(/\[[A-Z_]+_\d+\]/g, (d) => ' '.repeat(d.length));
  const out: Figure[] = [];
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(masked); m; m = FIGURE.exec(masked)) {
    const [whole, sign, num, unitRaw] = m;
    const before = masked.slice(Math.max(0, m.index - 2), m.index);
    const after = masked.slice(m.index + whole.length, m.index + whole.length + 8);
    const lineStart = masked.lastIndexOf('\n', m.index) + 1;
    if (/^\s*$/.test(masked.slice(lineStart, m.index)) && /^[.)、]\s/.test(after)) continue; // list number
    if (/[[(]$/.test(before) && /^\]/.test(after)) continue; // citation [1]
    if (/\[$/.test(before)) continue;
    const digits = num.replace(/,/g, '');
    const decimals = digits.includes('.') ? digits.split('.')[1].length : 0;
    const n = Number(digits);
    const unit = (unitRaw ?? '').trim().toLowerCase();
    if (!unit && decimals === 0 && Number.isInteger(n) && n >= 1900 && n <= 2100) continue; // a year
    if (!unit && TIME_UNIT.test(after) && n <= 100) continue; // "10-day", "3 年", "8 只"
    if (!unit && decimals === 0 && n <= 12 && !/[¥$￥]\s?$/.test(before)) continue; // small counts and ordinals
    const s = sign === '-' || sign === '−' ? -1 : 1;
    const half = 0.5 * 10 ** -decimals;
    const values: number[] = [];
    const tolerance: number[] = [];
    const push = (v: number, t: number) => {
      values.push(v);
      tolerance.push(Math.abs(t) * 1.0000001 + 1e-12);
    };
    if (unit === '%' || unit === '％') {
      push((s * n) / 100, half / 100);
      push(s * n, half);
    } else if (unit === '‰') {
      push((s * n) / 1000, half / 1000);
    } else if (unit.startsWith('bp') || unit === '个基点') {
      push((s * n) / 10000, half / 10000);
      push(s * n, half);
    } else if (unit && UNIT[unit]) {
      push(s * n * UNIT[unit], half * UNIT[unit]);
    } else {
      push(s * n, half);
    }
    const count = !unit && decimals === 0 && !/[¥$￥]\s?$/.test(before) && COUNT_NOUN.test(masked.slice(m.index + whole.length, m.index + whole.length + 32));
    out.push({ text: whole.trim(), index: m.index, values, tolerance, ...(count ? { count } : {}) });
  }
  return out;
}

/**
 * Every number in a JSON-like value: numeric leaves, numeric strings and array lengths.
 * With `counts`, array lengths go there instead of `out` (they ground counts only).
 */
export function collectNumbers(value: unknown, out: number[] = [], depth = 0, counts?: number[]): number[] {
  if (depth > 12 || value === null || value === undefined) return out;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) out.push(value);
  } else if (typeof value === 'string') {
    const t = value.trim();
    if (/^[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(t)) out.push(Number(t));
    else if (t.length < 400) for (const f of extractFigures(t)) out.push(...f.values);
    else indexLongText(t, out);
  } else if (Array.isArray(value)) {
    (counts ?? out).push(value.length);
    for (const v of value) collectNumbers(v, out, depth + 1, counts);
  } else if (typeof value === 'object') {
    for (const v of Object.values(value as Record<string, unknown>)) collectNumbers(v, out, depth + 1, counts);
  }
  return out;
}

const SOURCE_FIGURE = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(%|％|‰|bps?|个基点|万亿|千万|百万|亿|万|千|million|billion|thousand|trillion|bn|mn|k|m)?/gi;

/**
 * Figures of a long source string (a retrieved passage, a document), in one linear
 * regex pass with no look-behind and no per-match slicing. A source only widens what
 * counts as grounded, so this pass is deliberately permissive: every number is
 * indexed as written and, with a unit, scaled (percent also as a fraction); dates and
 * codes are indexed too, which can only make an answer figure grounded, never not.
 */
export function indexLongText(text: string, out: number[]): number[] {
  SOURCE_FIGURE.lastIndex = 0;
  for (let m = SOURCE_FIGURE.exec(text); m; m = SOURCE_FIGURE.exec(text)) {
    const n = Number(m[1].replace(/,/g, ''));
    const neg = m.index > 0 && (text[m.index - 1] === '-' || text[m.index - 1] === '−');
    const v = neg ? -n : n;
    out.push(v);
    const unit = (m[2] ?? '').toLowerCase();
    if (unit === '%' || unit === '％') out.push(v / 100);
    else if (unit === '‰') out.push(v / 1000);
    else if (unit.startsWith('bp') || unit === '个基点') out.push(v / 10000);
    else if (unit && UNIT[unit]) out.push(v * UNIT[unit]);
  }
  return out;
}

/** Sorted absolute values, for binary search. */
export function sourceIndex(numbers: number[]): Float64Array {
  const a = Float64Array.from(numbers.map((n) => Math.abs(n)));
  a.sort();
  return a;
}

function within(sorted: Float64Array, v: number, tol: number): boolean {
  const target = Math.abs(v);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < target - tol) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] <= target + tol;
}

const CONSTANTS = [0, 1, 5, 10, 95, 99, 0.95, 0.99, 100, 252, 365];

/** What an answer's figures are checked against; build once per turn. */
export interface GroundingIndex {
  /** Sorted absolute values of every source figure (see {@link sourceIndex}). */
  values: Float64Array;
  /** Array lengths in the sources: they ground count figures only. */
  counts: ReadonlySet<number>;
}

/** Everything an answer's figures may come from. */
export interface GroundingSources {
  /** Tool results and tool arguments (any JSON-like values). */
  sources: unknown[];
  /** The user's (masked) words. */
  userText?: string;
  /** Fixed texts the system wrote itself; their figures are grounded. */
  trustedTexts?: readonly string[];
}

/** Indexes the figures of the sources, the user's words and the trusted texts. */
export function groundingIndex(src: GroundingSources): GroundingIndex {
  const counts: number[] = [];
  const nums = collectNumbers(src.sources, [], 0, counts);
  for (const f of extractFigures(src.userText ?? '')) nums.push(...f.values);
  for (const t of src.trustedTexts ?? []) collectNumbers(t, nums);
  nums.push(...CONSTANTS);
  return { values: sourceIndex(nums), counts: new Set(counts) };
}

/** Whether one figure is supported by the index. */
export function isGrounded(f: Figure, idx: GroundingIndex): boolean {
  if (f.values.some((v, i) => within(idx.values, v, f.tolerance[i]))) return true;
  return f.count === true && idx.counts.has(Math.abs(f.values[0]));
}

/** Figures of `answer` that no source supports. */
export function ungroundedFigures(answer: string, sources: unknown[], userText: string, trustedTexts?: readonly string[]): Figure[] {
  const idx = groundingIndex({ sources, userText, trustedTexts });
  return extractFigures(answer).filter((f) => !isGrounded(f, idx));
}
