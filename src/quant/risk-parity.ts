/**
 * Risk parity: the long-only, fully invested portfolio whose risk contributions
 * RC_i = w_i (Σw)_i / (wᵀΣw) equal given budgets b_i (equal risk contribution when no
 * budgets are given).
 *
 * Method: the convex program of Spinu (2013), min ½ yᵀΣy − Σ b_i ln y_i over y > 0, whose
 * unique minimiser normalised (w = y / Σy) is the risk-budgeting portfolio. Cyclical
 * coordinate descent (Griveau-Billion, Richard & Roncalli 2013: each coordinate has a closed
 * form) gets close cheaply; Newton steps with the Hessian Σ + diag(b/y²) (a Cholesky solve)
 * then polish to the requested tolerance on the risk-contribution residual.
 */
import { WealthDeskError } from '../errors.js';

export interface RiskParityOptions {
  /** Risk budgets, one per asset, positive; normalised to sum to 1. Default equal. */
  budgets?: number[];
  /** Target max |RC_i − b_i| (contributions as fractions of variance). Default 1e-10. */
  tol?: number;
  /** Iteration cap for the coordinate-descent sweeps plus Newton steps. Default 10 000. */
  maxIter?: number;
}

export interface RiskParityResult {
  /** Weights, ≥ 0, summing to 1, in the covariance's asset order. */
  weights: number[];
  /** Fractional risk contributions RC_i (sum to 1). */
  riskContributions: number[];
  /** Coordinate-descent sweeps + Newton steps used. */
  iterations: number;
}

/**
 * Solves A·x = b for a symmetric positive-definite A by a dense Cholesky factorisation on
 * typed arrays (ml-matrix's element accessors cost ~5× at 500 assets). Returns null when A
 * is not positive definite.
 */
export function choleskySolve(A: readonly (readonly number[])[] | Float64Array[], b: readonly number[]): number[] | null {
  const n = b.length;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const Ai = A[i];
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = Ai[j];
      for (let k = 0; k < j; k++) s -= L[ri + k] * L[rj + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[ri + i] = Math.sqrt(s);
      } else {
        L[ri + j] = s / L[rj + j];
      }
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    const ri = i * n;
    for (let k = 0; k < i; k++) s -= L[ri + k] * y[k];
    y[i] = s / L[ri + i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** Validates a square, symmetric, finite covariance with a positive diagonal. */
export function assertCovariance(cov: number[][], what = 'covariance'): void {
  const n = cov.length;
  if (n === 0) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${what} is empty`);
  for (let i = 0; i < n; i++) {
    if (!Array.isArray(cov[i]) || cov[i].length !== n) {
      throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${what} must be square (${n}×${n}); row ${i} has ${cov[i]?.length}`);
    }
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(cov[i][j])) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${what}[${i}][${j}] is not finite`);
    }
    if (!(cov[i][i] > 0)) throw new WealthDeskError('WD_ERR_SINGULAR_COVARIANCE', `${what} has a non-positive variance at index ${i}`);
  }
}

function contributions(cov: number[][], w: number[]): { rc: number[]; variance: number } {
  const n = w.length;
  const sw = new Array<number>(n).fill(0);
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const row = cov[i];
    let s = 0;
    for (let j = 0; j < n; j++) s += row[j] * w[j];
    sw[i] = s;
    variance += w[i] * s;
  }
  return { rc: w.map((wi, i) => (wi * sw[i]) / variance), variance };
}

function residual(rc: number[], b: number[]): number {
  let m = 0;
  for (let i = 0; i < rc.length; i++) m = Math.max(m, Math.abs(rc[i] - b[i]));
  return m;
}

/**
 * Risk-budgeting portfolio for covariance `cov` (any consistent units, e.g. annualised).
 * Throws WD_ERR_QUANT_INPUT on bad input and WD_ERR_SOLVER when the tolerance is not reached.
 */
export function riskParity(cov: number[][], o: RiskParityOptions = {}): RiskParityResult {
  assertCovariance(cov);
  const n = cov.length;
  const tol = o.tol ?? 1e-10;
  const maxIter = o.maxIter ?? 10_000;
  const raw = o.budgets ?? new Array<number>(n).fill(1);
  if (raw.length !== n) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `budgets has ${raw.length} entries for ${n} assets`);
  if (raw.some((x) => !(x > 0) || !Number.isFinite(x))) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'risk budgets must be positive and finite');
  const bSum = raw.reduce((a, x) => a + x, 0);
  const b = raw.map((x) => x / bSum);

  // Start: inverse-volatility scaled by √b (exact when assets are uncorrelated).
  const y = b.map((bi, i) => Math.sqrt(bi) / Math.sqrt(cov[i][i]));
  // Σy maintained incrementally for O(n) coordinate updates.
  const sy = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sy[i] += cov[i][j] * y[j];

  let iterations = 0;
  const normalise = (): number[] => {
    const s = y.reduce((a, x) => a + x, 0);
    return y.map((x) => x / s);
  };
  // Coordinate descent to a loose tolerance (or a sweep budget), then Newton.
  const cdTol = Math.max(tol, 1e-5);
  const sweepCap = Math.min(maxIter, 60);
  for (let sweep = 0; sweep < sweepCap; sweep++) {
    iterations++;
    for (let i = 0; i < n; i++) {
      const sii = cov[i][i];
      const c = sy[i] - sii * y[i];
      const yi = (-c + Math.sqrt(c * c + 4 * sii * b[i])) / (2 * sii);
      const d = yi - y[i];
      if (d !== 0) {
        // Σ is symmetric: read row i (contiguous) rather than column i.
        const row = cov[i];
        for (let k = 0; k < n; k++) sy[k] += row[k] * d;
        y[i] = yi;
      }
    }
    if (sweep % 5 === 4 && residual(contributions(cov, normalise()).rc, b) < cdTol) break;
  }

  let w = normalise();
  let res = residual(contributions(cov, w).rc, b);
  // Newton converges quadratically, so aim well below tol (one extra step is cheap) and
  // stop when an undamped step no longer improves: that is machine precision.
  const aim = tol * 1e-3;
  while (res > aim && iterations < maxIter) {
    iterations++;
    // Newton on f(y) = ½yᵀΣy − Σ b ln y: g = Σy − b/y, H = Σ + diag(b/y²).
    const g = y.map((yi, i) => {
      let s = 0;
      for (let j = 0; j < n; j++) s += cov[i][j] * y[j];
      return s - b[i] / yi;
    });
    const H = cov.map((row, i) => {
      const r = Float64Array.from(row);
      r[i] += b[i] / (y[i] * y[i]);
      return r;
    });
    const step = choleskySolve(H, g);
    if (step === null) throw new WealthDeskError('WD_ERR_SINGULAR_COVARIANCE', 'covariance is not positive definite');
    // Damped step keeping y > 0 (the log barrier forbids leaving the orthant).
    let t = 1;
    for (let i = 0; i < n; i++) if (step[i] > 0) t = Math.min(t, (0.99 * y[i]) / step[i]);
    for (let i = 0; i < n; i++) y[i] -= t * step[i];
    w = normalise();
    const next = residual(contributions(cov, w).rc, b);
    if (!(next < res) && t === 1) {
      if (next < res) res = next;
      break; // no progress: machine precision
    }
    res = next;
  }
  if (!(res <= tol)) {
    throw new WealthDeskError('WD_ERR_SOLVER', `risk parity did not reach tolerance ${tol} (residual ${res.toExponential(2)})`, {
      details: { residual: res, iterations },
    });
  }
  const { rc } = contributions(cov, w);
  return { weights: w, riskContributions: rc, iterations };
}
