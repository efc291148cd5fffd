/**
 * Mean-variance portfolio optimization: a primal active-set QP solver and the objectives
 * built on it. Units are annual and decimal (0.2 = 20%); weights sum to 1.
 */
export type { Objective, OptimizeProblem, OptimizeResult } from './types.js';
export { optimize, performance } from './mean-variance.js';
export { efficientFrontier, type FrontierPoint } from './frontier.js';
export { activeSolverWorkers, solveInWorker } from './solve-worker.js';
export { solveQp, type QpInput, type QpRow, type QpSolution } from './qp.js';
