import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, inverse } from 'ml-matrix';
import { efficientFrontier, optimize, solveQp, type OptimizeProblem } from './index.js';
import { factorProblem } from '../../../bench/optimize.bench-data.js';

const peers = new URL('../../../../shared/data/peers/', import.meta.url);
const rd = (f: string) => readFileSync(new URL(f, peers), 'utf8').trim().split('\n');
const covLines = rd('ppo_sample_cov.csv');
const ppo = {
  tickers: covLines[0]!.split(',').slice(1),
  cov: covLines.slice(1).map((l) => l.split(',').slice(1).map(Number)),
  mu: rd('ppo_mu_mean_historical.csv').slice(1).map((l) => Number(l.split(',')[1])),
};

describe('PyPortfolioOpt reference values (tests/test_efficient_frontier.py, risk_free_rate 0.02)', () => {
  const rf = 0.02;
  const cases: [string, Partial<OptimizeProblem>, [number, number, number], number][] = [
    ['min_volatility', { objective: 'min-volatility' }, [0.15056821399482578, 0.15915084514118694, 0.8204054077060996], 1e-7],
    ['max_sharpe', { objective: 'max-sharpe' }, [0.3047768672819914, 0.22165566922402932, 1.2847714127003216], 1e-7],
    ['efficient_risk(0.19)', { objective: 'efficient-risk', targetVolatility: 0.19 }, [0.2552422849133517, 0.1900000002876062, 1.2381172871434818], 1e-6],
    ['efficient_return(0.25)', { objective: 'efficient-return', targetReturn: 0.25 }, [0.25, 0.18723269942026335, 1.2284179030274036], 1e-6],
    ['max_quadratic_utility(2)', { objective: 'max-utility', riskAversion: 2 }, [0.3677732711751504, 0.2921342197778279, 1.1904571516463793], 1e-7],
    ['max_quadratic_utility shorts', { objective: 'max-utility', bounds: [-1, 1] }, [1.4170505733098597, 1.0438577623242156, 1.3383533884915872], 1e-7],
    ['max_sharpe short (None, None)', { objective: 'max-sharpe', bounds: [-Infinity, Infinity] }, [0.4937195216716211, 0.29516576454651955, 1.6049270564945908], 1e-7],
    ['min_volatility short', { objective: 'min-volatility', bounds: [-Infinity, Infinity] }, [0.1516319319875544, 0.1555915367269669, 0.8460095886741129], 1e-7],
    ['efficient_risk short (-1, 1)', { objective: 'efficient-risk', targetVolatility: 0.19, bounds: [-1, 1] }, [0.30035471606347336, 0.1900000003049494, 1.4755511348079207], 1e-6],
  ];
  for (const [name, o, expected, tol] of cases) {
    it(name, () => {
      const r = optimize({ ...ppo, riskFreeRate: rf, ...o } as OptimizeProblem);
      expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Math.abs(r.expectedReturn - expected[0])).toBeLessThan(tol);
      expect(Math.abs(r.volatility - expected[1])).toBeLessThan(tol);
      expect(Math.abs(r.sharpe - expected[2])).toBeLessThan(tol * 10);
    });
  }
});

/** KKT residuals of min ½wᵀΣw s.t. Σw=1, lb ≤ w ≤ ub from a raw QP solve. */
function kkt(cov: number[][], lb: number, ub: number) {
  const n = cov.length;
  const H = Float64Array.from(cov.flat());
  const s = solveQp({
    n,
    H,
    g: new Float64Array(n),
    lb: new Float64Array(n).fill(lb),
    ub: new Float64Array(n).fill(ub),
    rows: [{ a: new Float64Array(n).fill(1), lo: 1, hi: 1 }],
  });
  const x = Array.from(s.x);
  const lam = s.rowMultipliers[0]!;
  let stat = 0;
  let primal = Math.abs(x.reduce((a, b) => a + b, 0) - 1);
  let dual = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const grad = cov[i]!.reduce((a, v, j) => a + v * x[j]!, 0);
    const nu = grad + lam; // ν = Σw + λ·1: ≥0 at lb, ≤0 at ub, 0 inside
    const atLb = Math.abs(x[i]! - lb) < 1e-12;
    const atUb = Math.abs(x[i]! - ub) < 1e-12;
    primal = Math.max(primal, lb - x[i]!, x[i]! - ub);
    if (!atLb && !atUb) stat = Math.max(stat, Math.abs(nu));
    if (atLb) dual = Math.max(dual, -nu);
    if (atUb) dual = Math.max(dual, nu);
    comp = Math.max(comp, Math.abs(nu * Math.min(Math.abs(x[i]! - lb), Math.abs(x[i]! - ub))));
  }
  return { x, stat, primal, dual, comp };
}

