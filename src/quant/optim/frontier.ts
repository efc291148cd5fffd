/**
 * The efficient frontier as points for a chart: `points` portfolios evenly spaced in
 * expected return from the minimum-volatility portfolio to the maximum-return one, each
 * the exact efficient-return solution for its return.
 */
import { WealthDeskError } from '../../errors.js';
import { buildSpace, validateProblem } from './constraints.js';
import { maxReturnSolution, optimize, performance } from './mean-variance.js';
import type { OptimizeProblem } from './types.js';

export interface FrontierPoint {
  expectedReturn: number;
  volatility: number;
  sharpe: number;
  weights: number[];
}

/** Returns `points` (≥ 2) frontier portfolios, lowest return (minimum volatility) first. */
export function efficientFrontier(
  p: Omit<OptimizeProblem, 'objective'>,
  points: number,
): { points: FrontierPoint[] } {
  if (!Number.isInteger(points) || points < 2 || points > 1000) {
    throw new WealthDeskError('WD_ERR_VALIDATION', 'The frontier needs an integer number of points in [2, 1000]');
  }
  const base: OptimizeProblem = { ...p, objective: 'min-volatility' };
  validateProblem(base);
  const rf = p.riskFreeRate ?? 0;
  const space = buildSpace(base);
  const minVol = optimize(base);
  const top = maxReturnSolution(base, space);
  const maxW = space.toWeights(top.x);
  const rMax = performance(maxW, p.mu, p.cov, rf).expectedReturn;
  const rMin = minVol.expectedReturn;
  const out: FrontierPoint[] = [];
  for (let k = 0; k < points; k++) {
    const w =
      k === 0
        ? minVol.weights
        : k === points - 1
          ? maxW
          : optimize({ ...base, objective: 'efficient-return', targetReturn: rMin + ((rMax - rMin) * k) / (points - 1) }).weights;
    out.push({ ...performance(w, p.mu, p.cov, rf), weights: w });
  }
  return { points: out };
}
