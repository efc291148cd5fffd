/**
 * Black-Litterman: blend a prior of expected returns (by default the market-implied
 * equilibrium π = δΣw_mkt + rf) with investor views P·μ = Q + ε, ε ~ N(0, Ω), as
 * PyPortfolioOpt 1.5.6 `BlackLittermanModel` does:
 *
 *   μ_BL = π + τΣPᵀ (PτΣPᵀ + Ω)⁻¹ (Q − Pπ)
 *   Σ_BL = Σ + τΣ − τΣPᵀ (PτΣPᵀ + Ω)⁻¹ PτΣ
 *
 * Ω is He & Litterman's diag(τPΣPᵀ) ("default"), Idzorek's confidence-based diagonal
 * ("idzorek": ω_k = τ·(1−c_k)/c_k·p_kΣp_kᵀ, Walters' closed form; c_k = 0 gives 1e6), or
 * a matrix. All returns are annual decimals (0.05 = 5%), Σ annualised.
 */
import { LuDecomposition, Matrix } from 'ml-matrix';
import { WealthDeskError } from '../errors.js';
import { assertCovariance, choleskySolve } from './risk-parity.js';

/**
 * A view: an absolute expected return on one asset, or a relative one (the `long` basket
 * outperforms the `short` basket by `return`). Baskets are market-cap weighted when market
 * caps are known, else equally weighted; each leg sums to 1. `confidence` ∈ [0, 1] feeds
 * Idzorek's method.
 */
export type BlView =
  | { type: 'absolute'; asset: string; return: number; confidence?: number }
  | {
      type: 'relative';
      long: string[];
      short: string[];
      return: number;
      confidence?: number;
      /** Explicit leg weights (each leg normalised to sum 1), overriding cap weighting. */
      longWeights?: number[];
      shortWeights?: number[];
    };

export interface BlackLittermanInput {
  cov: number[][];
  tickers: string[];
  /** Market capitalisations by ticker (any currency unit); used for π and basket weights. */
  marketCaps?: Record<string, number>;
  /** Prior returns; overrides the market-implied prior. */
  pi?: number[];
  /** δ, the market's risk aversion. Default 1 (PyPortfolioOpt's default). */
  riskAversion?: number;
  /** Added to the market-implied prior (π = δΣw + rf). Default 0. */
  riskFreeRate?: number;
  /** Uncertainty scale of the prior, in (0, 1]. Default 0.05. */
  tau?: number;
  views: BlView[];
  /** Default: 'idzorek' when every view has a confidence, else 'default'. */
  omega?: 'default' | 'idzorek' | number[][];
}

export interface BlackLittermanResult {
  prior: number[];
  posteriorReturns: number[];
  posteriorCov: number[][];
  /** Unconstrained BL weights (δΣ)⁻¹μ_BL normalised to sum 1 (PyPortfolioOpt `bl_weights`). */
  weights: number[];
  /** The pick matrix, view vector and Ω used, for explanation. */
  P: number[][];
  Q: number[];
  omega: number[][];
}

