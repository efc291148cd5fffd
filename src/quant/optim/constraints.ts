/**
 * Validation of an {@link OptimizeProblem} and the mapping of its portfolio constraints
 * (bounds, groups, turnover) to the solver's variables. Without a turnover limit the
 * variables are the weights w. With one they are the trades (u, v) ≥ 0, w = w0 + u − v,
 * so Σ|w − w0| ≤ T becomes the linear row Σ(u + v) ≤ T.
 */
import { WealthDeskError } from '../../errors.js';
import type { QpRow } from './qp.js';
import type { OptimizeProblem } from './types.js';

export interface PortfolioSpace {
  n: number;
  /** Number of solver variables (n, or 2n with turnover). */
  nv: number;
  turnover: boolean;
  lb: Float64Array;
  ub: Float64Array;
  /** Rows over the solver variables: budget Σw = 1 (0 when market-neutral) first, then groups, then turnover. */
  rows: QpRow[];
  /** Weight-space bounds, per asset. */
  wlb: number[];
  wub: number[];
  w0: number[];
  /** w = w0 + P z: maps solver variables to weights. */
  toWeights(z: Float64Array): number[];
  /** Pᵀ v for a weight-space vector v. */
  lift(v: ArrayLike<number>): Float64Array;
  /** PᵀΣP (+ a 1e-10 relative ridge with turnover, which makes the split Hessian definite). */
  liftMatrix(m: number[][], scale: number): Float64Array;
}

/** Checks sizes, finiteness and symmetry; throws WD_ERR_QUANT_INPUT naming the cause. */
export function validateProblem(p: OptimizeProblem): void {
  const n = p.mu.length;
  const bad = (msg: string): never => {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', msg);
  };
  if (n < 2) bad(`At least two assets are needed, got ${n}`);
  if (p.tickers.length !== n) bad(`tickers has ${p.tickers.length} entries, mu has ${n}`);
  if (p.cov.length !== n || p.cov.some((r) => r.length !== n)) bad(`cov must be ${n}×${n}`);
  p.mu.forEach((v, i) => Number.isFinite(v) || bad(`Expected return of ${p.tickers[i]} is not a finite number`));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = p.cov[i]![j]!;
      if (!Number.isFinite(v)) bad(`Covariance of ${p.tickers[i]} and ${p.tickers[j]} is not a finite number`);
      if (Math.abs(v - p.cov[j]![i]!) > 1e-10 * (Math.abs(v) + 1e-300)) bad('Covariance matrix is not symmetric');
    }
    if (!(p.cov[i]![i]! > 0)) {
      throw new WealthDeskError('WD_ERR_SINGULAR_COVARIANCE', `Variance of ${p.tickers[i]} is not positive`);
    }
  }
  for (const k of ['riskFreeRate', 'targetVolatility', 'targetReturn', 'riskAversion', 'maxTurnover', 'l2Gamma'] as const) {
    const v = p[k];
    if (v !== undefined && !Number.isFinite(v)) bad(`${k} is not a finite number`);
  }
  if (p.l2Gamma !== undefined && p.l2Gamma < 0) bad('l2Gamma must be ≥ 0');
  if (p.marketNeutral) {
    if (p.objective === 'min-volatility' || p.objective === 'max-sharpe') {
      throw new WealthDeskError('WD_ERR_VALIDATION', `marketNeutral applies to efficient-risk, efficient-return and max-utility, not ${p.objective}`);
    }
    if (weightBounds(p.bounds, n, 0).wlb.every((v) => v >= 0)) {
      throw new WealthDeskError('WD_ERR_VALIDATION', 'marketNeutral needs short positions: give negative lower weight bounds, e.g. [-1, 1]');
    }
  }
}

