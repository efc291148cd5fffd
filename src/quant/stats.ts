/**
 * Small descriptive statistics shared by the quant modules. Pure functions over
 * plain arrays; they match numpy's definitions where a numpy name is given.
 */
import { WealthDeskError } from '../errors.js';

/** Arithmetic mean; NaN for an empty array. */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Variance with `ddof` delta degrees of freedom (numpy `var(ddof=…)`, two-pass). */
export function variance(xs: readonly number[], ddof = 1): number {
  const n = xs.length;
  if (n - ddof <= 0) return Number.NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (n - ddof);
}

/** Standard deviation with `ddof` (default 1, as pandas / empyrical `nanstd(ddof=1)`). */
export function std(xs: readonly number[], ddof = 1): number {
  return Math.sqrt(variance(xs, ddof));
}

/**
 * The q-th percentile (0 ≤ q ≤ 100) with numpy's default "linear" interpolation:
 * position h = (n−1)·q/100 between the sorted values ⌊h⌋ and ⌈h⌉.
 */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'percentile of an empty series');
  if (!(q >= 0 && q <= 100)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `percentile must be in [0, 100], got ${q}`);
  const sorted = Float64Array.from(xs).sort();
  return percentileOfSorted(sorted, q);
}

/** {@link percentile} on values already sorted ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * (q / 100); // numpy: (n − 1) · (q/100)
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const frac = h - lo;
  // numpy's _lerp: a + (b − a)·t, switching form when t ≥ 0.5 for exactness at the ends.
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return frac >= 0.5 ? b - diff * (1 - frac) : a + diff * frac;
}

/**
 * Exponentially weighted mean at the last position, as pandas
 * `Series.ewm(span=span).mean().iloc[-1]` (adjust=True, ignore_na=False): observation i of
 * n gets weight (1−α)^(n−1−i) with α = 2/(span+1); missing values (null/NaN) are skipped
 * but still count as elapsed steps. NaN when there is no observation.
 */
export function ewmLast(xs: readonly (number | null)[], span: number): number {
  if (!(span >= 1)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `span must be ≥ 1, got ${span}`);
  const decay = 1 - 2 / (span + 1);
  let num = 0;
  let den = 0;
  let w = 1;
  for (let i = xs.length - 1; i >= 0; i--) {
    const x = xs[i];
    if (x !== null && !Number.isNaN(x)) {
      num += w * x;
      den += w;
    }
    w *= decay;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

function poly(coeffs: readonly number[], x: number): number {
  let v = 0;
  for (let i = coeffs.length - 1; i >= 0; i--) v = v * x + coeffs[i];
  return v;
}

// Wichura (1988), algorithm AS 241 (PPND16): about 16 significant digits.
const A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

/** Inverse of the standard normal CDF, Φ⁻¹(p) for 0 < p < 1 (AS 241). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `normal quantile needs 0 < p < 1, got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    z = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -z : z;
}

/** Throws WD_ERR_QUANT_INPUT unless every value is a finite number. */
export function assertFinite(xs: readonly number[], what: string): void {
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) {
      throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${what}[${i}] is not a finite number (${xs[i]})`);
    }
  }
}

/** Mean of the sorted values at or below `q` (the CVaR tail: mean of returns ≤ VaR). */
export function tailMean(sorted: Float64Array, q: number): number {
  let s = 0;
  let n = 0;
  for (const r of sorted) {
    if (r > q) break;
    s += r;
    n++;
  }
  return s / n;
}
