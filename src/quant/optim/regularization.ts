/**
 * L2 regularisation (PyPortfolioOpt `objective_functions.L2_reg`: + γ·Σwᵢ² in the
 * objective). For the objectives whose risk term is a quadratic form the penalty is a ridge
 * on the covariance, so they reuse the plain solver:
 * - min-volatility, efficient-return: min wᵀΣw + γwᵀw = wᵀ(Σ + γI)w;
 * - max-sharpe (homogenized, as PyPortfolioOpt applies the penalty to the scaled variable):
 *   max Sharpe under Σ + γI;
 * - max-utility: max μᵀw − δ/2·wᵀΣw − γwᵀw = μᵀw − δ/2·wᵀ(Σ + 2γ/δ·I)w.
 * efficient-risk keeps the risk constraint on Σ alone (max μᵀw − γwᵀw s.t. wᵀΣw ≤ σ²): its
 * KKT family is min ½wᵀ(Σ + 2γτI)w − τμᵀw over τ ≥ 0, whose volatility grows with τ, so τ
 * is found by bisection. Performance is always reported on the unregularised Σ.
 */
import { WealthDeskError } from '../../errors.js';
import { buildSpace } from './constraints.js';
import type { QpSolution } from './qp.js';
import type { OptimizeProblem, OptimizeResult } from './types.js';

type Solve = (p: OptimizeProblem) => OptimizeResult;
type Perf = (w: number[], mu: number[], cov: number[][], rf?: number) => { expectedReturn: number; volatility: number; sharpe: number };
type Parametric = (
  p: OptimizeProblem,
  space: ReturnType<typeof buildSpace>,
  tau: number,
  extra: [],
  warm: QpSolution | undefined,
  H: Float64Array,
) => QpSolution;

function ridge(cov: number[][], k: number): number[][] {
  return cov.map((row, i) => row.map((v, j) => (i === j ? v + k : v)));
}

/** Solves `p` with its l2Gamma > 0; `solve`, `performance` and `parametric` are the plain solver's pieces. */
export function optimizeL2(p: OptimizeProblem, solve: Solve, performance: Perf, parametric: Parametric): OptimizeResult {
  const gamma = p.l2Gamma!;
  const rf = p.riskFreeRate ?? 0;
  const report = (w: number[], iterations: number): OptimizeResult => ({ weights: w, ...performance(w, p.mu, p.cov, rf), iterations });
  const plain = { ...p, l2Gamma: undefined };
  if (p.objective !== 'efficient-risk') {
    const delta = p.riskAversion ?? 1;
    const k = p.objective === 'max-utility' ? (2 * gamma) / delta : gamma;
    const r = solve({ ...plain, cov: ridge(p.cov, k) });
    return report(r.weights, r.iterations);
  }
  const target = p.targetVolatility;
  if (target === undefined || !(target > 0)) throw new WealthDeskError('WD_ERR_VALIDATION', 'efficient-risk needs a positive targetVolatility');
  if (p.maxTurnover !== undefined) throw new WealthDeskError('WD_ERR_VALIDATION', 'l2Gamma with efficient-risk does not combine with maxTurnover');
  const space = buildSpace(plain);
  let iterations = 0;
  const at = (tau: number, warm?: QpSolution) => {
    const s = parametric(plain, space, tau, [], warm, space.liftMatrix(ridge(p.cov, 2 * gamma * tau), 1));
    iterations += s.iterations;
    const w = space.toWeights(s.x);
    return { tau, s, w, vol: performance(w, p.mu, p.cov, rf).volatility };
  };
  let lo = at(0);
  if (target < lo.vol * (1 - 1e-9)) {
    throw new WealthDeskError('WD_ERR_INFEASIBLE', `Target volatility ${target} is below the minimum achievable ${lo.vol.toPrecision(6)}`);
  }
  let hi = at(1, lo.s);
  for (let k = 0; k < 80 && hi.vol < target; k++) {
    lo = hi;
    hi = at(hi.tau * 4, hi.s);
  }
  if (hi.vol <= target) return report(hi.w, iterations); // the risk limit does not bind
  for (let k = 0; k < 200 && hi.tau - lo.tau > 1e-14 * hi.tau; k++) {
    const m = at((lo.tau + hi.tau) / 2, lo.s);
    if (m.vol < target) lo = m;
    else hi = m;
  }
  return report(target - lo.vol < hi.vol - target ? lo.w : hi.w, iterations);
}
