/**
 * Formatting of tool figures for answers: money from decimal strings (never a float)
 * with thousands separators and the currency code, fractions as percents to 2 dp. The
 * figures are the tool's own, so a numeric-grounding check can trace every one.
 */
import { Decimal } from 'decimal.js';
import type { Lang } from '../vocab.js';

/** '1234567.891' + 'CNY' → '1,234,567.89 CNY'. */
export function money(value: string, currency: string): string {
  return `${groupDecimal(new Decimal(value).toFixed(2, Decimal.ROUND_HALF_UP))} ${currency}`;
}

/** Signed money: '+1,234.00 CNY' / '-12.50 CNY'. */
export function signedMoney(value: string, currency: string): string {
  const d = new Decimal(value);
  return `${d.gte(0) ? '+' : ''}${money(value, currency)}`;
}

function groupDecimal(s: string): string {
  const neg = s.startsWith('-');
  const [i, f] = (neg ? s.slice(1) : s).split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${f !== undefined ? `.${f}` : ''}`;
}

/** 0.05231 → '5.23%' (a fraction as a percent, 2 dp). */
export function pct(x: number): string {
  return `${new Decimal(x).times(100).toFixed(2, Decimal.ROUND_HALF_UP)}%`;
}

/** Signed percent: '+5.23%' / '-1.20%'. */
export function signedPct(x: number): string {
  return `${x >= 0 ? '+' : ''}${pct(x)}`;
}

/** A plain ratio (Sharpe, beta) to 2 dp. */
export function ratio(x: number): string {
  return new Decimal(x).toFixed(2, Decimal.ROUND_HALF_UP);
}

const ASSET_CLASS: Record<string, [string, string]> = {
  equity_cn: ['A股', 'China A-shares'],
  equity_hk: ['港股', 'Hong Kong equities'],
  equity_us: ['美股', 'US equities'],
  bond: ['债券', 'Bonds'],
  fund: ['公募基金', 'Mutual funds'],
  wealth: ['银行理财', 'Bank wealth products'],
  private: ['私募基金', 'Private funds'],
  reit: ['REITs', 'REITs'],
  cash: ['现金', 'Cash'],
  CN: ['中国内地', 'Mainland China'],
  HK: ['中国香港', 'Hong Kong'],
  US: ['美国', 'United States'],
  GLOBAL: ['全球', 'Global'],
};

/** Display label of an asset class / region code; currencies as they are. */
export function label(key: string, lang: Lang): string {
  const l = ASSET_CLASS[key];
  return l ? l[lang === 'zh' ? 0 : 1] : key;
}

const PERIOD: Record<string, [string, string]> = {
  '1M': ['近1个月', 'Last month'],
  '3M': ['近3个月', 'Last 3 months'],
  '6M': ['近6个月', 'Last 6 months'],
  YTD: ['今年以来', 'Year to date'],
  '1Y': ['近1年', 'Last 12 months'],
  '3Y': ['近3年', 'Last 3 years'],
  SI: ['成立以来', 'Since inception'],
};

/** A period key as words: '1Y' → '近1年' / 'Last 12 months'; a calendar year '2025' → '2025年' / 'Year 2025'. */
export function periodLabel(p: string, lang: Lang): string {
  const l = PERIOD[p];
  if (l) return l[lang === 'zh' ? 0 : 1];
  if (/^\d{4}$/.test(p)) return lang === 'zh' ? `${p}年` : `Year ${p}`;
  return p;
}
