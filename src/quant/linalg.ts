/**
 * Dense linear-algebra kernels for the covariance estimators: column Gram products,
 * pandas-style pairwise covariance, and PyPortfolioOpt's positive-semidefinite repair
 * (a Cholesky test, and spectral clipping with a symmetric eigendecomposition on typed arrays).
 */
import { WealthDeskError } from '../errors.js';
import { symmetricEigen } from './sym-eigen.js';

/** G[i][j] = Σ_t A[i][t]·B[j][t] for column vectors A[i], B[j] (i.e. Aᵀ·B). Symmetric when A === B. */
export function gram(A: readonly Float64Array[], B: readonly Float64Array[]): number[][] {
  const sym = A === B;
  const G: number[][] = A.map(() => new Array<number>(B.length).fill(0));
  for (let i = 0; i < A.length; i++) {
    const a = A[i];
    const T = a.length;
    let j = sym ? i : 0;
    // Four columns of B per pass: each a[t] is loaded once for four dot products.
    for (; j + 3 < B.length; j += 4) {
      const b0 = B[j];
      const b1 = B[j + 1];
      const b2 = B[j + 2];
      const b3 = B[j + 3];
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < T; t++) {
        const x = a[t];
        s0 += x * b0[t];
        s1 += x * b1[t];
        s2 += x * b2[t];
        s3 += x * b3[t];
      }
      G[i][j] = s0;
      G[i][j + 1] = s1;
      G[i][j + 2] = s2;
      G[i][j + 3] = s3;
    }
    for (; j < B.length; j++) {
      const b = B[j];
      let s = 0;
      for (let t = 0; t < T; t++) s += a[t] * b[t];
      G[i][j] = s;
    }
    if (sym) for (let k = i; k < B.length; k++) G[k][i] = G[i][k];
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
  const cov: number[][] = cols.map(() => new Array<number>(n).fill(Number.NaN));
  const counts: number[][] = cols.map(() => new Array<number>(n).fill(0));
  const set = (i: number, j: number, s: number, k: number) => {
    cov[i][j] = cov[j][i] = k - ddof > 0 ? s / (k - ddof) : Number.NaN;
    counts[i][j] = counts[j][i] = k;
  };
  // Pairs of complete columns: one Gram product of the centred columns.
  const full = cols.map((c, j) => j).filter((j) => cols[j].every((v) => !Number.isNaN(v)));
  const centred = full.map((j) => {
    const m = nanMean(cols[j]);
    return cols[j].map((v) => v - m);
  });
  const G = gram(centred, centred);
  full.forEach((i, a) => full.forEach((j, b) => set(i, j, G[a][b], T)));
  // Pairs with a gap: only the shared rows, with the means of those rows.
  const isFull = new Set(full);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      if (isFull.has(i) && isFull.has(j)) continue;
      const a = cols[i];
      const b = cols[j];
      let ma = 0;
      let mb = 0;
      let k = 0;
      for (let t = 0; t < T; t++) {
        if (!Number.isNaN(a[t]) && !Number.isNaN(b[t])) {
          ma += a[t];
          mb += b[t];
          k++;
        }
      }
      ma /= k;
      mb /= k;
      let s = 0;
      for (let t = 0; t < T; t++) {
        if (!Number.isNaN(a[t]) && !Number.isNaN(b[t])) s += (a[t] - ma) * (b[t] - mb);
      }
      set(i, j, s, k);
    }
  }
  return { cov, counts };
}

/**
 * True when Cholesky of m + 1e-16·I succeeds (PyPortfolioOpt `_is_positive_semidefinite`):
 * every pivot positive. Reads the lower triangle only, as LAPACK's potrf under numpy.
 */
export function isPositiveSemidefinite(m: readonly number[][]): boolean {
  if (m.some((row) => row.some((v) => !Number.isFinite(v)))) return false;
  const n = m.length;
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = m[j][j] + 1e-16;
    const rj = j * n;
    for (let k = 0; k < j; k++) d -= L[rj + k] * L[rj + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    L[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = m[i][j];
      for (let k = 0; k < j; k++) s -= L[ri + k] * L[rj + k];
      L[ri + j] = s / ljj;
    }
  }
  return true;
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
  const { values, vectors: Vt, n } = symmetricEigen(m);
  // V·diag(max(λ, 0))·Vᵀ over the kept eigenpairs; Vt holds eigenvectors as rows, so
  // scale row k by √λ_k and form the Gram matrix of the scaled columns.
  const keep: number[] = [];
  for (let k = 0; k < n; k++) if (values[k] > 0) keep.push(k);
  const cols: Float64Array[] = Array.from({ length: n }, () => new Float64Array(keep.length));
  keep.forEach((k, c) => {
    const r = Math.sqrt(values[k]);
    for (let i = 0; i < n; i++) cols[i][c] = Vt[k * n + i] * r;
  });
  return { matrix: gram(cols, cols), fixed: true };
}

/** Matrix–vector product M·v. */
export function matVec(M: readonly number[][], v: readonly number[]): number[] {
  return M.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
}

/** Scales every entry of a matrix by k (new matrix). */
export function scale(M: readonly number[][], k: number): number[][] {
  return M.map((row) => row.map((x) => x * k));
}