export function buildSpace(p: OptimizeProblem): PortfolioSpace {
  const n = p.mu.length;
  const budget = p.marketNeutral ? 0 : 1;
  const { wlb, wub } = weightBounds(p.bounds, n, budget);
  const turnover = p.maxTurnover !== undefined;
  const w0 = p.currentWeights ?? new Array<number>(n).fill(0);
  if (w0.length !== n || w0.some((v) => !Number.isFinite(v))) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `currentWeights must be ${n} finite numbers`);
  }
  if (turnover && !(p.maxTurnover! >= 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'maxTurnover must be ≥ 0');
  const nv = turnover ? 2 * n : n;
  const lift = (v: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(nv);
    for (let i = 0; i < n; i++) {
      out[i] = v[i]!;
      if (turnover) out[n + i] = -v[i]!;
    }
    return out;
  };
  const lb = new Float64Array(nv);
  const ub = new Float64Array(nv);
  for (let i = 0; i < n; i++) {
    if (!turnover) {
      lb[i] = wlb[i]!;
      ub[i] = wub[i]!;
    } else {
      lb[i] = Math.max(0, wlb[i]! - w0[i]!);
      ub[i] = Math.max(0, wub[i]! - w0[i]!);
      lb[n + i] = Math.max(0, w0[i]! - wub[i]!);
      ub[n + i] = Math.max(0, w0[i]! - wlb[i]!);
    }
  }
  const base = (members: ArrayLike<number>): number => {
    let s = 0;
    for (let i = 0; i < members.length; i++) s += w0[members[i]!]!;
    return turnover ? s : 0;
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const rows: QpRow[] = [];
  const ones = new Float64Array(n).fill(1);
  rows.push({ a: lift(ones), lo: budget - base(all), hi: budget - base(all) });
  for (const g of p.groups ?? []) {
    if (g.members.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) {
      throw new WealthDeskError('WD_ERR_QUANT_INPUT', `Group ${g.name} has a member index out of range`);
    }
    const ind = new Float64Array(n);
    for (const i of g.members) ind[i] = 1;
    const b = base(g.members);
    rows.push({ a: lift(ind), lo: (g.min ?? -Infinity) - b, hi: (g.max ?? Infinity) - b });
  }
  if (turnover) {
    const a = new Float64Array(nv).fill(1);
    rows.push({ a, lo: -Infinity, hi: p.maxTurnover! });
  }
  return {
    n,
    nv,
    turnover,
    lb,
    ub,
    rows,
    wlb,
    wub,
    w0,
    lift,
    toWeights(z) {
      return all.map((i) => (turnover ? w0[i]! + z[i]! - z[n + i]! : z[i]!));
    },
    liftMatrix(m, scale) {
      const H = new Float64Array(nv * nv);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const v = m[i]![j]! * scale;
          H[i * nv + j] = v;
          if (turnover) {
            H[(n + i) * nv + (n + j)] = v;
            H[i * nv + (n + j)] = -v;
            H[(n + i) * nv + j] = -v;
          }
        }
      }
      if (turnover) {
        let tr = 0;
        for (let i = 0; i < n; i++) tr += m[i]![i]! * scale;
        const ridge = (1e-10 * tr) / n;
        for (let i = 0; i < nv; i++) H[i * nv + i] = H[i * nv + i]! + ridge;
      }
      return H;
    },
  };
}

/** Expands the bounds option (default long-only [0, 1]) to per-asset arrays; they must allow Σw = budget. */
export function weightBounds(
  bounds: OptimizeProblem['bounds'],
  n: number,
  budget = 1,
): { wlb: number[]; wub: number[] } {
  const b = bounds ?? [0, 1];
  const pairs: [number, number][] = typeof b[0] === 'number' ? Array.from({ length: n }, () => b as [number, number]) : (b as [number, number][]);
  if (pairs.length !== n) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `bounds must have ${n} pairs`);
  const wlb = pairs.map((q) => q[0]);
  const wub = pairs.map((q) => q[1]);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(wlb[i]) || Number.isNaN(wub[i]) || !(wlb[i]! <= wub[i]!)) {
      throw new WealthDeskError('WD_ERR_QUANT_INPUT', `Weight bounds of asset ${i} are invalid: [${wlb[i]}, ${wub[i]}]`);
    }
  }
  let slo = 0;
  let shi = 0;
  for (let i = 0; i < n; i++) {
    slo += wlb[i]!;
    shi += wub[i]!;
  }
  if (slo > budget + 1e-12 || shi < budget - 1e-12) {
    throw new WealthDeskError('WD_ERR_INFEASIBLE', `Weight bounds cannot sum to ${budget} (they allow [${slo}, ${shi}])`);
  }
  return { wlb, wub };
}
