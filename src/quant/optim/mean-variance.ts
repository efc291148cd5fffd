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
import { parametricSearch } from './parametric-search.js';
import { optimizeL2 } from './regularization.js';
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
    return p.l2Gamma ? optimizeL2(p, optimizeValid, performance, solveParametric) : optimizeValid(p);
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
          { details: { limit: 'targetReturn', attainable: rTop } },
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

/**
 * min ½wᵀΣw − τ μᵀw over the space (τ = 1/δ), optionally with extra rows. `H` is the lifted
 * covariance (pass it when solving many τ on one problem).
 */
export function solveParametric(
  p: OptimizeProblem,
  space: PortfolioSpace,
  tau: number,
  extra: QpRow[] = [],
  warm?: Pick<QpSolution, 'x' | 'varState' | 'rowState'>,
  H: Float64Array = space.liftMatrix(p.cov, 1),
): QpSolution {
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
