/**
 * Solve times of the mean-variance optimizer at 20, 100 and 500 assets for each objective
 * (median of several runs) on positive-definite problems from a seeded factor model, and
 * the npm `quadprog` reference (Goldfarb–Idnani) for min-volatility at 20 and 100 assets.
 */
import { createRequire } from 'node:module';
import { optimize, type OptimizeProblem } from '../src/quant/optim/index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Σ = B Bᵀ + D with 5 factors; μ loosely tied to factor exposure. */
export function factorProblem(n: number, seed: number): { mu: number[]; cov: number[][]; tickers: string[] } {
  const r = rng(seed);
  const k = 5;
  const B = Array.from({ length: n }, () => Array.from({ length: k }, () => (r() - 0.3) * 0.25));
  const cov = B.map((bi, i) =>
    B.map((bj, j) => bi.reduce((s, v, f) => s + v * bj[f]!, 0) + (i === j ? 0.01 + 0.05 * r() : 0)),
  );
  const mu = B.map((bi) => 0.02 + bi.reduce((s, v) => s + v, 0) * 0.3 + 0.08 * r());
  return { mu, cov, tickers: mu.map((_, i) => `A${i}`) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, runs: number): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

const objectives: Partial<OptimizeProblem>[] = [
  { objective: 'min-volatility' },
  { objective: 'max-sharpe', riskFreeRate: 0.02 },
  { objective: 'max-utility', riskAversion: 1 },
  { objective: 'efficient-return' },
  { objective: 'efficient-risk' },
];
console.log('assets  objective          median ms  iterations');
for (const n of [20, 100, 500]) {
  const base = factorProblem(n, 7 + n);
  const mv = optimize({ ...base, objective: 'min-volatility' });
  const ms = optimize({ ...base, objective: 'max-sharpe' });
  for (const o of objectives) {
    const p = { ...base, ...o } as OptimizeProblem;
    if (o.objective === 'efficient-return') p.targetReturn = (mv.expectedReturn + ms.expectedReturn) / 2;
    if (o.objective === 'efficient-risk') p.targetVolatility = (mv.volatility + ms.volatility) / 2;
    let it = 0;
    const t = time(() => (it = optimize(p).iterations), n >= 500 ? 5 : 15);
    console.log(`${String(n).padStart(6)}  ${p.objective.padEnd(17)} ${t.toFixed(2).padStart(10)}  ${it}`);
  }
}
const require = createRequire(import.meta.url);
const quadprog = require('quadprog') as { solveQP: (...a: unknown[]) => { solution: number[]; message: string } };
for (const n of [20, 100]) {
  const { cov } = factorProblem(n, 7 + n);
  // quadprog is 1-indexed: min ½xᵀDx − dᵀx s.t. Aᵀx ≥ b, first meq equalities.
  const D = [[], ...cov.map((r) => [undefined, ...r])];
  const d = new Array(n + 1).fill(0);
  const A: unknown[][] = [[]];
  for (let i = 1; i <= n; i++) {
    const row: unknown[] = [undefined, 1];
    for (let j = 1; j <= n; j++) row.push(i === j ? 1 : 0);
    A.push(row);
  }
  const b = [undefined, 1, ...new Array(n).fill(0)];
  const t = time(() => quadprog.solveQP(D, d, A, b, 1), 5);
  console.log(`${String(n).padStart(6)}  quadprog min-vol   ${t.toFixed(2).padStart(10)}`);
}
