/**
 * Slot extraction from one normalized user message: amounts, percentages, horizons,
 * currencies, periods, VaR confidence, risk-free rate, tickers, client ids, risk levels,
 * drift thresholds and list ordering. Money stays a decimal string.
 */
import { Decimal } from 'decimal.js';
import type { Currency, Period } from '../vocab.js';
import { parseChineseNumber, scaled } from './numbers.js';

export interface Amount {
  value: string; // decimal string
  currency?: Currency;
}

export interface Slots {
  amounts: Amount[];
  /** Fractions, e.g. 0.05 for 5%. */
  percents: number[];
  horizonYears?: number;
  targetAge?: number;
  currency?: Currency;
  periods: Period[];
  /** Four-digit years (not in the future) written without a period word: "and 2024?" — a follow-up may read them as calendar periods. */
  bareYears: string[];
  confidence?: 0.95 | 0.99;
  riskFreeRate?: number;
  tickers: string[];
  clientIds: string[];
  riskProfile?: number;
  minDrift?: number;
  sortBy?: 'value' | 'drift' | 'name';
  /** "top 5" / "前十个": how many rows a list should show. */
  limit?: number;
  /** A client name an advisor looks for (see {@link clientNameQuery}); set by the planner. */
  nameQuery?: string;
}

const CN_NUM = '[零〇一二两三四五六七八九十百千万亿点]+';
/** A currency word naming a product or asset ("the USD bond fund", "美元债", "USD cash"), not the currency to show. */
const OF_A_PRODUCT = /^\s*(bond|fund|class|share|money market|cash|债|基金|理财|现汇|现钞)/;
const CURRENCY_WORDS: [RegExp, Currency][] = [
  [/美元|美金|\busd\b|us\$|\bus ?dollars?\b|\bdollars?\b|\bbucks\b/g, 'USD'],
  [/港币|港元|港幣|\bhkd\b|hk\$|hong ?kong dollars?/g, 'HKD'],
  [/人民币|\brmb\b|\bcny\b|\byuan\b|\brenminbi\b/g, 'CNY'],
];

/** The first currency named in the text, if any. */
export function findCurrency(norm: string): Currency | undefined {
  let best: { at: number; c: Currency } | undefined;
  for (const [re, c] of CURRENCY_WORDS) {
    for (const m of norm.matchAll(re)) {
      if (OF_A_PRODUCT.test(norm.slice(m.index + m[0].length))) continue;
      if (!best || m.index < best.at) best = { at: m.index, c };
      break;
    }
  }
  return best?.c;
}

