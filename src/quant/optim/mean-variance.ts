/**
 * Mean-variance objectives on top of the active-set QP ({@link solveQp}):
 * min-volatility, max-utility and efficient-return are one QP each; max-sharpe is one QP
 * after homogenization (y = κw, minimize yᵀΣy s.t. (μ−rf)ᵀy = 1, constraints scaled by
 * κ = Σy) unless a turnover limit is set; efficient-risk (and max-sharpe with turnover)
 * walk the parametric family min ½wᵀΣw − τ μᵀw, whose solution is affine in τ while
 * the active set holds, and finish with the closed-form τ on the final segment.
 */
import { WealthDeskError } from '../../errors.js';
import { buildSpace, validateProblem, type PortfolioSpace } from './constraints.js';
import { solveQp, type QpRow, type QpSolution } from './qp.js';
import type { OptimizeProblem, OptimizeResult } from './types.js';

/** Portfolio return, volatility and Sharpe ratio of weights w. */
export function performance(
  w: number[],
  mu: number[],
  cov: number[][],
  rf = 0,
): { expectedReturn: number; volatility: number; sharpe: number } {
  const n = w.length;
  let r = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    r += w[i]! * mu[i]!;
    let s = 0;
    for (let j = 0; j < n; j++) s += cov[i]![j]! * w[j]!;
    v += w[i]! * s;
  }
  const volatility = Math.sqrt(Math.max(v, 0));
  return { expectedReturn: r, volatility, sharpe: (r - rf) / volatility };
}

/** Solves one of the five mean-variance objectives. Throws WealthDeskError naming the cause. */
export function optimize(p: OptimizeProblem): OptimizeResult {
  validateProblem(p);
  try {
    return optimizeValid(p);
  } catch (e) {
    throw nameSingularAsset(e, p);
  }
}

/** Turns the solver's singular-Hessian error (a variable index) into one naming the ticker. */
function nameSingularAsset(e: unknown, p: OptimizeProblem): unknown {
  if (!(e instanceof WealthDeskError) || e.code !== 'WD_ERR_SINGULAR_COVARIANCE') return e;
  const v = e.details?.variable;
  if (typeof v !== 'number') return e;
  const n = p.tickers.length;
  const name = (i: number) => p.tickers[i % n] ?? `#${i}`;
  const others = (Array.isArray(e.details?.others) ? (e.details.others as number[]) : []).map(name);
  const held = [...new Set(others.filter((t) => t !== name(v)))].slice(0, 8);
  return new WealthDeskError(
    'WD_ERR_SINGULAR_COVARIANCE',
    `The covariance matrix is singular on the assets in play: the returns of ${name(v)} are (nearly) a linear combination of ` +
      `${held.length ? held.join(', ') : 'the others'} — remove duplicated or redundant series, or bound the weights`,
    { cause: e, details: { asset: name(v), with: held } },
  );
}

