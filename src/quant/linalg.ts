/**
 * Dense linear-algebra kernels for the covariance estimators: column Gram products,
 * pandas-style pairwise covariance, and PyPortfolioOpt's positive-semidefinite repair
 * (Cholesky test and spectral clipping via ml-matrix).
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { WealthDeskError } from '../errors.js';

/** G[i][j] = Σ_t A[i][t]·B[j][t] for column vectors A[i], B[j] (i.e. Aᵀ·B). Symmetric when A === B. */
export function gram(A: readonly Float64Array[], B: readonly Float64Array[]): number[][] {
  const sym = A === B;
  const G: number[][] = A.map(() => new Array<number>(B.length).fill(0));
  for (let i = 0; i < A.length; i++) {
    const a = A[i];
    for (let j = sym ? i : 0; j < B.length; j++) {
      const b = B[j];
      let s = 0;
      for (let t = 0; t < a.length; t++) s += a[t] * b[t];
      G[i][j] = s;
      if (sym) G[j][i] = s;
    }
  }
  return G;
}

/** Column mean over the non-NaN values; NaN when there are none. */
export function nanMean(x: Float64Array): number {
  let s = 0;
  let n = 0;
  for (let t = 0; t < x.length; t++) {
    if (!Number.isNaN(x[t])) {
      s += x[t];
      n++;
    }
  }
  return n === 0 ? Number.NaN : s / n;
}

/**
 * Pairwise-complete covariance of columns with NaN for missing values, as pandas
 * `DataFrame.cov(ddof)`: for each pair, only rows where both are present, with the means of
 * those rows. Entries with fewer than ddof+1 shared rows are NaN. `counts[i][j]` is the
 * number of shared rows.
 */
export function pairwiseCov(cols: readonly Float64Array[], ddof = 1): { cov: number[][]; counts: number[][] } {
  const n = cols.length;
  const T = n === 0 ? 0 : cols[0].length;
  const complete = cols.map((c) => c.every((v) => !Number.isNaN(v)));
  const centred = cols.map((c, j) => {
    if (!complete[j]) return c;
    const m = nanMean(c);
    return c.map((v) => v - m);
  });
  const cov: number[][] = cols.map(() => new Array<number>(n).fill(Number.NaN));
  const counts: number[][] = cols.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      let k = T;
      if (complete[i] && complete[j]) {
        const a = centred[i];
        const b = centred[j];
        for (let t = 0; t < T; t++) s += a[t] * b[t];
      } else {
        const a = cols[i];
        const b = cols[j];
        let ma = 0;
        let mb = 0;
        k = 0;
        for (let t = 0; t < T; t++) {
          if (!Number.isNaN(a[t]) && !Number.isNaN(b[t])) {
            ma += a[t];
            mb += b[t];
            k++;
          }
        }
        ma /= k;
        mb /= k;
        for (let t = 0; t < T; t++) {
          if (!Number.isNaN(a[t]) && !Number.isNaN(b[t])) s += (a[t] - ma) * (b[t] - mb);
        }
      }
      const v = k - ddof > 0 ? s / (k - ddof) : Number.NaN;
      cov[i][j] = cov[j][i] = v;
      counts[i][j] = counts[j][i] = k;
    }
  }
  return { cov, counts };
}

/** True when Cholesky of m + 1e-16·I succeeds (PyPortfolioOpt `_is_positive_semidefinite`). */
export function isPositiveSemidefinite(m: readonly number[][]): boolean {
  if (m.some((row) => row.some((v) => !Number.isFinite(v)))) return false;
  // Like LAPACK's potrf (numpy), read only the lower triangle.
  const a = new Matrix(m.map((row, i) => row.map((_, j) => (j <= i ? m[i][j] : m[j][i]))));
  for (let i = 0; i < a.rows; i++) a.set(i, i, a.get(i, i) + 1e-16);
  return new CholeskyDecomposition(a).isPositiveDefinite();
}

/**
 * PyPortfolioOpt `fix_nonpositive_semidefinite(method="spectral")`: returns `m` unchanged
 * when it passes {@link isPositiveSemidefinite}, else V·diag(max(λ, 0))·Vᵀ from the
 * symmetric eigendecomposition.
 */
export function fixNonPositiveSemidefinite(m: number[][]): { matrix: number[][]; fixed: boolean } {
  if (m.some((row) => row.some((v) => !Number.isFinite(v)))) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'covariance is not finite (is a ticker\'s price constant?)');
  }
  if (isPositiveSemidefinite(m)) return { matrix: m, fixed: false };
  const evd = new EigenvalueDecomposition(new Matrix(m.map((row, i) => row.map((_, j) => (j <= i ? m[i][j] : m[j][i])))), {
    assumeSymmetric: true,
  });
  const V = evd.eigenvectorMatrix;
  const q = evd.realEigenvalues.map((l) => (l > 0 ? l : 0));
  const n = m.length;
  const out: number[][] = m.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += V.get(i, k) * q[k] * V.get(j, k);
      out[i][j] = out[j][i] = s;
    }
  }
  return { matrix: out, fixed: true };
}

/** Matrix–vector product M·v. */
export function matVec(M: readonly number[][], v: readonly number[]): number[] {
  return M.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
}

/** Scales every entry of a matrix by k (new matrix). */
export function scale(M: readonly number[][], k: number): number[][] {
  return M.map((row) => row.map((x) => x * k));
}