const PERIODS: [RegExp, Period][] = [
  [/今年|年初至今|年初到现在|本年|\bytd\b|year[- ]to[- ]date|this (year|yr)\b|so far this year/, 'YTD'],
  [/成立以来|自成立|从一开始|一直以来|投了这么久|开户|开始投资|since inception|since (i|we) (start|started|began|begin|opened|joined|invested|first)|since i've been (with|investing)|all[- ]time|since the beginning|since day one/, 'SI'],
  [/(近|过去|最近)?(三|3)年|\b(3|three)[- ]?(y|yr|yrs|years?)\b/, '3Y'],
  [/(近|过去|最近)(一|1)年|(过去|近|最近)12个月|一年来|\b(1|one)[- ]?(y|yr|year)\b|(last|past) (12 months|year)|twelve months|\b12 months/, '1Y'],
  [/(六|6)个月|半年|\b(6|six)[- ]?(months?|mths?|mos)\b|half[- ]a[- ]year|\b6m\b/, '6M'],
  [/(三|3)个月|一个季度|上季度|\b(3|three)[- ]?(months?|mths?|mos)\b|(last|past) quarter|\b3m\b/, '3M'],
  [/上个?月|(近|过去|最近)(一|1)个?月|本月|这个月|\b(1|one)[- ]?(month|mth|mo)\b|last month|past month|this month|\b1m\b/, '1M'],
];

/**
 * Calendar years named in the text, relative to `refYear` (the valuation date's year):
 * 今年 is YTD (a trailing period), 去年 / "last year" the year before, 前年 two before, and
 * an explicit year ("2024年", "in 2024") when it is not in the future. "over the last
 * year" / "past year" / 近一年 stay the trailing 12 months.
 */
function calendarYears(norm: string, refYear: number): { years: string[]; rest: string } {
  const years: string[] = [];
  let rest = norm;
  const take = (re: RegExp, y: (m: RegExpExecArray) => number) => {
    for (let m = re.exec(rest); m; m = re.exec(rest)) {
      const year = y(m);
      if (year <= refYear && year >= refYear - 30 && !years.includes(String(year))) years.push(String(year));
      rest = rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice(m.index + m[0].length);
    }
  };
  take(/大前年/, () => refYear - 3);
  take(/前年|year before last/, () => refYear - 2);
  take(/去年|上一年度|上年度|上一年|(?<!(over|in|during|for|within) the )\blast (calendar )?year\b|\bprevious (calendar )?year\b/, () => refYear - 1);
  take(/(?<![\d.])((?:19|20)\d{2})\s*(?:年(?![后內内以底])(?:全年|的|度)?|(?=\s*(?:return|performance|收益|表现|业绩)))|\b(?:in|for|during|over)\s+((?:19|20)\d{2})\b(?!-)/, (m) => Number(m[1] ?? m[2]));
  return { years, rest };
}

function periodsOf(norm: string, refYear: number): Period[] {
  const cal = calendarYears(norm, refYear);
  const out: Period[] = [];
  let rest = cal.rest;
  for (const [re, p] of PERIODS) {
    if (re.test(rest)) {
      out.push(p);
      rest = rest.replace(re, ' ');
    }
  }
  // "2024 and 2025": once one calendar year is named, the other bare years are calendar years too.
  if (cal.years.length > 0) {
    for (const m of norm.matchAll(/(?<![\d.,-])((?:19|20)\d{2})(?![\d.,%-])/g)) {
      const y = Number(m[1]);
      if (y <= refYear && y >= refYear - 30 && !cal.years.includes(m[1])) cal.years.push(m[1]);
    }
    cal.years.sort();
  }
  return [...out, ...cal.years];
}

function pct(s: string): number | undefined {
  const cn = /^百分之(.+)$/.exec(s);
  const d = cn ? parseChineseNumber(cn[1]) ?? (/^[\d.]+$/.test(cn[1]) ? new Decimal(cn[1]) : undefined) : undefined;
  if (d) return d.div(100).toNumber();
  return undefined;
}

function percentsOf(norm: string): { at: number; v: number }[] {
  const out: { at: number; v: number }[] = [];
  for (const m of norm.matchAll(/(\d+(?:\.\d+)?)\s*(%|percent\b|pct\b|个点)/g)) {
    out.push({ at: m.index, v: new Decimal(m[1]).div(100).toNumber() });
  }
  for (const m of norm.matchAll(new RegExp(`百分之(${CN_NUM}|\\d+(?:\\.\\d+)?)`, 'g'))) {
    const v = pct(m[0]);
    if (v !== undefined) out.push({ at: m.index, v });
  }
  return out.sort((a, b) => a.at - b.at);
}

function amountsOf(norm: string): Amount[] {
  const out: Amount[] = [];
  const re =
    /(?:(us\$|hk\$|\$|¥|￥)\s*)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|mm|mn|m|bn|b|thousand|million|billion|千|万|亿|w)?(?![\d%a-z])\s*(元|块|美元|美金|港币|港元|usd|hkd|cny|rmb|dollars?)?/g;
  for (const m of norm.matchAll(re)) {
    const [, sym, num, suffix, unit] = m;
    const after = norm.slice(m.index + m[0].length, m.index + m[0].length + 2);
    const before = norm.slice(Math.max(0, m.index - 8), m.index);
    const moneyVerb = /(投|存|定投|拿|放|invest|put|contribut|sav|deposit)\S{0,3}\s*$/.test(before);
    if (!sym && !suffix && !unit && !(moneyVerb && Number(num.replace(/,/g, '')) >= 100)) continue; // a bare number is not an amount
    if (/^(年|岁|个|天|日|y|d)/.test(after) && !sym && !unit) continue;
    // ("5month" / "5min" never take the m: the look-ahead above leaves them bare numbers)
    const value = scaled(num, suffix);
    let currency: Currency | undefined;
    const u = `${sym ?? ''}${unit ?? ''}`;
    if (/us\$|^\$|美|usd|dollar/.test(u)) currency = 'USD';
    else if (/hk\$|港|hkd/.test(u)) currency = 'HKD';
    else if (/¥|￥|元|块|cny|rmb/.test(u)) currency = 'CNY';
    out.push({ value: value.toFixed(), currency });
  }
  for (const m of norm.matchAll(new RegExp(`(${CN_NUM})(元|块)?`, 'g'))) {
    if (!/[万亿千百]/.test(m[1]) && !m[2]) continue;
    if (norm.slice(Math.max(0, m.index - 3), m.index).endsWith('百分之') || norm[m.index + m[0].length] === '分') continue;
    const d = parseChineseNumber(m[1]);
    if (d && d.gte(100)) out.push({ value: d.toFixed(), currency: m[2] ? 'CNY' : undefined });
  }
  return out;
}

