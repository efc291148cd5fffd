/**
 * Solve times of the mean-variance optimizer at 20, 100 and 500 assets for each objective
 * (median of several runs) on positive-definite problems from a seeded factor model, and
 * the npm `quadprog` reference (Goldfarb–Idnani) for min-volatility at 20 and 100 assets.
 */
import { createRequire } from 'node:module';
import { optimize, type OptimizeProblem } from '../src/quant/optim/index.js';
import { factorProblem } from './optimize.bench-data.js';

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
  // quadprog overwrites its inputs (it factors D in place): give each run fresh copies.
  const copy = <T>(m: T[][]): T[][] => m.map((r) => r.slice());
  let msg = '';
  const t = time(() => (msg = quadprog.solveQP(copy(D as unknown[][]), d.slice(), copy(A), b.slice(), 1).message), 5);
  if (msg) console.log(`quadprog: ${msg}`);
  console.log(`${String(n).padStart(6)}  quadprog min-vol   ${t.toFixed(2).padStart(10)}`);
}