describe('active-set QP: optimality', () => {
  it('meets the KKT conditions to 1e-10 on generated problems', () => {
    for (const n of [5, 20, 60]) {
      for (const seed of [1, 2, 3]) {
        const { cov } = factorProblem(n, seed);
        for (const [lb, ub] of [[0, 1], [0, 0.15], [-0.2, 0.5]] as const) {
          if (ub * n < 1) continue;
          const k = kkt(cov, lb, ub);
          expect(k.stat).toBeLessThan(1e-10);
          expect(k.primal).toBeLessThan(1e-12);
          expect(k.dual).toBeLessThan(1e-10);
          expect(k.comp).toBeLessThan(1e-10);
        }
      }
    }
  });

  it('gives the closed-form minimum-variance portfolio Σ⁻¹1/1ᵀΣ⁻¹1 with wide bounds', () => {
    const { mu, cov, tickers } = factorProblem(30, 11);
    const inv = inverse(new Matrix(cov));
    const v = inv.mmul(Matrix.ones(30, 1)).getColumn(0);
    const s = v.reduce((a, b) => a + b, 0);
    const r = optimize({ mu, cov, tickers, objective: 'min-volatility', bounds: [-10, 10] });
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(v[i]! / s, 10));
  });

  it('gives the tangency portfolio w ∝ Σ⁻¹(μ − rf) when it is feasible', () => {
    const { mu, cov, tickers } = factorProblem(25, 5);
    const rf = 0.01;
    const inv = inverse(new Matrix(cov));
    const v = inv.mmul(Matrix.columnVector(mu.map((m) => m - rf))).getColumn(0);
    const s = v.reduce((a, b) => a + b, 0);
    const r = optimize({ mu, cov, tickers, objective: 'max-sharpe', riskFreeRate: rf, bounds: [-Infinity, Infinity] });
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(v[i]! / s, 9));
  });

  it('agrees with the quadprog (Goldfarb–Idnani) reference on seeded random problems', () => {
    const require = createRequire(import.meta.url);
    const qp = require('quadprog') as { solveQP: (...a: unknown[]) => { solution: number[]; value: number[]; message: string } };
    for (const seed of [3, 4, 5, 6]) {
      const n = 15 + seed * 3;
      const { mu, cov, tickers } = factorProblem(n, seed);
      const ub = 0.2;
      const D = [[], ...cov.map((r) => [undefined, ...r])];
      const d = [undefined, ...mu.map((m) => m / 2)]; // max μᵀw − wᵀΣw  ⇔ min ½wᵀ(2Σ)w − μᵀw, scaled
      const A: unknown[][] = [[]];
      for (let i = 0; i < n; i++) {
        const row: unknown[] = [undefined, 1];
        for (let j = 0; j < n; j++) row.push(i === j ? 1 : 0);
        for (let j = 0; j < n; j++) row.push(i === j ? -1 : 0);
        A.push(row);
      }
      const b = [undefined, 1, ...new Array(n).fill(0), ...new Array(n).fill(-ub)];
      const ref = qp.solveQP(D, d, A, b, 1);
      expect(ref.message).toBe('');
      const r = optimize({ mu, cov, tickers, objective: 'max-utility', riskAversion: 2, bounds: [0, ub] });
      r.weights.forEach((w, i) => expect(Math.abs(w - ref.solution[i + 1]!)).toBeLessThan(1e-8));
    }
  });
});

