import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { activeSolverWorkers, optimize, performance, solveInWorker, solveQp, type OptimizeProblem, type QpInput, type QpRow, type QpSolution } from './index.js';
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

/**
 * KKT residuals of a solveQp result, from the returned multipliers λ and ν = Hx + g + Aᵀλ
 * recomputed here: stationarity (ν = 0 off the bounds), primal feasibility, bound
 * multiplier signs (ν ≥ 0 at lb, ≤ 0 at ub) and complementarity (which for a row also
 * checks its sign: λ > 0 only at hi, λ < 0 only at lo).
 */
function qpKkt(q: QpInput, s: QpSolution) {
  const { n, H, g, lb, ub, rows } = q;
  const x = s.x;
  const lam = s.rowMultipliers;
  let stat = 0;
  let primal = 0;
  let dual = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    let nu = g[i]!;
    for (let j = 0; j < n; j++) nu += H[i * n + j]! * x[j]!;
    rows.forEach((r, j) => (nu += r.a[i]! * lam[j]!));
    const dl = x[i]! - lb[i]!;
    const du = ub[i]! - x[i]!;
    primal = Math.max(primal, -dl, -du);
    if (dl > 1e-12 && du > 1e-12) stat = Math.max(stat, Math.abs(nu));
    if (dl <= 1e-12) dual = Math.max(dual, -nu);
    if (du <= 1e-12) dual = Math.max(dual, nu);
    comp = Math.max(comp, Math.abs(nu) * Math.min(Math.abs(dl), Math.abs(du)));
  }
  rows.forEach((r, j) => {
    let v = 0;
    for (let i = 0; i < n; i++) v += r.a[i]! * x[i]!;
    primal = Math.max(primal, r.lo - v, v - r.hi);
    // λ > 0 only at hi, λ < 0 only at lo (sign and complementarity in one product).
    const l = lam[j]!;
    comp = Math.max(comp, l > 0 ? l * (r.hi - v) : l < 0 ? -l * (v - r.lo) : 0);
  });
  return { stat, primal, dual, comp };
}

describe('active-set QP: ill-conditioned working sets (regression: C0039 efficient-risk, WD_ERR_SOLVER)', () => {
  // optimize_portfolio's first QP for C0039 (min-volatility of the sleeve, cold start): a
  // covariance with condition number ~5·10⁴ and a phase-1 penalty made the step on the final
  // working set pure rounding (~5·10⁻¹¹, above the ε·|G|/|H| floor), taken over and over
  // until the iteration limit.
  const fx = JSON.parse(readFileSync(new URL('./__fixtures__/c0039-efficient-risk.json', import.meta.url), 'utf8')) as {
    problem: OptimizeProblem;
    qp: { n: number; H: number[][]; g: number[]; lb: number[]; ub: number[]; rows: { a: number[]; lo: number; hi: number }[] };
  };
  const base: QpInput = {
    n: fx.qp.n,
    H: Float64Array.from(fx.qp.H.flat()),
    g: Float64Array.from(fx.qp.g),
    lb: Float64Array.from(fx.qp.lb),
    ub: Float64Array.from(fx.qp.ub),
    rows: fx.qp.rows.map((r) => ({ a: Float64Array.from(r.a), lo: r.lo, hi: r.hi })),
  };
  const expectKkt = (q: QpInput, s: QpSolution) => {
    const k = qpKkt(q, s);
    expect(k.stat).toBeLessThan(1e-8);
    expect(k.primal).toBeLessThan(1e-8);
    expect(k.dual).toBeLessThan(1e-8);
    expect(k.comp).toBeLessThan(1e-8);
  };

  it('the recorded QP converges and meets the KKT conditions to 1e-8', () => {
    const s = solveQp(base);
    expect(s.iterations).toBeLessThan(100);
    expectKkt(base, s);
  });

  it('so does every QP of the τ path, cold and warm-started (g = −τμ)', () => {
    let warm: QpSolution | undefined;
    for (const tau of [0, 0.01, 0.1, 0.2, 0.5, 1, 2, 4, 8, 16]) {
      const q = { ...base, g: Float64Array.from(fx.problem.mu, (m) => -tau * m) };
      const cold = solveQp(q);
      expectKkt(q, cold);
      const hot = solveQp({ ...q, warmStart: warm });
      expectKkt(q, hot);
      hot.x.forEach((v, i) => expect(Math.abs(v - cold.x[i]!)).toBeLessThan(1e-9));
      warm = hot;
    }
  });
});

