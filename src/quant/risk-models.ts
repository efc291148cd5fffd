/**
 * Covariance estimators, annualized (× frequency, default 252), matching PyPortfolioOpt
 * 1.5.6 `risk_models`: sample_cov, CovarianceShrinkage.ledoit_wolf (three targets) and
 * exp_cov, each followed by `fix_nonpositive_semidefinite(spectral)`.
 */
import { WealthDeskError } from '../errors.js';
import { fixNonPositiveSemidefinite, gram, nanMean, pairwiseCov, scale } from './linalg.js';
import type { PriceTable } from './price-table.js';
import { returnColumns, simpleReturns } from './returns.js';
import { ewmLast } from './stats.js';

export type ShrinkageTarget = 'constant_variance' | 'single_factor' | 'constant_correlation';

function frequencyOf(o: { frequency?: number }): number {
  const f = o.frequency ?? 252;
  if (!(Number.isFinite(f) && f > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `frequency must be > 0, got ${f}`);
  return f;
}

function checkCov(cov: number[][], tickers: readonly string[]): void {
  for (let i = 0; i < cov.length; i++) {
    for (let j = i; j < cov.length; j++) {
      if (!Number.isFinite(cov[i][j])) {
        throw new WealthDeskError(
          'WD_ERR_QUANT_INPUT',
          i === j
            ? `ticker ${tickers[i]} has fewer than 2 returns`
            : `tickers ${tickers[i]} and ${tickers[j]} share fewer than 2 return dates`,
        );
      }
    }
  }
}

/**
 * Daily sample covariance from pairwise-complete observations (ddof 1, pandas
 * `DataFrame.cov`), × frequency, made PSD when needed. `frequency: 1` gives the daily matrix.
 *
 * @throws WD_ERR_QUANT_INPUT when a pair of tickers shares fewer than 2 return dates.
 */
export function sampleCov(t: PriceTable, o: { frequency?: number } = {}): number[][] {
  const f = frequencyOf(o);
  const { cov } = pairwiseCov(returnColumns(simpleReturns(t)), 1);
  checkCov(cov, t.tickers);
  return fixNonPositiveSemidefinite(scale(cov, f)).matrix;
}

/** Returns with missing values as 0 (numpy `nan_to_num`), then column-demeaned. */
function demeanedZeroFilled(cols: Float64Array[]): Float64Array[] {
  return cols.map((col) => {
    const c = col.map((v) => (Number.isNaN(v) ? 0 : v));
    const m = nanMean(c);
    return c.map((v) => v - m);
  });
}

/** Python's max(0, min(1, x)): NaN (e.g. one asset, nothing to shrink) becomes 1, as in PyPortfolioOpt. */
function clampShrinkage(x: number): number {
  const m = x < 1 ? x : 1;
  return m > 0 ? m : 0;
}

const sumAll = (M: number[][]): number => M.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);

/** scikit-learn `ledoit_wolf(X)` (target: scaled identity) on the zero-filled returns. */
function lwConstantVariance(Xm: Float64Array[], T: number): number[][] {
  const n = Xm.length;
  const XtX = gram(Xm, Xm);
  const emp = scale(XtX, 1 / T);
  if (n === 1) return emp;
  const X2 = Xm.map((c) => c.map((v) => v * v));
  const trace = emp.reduce((s, row, i) => s + row[i], 0);
  const mu = trace / n;
  const betaSum = sumAll(gram(X2, X2));
  const deltaSum = XtX.reduce((s, row) => s + row.reduce((a, b) => a + b * b, 0), 0) / (T * T);
  let beta = (1 / (n * T)) * (betaSum / T - deltaSum);
  const delta = (deltaSum - 2 * mu * trace + n * mu * mu) / n;
  beta = Math.min(beta, delta);
  const shrinkage = beta === 0 ? 0 : beta / delta;
  return emp.map((row, i) => row.map((v, j) => (1 - shrinkage) * v + (i === j ? shrinkage * mu : 0)));
}

