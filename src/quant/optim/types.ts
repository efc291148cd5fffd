/** The optimizer's public problem and result shapes (annualized units throughout). */
export type Objective = 'min-volatility' | 'max-sharpe' | 'efficient-risk' | 'efficient-return' | 'max-utility';

export interface OptimizeProblem {
  /** Expected returns per asset (annual, decimal). */
  mu: number[];
  /** Covariance matrix (annual). */
  cov: number[][];
  tickers: string[];
  objective: Objective;
  /** Annual risk-free rate, default 0. */
  riskFreeRate?: number;
  /** efficient-risk: annual volatility to reach. */
  targetVolatility?: number;
  /** efficient-return: annual return to reach (portfolio return ≥ target). */
  targetReturn?: number;
  /** max-utility: δ in wᵀμ − δ/2·wᵀΣw, default 1. */
  riskAversion?: number;
  /** One [lo, hi] for all assets or one pair per asset; default long-only [0, 1]. */
  bounds?: [number, number] | [number, number][];
  /** Asset-class limits on Σ_{i∈members} w_i. */
  groups?: { name: string; members: number[]; min?: number; max?: number }[];
  /** Current weights w0 (for the turnover limit). */
  currentWeights?: number[];
  /** Σ|w − w0| ≤ maxTurnover. */
  maxTurnover?: number;
  /**
   * L2 regularisation γ (PyPortfolioOpt `objective_functions.L2_reg`): adds γ·Σwᵢ² to the
   * objective, pulling weights towards equal and reducing tiny positions. Default 0.
   * Performance is still reported on `cov` itself.
   */
  l2Gamma?: number;
  /**
   * Dollar-neutral book: Σw = 0 instead of 1 (PyPortfolioOpt `market_neutral=True`); needs
   * negative lower bounds. Only efficient-risk, efficient-return and max-utility.
   */
  marketNeutral?: boolean;
}

export interface OptimizeResult {
  weights: number[];
  expectedReturn: number;
  volatility: number;
  /** (expectedReturn − riskFreeRate) / volatility. */
  sharpe: number;
  /** Active-set iterations summed over every QP solved. */
  iterations: number;
}
