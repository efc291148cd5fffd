import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { fixNonPositiveSemidefinite, isPositiveSemidefinite } from './linalg.js';
import { createRng } from './random.js';
import { symmetricEigen } from './sym-eigen.js';

/** A symmetric matrix with both signs of eigenvalues (and a repeated one). */
function randomSymmetric(n: number, seed: number): number[][] {
  const rng = createRng(seed);
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i]![j] = a[j]![i] = rng.normal();
  return a;
}

describe('symmetricEigen', () => {
  it('gives A·v = λ·v with orthonormal vectors, eigenvalues equal to ml-matrix\'s', () => {
    for (const [n, seed] of [[1, 1], [2, 2], [7, 3], [80, 4]] as const) {
      const a = randomSymmetric(n, seed);
      const { values, vectors } = symmetricEigen(a);
      const ref = new EigenvalueDecomposition(new Matrix(a), { assumeSymmetric: true }).realEigenvalues.sort((p, q) => p - q);
      ref.forEach((l, k) => expect(Math.abs(values[k]! - l)).toBeLessThan(1e-11 * (1 + Math.abs(l))));
      for (let k = 0; k < n; k++) {
        const v = vectors.subarray(k * n, k * n + n);
        for (let i = 0; i < n; i++) {
          const av = a[i]!.reduce((s, x, j) => s + x * v[j]!, 0);
          expect(Math.abs(av - values[k]! * v[i]!)).toBeLessThan(1e-11 * n);
        }
        for (let q = k; q < n; q++) {
          let dot = 0;
          for (let i = 0; i < n; i++) dot += v[i]! * vectors[q * n + i]!;
          expect(Math.abs(dot - (q === k ? 1 : 0))).toBeLessThan(1e-12 * n);
        }
      }
      for (let k = 1; k < n; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
    }
  });

  it('handles diagonal, zero and repeated-eigenvalue matrices', () => {
    expect(Array.from(symmetricEigen([[3, 0], [0, -1]]).values)).toEqual([-1, 3]);
    expect(Array.from(symmetricEigen([[0, 0], [0, 0]]).values)).toEqual([0, 0]);
    const ones = symmetricEigen(Array.from({ length: 5 }, () => new Array<number>(5).fill(1))).values;
    [0, 0, 0, 0].forEach((z, k) => expect(Math.abs(ones[k]! - z)).toBeLessThan(1e-14));
    expect(ones[4]!).toBeCloseTo(5, 13);
  });
});

describe('fixNonPositiveSemidefinite (spectral) on the fast eigen solver', () => {
  it('equals V·max(Λ,0)·Vᵀ from ml-matrix and is PSD', () => {
    const a = randomSymmetric(60, 9);
    const { matrix, fixed } = fixNonPositiveSemidefinite(a);
    expect(fixed).toBe(true);
    const evd = new EigenvalueDecomposition(new Matrix(a), { assumeSymmetric: true });
    const V = evd.eigenvectorMatrix;
    const q = evd.realEigenvalues.map((l) => Math.max(l, 0));
    const want = V.mmul(Matrix.diag(q)).mmul(V.transpose());
    for (let i = 0; i < 60; i++) for (let j = 0; j < 60; j++) expect(Math.abs(matrix[i]![j]! - want.get(i, j))).toBeLessThan(1e-12);
    // Clipping leaves zero eigenvalues: PSD to rounding (the Cholesky test adds 1e-16·I).
    const min = symmetricEigen(matrix).values[0]!;
    expect(min).toBeGreaterThan(-1e-12);
    expect(isPositiveSemidefinite(a)).toBe(false);
  });
});