/** Ledoit & Wolf (2001), Sharpe single-factor target; PyPortfolioOpt `_ledoit_wolf_single_factor`. */
function lwSingleFactor(Xm: Float64Array[], T: number): number[][] {
  const n = Xm.length;
  // The market is the row mean of the *demeaned* returns (as in PyPortfolioOpt 1.5.x).
  const xmkt = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Xm[i][t];
    xmkt[t] = s / n;
  }
  const mm = nanMean(xmkt);
  const mktC = xmkt.map((v) => v - mm);
  const sample = scale(gram(Xm, Xm), 1 / T);
  const betas = gram(Xm, [mktC]).map((row) => row[0] / T);
  const varmkt = gram([mktC], [mktC])[0][0] / T;
  const F = betas.map((bi, i) => betas.map((bj, j) => (i === j ? sample[i][i] : (bi * bj) / varmkt)));
  let c = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c += (sample[i][j] - F[i][j]) ** 2;
  const y = Xm.map((col) => col.map((v) => v * v));
  const p = sumAll(gram(y, y)) / T - sample.reduce((s, row) => s + row.reduce((a, b) => a + b * b, 0), 0);
  let rdiag = 0;
  for (const col of y) for (const v of col) rdiag += v * v;
  rdiag = rdiag / T - sample.reduce((s, row, i) => s + row[i] * row[i], 0);
  const z = Xm.map((col) => col.map((v, t) => v * xmkt[t]));
  const yz = gram(y, z);
  const zz = gram(z, z);
  let roff1 = 0;
  let roff3 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v1 = yz[i][j] / T - betas[i] * sample[i][j];
      roff1 += v1 * betas[j];
      const v3 = zz[i][j] / T - varmkt * sample[i][j];
      roff3 += v3 * betas[i] * betas[j];
    }
  }
  const roff = (2 * roff1) / varmkt - roff3 / (varmkt * varmkt);
  const k = (p - (rdiag + roff)) / c;
  const delta = clampShrinkage(k / T);
  return sample.map((row, i) => row.map((v, j) => delta * F[i][j] + (1 - delta) * v));
}

/** Ledoit & Wolf (2003), constant-correlation target; PyPortfolioOpt `_ledoit_wolf_constant_correlation`. */
function lwConstantCorrelation(S: number[][], Xm: Float64Array[], T: number): number[][] {
  const n = S.length;
  const v = S.map((row, i) => row[i]);
  const sd = v.map(Math.sqrt);
  let corrSum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) corrSum += S[i][j] / (sd[i] * sd[j]);
  const rBar = (corrSum - n) / (n * (n - 1));
  const F = S.map((row, i) => row.map((_, j) => (i === j ? v[i] : rBar * sd[i] * sd[j])));
  if (n === 1) return S; // no correlation to shrink; PyPortfolioOpt's delta is 1 with F = S
  const y = Xm.map((col) => col.map((x) => x * x));
  const yy = gram(y, y);
  const help = scale(gram(Xm, Xm), 1 / T);
  const x3 = Xm.map((col) => col.map((x) => x * x * x));
  const term1 = gram(x3, Xm);
  let piHat = 0;
  let piDiag = 0;
  let thetaSum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const pi = yy[i][j] / T - 2 * help[i][j] * S[i][j] + S[i][j] * S[i][j];
      piHat += pi;
      if (i === j) {
        piDiag += pi;
        continue;
      }
      const theta = term1[i][j] / T - help[i][i] * S[i][j] - help[i][j] * v[i] + v[i] * S[i][j];
      thetaSum += (sd[j] / sd[i]) * theta;
    }
  }
  const rhoHat = piDiag + rBar * thetaSum;
  let gamma = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) gamma += (S[i][j] - F[i][j]) ** 2;
  const delta = clampShrinkage((piHat - rhoHat) / gamma / T);
  return S.map((row, i) => row.map((s, j) => delta * F[i][j] + (1 - delta) * s));
}