describe('efficient frontier', () => {
  it('volatility rises with return and return is concave in volatility', () => {
    const f = efficientFrontier({ ...ppo, riskFreeRate: 0.02 }, 25).points;
    for (let k = 1; k < f.length; k++) {
      expect(f[k]!.expectedReturn).toBeGreaterThan(f[k - 1]!.expectedReturn);
      expect(f[k]!.volatility).toBeGreaterThan(f[k - 1]!.volatility);
    }
    for (let k = 1; k + 1 < f.length; k++) {
      const [a, b, c] = [f[k - 1]!, f[k]!, f[k + 1]!];
      const slope1 = (b.expectedReturn - a.expectedReturn) / (b.volatility - a.volatility);
      const slope2 = (c.expectedReturn - b.expectedReturn) / (c.volatility - b.volatility);
      expect(slope2).toBeLessThanOrEqual(slope1 + 1e-9);
    }
    const best = optimize({ ...ppo, riskFreeRate: 0.02, objective: 'max-sharpe' });
    for (const p of f) expect(p.sharpe).toBeLessThanOrEqual(best.sharpe + 1e-12);
  });
});

describe('constraints (property-based)', () => {
  it('weights sum to 1 and respect bounds, group limits and turnover', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 25 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom('min-volatility', 'max-sharpe', 'max-utility', 'efficient-risk', 'efficient-return'),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.option(fc.double({ min: 0.05, max: 1.5, noNaN: true }), { nil: undefined }),
        (n, seed, objective, groupMax, turnover) => {
          const { mu, cov, tickers } = factorProblem(n, seed);
          const ub = Math.max(0.4, 2 / n);
          const members = Array.from({ length: Math.ceil(n / 2) }, (_, i) => i);
          // Feasible by construction: the non-group assets alone can hold the whole budget.
          fc.pre((n - members.length) * ub + groupMax >= 1.05);
          const groups = [{ name: 'g', members, max: groupMax }];
          const plain: OptimizeProblem = { mu, cov, tickers, objective, bounds: [0, ub], groups };
          // Current weights: a feasible portfolio (equal-risk-ish: the max-utility one at δ = 50).
          const w0 = optimize({ ...plain, objective: 'max-utility', riskAversion: 50 }).weights;
          const p: OptimizeProblem = { ...plain, ...(turnover !== undefined ? { currentWeights: w0, maxTurnover: turnover } : {}) };
          const mv = optimize({ ...p, objective: 'min-volatility' });
          const top = optimize({ ...p, objective: 'max-utility', riskAversion: 1e-3 });
          p.targetReturn = (mv.expectedReturn + top.expectedReturn) / 2;
          p.targetVolatility = (mv.volatility + top.volatility) / 2;
          const r = optimize(p);
          const w = r.weights;
          expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
          for (const x of w) expect(x >= -1e-9 && x <= ub + 1e-9).toBe(true);
          if (groups.length > 0) expect(members.reduce((a, i) => a + w[i]!, 0)).toBeLessThanOrEqual(groupMax + 1e-9);
          if (turnover !== undefined) expect(w.reduce((a, x, i) => a + Math.abs(x - w0[i]!), 0)).toBeLessThanOrEqual(turnover + 1e-9);
          if (objective === 'efficient-return') expect(r.expectedReturn).toBeGreaterThanOrEqual(p.targetReturn - 1e-9);
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });
});

describe('errors', () => {
  const base = { ...ppo, objective: 'min-volatility' as const };
  it('names the cause', () => {
    expect(() => optimize({ ...base, mu: [0.1], cov: [[0.1]], tickers: ['A'] })).toThrow(/two assets/);
    expect(() => optimize({ ...base, mu: ppo.mu.map((m, i) => (i === 3 ? NaN : m)) })).toThrow(/not a finite number/);
    expect(() => optimize({ ...base, objective: 'efficient-return', targetReturn: 0.5 })).toThrow(/maximum achievable/);
    expect(() => optimize({ ...base, objective: 'efficient-risk', targetVolatility: 0.05 })).toThrow(/minimum achievable/);
    expect(() => optimize({ ...base, objective: 'max-sharpe', riskFreeRate: 1 })).toThrow(/above the risk-free rate/);
    expect(() => optimize({ ...base, bounds: [0, 0.01] })).toThrow(/cannot sum to 1/);
    const singular = [[1, 1], [1, 1]];
    expect(() => optimize({ mu: [0.1, 0.1], cov: singular, tickers: ['A', 'B'], objective: 'min-volatility', bounds: [-1, 2] })).toThrow(
      expect.objectContaining({ code: 'WD_ERR_SINGULAR_COVARIANCE' }),
    );
  });
});
