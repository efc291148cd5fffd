/**
 * `npm run bench risk`: times of the covariance estimators and risk metrics on generated
 * prices (756 trading days ≈ 3 years; 20, 100, 500 assets with a one-factor structure and
 * a few leading blanks). Prints a table of median CPU milliseconds over a few runs. With
 * gaps the pairwise covariance of 500 assets over 756 days is usually not PSD, so that row
 * includes PyPortfolioOpt's spectral repair (a 500×500 symmetric eigendecomposition, by
 * `src/quant/sym-eigen.ts`: Householder + implicit QL on typed arrays; it took ~1.2 s with
 * ml-matrix's EigenvalueDecomposition, ~0.5 s now).
 */
import type { PriceTable } from '../src/quant/price-table.js';
import { simpleReturns } from '../src/quant/returns.js';
import { ledoitWolf, sampleCov } from '../src/quant/risk-models.js';
import { computeMetrics, portfolioReturns } from '../src/quant/risk-metrics.js';
import { historicalVar } from '../src/quant/var.js';

const DAYS = 756;
const SIZES = [20, 100, 500];

/** mulberry32: a small deterministic PRNG so every run times the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

function generate(n: number, seed: number): PriceTable {
  const u = rng(seed);
  const beta = Array.from({ length: n }, () => 0.5 + u());
  const listed = Array.from({ length: n }, (_, j) => (j % 10 === 9 ? Math.floor(u() * 100) : 0));
  const prices: (number | null)[][] = [];
  let last = Array.from({ length: n }, () => 10 + 90 * u());
  for (let t = 0; t <= DAYS; t++) {
    const market = 0.0003 + 0.01 * gaussian(u);
    last = last.map((p, j) => p * (1 + beta[j] * market + 0.015 * gaussian(u)));
    prices.push(last.map((p, j) => (t < listed[j] ? null : p)));
  }
  const dates = prices.map((_, t) => new Date(Date.UTC(2021, 0, 1 + t)).toISOString().slice(0, 10));
  return { dates, tickers: Array.from({ length: n }, (_, j) => `A${j}`), prices };
}

/** Median CPU milliseconds (user + system) of `runs` calls: steadier than wall time on a shared machine. */
function medianMs(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.cpuUsage();
    fn();
    const d = process.cpuUsage(s);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows: string[][] = [];
for (const n of SIZES) {
  const table = generate(n, 42 + n);
  const runs = n >= 500 ? 3 : 7;
  const weights = Array.from({ length: n }, () => 1 / n);
  const port = portfolioReturns(simpleReturns(table), weights).returns;
  const bench = port.map((r) => r * 0.9);
  const cells = [
    medianMs(() => sampleCov(table), runs),
    medianMs(() => ledoitWolf(table), runs),
    medianMs(() => ledoitWolf(table, { target: 'single_factor' }), runs),
    medianMs(() => ledoitWolf(table, { target: 'constant_correlation' }), runs),
    medianMs(() => computeMetrics(port, { benchmark: bench, riskFreeRate: 0.02 }), 21),
    medianMs(() => historicalVar(port, 0.99, 10), 21),
  ];
  rows.push([`${n} × ${DAYS}`, ...cells.map((ms) => ms.toFixed(ms < 10 ? 2 : 0))]);
}

const header = ['assets × days', 'sampleCov', 'ledoitWolf (const. var.)', 'ledoitWolf (single factor)', 'ledoitWolf (const. corr.)', 'computeMetrics', 'historicalVar 99% 10d'];
process.stdout.write(`median CPU ms per call (Node ${process.version})\n\n`);
process.stdout.write(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n`);
for (const r of rows) process.stdout.write(`| ${r.join(' | ')} |\n`);
