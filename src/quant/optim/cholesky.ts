/**
 * A lower-triangular Cholesky factor `L` of the Hessian restricted to the active solver's
 * free variables, kept up to date as variables join (append a row, O(k²)) and leave
 * (delete a row and column, then a rank-one update of the trailing block, O(k²)).
 * Storage is row-major with a fixed stride so no reallocation happens during a solve.
 */
export class UpdatableCholesky {
  readonly L: Float64Array;
  size = 0;
  private readonly work: Float64Array;

  constructor(readonly capacity: number) {
    this.L = new Float64Array(capacity * capacity);
    this.work = new Float64Array(capacity);
  }

  /**
   * Appends a variable whose Hessian column (restricted to the current free set, in factor
   * order) is `col` and diagonal `diag`. Returns false when the new pivot is not positive
   * (the restricted Hessian would be singular), leaving the factor unchanged.
   */
  append(col: Float64Array, diag: number): boolean {
    const { L, capacity: s } = this;
    const k = this.size;
    const row = k * s;
    let sum = 0;
    for (let i = 0; i < k; i++) {
      let v = col[i]!;
      const ri = i * s;
      for (let j = 0; j < i; j++) v -= L[ri + j]! * L[row + j]!;
      v /= L[ri + i]!;
      L[row + i] = v;
      sum += v * v;
    }
    const d2 = diag - sum;
    if (!(d2 > 1e-13 * Math.abs(diag)) || !(d2 > 0)) return false;
    L[row + k] = Math.sqrt(d2);
    this.size = k + 1;
    return true;
  }

  /** Removes the variable at factor position `k`. */
  remove(k: number): void {
    const { L, capacity: s, work: v } = this;
    const m = this.size;
    // Shift rows below k up one, dropping column k (kept aside in v).
    let cnt = 0;
    for (let i = k + 1; i < m; i++) {
      const src = i * s;
      const dst = (i - 1) * s;
      for (let j = 0; j < k; j++) L[dst + j] = L[src + j]!;
      v[cnt++] = L[src + k]!;
      for (let j = k + 1; j <= i; j++) L[dst + j - 1] = L[src + j]!;
    }
    // Rank-one update of the trailing block (positions k..m-2) with v.
    for (let i = 0; i < cnt; i++) {
      const ii = (k + i) * s + (k + i);
      const lii = L[ii]!;
      const r = Math.hypot(lii, v[i]!);
      const c = r / lii;
      const sn = v[i]! / lii;
      L[ii] = r;
      for (let j = i + 1; j < cnt; j++) {
        const idx = (k + j) * s + (k + i);
        const lji = (L[idx]! + sn * v[j]!) / c;
        L[idx] = lji;
        v[j] = c * v[j]! - sn * lji;
      }
    }
    this.size = m - 1;
  }

  /** Solves L y = b in place (b has `size` entries). */
  forward(b: Float64Array): void {
    const { L, capacity: s } = this;
    for (let i = 0; i < this.size; i++) {
      let v = b[i]!;
      const ri = i * s;
      for (let j = 0; j < i; j++) v -= L[ri + j]! * b[j]!;
      b[i] = v / L[ri + i]!;
    }
  }

  /** Solves Lᵀ x = b in place. */
  backward(b: Float64Array): void {
    const { L, capacity: s } = this;
    for (let i = this.size - 1; i >= 0; i--) {
      const v = b[i]! / L[i * s + i]!;
      b[i] = v;
      if (v !== 0) for (let j = 0; j < i; j++) b[j] = b[j]! - L[i * s + j]! * v;
    }
  }
}
