/**
 * Money arithmetic with decimal.js: parsing, sums, products, FX conversion through CNY,
 * rounding half-even to 2 dp and formatting. Money never becomes a JS float here; only
 * ratios (weights, returns) leave as numbers, through {@link ratio}.
 */
import { Decimal as DecimalJs } from 'decimal.js';
import { WealthDeskError } from './errors.js';

/** A Decimal class with 40 significant digits and banker's rounding for every operation. */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Decimal = InstanceType<typeof Decimal>;

export type DecimalInput = string | Decimal | bigint | number;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a decimal string (e.g. NUMERIC from the store), a bigint, a safe integer or a
 * Decimal. A non-integer JS number is refused (it would carry binary float error into
 * money); throws WD_ERR_VALIDATION for anything that is not a finite decimal.
 */
export function dec(x: DecimalInput): Decimal {
  if (x instanceof Decimal) return x;
  if (DecimalJs.isDecimal(x)) return new Decimal((x as DecimalJs).toString());
  if (typeof x === 'bigint') return new Decimal(x.toString());
  if (typeof x === 'number') {
    if (!Number.isSafeInteger(x)) {
      throw new WealthDeskError('WD_ERR_VALIDATION', `money must be a decimal string, got float ${x}`);
    }
    return new Decimal(x);
  }
  const s = typeof x === 'string' ? x.trim() : '';
  if (!DECIMAL_RE.test(s)) throw new WealthDeskError('WD_ERR_VALIDATION', `not a decimal: ${String(x).slice(0, 40)}`);
  return new Decimal(s);
}

/** Σ of the inputs (0 for none). */
export function sum(xs: Iterable<DecimalInput>): Decimal {
  let acc = ZERO;
  for (const x of xs) acc = acc.plus(dec(x));
  return acc;
}

/** Product of the inputs (1 for none). */
export function mul(...xs: DecimalInput[]): Decimal {
  let acc = ONE;
  for (const x of xs) acc = acc.times(dec(x));
  return acc;
}

/** Rounds half-even to `dp` decimals (2 for money) and returns the fixed-point string. */
export function roundMoney(x: DecimalInput, dp = 2): string {
  const r = dec(x).toDecimalPlaces(dp, DecimalJs.ROUND_HALF_EVEN);
  const s = r.toFixed(dp);
  return s === `-${(0).toFixed(dp)}` ? (0).toFixed(dp) : s;
}

/** Rounds half-even to `dp` decimals, as a Decimal (for sums of rounded line items). */
export function round2(x: DecimalInput, dp = 2): Decimal {
  return dec(x).toDecimalPlaces(dp, DecimalJs.ROUND_HALF_EVEN);
}

/** a / b as a JS number for weights and returns; 0 when b is 0. */
export function ratio(a: DecimalInput, b: DecimalInput): number {
  const d = dec(b);
  if (d.isZero()) return 0;
  return dec(a).div(d).toNumber();
}

/** Rates to CNY: 1 unit of the currency = rate CNY. CNY is always 1. */
export type FxToCny = Readonly<Record<string, Decimal>>;

/**
 * How many `to` units one `from` unit buys, crossing through CNY
 * (rate_cny(from) / rate_cny(to)). Throws WD_ERR_NOT_FOUND when a rate is missing.
 */
export function fxRate(from: string, to: string, fx: FxToCny): Decimal {
  if (from === to) return ONE;
  const rf = from === 'CNY' ? ONE : fx[from];
  const rt = to === 'CNY' ? ONE : fx[to];
  if (!rf || !rt) throw new WealthDeskError('WD_ERR_NOT_FOUND', `no FX rate for ${rf ? to : from}`);
  return rf.div(rt);
}

/** Converts `amount` from one currency to another through CNY, unrounded. */
export function convert(amount: DecimalInput, from: string, to: string, fx: FxToCny): Decimal {
  if (from === to) return dec(amount);
  const rf = from === 'CNY' ? ONE : fx[from];
  const rt = to === 'CNY' ? ONE : fx[to];
  if (!rf || !rt) throw new WealthDeskError('WD_ERR_NOT_FOUND', `no FX rate for ${rf ? to : from}`);
  // multiply before dividing: exact whenever the target is CNY
  return dec(amount).times(rf).div(rt);
}

const SYMBOL: Record<string, string> = { CNY: '¥', USD: 'US$', HKD: 'HK$' };

/**
 * Formats money for people: currency symbol, grouping commas, 2 dp half-even
 * (`¥1,234.50`, `-US$12.00`). No 万/亿 abbreviation: figures stay exact so the
 * numeric-grounding guard can match them to tool results.
 */
export function formatMoney(amount: DecimalInput, currency: string): string {
  const s = roundMoney(amount);
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${SYMBOL[currency] ?? `${currency} `}${grouped}.${frac}`;
}

/**
 * A float ratio from `quant/` (a return, a VaR fraction) as a Decimal, through its
 * 15-significant-digit string, for multiplying into money. Non-finite → WD_ERR_VALIDATION.
 */
export function fromRatio(x: number): Decimal {
  if (!Number.isFinite(x)) throw new WealthDeskError('WD_ERR_VALIDATION', `not a finite ratio: ${x}`);
  return new Decimal(x.toPrecision(15));
}