const EN_NUM: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, fifteen: 15, twenty: 20, thirty: 30 };

const RISK_WORDS: [RegExp, number][] = [
  [/\bc([1-5])\b|c([1-5])(?=[^\d]|$)/, 0],
  [/保守|conservative/, 1],
  [/谨慎|cautious/, 2],
  [/稳健|平衡|balanced|moderate\b/, 3],
  [/积极|成长|growth/, 4],
  [/激进|进取|aggressive/, 5],
];

/** All slots of a normalized message; `refYear` is the year calendar periods (去年) count from. */
export function extractSlots(norm: string, refYear = new Date().getUTCFullYear()): Slots {
  const s: Slots = { amounts: amountsOf(norm), percents: [], periods: periodsOf(norm, refYear), bareYears: [], tickers: [], clientIds: [] };
  for (const m of norm.matchAll(/(?<![\d.,-])((?:19|20)\d{2})(?![\d.,%-])/g)) {
    const y = Number(m[1]);
    if (y <= refYear && y >= refYear - 30 && !s.periods.includes(m[1]) && !s.bareYears.includes(m[1])) s.bareYears.push(m[1]);
  }
  const percents = percentsOf(norm);
  s.currency = findCurrency(norm);
  const conf = /(99|95)\s*(%|percent|置信|confidence)|(?:置信度?|confidence( level)?( of)?|var|cvar|es|shortfall)\D{0,12}(99|95)/.exec(norm);
  if (conf) s.confidence = (conf[1] ?? conf[4]) === '99' ? 0.99 : 0.95;
  const rfm = /(?:无风险(?:利率|收益率)?|risk[- ]?free(?: rate)?|rf)\s*(?:=|为|是|按|of|at|is)?\s*(\d+(?:\.\d+)?)\s*%/.exec(norm) ??
    /(\d+(?:\.\d+)?)\s*%\s*(?:的)?\s*(?:无风险|risk[- ]?free)/.exec(norm);
  if (rfm) s.riskFreeRate = new Decimal(rfm[1]).div(100).toNumber();
  s.percents = percents.map((p) => p.v).filter((v) => v !== s.riskFreeRate && !(s.confidence && Math.abs(v - s.confidence) < 1e-9));
  const hz = /(\d+|[一二两三四五六七八九十]+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty))\s*(年后|年内|年|years?|yrs?)(?!化|\d{1,2}\s*[月号日])/.exec(norm);
  if (hz) {
    const n = /\d/.test(hz[1]) ? Number(hz[1]) : (EN_NUM[hz[1]] ?? parseChineseNumber(hz[1])?.toNumber());
    if (n && n > 0 && n <= 80) s.horizonYears = n;
  }
  const age = /(?:到|等到|at age|until|when i'?m|by age)\s*(\d{2})\s*(岁|years old)?/.exec(norm);
  if (age && (age[2] || /age/.test(age[0]))) s.targetAge = Number(age[1]);
  for (const m of norm.matchAll(/\b(\d{4,5}\.hk|\d{6}\.(?:sh|sz|ss)|[a-z]{1,5}\.us)\b|(?<![\d,.])(0\d{4}|[0-9]{6})(?![\d,.%])/g)) {
    s.tickers.push((m[1] ?? m[2]).toUpperCase());
  }
  for (const m of norm.matchAll(/\b(c\d{3,6})\b|(?<![a-z])(c\d{3,6})(?!\d)/g)) s.clientIds.push((m[1] ?? m[2]).toUpperCase());
  for (const [re, level] of RISK_WORDS) {
    const m = re.exec(norm);
    if (m) {
      s.riskProfile = level === 0 ? Number(m[1] ?? m[2]) : level;
      break;
    }
  }
  if (/偏离|漂移|drift|deviat|off target|off by|跑偏/.test(norm)) {
    const thr = percents.find((p) => p.v > 0 && p.v < 1);
    if (thr) s.minDrift = thr.v;
  }
  if (/(偏离|漂移|drift|deviat)\S*\s*(?:the\s+)?(最大|最多|most|biggest|largest)|(最大|最多|most|biggest|largest)\s*\S*\s*(偏离|drift)|(by|按)\s*\S{0,4}(偏离|漂移|drift)/.test(norm)) s.sortBy = 'drift';
  else if (/规模|资产排|aum|by (portfolio |account |total )?(value|size|assets?|worth)|(biggest|largest|richest|wealthiest) (clients?|portfolios?|accounts?)|clients? with the (largest|biggest) (portfolios?|accounts?|assets)|最有钱|资产最多|按(市值|资产|金额)/.test(norm)) s.sortBy = 'value';
  else if (/按名字|按姓名|by name|alphabetical/.test(norm)) s.sortBy = 'name';
  const top =
    /(?:\btop|前|first|biggest|largest)\s*(\d{1,3}|[一二两三四五六七八九十]+|\b(?:three|five|ten|twenty)\b)\s*(?:个|名|位|大)?/.exec(norm) ??
    /\b(\d{1,3}|three|five|ten|twenty)\s+(?:largest|biggest|top|richest|smallest|wealthiest|worst|best)\b/.exec(norm) ??
    /\b(?:the|give me|show me|list)\s+(?:the\s+)?(\d{1,3}|three|five|ten|twenty)\s+(?:clients?|accounts?|portfolios?)\b/.exec(norm) ??
    /(?:worst|best|bottom)\s*(\d{1,3}|three|five|ten)\b/.exec(norm) ??
    /(?:最多|最大|最高|最少|最低)的\s*(\d{1,3}|[一二两三四五六七八九十]+)\s*(?:个|位|名)/.exec(norm);
  if (top) {
    const n = /\d/.test(top[1]) ? Number(top[1]) : (EN_NUM[top[1]] ?? parseChineseNumber(top[1])?.toNumber());
    if (n && n >= 1 && n <= 200) s.limit = n;
  }
  return s;
}