describe('phase 1: a relaxation that reaches 0 at the end of a full step (regression: spurious WD_ERR_INFEASIBLE)', () => {
  const fx = JSON.parse(readFileSync(new URL('./__fixtures__/max-sharpe-phase1-slack.json', import.meta.url), 'utf8')) as {
    problems: Record<string, OptimizeProblem & { bounds: [number, number][] }>;
  };
  for (const [client, p] of Object.entries(fx.problems)) {
    it(`${client} max-sharpe: the quadprog tangency portfolio, not "no feasible portfolio"`, () => {
      const n = p.mu.length;
      // Reference: min ½yᵀΣy s.t. μᵀy = 1, y ≥ 0, y_i ≤ ub_i·Σy, group limits · Σy; w = y / Σy.
      const cons: number[][] = [];
      const rhs: number[] = [];
      const add = (a: number[], b: number) => (cons.push(a), rhs.push(b));
      add(p.mu.map((m) => m - (p.riskFreeRate ?? 0)), 1);
      for (let i = 0; i < n; i++) {
        add(Array.from({ length: n }, (_, k) => (k === i ? 1 : 0)), 0);
        add(Array.from({ length: n }, (_, k) => p.bounds[i]![1] - (k === i ? 1 : 0)), 0);
      }
      for (const g of p.groups ?? []) {
        const a = Array.from({ length: n }, (_, i) => (g.members.includes(i) ? 1 : 0));
        if (g.min !== undefined) add(a.map((v) => v - g.min!), 0);
        if (g.max !== undefined) add(a.map((v) => g.max! - v), 0);
      }
      const A: unknown[][] = [[], ...Array.from({ length: n }, (_, i) => [undefined, ...cons.map((c) => c[i])])];
      const ref = quadprog.solveQP([[], ...p.cov.map((r) => [undefined, ...r])], new Array(n + 1).fill(0), A, [undefined, ...rhs], 1);
      expect(ref.message).toBe('');
      const y = ref.solution.slice(1);
      const k = y.reduce((a, b) => a + b, 0);
      const r = optimize(p);
      r.weights.forEach((w, i) => expect(Math.abs(w - y[i]! / k)).toBeLessThan(1e-9));
    });
  }
});

describe('a start that misses a row by rounding (regression: C0101 turnover limit, WD_ERR_SOLVER)', () => {
  // The current weights (the turnover solver's start) miss two class limits by 1.7e-11 and
  // 4.1e-11: rounding in how the caller widened them to hold the current portfolio.
  const { problem: p } = JSON.parse(readFileSync(new URL('./__fixtures__/c0101-turnover-rounded-bands.json', import.meta.url), 'utf8')) as { problem: OptimizeProblem };
  const w0 = p.currentWeights!;
  const held = (m: number[]) => m.reduce((a, i) => a + w0[i]!, 0);
  // The same problem with those limits moved (by < 1e-10) onto the current weights.
  const exact: OptimizeProblem = { ...p, groups: p.groups!.map((g) => ({ ...g, min: Math.min(g.min!, held(g.members)), max: Math.max(g.max!, held(g.members)) })) };

  it('the recorded problem is the rounding case: misses of 1e-11, not a real conflict', () => {
    const miss = p.groups!.map((g) => Math.max(g.min! - held(g.members), held(g.members) - g.max!, 0));
    expect(miss.filter((x) => x > 0).length).toBe(2);
    for (const x of miss) expect(x).toBeLessThan(1e-10);
  });

  for (const objective of ['max-sharpe', 'min-volatility'] as const) {
    for (const maxTurnover of [0.1, p.maxTurnover!, 0.5, 0.8]) {
      it(`${objective}, turnover ${maxTurnover.toFixed(3)}: solves, within every limit to 1e-9, as the problem without the misses`, () => {
        const r = optimize({ ...p, objective, maxTurnover });
        const ref = optimize({ ...exact, objective, maxTurnover });
        r.weights.forEach((w, i) => {
          expect(Math.abs(w - ref.weights[i]!)).toBeLessThan(1e-9);
          expect(w).toBeGreaterThanOrEqual(-1e-12);
          expect(w).toBeLessThanOrEqual((p.bounds as [number, number][])[i]![1] + 1e-12);
        });
        expect(r.weights.reduce((a, w, i) => a + Math.abs(w - w0[i]!), 0)).toBeLessThanOrEqual(maxTurnover + 1e-9);
        for (const g of p.groups!) {
          const x = g.members.reduce((a, i) => a + r.weights[i]!, 0);
          expect(x).toBeGreaterThanOrEqual(g.min! - 1e-9);
          expect(x).toBeLessThanOrEqual(g.max! + 1e-9);
        }
      });
    }
  }

  it('max-sharpe under the limit does at least as well as staying put', () => {
    const r = optimize(p);
    const { sharpe } = performance(w0, p.mu, p.cov, p.riskFreeRate ?? 0);
    expect(r.sharpe).toBeGreaterThanOrEqual(sharpe);
    expect(r.sharpe).toBeCloseTo(0.5549, 3);
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
