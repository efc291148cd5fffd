/**
 * `npm run bench quant-extras`: solve times of HRP, risk parity and Black-Litterman at 20,
 * 100 and 500 assets (random well-conditioned covariances from a seeded generator), and a
 * Monte Carlo goal projection of 10 000 paths × 30 years. Median of several runs after a
 * warm-up; prints a table.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { blackLitterman } from '../src/quant/black-litterman.js';
import { hierarchicalRiskParity } from '../src/quant/hrp.js';
import { projectGoal } from '../src/quant/monte-carlo.js';
import { createRng } from '../src/quant/random.js';
import { riskParity } from '../src/quant/risk-parity.js';

function randomCov(n: number, seed: number): number[][] {
  const rng = createRng(seed);
  const k = 3 + Math.ceil(n / 10); // a few factors plus idiosyncratic noise, like real returns
  const beta = Array.from({ length: n }, () => Array.from({ length: k }, () => rng.normal() * 0.15));
  return beta.map((bi, i) =>
    beta.map((bj, j) => {
      let s = 0;
      for (let t = 0; t < k; t++) s += bi[t] * bj[t];
      return s + (i === j ? 0.01 + 0.04 * rng.next() : 0);
    }),
  );
}

function time(fn: () => unknown, runs: number): { median: number; detail: unknown } {
  let detail = fn(); // warm-up
  const ts: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    detail = fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { median: ts[Math.floor(ts.length / 2)], detail };
}

const rows: string[][] = [['method', 'assets', 'median ms', 'note']];
for (const n of [20, 100, 500]) {
  const cov = randomCov(n, n);
  const runs = n === 500 ? 3 : 9;
  const hrp = time(() => hierarchicalRiskParity(cov), runs);
  rows.push(['HRP (single linkage)', String(n), hrp.median.toFixed(2), '']);
  const rp = time(() => riskParity(cov), runs);
  const rpd = rp.detail as ReturnType<typeof riskParity>;
  const resid = Math.max(...rpd.riskContributions.map((c) => Math.abs(c - 1 / n)));
  rows.push(['risk parity (ERC)', String(n), rp.median.toFixed(2), `${rpd.iterations} iterations, residual ${resid.toExponential(1)}`]);
  const tickers = Array.from({ length: n }, (_, i) => `A${i}`);
  const caps = Object.fromEntries(tickers.map((t, i) => [t, 1 + (i % 7)]));
  const views = [
    { type: 'absolute' as const, asset: 'A0', return: 0.08, confidence: 0.6 },
    { type: 'relative' as const, long: tickers.slice(1, 4), short: tickers.slice(4, 8), return: 0.03, confidence: 0.4 },
    { type: 'absolute' as const, asset: `A${n - 1}`, return: 0.02, confidence: 0.3 },
  ];
  const bl = time(() => blackLitterman({ cov, tickers, marketCaps: caps, riskAversion: 2.5, views }), runs);
  rows.push(['Black-Litterman (3 views, Idzorek)', String(n), bl.median.toFixed(2), '']);
}
const mc = time(
  () => projectGoal({ initialValue: 100_000, monthlyContribution: 5000, years: 30, expectedReturn: 0.06, volatility: 0.15, target: 5_000_000, paths: 10_000, seed: 1 }),
  3,
);
const mcd = mc.detail as ReturnType<typeof projectGoal>;
rows.push(['Monte Carlo 10 000 paths × 30 y', '-', mc.median.toFixed(1), `P(≥5M)=${mcd.probability}, required ${mcd.requiredMonthlyForTarget?.toFixed(0)}/month`]);

const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`load average at start ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 shared cores: figures scale with load)`);
for (const r of rows) console.log(r.map((x, c) => x.padEnd(widths[c])).join('  '));
