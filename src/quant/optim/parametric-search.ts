/**
 * One-dimensional searches along the efficient path w(τ) = argmin ½wᵀΣw − τμᵀw (τ ≥ 0),
 * for the objectives that are not a single QP: efficient-risk (the τ whose volatility is
 * the target) and max-Sharpe under a turnover limit (the τ with the largest Sharpe ratio).
 *
 * Between breakpoints (changes of the active set) w(τ) is affine in τ, so the volatility²
 * is an exact quadratic there. Two solutions with the same active set therefore give the
 * whole segment, and the target's τ on it in closed form; one warm-started QP at that τ
 * confirms it (same active set) to solver precision. Until two such points exist, the
 * search narrows its bracket by Illinois regula falsi on σ²(τ) − target² (safeguarded by
 * bisection), which lands on the answer's segment in a few solves instead of the dozens a
 * bisection on τ needs to make both bracket ends share a segment.
 *
 * The path can end at a finite τ — with equal expected returns (one CMA class μ for all its
 * instruments) the maximum-return portfolios form a face, reached at finite τ, and w(τ) is
 * constant from there. {@link pathEnded} detects it, so a target above that portfolio's
 * volatility returns it (the risk limit does not bind) instead of doubling τ until the
 * −τμ gradient swamps the solver.
 */
import { WealthDeskError } from '../../errors.js';
import type { PortfolioSpace } from './constraints.js';
import { performance, solveParametric } from './mean-variance.js';
import type { QpSolution } from './qp.js';
import type { OptimizeProblem, OptimizeResult } from './types.js';

type Done = (w: number[], it: number) => OptimizeResult;

/** Solves efficient-risk ('risk') or turnover-limited max-Sharpe ('sharpe') on the τ path. */
export function parametricSearch(p: OptimizeProblem, space: PortfolioSpace, mode: 'risk' | 'sharpe', done: Done): OptimizeResult {
  const rf = p.riskFreeRate ?? 0;
  const H = space.liftMatrix(p.cov, 1);
  let iterations = 0;
  const at = (tau: number, warm?: QpSolution) => {
    const s = solveParametric(p, space, tau, [], warm, H);
    iterations += s.iterations;
    const w = space.toWeights(s.x);
    return { tau, s, w, perf: performance(w, p.mu, p.cov, rf) };
  };
  type Pt = ReturnType<typeof at>;
  const sameSet = (a: Pt, b: Pt) =>
    a.s.varState.every((v, i) => v === b.s.varState[i]) && a.s.rowState.every((v, i) => v === b.s.rowState[i]);
  const lo0 = at(0);
  if (mode === 'risk') {
    const target = p.targetVolatility!;
    if (target < lo0.perf.volatility * (1 - 1e-9)) {
      throw new WealthDeskError(
        'WD_ERR_INFEASIBLE',
        `Target volatility ${target} is below the minimum achievable ${lo0.perf.volatility.toPrecision(6)}`,
        { details: { limit: 'targetVolatility', attainable: lo0.perf.volatility } },
      );
    }
    if (target <= lo0.perf.volatility) return done(lo0.w, iterations);
  }
  // Upper end of the bracket: double τ until past the target (or the Sharpe maximum).
  let lo = lo0;
  let hi = at(1, lo0.s);
  for (let k = 0; k < 80; k++) {
    const beyond = mode === 'risk' ? hi.perf.volatility >= p.targetVolatility! : hi.perf.sharpe < lo.perf.sharpe;
    if (beyond) break;
    if (pathEnded(lo, hi, space)) {
      // Past hi the path stays at hi: the target is above the maximum-return portfolio's
      // volatility (the risk limit does not bind), or the Sharpe maximum lies in [0, hi.τ].
      if (mode === 'risk') return done(hi.w, iterations);
      break;
    }
    lo = hi;
    hi = at(hi.tau * 2, hi.s);
  }
  if (mode === 'sharpe') return sharpeOnPath(lo0, hi, at, sameSet, rf, () => iterations, done);

  // efficient-risk: Illinois regula falsi on f(τ) = σ²(τ) − t², exact on one segment.
  const t2 = p.targetVolatility! ** 2;
  const f = (q: Pt) => q.perf.volatility ** 2 - t2;
  /** τ where the segment through a and b (same active set) reaches the target, or null. */
  const onSegment = (a: Pt, b: Pt): number | null => {
    const dt = b.tau - a.tau;
    if (dt === 0) return null;
    const d = a.w.map((wa, i) => (b.w[i]! - wa) / dt);
    const Sd = p.cov.map((r) => r.reduce((s, v, j) => s + v * d[j]!, 0));
    const qa = d.reduce((s, v, i) => s + v * Sd[i]!, 0);
    const qb = 2 * a.w.reduce((s, v, i) => s + v * Sd[i]!, 0);
    const qc = a.perf.volatility ** 2 - t2;
    if (!(qa > 0)) return qb > 0 ? a.tau - qc / qb : null;
    const disc = qb * qb - 4 * qa * qc;
    return disc < 0 ? null : a.tau + (-qb + Math.sqrt(disc)) / (2 * qa);
  };
  let flo = f(lo);
  let fhi = f(hi);
  let side = 0;
  let prev: Pt = hi;
  let pair: [Pt, Pt] | null = sameSet(lo, hi) ? [lo, hi] : null;
  for (let k = 0; k < 200; k++) {
    const width = hi.tau - lo.tau;
    let tau = pair ? onSegment(pair[0], pair[1]) : null;
    const predicted = tau !== null && tau >= lo.tau && tau <= hi.tau;
    if (!predicted) {
      tau = lo.tau - (flo * width) / (fhi - flo);
      if (!(tau > lo.tau + 1e-9 * width && tau < hi.tau - 1e-9 * width)) tau = lo.tau + width / 2;
    }
    const m = at(tau!, tau! - lo.tau < hi.tau - tau! ? lo.s : hi.s);
    if (predicted && sameSet(m, pair![0])) return done(m.w, iterations);
    const fm = f(m);
    if (fm === 0) return done(m.w, iterations);
    if (fm < 0) {
      lo = m;
      flo = fm;
      if (side === -1) fhi /= 2;
      side = -1;
    } else {
      hi = m;
      fhi = fm;
      if (side === 1) flo /= 2;
      side = 1;
    }
    pair = sameSet(lo, hi) ? [lo, hi] : sameSet(m, prev) && m.tau !== prev.tau ? [prev, m] : null;
    prev = m;
    if (hi.tau - lo.tau <= 1e-15 * hi.tau) break;
  }
  // Bracket collapsed onto a breakpoint: its end points are the answer to rounding.
  return done(Math.abs(flo) < Math.abs(fhi) ? lo.w : hi.w, iterations);
}

