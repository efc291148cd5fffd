import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { optimize, type OptimizeProblem } from './index.js';

const require = createRequire(import.meta.url);
const quadprog = require('quadprog') as {
  solveQP: (...a: unknown[]) => { solution: number[]; message: string };
};

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as { problem: OptimizeProblem };

/**
 * KKT residual of efficient-risk — max μᵀw s.t. wᵀΣw ≤ t², Σw = 1, group limits, bounds —
 * at w, checked independently of the solver: the smallest ‖−μ + ηΣw + Aᵀλ − ν‖∞ over
 * sign-correct multipliers (η ≥ 0 only when the risk limit binds; λ ≥ 0 at a group's max,
 * ≤ 0 at its min, free on the budget; ν ≥ 0 at a lower bound, ≤ 0 at an upper), found as a
 * non-negative least-squares problem by quadprog (Goldfarb–Idnani).
 */
function efficientRiskKkt(p: OptimizeProblem, w: number[], riskBinds: boolean): number {
  const n = w.length;
  const tol = 1e-9;
  const cols: number[][] = [];
  const unit = (i: number, s: number) => Array.from({ length: n }, (_, k) => (k === i ? s : 0));
  if (riskBinds) cols.push(p.cov.map((r) => r.reduce((a, v, j) => a + v * w[j]!, 0)));
  cols.push(new Array<number>(n).fill(1), new Array<number>(n).fill(-1));
  for (const g of p.groups ?? []) {
    const a = Array.from({ length: n }, (_, i) => (g.members.includes(i) ? 1 : 0));
    const s = g.members.reduce((x, i) => x + w[i]!, 0);
    if (g.max !== undefined && Math.abs(s - g.max) <= tol) cols.push(a);
    if (g.min !== undefined && Math.abs(s - g.min) <= tol) cols.push(a.map((v) => -v));
  }
  const bounds = p.bounds as [number, number][];
  for (let i = 0; i < n; i++) {
    if (Math.abs(w[i]! - bounds[i]![0]) <= tol) cols.push(unit(i, -1));
    if (Math.abs(w[i]! - bounds[i]![1]) <= tol) cols.push(unit(i, 1));
  }
  // min ½‖Mz − μ‖² over z ≥ 0 (a tiny ridge keeps MᵀM definite, as quadprog needs).
  const K = cols.length;
  const D: unknown[][] = [[]];
  const d: unknown[] = [undefined];
  const A: unknown[][] = [[]];
  for (let a = 0; a < K; a++) {
    const row: unknown[] = [undefined];
    for (let b = 0; b < K; b++) row.push(cols[a]!.reduce((s, v, i) => s + v * cols[b]![i]!, 0) + (a === b ? 1e-14 : 0));
    D.push(row);
    d.push(cols[a]!.reduce((s, v, i) => s + v * p.mu[i]!, 0));
    A.push([undefined, ...Array.from({ length: K }, (_, b) => (a === b ? 1 : 0))]); // z_a ≥ 0
  }
  const r = quadprog.solveQP(D, d, A, [undefined, ...new Array<number>(K).fill(0)], 0);
  expect(r.message).toBe('');
  const z = r.solution.slice(1);
  let res = 0;
  for (let i = 0; i < n; i++) res = Math.max(res, Math.abs(cols.reduce((s, c, a) => s + c[i]! * z[a]!, 0) - p.mu[i]!));
  return res;
}

function feasibility(p: OptimizeProblem, w: number[]): number {
  const bounds = p.bounds as [number, number][];
  let v = Math.abs(w.reduce((a, b) => a + b, 0) - 1);
  w.forEach((x, i) => (v = Math.max(v, bounds[i]![0] - x, x - bounds[i]![1])));
  for (const g of p.groups ?? []) {
    const s = g.members.reduce((x, i) => x + w[i]!, 0);
    v = Math.max(v, (g.min ?? -Infinity) - s, s - (g.max ?? Infinity));
  }
  return v;
}

describe('efficient-risk on demo-book problems (regressions: WD_ERR_SOLVER)', () => {
  it('C0039, target 0.1: converges on an ill-conditioned covariance with tied expected returns, at the target, KKT to 1e-8', () => {
    const { problem: p } = fixture('c0039-efficient-risk.json');
    const r = optimize(p);
    expect(r.iterations).toBeLessThan(300);
    expect(Math.abs(r.volatility - p.targetVolatility!)).toBeLessThan(1e-9 * p.targetVolatility!);
    expect(feasibility(p, r.weights)).toBeLessThan(1e-9);
    expect(efficientRiskKkt(p, r.weights, true)).toBeLessThan(1e-8);
    // The check has teeth: the (feasible, lower-return) minimum-volatility portfolio fails it.
    const mv = optimize({ ...p, objective: 'min-volatility' });
    expect(efficientRiskKkt(p, mv.weights, false)).toBeGreaterThan(1e-3);
  });

  it('C0012, target 0.05 above the maximum-return volatility: the maximum-return portfolio (risk limit slack), KKT to 1e-8', () => {
    const { problem: p } = fixture('c0012-efficient-risk-above-max.json');
    const r = optimize(p);
    expect(r.volatility).toBeLessThan(p.targetVolatility!);
    expect(feasibility(p, r.weights)).toBeLessThan(1e-9);
    // η = 0: μ itself is a sign-correct combination of the active constraints' normals (an LP optimum).
    expect(efficientRiskKkt(p, r.weights, false)).toBeLessThan(1e-8);
    // The least-variance portfolio among the maximum-return ones: max-utility at a large τ.
    const top = optimize({ ...p, objective: 'max-utility', riskAversion: 1e-3 });
    r.weights.forEach((w, i) => expect(Math.abs(w - top.weights[i]!)).toBeLessThan(1e-9));
  });
});
