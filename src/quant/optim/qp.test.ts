import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { activeSolverWorkers, optimize, solveInWorker, solveQp, type OptimizeProblem, type QpRow } from './index.js';
import { factorProblem } from '../../../bench/optimize.bench-data.js';

const require = createRequire(import.meta.url);
const quadprog = require('quadprog') as {
  solveQP: (...a: unknown[]) => { solution: number[]; message: string };
};

/**
 * min ½xᵀΣx − μᵀx on 0 ≤ x ≤ ub, Σx = 1 with many redundant rows through the same vertex:
 * every adjacent pair x_i + x_{i+1} ≤ 2·ub (tight whenever both sit at ub), the budget
 * repeated as an inequality, and each bound repeated as a row. Degenerate by construction.
 */
function degenerate(n: number, seed: number) {
  const { mu, cov } = factorProblem(n, seed);
  const ub = 2.5 / n;
  const rows: QpRow[] = [{ a: new Float64Array(n).fill(1), lo: 1, hi: 1 }];
  rows.push({ a: new Float64Array(n).fill(1), lo: -Infinity, hi: 1 });
  for (let i = 0; i + 1 < n; i++) {
    const a = new Float64Array(n);
    a[i] = 1;
    a[i + 1] = 1;
    rows.push({ a, lo: 0, hi: 2 * ub });
  }
  for (let i = 0; i < n; i++) {
    const a = new Float64Array(n);
    a[i] = 1;
    rows.push({ a, lo: 0, hi: ub });
  }
  // Large μ pushes many weights to ub, where the redundant rows are all active.
  const g = Float64Array.from(mu, (m) => -4 * m);
  return { n, H: Float64Array.from(cov.flat()), g, lb: new Float64Array(n), ub: new Float64Array(n).fill(ub), rows, cov, mu };
}

/** The same problem (bounds and budget only: the other rows are redundant) by Goldfarb–Idnani. */
function reference(cov: number[][], g: Float64Array, ub: number): number[] {
  const n = cov.length;
  const D = [[], ...cov.map((r) => [undefined, ...r])];
  const d = [undefined, ...Array.from(g, (v) => -v)];
  const A: unknown[][] = [[]];
  for (let i = 0; i < n; i++) {
    const col: unknown[] = [undefined, 1];
    for (let j = 0; j < n; j++) col.push(i === j ? 1 : 0);
    for (let j = 0; j < n; j++) col.push(i === j ? -1 : 0);
    A.push(col);
  }
  const b = [undefined, 1, ...new Array(n).fill(0), ...new Array(n).fill(-ub)];
  const r = quadprog.solveQP(D, d, A, b, 1);
  expect(r.message).toBe('');
  return r.solution.slice(1);
}

describe('active-set QP: anti-cycling', () => {
  it("Bland's rule (from the first iteration, and after degenerate steps) reaches the reference optimum on degenerate problems", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const q = degenerate(12 + seed * 3, seed);
      const ref = reference(q.cov, q.g, q.ub[0]!);
      for (const blandAfter of [0, 1, undefined]) {
        const s = solveQp({ ...q, blandAfter });
        ref.forEach((v, i) => expect(Math.abs(s.x[i]! - v)).toBeLessThan(1e-9));
        // Some redundant rows sit exactly at their bound at the solution (the degeneracy).
        const tight = q.rows.slice(2).filter((r) => {
          let s2 = 0;
          for (let i = 0; i < q.n; i++) s2 += r.a[i]! * s.x[i]!;
          return Math.abs(s2 - r.hi) < 1e-12;
        }).length;
        expect(tight).toBeGreaterThan(1);
      }
    }
  });
});

describe('efficient-return with a turnover limit (regression: dropped target row)', () => {
  // Seeds and turnovers that failed with WD_ERR_SOLVER before the Schur pivot was
  // equilibrated: the turnover row's 1e10-scale Schur entry made the target row look dependent.
  for (const [seed, n, turnover] of [[3, 4, 0.879], [15, 18, 0.17], [17, 16, 0.741], [18, 8, 0.689], [21, 6, 0.162]] as const) {
    it(`seed ${seed}, ${n} assets, turnover ${turnover}: binding target met at minimum variance`, () => {
      const { mu, cov, tickers } = factorProblem(n, seed);
      const ub = Math.max(0.4, 2 / n);
      const members = Array.from({ length: Math.ceil(n / 2) }, (_, i) => i);
      const plain: OptimizeProblem = { mu, cov, tickers, objective: 'efficient-return', bounds: [0, ub], groups: [{ name: 'g', members, max: 0.6 }] };
      const w0 = optimize({ ...plain, objective: 'max-utility', riskAversion: 50 }).weights;
      const p: OptimizeProblem = { ...plain, currentWeights: w0, maxTurnover: turnover };
      const mv = optimize({ ...p, objective: 'min-volatility' });
      const top = optimize({ ...p, objective: 'max-utility', riskAversion: 1e-3 });
      const target = (mv.expectedReturn + top.expectedReturn) / 2;
      const r = optimize({ ...p, targetReturn: target });
      // The target is above the min-variance return, so it binds at the optimum.
      expect(Math.abs(r.expectedReturn - target)).toBeLessThan(1e-9);
      expect(r.weights.reduce((a, x, i) => a + Math.abs(x - w0[i]!), 0)).toBeLessThanOrEqual(turnover + 1e-9);
      expect(r.volatility).toBeGreaterThanOrEqual(mv.volatility - 1e-12);
      // No feasible portfolio on the segment towards min-vol does better: points a little
      // closer to min-vol miss the target, and points a little past r have more variance.
      const mix = (t: number) => r.weights.map((w, i) => (1 - t) * w + t * top.weights[i]!);
      const varOf = (w: number[]) => w.reduce((s, wi, i) => s + wi * cov[i]!.reduce((a, c, j) => a + c * w[j]!, 0), 0);
      expect(varOf(mix(0.01))).toBeGreaterThan(r.volatility ** 2);
    });
  }
});

describe('solveInWorker', () => {
  const { mu, cov, tickers } = factorProblem(30, 9);
  const p: OptimizeProblem = { mu, cov, tickers, objective: 'max-sharpe', riskFreeRate: 0.01 };

  it('returns the same portfolio as the synchronous call', async () => {
    const r = await solveInWorker(p, { deadlineMs: 20_000 });
    expect(r.weights).toEqual(optimize(p).weights);
    expect(activeSolverWorkers()).toBe(0);
  });

  it('rejects with WD_ERR_TIMEOUT past its deadline, after the worker has ended', async () => {
    const t0 = Date.now();
    // 5 ms is far less than starting a worker with the TypeScript loader takes.
    const pending = solveInWorker(p, { deadlineMs: 5 });
    expect(activeSolverWorkers()).toBe(1);
    await expect(pending).rejects.toMatchObject({ code: 'WD_ERR_TIMEOUT' });
    expect(activeSolverWorkers()).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('carries solver errors back with their code', async () => {
    await expect(solveInWorker({ ...p, riskFreeRate: 5 }, { deadlineMs: 20_000 })).rejects.toMatchObject({ code: 'WD_ERR_INFEASIBLE' });
  });
});