/**
 * Whether the path ends at b (w(τ) = b.w for every τ ≥ b.τ), from two solutions a, b with
 * a.τ < b.τ. On one active set w and the multipliers are affine in τ; w not moving means
 * the set's minimizer ignores τ (μ lies in the span of the active constraints' normals —
 * typically a face of equal expected returns at the maximum return), and multipliers that
 * do not move towards a sign change keep that set optimal for all larger τ. Doubling τ
 * further would only feed the solver ever larger gradients (−τμ) for the same answer.
 */
function pathEnded(a: { tau: number; s: QpSolution; w: number[] }, b: { tau: number; s: QpSolution; w: number[] }, space: PortfolioSpace): boolean {
  if (!(b.tau > a.tau)) return false;
  const { varState: va, rowState: ra } = a.s;
  const { varState: vb, rowState: rb } = b.s;
  if (va.some((v, i) => v !== vb[i]) || ra.some((v, i) => v !== rb[i])) return false;
  let wScale = 1;
  for (const v of b.w) wScale = Math.max(wScale, Math.abs(v));
  if (a.w.some((v, i) => Math.abs(b.w[i]! - v) > 1e-10 * wScale)) return false;
  let mScale = 0;
  for (const m of [a.s.boundMultipliers, b.s.boundMultipliers, a.s.rowMultipliers, b.s.rowMultipliers]) {
    for (const v of m) mScale = Math.max(mScale, Math.abs(v));
  }
  const tol = 1e-9 * mScale;
  // A multiplier must keep its sign: ν ≥ 0 at a lower bound, ≤ 0 at an upper; λ ≥ 0 at hi, ≤ 0 at lo.
  for (let i = 0; i < vb.length; i++) {
    if (vb[i] === 0 || space.lb[i] === space.ub[i]) continue;
    if (-vb[i]! * (b.s.boundMultipliers[i]! - a.s.boundMultipliers[i]!) < -tol) return false;
  }
  for (let j = 0; j < rb.length; j++) {
    if (rb[j] !== 1 && rb[j] !== -1) continue;
    if (rb[j]! * (b.s.rowMultipliers[j]! - a.s.rowMultipliers[j]!) < -tol) return false;
  }
  return true;
}

/**
 * Max-Sharpe on the τ path (quasi-concave along the frontier): golden-section narrowing
 * until both ends share one segment, then the closed-form maximiser of
 * (r0 + r1τ − rf)/√(qaτ² + qbτ + qc) on it.
 */
function sharpeOnPath<Pt extends { tau: number; s: QpSolution; w: number[]; perf: { expectedReturn: number; volatility: number; sharpe: number } }>(
  lo: Pt,
  hi: Pt,
  at: (tau: number, warm?: QpSolution) => Pt,
  sameSet: (a: Pt, b: Pt) => boolean,
  rf: number,
  iterations: () => number,
  done: Done,
): OptimizeResult {
  for (let k = 0; k < 200 && !sameSet(lo, hi); k++) {
    const a = at(lo.tau + (hi.tau - lo.tau) / 3, lo.s);
    const b = at(lo.tau + ((hi.tau - lo.tau) * 2) / 3, a.s);
    if (a.perf.sharpe < b.perf.sharpe) lo = a;
    else hi = b;
  }
  // On one segment: r(τ) = r0 + r1 τ, σ²(τ) = qa τ² + qb τ + qc, fitted through three points.
  const tA = lo.tau;
  const tB = hi.tau > tA ? hi.tau : tA + 1;
  const B = hi.tau > tA ? hi : at(tB, lo.s);
  const C = at((tA + tB) / 2, lo.s);
  const r1 = (B.perf.expectedReturn - lo.perf.expectedReturn) / (tB - tA);
  const r0 = lo.perf.expectedReturn - r1 * tA;
  const [qa, qb, qc] = quadThrough([tA, (tA + tB) / 2, tB], [lo, C, B].map((x) => x.perf.volatility ** 2));
  const den = (r1 * qb) / 2 - (r0 - rf) * qa;
  let tau = den === 0 ? tA : ((r0 - rf) * qb / 2 - r1 * qc) / den;
  if (!(tau >= 0)) tau = tA;
  const w = at(tau, lo.s).w;
  return done(w, iterations());
}

function quadThrough(t: number[], y: number[]): [number, number, number] {
  const [t0, t1, t2] = t as [number, number, number];
  const [y0, y1, y2] = y as [number, number, number];
  const d01 = (y1 - y0) / (t1 - t0);
  const d12 = (y2 - y1) / (t2 - t1);
  const a = (d12 - d01) / (t2 - t0);
  const b = d01 - a * (t0 + t1);
  const c = y0 - a * t0 * t0 - b * t0;
  return [a, b, c];
}