/**
 * Ledoit–Wolf shrinkage covariance, × frequency, made PSD when needed, exactly as
 * PyPortfolioOpt `CovarianceShrinkage(prices).ledoit_wolf(target)`:
 * - `constant_variance` (default): scikit-learn's `ledoit_wolf` towards μ·I on returns
 *   with missing values set to 0;
 * - `single_factor`: Ledoit & Wolf (2001), equal-weighted market factor;
 * - `constant_correlation`: Ledoit & Wolf (2003), around the pairwise sample covariance.
 */
export function ledoitWolf(t: PriceTable, o: { frequency?: number; target?: ShrinkageTarget } = {}): number[][] {
  const f = frequencyOf(o);
  const target = o.target ?? 'constant_variance';
  const cols = returnColumns(simpleReturns(t));
  const T = cols.length === 0 ? 0 : cols[0].length;
  if (T < 2) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'ledoitWolf needs at least 2 return dates');
  const Xm = demeanedZeroFilled(cols);
  let raw: number[][];
  if (target === 'constant_variance') raw = lwConstantVariance(Xm, T);
  else if (target === 'single_factor') raw = lwSingleFactor(Xm, T);
  else if (target === 'constant_correlation') {
    const { cov } = pairwiseCov(cols, 1);
    checkCov(cov, t.tickers);
    raw = lwConstantCorrelation(cov, Xm, T);
  } else throw new WealthDeskError('WD_ERR_QUANT_INPUT', `unknown shrinkage target "${String(target)}"`);
  return fixNonPositiveSemidefinite(scale(raw, f)).matrix;
}

/**
 * Exponentially weighted covariance, PyPortfolioOpt `exp_cov`: for each pair, the
 * covariation (xₜ − x̄)(yₜ − ȳ) (each mean over that asset's own returns) averaged with
 * pandas `ewm(span).mean()` at the last date, × frequency, made PSD. Default span 180.
 */
export function expCov(t: PriceTable, o: { span?: number; frequency?: number } = {}): number[][] {
  const f = frequencyOf(o);
  const span = o.span ?? 180;
  const cols = returnColumns(simpleReturns(t));
  const centred = cols.map((c) => {
    const m = nanMean(c);
    return c.map((v) => v - m);
  });
  const n = cols.length;
  const S: number[][] = cols.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const a = centred[i];
      const b = centred[j];
      S[i][j] = S[j][i] = ewmLast(Array.from(a, (x, k) => x * b[k]), span) * f;
    }
  }
  checkCov(S, t.tickers);
  return fixNonPositiveSemidefinite(S).matrix;
}

/**
 * Semicovariance (downside covariance), PyPortfolioOpt `semicovariance`: with dₜ =
 * min(rₜ − benchmark, 0) per asset (a missing return counts as no shortfall, numpy `fmin`),
 * S = DᵀD / T × frequency over all T return dates, made PSD. `benchmark` is the daily
 * threshold, default 0.000079 (≈ 2 % a year), as upstream.
 */
export function semicovariance(t: PriceTable, o: { benchmark?: number; frequency?: number } = {}): number[][] {
  const f = frequencyOf(o);
  const b = o.benchmark ?? 0.000079;
  if (!Number.isFinite(b)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `benchmark must be finite, got ${b}`);
  const drops = returnColumns(simpleReturns(t)).map((c) => c.map((v) => (Number.isNaN(v) ? 0 : Math.min(v - b, 0))));
  const T = drops.length === 0 ? 0 : drops[0].length;
  if (T < 1) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'semicovariance needs at least 1 return date');
  return fixNonPositiveSemidefinite(scale(gram(drops, drops), f / T)).matrix;
}

/** Correlation matrix from a covariance matrix: C[i][j] = Σ[i][j] / (σᵢσⱼ). */
export function covToCorr(cov: number[][]): number[][] {
  const sd = cov.map((row, i) => Math.sqrt(row[i]));
  sd.forEach((s, i) => {
    if (!(s > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `covToCorr: variance ${i} is not positive`);
  });
  return cov.map((row, i) => row.map((v, j) => v / (sd[i] * sd[j])));
}