/**
 * A client name to look for, from the original text: "叫王芳的客户", "客户王芳",
 * "find client Emily Chen", "clients named Li". Case kept (the tool matches case-blind).
 */
export function clientNameQuery(original: string): string | undefined {
  const zh = /(?:叫|名叫|名字叫|名字是|名为|姓名是)\s*([\u4e00-\u9fff]{2,4}?)\s*(?:的|客户|$)/.exec(original);
  if (zh) return zh[1];
  const en = /\b(?:find|look ?up|search for|pull up|show)\s+(?:the\s+)?(?:client|customer)\s+([A-Za-z][A-Za-z'.-]+(?:\s+[A-Za-z][A-Za-z'.-]+)?)\s*[?.!]*$/i.exec(original) ??
    /\b(?:client|customer)s?\s+(?:called|named)\s+([A-Za-z][A-Za-z'.-]+(?:\s+[A-Za-z][A-Za-z'.-]+)?)/i.exec(original);
  return en?.[1];
}

/** Upper-case ticker-like words in the original (un-lowered) text, e.g. AAPL, TSLA. */
export function upperTickers(original: string): string[] {
  const stop = new Set(['I', 'A', 'VAR', 'CVAR', 'YTD', 'USD', 'HKD', 'CNY', 'RMB', 'OK', 'PNL', 'AUM', 'ETF', 'ES', 'HK', 'US', 'ID', 'P', 'L', 'QDII', 'REIT', 'REITS']);
  return [...original.matchAll(/\b[A-Z]{2,5}\b/g)].map((m) => m[0]).filter((w) => !stop.has(w) && !/^C\d$/.test(w));
}