/** π = δ·Σ·w_mkt + rf, with w_mkt = caps / Σcaps (caps aligned with the covariance). */
export function marketImpliedPriorReturns(marketCaps: number[], riskAversion: number, cov: number[][], riskFreeRate = 0): number[] {
  assertCovariance(cov);
  if (marketCaps.length !== cov.length) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${marketCaps.length} market caps for ${cov.length} assets`);
  if (marketCaps.some((c) => !(c >= 0) || !Number.isFinite(c))) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'market caps must be finite and ≥ 0');
  const total = marketCaps.reduce((a, c) => a + c, 0);
  if (!(total > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'market caps sum to zero');
  const w = marketCaps.map((c) => c / total);
  return cov.map((row) => riskAversion * row.reduce((a, s, j) => a + s * w[j], 0) + riskFreeRate);
}

/**
 * δ = (R − rf) / σ² from daily market prices: R = mean simple return × frequency, σ² =
 * sample variance (ddof 1) × frequency (PyPortfolioOpt `market_implied_risk_aversion`).
 */
export function marketImpliedRiskAversion(marketPrices: number[], frequency = 252, riskFreeRate = 0): number {
  const rets: number[] = [];
  for (let i = 1; i < marketPrices.length; i++) {
    const a = marketPrices[i - 1];
    const b = marketPrices[i];
    if (!(a > 0) || !Number.isFinite(b)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `invalid market price at index ${i - 1 + (a > 0 ? 1 : 0)}`);
    rets.push(b / a - 1);
  }
  if (rets.length < 2) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'need at least three market prices');
  const m = rets.reduce((a, r) => a + r, 0) / rets.length;
  const v = rets.reduce((a, r) => a + (r - m) * (r - m), 0) / (rets.length - 1);
  if (!(v > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'market returns have zero variance');
  return (m * frequency - riskFreeRate) / (v * frequency);
}

function basket(
  names: string[],
  index: Map<string, number>,
  caps: Record<string, number> | undefined,
  sign: number,
  row: number[],
  explicit?: number[],
): void {
  if (names.length === 0) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'a relative view needs at least one asset on each side');
  const ids = names.map((t) => {
    const i = index.get(t);
    if (i === undefined) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `view on unknown asset ${t}`);
    return i;
  });
  if (explicit && (explicit.length !== names.length || explicit.some((x) => !(x > 0)))) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'explicit basket weights must be positive, one per asset');
  }
  const useCaps = caps !== undefined && names.every((t) => (caps[t] ?? 0) > 0);
  const raw = explicit ?? names.map((t) => (useCaps ? caps![t] : 1));
  const total = raw.reduce((a, x) => a + x, 0);
  ids.forEach((i, k) => (row[i] += (sign * raw[k]) / total));
}

/** Builds the pick matrix P (K×N) and view vector Q from views. */
export function viewsToPQ(views: BlView[], tickers: string[], marketCaps?: Record<string, number>): { P: number[][]; Q: number[] } {
  const index = new Map(tickers.map((t, i) => [t, i] as const));
  const P = views.map((v) => {
    const row = new Array<number>(tickers.length).fill(0);
    if (v.type === 'absolute') {
      const i = index.get(v.asset);
      if (i === undefined) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `view on unknown asset ${v.asset}`);
      row[i] = 1;
    } else {
      basket(v.long, index, marketCaps, 1, row, v.longWeights);
      basket(v.short, index, marketCaps, -1, row, v.shortWeights);
    }
    return row;
  });
  const Q = views.map((v) => {
    if (!Number.isFinite(v.return)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'view return must be finite');
    return v.return;
  });
  return { P, Q };
}

/** Idzorek's Ω diagonal from confidences (Walters' closed form, as PyPortfolioOpt). */
export function idzorekOmega(confidences: number[], cov: number[][], P: number[][], tau: number): number[][] {
  const S = new Matrix(cov);
  const k = P.length;
  const omega = Matrix.zeros(k, k);
  confidences.forEach((c, i) => {
    if (!(c >= 0 && c <= 1)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `view confidence must be in [0, 1], got ${c}`);
    if (c === 0) {
      omega.set(i, i, 1e6);
      return;
    }
    const p = Matrix.rowVector(P[i]);
    const variance = p.mmul(S).mmul(p.transpose()).get(0, 0);
    omega.set(i, i, tau * ((1 - c) / c) * variance);
  });
  return omega.to2DArray();
}

function solveOrThrow(A: Matrix, B: Matrix, what: string): Matrix {
  const lu = new LuDecomposition(A);
  if (lu.isSingular()) throw new WealthDeskError('WD_ERR_SINGULAR_COVARIANCE', `${what} is singular`);
  return lu.solve(B);
}

/** Posterior returns, covariance and unconstrained weights; see the module comment. */
export function blackLitterman(i: BlackLittermanInput): BlackLittermanResult {
  assertCovariance(i.cov);
  const n = i.cov.length;
  if (i.tickers.length !== n) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${i.tickers.length} tickers for a ${n}×${n} covariance`);
  const tau = i.tau ?? 0.05;
  if (!(tau > 0 && tau <= 1)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `tau must be in (0, 1], got ${tau}`);
  const delta = i.riskAversion ?? 1;
  if (!(delta > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `risk aversion must be positive, got ${delta}`);
  if (i.views.length === 0) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'Black-Litterman needs at least one view');

  let prior: number[];
  if (i.pi) {
    if (i.pi.length !== n || i.pi.some((x) => !Number.isFinite(x))) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'pi must have one finite value per asset');
    prior = [...i.pi];
  } else if (i.marketCaps) {
    const caps = i.tickers.map((t) => {
      const c = i.marketCaps![t];
      if (c === undefined) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `no market cap for ${t}`);
      return c;
    });
    prior = marketImpliedPriorReturns(caps, delta, i.cov, i.riskFreeRate ?? 0);
  } else {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'Black-Litterman needs a prior: pi or market caps');
  }

  const { P, Q } = viewsToPQ(i.views, i.tickers, i.marketCaps);
  const k = P.length;
  let omega: number[][];
  const mode = i.omega ?? (i.views.every((v) => v.confidence !== undefined) ? 'idzorek' : 'default');
  if (mode === 'idzorek') {
    const conf = i.views.map((v, idx) => {
      if (v.confidence === undefined) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `view ${idx} has no confidence (needed for Idzorek's method)`);
      return v.confidence;
    });
    omega = idzorekOmega(conf, i.cov, P, tau);
  } else if (mode === 'default') {
    const S = new Matrix(i.cov);
    omega = P.map((pr, r) => P.map((_, c) => (r === c ? tau * Matrix.rowVector(pr).mmul(S).mmul(Matrix.columnVector(pr)).get(0, 0) : 0)));
  } else {
    if (mode.length !== k || mode.some((row) => row.length !== k)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `omega must be ${k}×${k}`);
    omega = mode;
  }

  const S = new Matrix(i.cov);
  const Pm = new Matrix(P);
  const tauSigmaPt = S.mmul(Pm.transpose()).mul(tau); // N×K
  const A = Pm.mmul(tauSigmaPt).add(new Matrix(omega)); // K×K
  const piV = Matrix.columnVector(prior);
  const b = Matrix.columnVector(Q).sub(Pm.mmul(piV));
  const posterior = piV.add(tauSigmaPt.mmul(solveOrThrow(A, b, 'the view system PτΣPᵀ + Ω')));
  const M = S.clone().mul(tau).sub(tauSigmaPt.mmul(solveOrThrow(A, tauSigmaPt.transpose(), 'the view system PτΣPᵀ + Ω')));
  const postCov = S.clone().add(M);
  // Symmetrise against round-off.
  const pc = postCov.to2DArray().map((row, r, all) => row.map((x, c) => (x + all[c][r]) / 2));

  const post = posterior.to1DArray();
  const raw =
    choleskySolve(i.cov, post)?.map((x) => x / delta) ?? solveOrThrow(S.clone().mul(delta), posterior, 'the covariance').to1DArray();
  const sum = raw.reduce((a, x) => a + x, 0);
  if (Math.abs(sum) < 1e-14) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'Black-Litterman weights sum to zero and cannot be normalised');
  return {
    prior,
    posteriorReturns: posterior.to1DArray(),
    posteriorCov: pc,
    weights: raw.map((x) => x / sum),
    P,
    Q,
    omega,
  };
}