function optimizeValid(p: OptimizeProblem): OptimizeResult {
  const rf = p.riskFreeRate ?? 0;
  const done = (w: number[], iterations: number): OptimizeResult => ({
    weights: w,
    ...performance(w, p.mu, p.cov, rf),
    iterations,
  });
  const space = buildSpace(p);
  switch (p.objective) {
    case 'min-volatility': {
      const s = solveParametric(p, space, 0);
      return done(space.toWeights(s.x), s.iterations);
    }
    case 'max-utility': {
      const delta = p.riskAversion ?? 1;
      if (!(delta > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'riskAversion must be positive');
      const s = solveParametric(p, space, 1 / delta);
      return done(space.toWeights(s.x), s.iterations);
    }
    case 'efficient-return': {
      const target = p.targetReturn;
      if (target === undefined) throw new WealthDeskError('WD_ERR_VALIDATION', 'efficient-return needs targetReturn');
      const m = space.lift(p.mu);
      let base = 0;
      if (space.turnover) for (let i = 0; i < space.n; i++) base += p.mu[i]! * space.w0[i]!;
      const row: QpRow = { a: m, lo: target - base, hi: Infinity };
      // Start from the maximum-return portfolio: feasible exactly when the target is.
      const top = maxReturnSolution(p, space);
      const rTop = performance(space.toWeights(top.x), p.mu, p.cov, rf).expectedReturn;
      if (target > rTop + 1e-12 * (1 + Math.abs(rTop))) {
        try {
          const s = solveParametric(p, space, 0, [row]);
          return done(space.toWeights(s.x), s.iterations + top.iterations);
        } catch {
          /* fall through to the error naming the attainable maximum */
        }
        throw new WealthDeskError(
          'WD_ERR_INFEASIBLE',
          `Target return ${target} is above the maximum achievable ${rTop.toPrecision(6)} under the constraints`,
        );
      }
      const x = Float64Array.from(top.x);
      const rowState = Int8Array.from([...top.rowState, 0]);
      const s = solveParametric(p, space, 0, [row], { x, varState: top.varState, rowState });
      return done(space.toWeights(s.x), s.iterations + top.iterations);
    }
    case 'max-sharpe':
      if (!p.mu.some((m) => m > rf)) {
        throw new WealthDeskError('WD_ERR_INFEASIBLE', `No asset has an expected return above the risk-free rate ${rf}`);
      }
      return space.turnover ? parametricSearch(p, space, 'sharpe', done) : maxSharpeHomogeneous(p, space, done);
    case 'efficient-risk': {
      const t = p.targetVolatility;
      if (t === undefined || !(t > 0)) throw new WealthDeskError('WD_ERR_VALIDATION', 'efficient-risk needs a positive targetVolatility');
      return parametricSearch(p, space, 'risk', done);
    }
    default:
      throw new WealthDeskError('WD_ERR_VALIDATION', `Unknown objective "${String(p.objective)}"`);
  }
}

/** min ½wᵀΣw − τ μᵀw over the space (τ = 1/δ), optionally with extra rows. */
export function solveParametric(
  p: OptimizeProblem,
  space: PortfolioSpace,
  tau: number,
  extra: QpRow[] = [],
  warm?: Pick<QpSolution, 'x' | 'varState' | 'rowState'>,
): QpSolution {
  const H = space.liftMatrix(p.cov, 1);
  const g = new Float64Array(space.nv);
  if (space.turnover) {
    // ½(w0+Pz)ᵀΣ(w0+Pz) − τμᵀ(w0+Pz): linear term Pᵀ(Σw0 − τμ).
    const lin = p.cov.map((r, i) => r.reduce((s, v, j) => s + v * space.w0[j]!, 0) - tau * p.mu[i]!);
    g.set(space.lift(lin));
  } else for (let i = 0; i < space.n; i++) g[i] = -tau * p.mu[i]!;
  return solveQp({ n: space.nv, H, g, lb: space.lb, ub: space.ub, rows: [...space.rows, ...extra], warmStart: warm });
}

/**
 * The maximum-return portfolio (least variance among ties): the parametric family
 * min ½wᵀΣw − τμᵀw reaches it once its active set stops changing as τ grows.
 */
export function maxReturnSolution(p: OptimizeProblem, space: PortfolioSpace): QpSolution {
  let prev = solveParametric(p, space, 1);
  let iterations = prev.iterations;
  let tau = 1;
  for (let k = 0, stable = 0; k < 80 && stable < 3; k++) {
    tau *= 4;
    let next: QpSolution;
    try {
      next = solveParametric(p, space, tau, [], prev);
    } catch (e) {
      // Very large τ is ill-conditioned; keep the last portfolio reached.
      if (e instanceof WealthDeskError && e.code === 'WD_ERR_SOLVER') break;
      throw e;
    }
    iterations += next.iterations;
    const same = next.varState.every((v, i) => v === prev.varState[i]) && next.rowState.every((v, i) => v === prev.rowState[i]);
    stable = same ? stable + 1 : 0;
    prev = next;
  }
  return { ...prev, iterations };
}

function maxSharpeHomogeneous(
  p: OptimizeProblem,
  space: PortfolioSpace,
  done: (w: number[], it: number) => OptimizeResult,
): OptimizeResult {
  const n = space.n;
  const rf = p.riskFreeRate ?? 0;
  const H = space.liftMatrix(p.cov, 1);
  const ex = new Float64Array(n);
  for (let i = 0; i < n; i++) ex[i] = p.mu[i]! - rf;
  const rows: QpRow[] = [{ a: ex, lo: 1, hi: 1 }];
  const lb = new Float64Array(n).fill(-Infinity);
  const ub = new Float64Array(n).fill(Infinity);
  const allNonNeg = space.wlb.every((v) => v >= 0);
  const scaled = (i: number, c: number): Float64Array => {
    const a = new Float64Array(n).fill(-c);
    a[i] = a[i]! + 1;
    return a;
  };
  for (let i = 0; i < n; i++) {
    const lo = space.wlb[i]!;
    const hi = space.wub[i]!;
    if (lo === 0) lb[i] = 0;
    else if (lo > -Infinity) rows.push({ a: scaled(i, lo), lo: 0, hi: Infinity });
    if (hi === 0) ub[i] = 0;
    else if (hi < Infinity && !(allNonNeg && hi >= 1)) rows.push({ a: scaled(i, hi), lo: -Infinity, hi: 0 });
  }
  if (!allNonNeg) rows.push({ a: new Float64Array(n).fill(1), lo: 0, hi: Infinity });
  for (const [k, g] of (p.groups ?? []).entries()) {
    const r = space.rows[1 + k]!;
    if (g.max !== undefined) rows.push({ a: Float64Array.from(r.a, (v) => v - g.max!), lo: -Infinity, hi: 0 });
    if (g.min !== undefined) rows.push({ a: Float64Array.from(r.a, (v) => v - g.min!), lo: 0, hi: Infinity });
  }
  const s = solveQp({ n, H, g: new Float64Array(n), lb, ub, rows });
  let kappa = 0;
  for (let i = 0; i < n; i++) kappa += s.x[i]!;
  if (!(kappa > 0)) throw new WealthDeskError('WD_ERR_SOLVER', 'Max-Sharpe homogenization produced a non-positive scale');
  return done(Array.from(s.x, (v) => v / kappa), s.iterations);
}

/**
 * Walks τ ≥ 0 in min ½wᵀΣw − τμᵀw. 'risk': find the efficient portfolio whose volatility
 * equals targetVolatility (volatility grows with τ); 'sharpe': the one with the largest
 * Sharpe ratio (quasi-concave along the frontier). The bracket is narrowed until both ends
 * share one active set; there w(τ) is affine, so the answer's τ has a closed form and one
 * last QP at that τ gives it to solver precision.
 */
function parametricSearch(
  p: OptimizeProblem,
  space: PortfolioSpace,
  mode: 'risk' | 'sharpe',
  done: (w: number[], it: number) => OptimizeResult,
): OptimizeResult {
  const rf = p.riskFreeRate ?? 0;
  let iterations = 0;
  const at = (tau: number, warm?: QpSolution) => {
    const s = solveParametric(p, space, tau, [], warm);
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
      );
    }
    if (target <= lo0.perf.volatility) return done(lo0.w, iterations);
  }
  // Upper end of the bracket.
  let lo = lo0;
  let hi = at(1, lo0.s);
  for (let k = 0; k < 80; k++) {
    const beyond = mode === 'risk' ? hi.perf.volatility >= p.targetVolatility! : hi.perf.sharpe < lo.perf.sharpe;
    if (beyond) break;
    if (sameSet(lo, hi) && k > 40) return done(hi.w, iterations); // target above the maximum-return portfolio
    lo = hi;
    hi = at(hi.tau * 2, hi.s);
  }
  if (mode === 'sharpe') lo = lo0; // the Sharpe maximum lies in [0, hi]
  // Bisection (risk) / golden section (sharpe) until one segment remains.
  let mid = lo;
  for (let k = 0; k < 200 && !sameSet(lo, hi); k++) {
    if (mode === 'risk') {
      mid = at((lo.tau + hi.tau) / 2, lo.s);
      if (mid.perf.volatility < p.targetVolatility!) lo = mid;
      else hi = mid;
    } else {
      const a = at(lo.tau + (hi.tau - lo.tau) / 3, lo.s);
      const b = at(lo.tau + ((hi.tau - lo.tau) * 2) / 3, a.s);
      if (a.perf.sharpe < b.perf.sharpe) lo = a;
      else hi = b;
    }
  }
  // On one segment: r(τ) = r0 + r1 τ, σ²(τ) = qa τ² + qb τ + qc, fitted through three points.
  const tA = lo.tau;
  const tB = hi.tau > tA ? hi.tau : tA + 1;
  const B = hi.tau > tA ? hi : at(tB, lo.s);
  const C = at((tA + tB) / 2, lo.s);
  const r1 = (B.perf.expectedReturn - lo.perf.expectedReturn) / (tB - tA);
  const r0 = lo.perf.expectedReturn - r1 * tA;
  const [qa, qb, qc] = quadThrough([tA, (tA + tB) / 2, tB], [lo, C, B].map((x) => x.perf.volatility ** 2));
  let tau: number;
  if (mode === 'risk') {
    const t2 = p.targetVolatility! ** 2;
    tau = Math.abs(qa) < 1e-300 ? (t2 - qc) / qb : (-qb + Math.sqrt(Math.max(qb * qb - 4 * qa * (qc - t2), 0))) / (2 * qa);
  } else {
    const den = r1 * qb / 2 - (r0 - rf) * qa;
    tau = den === 0 ? tA : ((r0 - rf) * qb / 2 - r1 * qc) / den;
    if (!(tau >= 0)) tau = tA;
  }
  return done(at(tau, lo.s).w, iterations);
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
