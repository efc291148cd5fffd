/**
 * `wealthdesk optimize --prices <csv> --objective <…> [options]`: portfolio weights from a
 * price table, with PyPortfolioOpt's defaults (CAGR expected returns, pairwise sample
 * covariance × 252, long-only, risk-free rate 0). Prints
 * `{weights:{TICKER:w}, performance:{expectedReturn, volatility, sharpe}[, frontier]}`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { numberFlag, parseFlags } from '../args.js';
import { WealthDeskError } from '../../errors.js';
import { parsePriceCsv, type PriceTable } from '../../quant/price-table.js';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from '../../quant/expected-returns.js';
import { expCov, ledoitWolf, sampleCov, semicovariance } from '../../quant/risk-models.js';
import { riskParity } from '../../quant/risk-parity.js';
import { hierarchicalRiskParity, pairwiseCorr } from '../../quant/hrp.js';
import { returnColumns, simpleReturns } from '../../quant/returns.js';
import { blackLitterman, type BlView } from '../../quant/black-litterman.js';
import { efficientFrontier, optimize, performance, type Objective } from '../../quant/optim/index.js';

const MV: Objective[] = ['max-sharpe', 'min-volatility', 'efficient-risk', 'efficient-return', 'max-utility'];
const OTHER = ['risk-parity', 'hrp', 'black-litterman'] as const;

/** Parses a JSON flag given inline or as a path to a file. */
function jsonFlag(value: string | undefined, flag: string): unknown {
  if (value === undefined) return undefined;
  const text = value.trim().startsWith('{') || value.trim().startsWith('[') ? value : existsSync(value) ? readFileSync(value, 'utf8') : value;
  try {
    return JSON.parse(text, (k, v: unknown) => (k === '__proto__' || k === 'constructor' ? undefined : v));
  } catch {
    throw new WealthDeskError('WD_ERR_BAD_JSON', `--${flag} is neither valid JSON nor a readable JSON file`);
  }
}

/** Accepts a BlView array or a PyPortfolioOpt-style absolute-view dict {"AAPL": 0.1}. */
export function parseViews(v: unknown): BlView[] {
  if (Array.isArray(v)) return v as BlView[];
  if (v && typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>).map(([asset, r]) => {
      if (typeof r !== 'number' || !Number.isFinite(r)) throw new WealthDeskError('WD_ERR_VALIDATION', `View for ${asset} must be a number`);
      return { type: 'absolute', asset, return: r };
    });
  }
  throw new WealthDeskError('WD_ERR_VALIDATION', '--views must be a JSON array of views or an object {"TICKER": return}');
}

export async function run(argv: string[]): Promise<unknown> {
  const { values: f } = parseFlags(argv, {
    prices: { type: 'string' },
    objective: { type: 'string', default: 'max-sharpe' },
    'risk-free-rate': { type: 'string' },
    'target-volatility': { type: 'string' },
    'target-return': { type: 'string' },
    'risk-aversion': { type: 'string' },
    frequency: { type: 'string' },
    returns: { type: 'string', default: 'mean' },
    cov: { type: 'string', default: 'sample' },
    'weight-bounds': { type: 'string' },
    'market-caps': { type: 'string' },
    views: { type: 'string' },
    frontier: { type: 'string' },
    'l2-gamma': { type: 'string' },
    'market-neutral': { type: 'boolean' },
  });
  if (!f.prices) throw new WealthDeskError('WD_ERR_VALIDATION', '--prices <csv> is required');
  if (!existsSync(f.prices)) throw new WealthDeskError('WD_ERR_VALIDATION', `Price file not found: ${f.prices}`);
  const objective = f.objective!;
  if (!(MV as string[]).includes(objective) && !(OTHER as readonly string[]).includes(objective)) {
    throw new WealthDeskError('WD_ERR_VALIDATION', `Unknown --objective "${objective}"; use one of ${[...MV, ...OTHER].join(', ')}`);
  }
  const frequency = numberFlag(f.frequency, 'frequency') ?? 252;
  const riskFreeRate = numberFlag(f['risk-free-rate'], 'risk-free-rate') ?? 0;
  const table = parsePriceCsv(readFileSync(f.prices, 'utf8'));
  const { tickers } = table;
  const cov = covariance(table, f.cov!, frequency);
  const bounds = weightBoundsFlag(f['weight-bounds']);
  const perf = (w: number[], mu: number[], c = cov) => performance(w, mu, c, riskFreeRate);
  const out = (w: number[], mu: number[], c = cov) => ({
    weights: Object.fromEntries(tickers.map((t, i) => [t, w[i]!])),
    performance: perf(w, mu, c),
  });

  if (objective === 'risk-parity' || objective === 'hrp') {
    const mu = expectedReturns(table, f.returns!, frequency, riskFreeRate);
    // HRP clusters on the pairwise correlation of the returns (pandas .corr(), as HRPOpt does);
    // with another --cov estimator, on that estimator's own correlation.
    const corr = f.cov === 'sample' ? pairwiseCorr(returnColumns(simpleReturns(table)), tickers) : undefined;
    const w = objective === 'risk-parity' ? riskParity(cov).weights : hierarchicalRiskParity(cov, { corr }).weights;
    return out(w, mu);
  }
  let mu: number[];
  let c = cov;
  if (objective === 'black-litterman') {
    const views = parseViews(jsonFlag(f.views, 'views') ?? []);
    const caps = jsonFlag(f['market-caps'], 'market-caps') as Record<string, number> | undefined;
    const bl = blackLitterman({
      cov,
      tickers,
      marketCaps: caps,
      // Without market caps the prior is the historical expected return (PyPortfolioOpt's pi=series).
      ...(caps ? {} : { pi: expectedReturns(table, f.returns!, frequency, riskFreeRate) }),
      riskAversion: numberFlag(f['risk-aversion'], 'risk-aversion'),
      riskFreeRate,
      views,
    });
    mu = bl.posteriorReturns;
    c = bl.posteriorCov;
  } else mu = expectedReturns(table, f.returns!, frequency, riskFreeRate);
  const problem = {
    mu,
    cov: c,
    tickers,
    objective: (objective === 'black-litterman' ? 'max-sharpe' : objective) as Objective,
    riskFreeRate,
    targetVolatility: numberFlag(f['target-volatility'], 'target-volatility'),
    targetReturn: numberFlag(f['target-return'], 'target-return'),
    riskAversion: numberFlag(f['risk-aversion'], 'risk-aversion') ?? 1,
    l2Gamma: numberFlag(f['l2-gamma'], 'l2-gamma'),
    marketNeutral: f['market-neutral'] === true ? true : undefined,
    ...(bounds ? { bounds } : {}),
  };
  if (problem.objective === 'efficient-risk' && problem.targetVolatility === undefined) {
    throw new WealthDeskError('WD_ERR_VALIDATION', '--objective efficient-risk needs --target-volatility');
  }
  if (problem.objective === 'efficient-return' && problem.targetReturn === undefined) {
    throw new WealthDeskError('WD_ERR_VALIDATION', '--objective efficient-return needs --target-return');
  }
  const res = optimize(problem);
  const result: Record<string, unknown> = out(res.weights, mu, c);
  const nFrontier = numberFlag(f.frontier, 'frontier');
  if (nFrontier !== undefined) {
    const { objective: _o, ...rest } = problem;
    result.frontier = efficientFrontier(rest, nFrontier).points.map((p) => ({
      expectedReturn: p.expectedReturn,
      volatility: p.volatility,
      sharpe: p.sharpe,
      weights: Object.fromEntries(tickers.map((t, i) => [t, p.weights[i]!])),
    }));
  }
  return result;
}

function expectedReturns(t: PriceTable, kind: string, frequency: number, riskFreeRate: number): number[] {
  switch (kind) {
    case 'mean':
      return meanHistoricalReturn(t, { compounding: true, frequency });
    case 'mean-arithmetic':
      return meanHistoricalReturn(t, { compounding: false, frequency });
    case 'ema':
      return emaHistoricalReturn(t, { frequency });
    case 'capm':
      return capmReturn(t, { riskFreeRate, frequency });
    default:
      throw new WealthDeskError('WD_ERR_VALIDATION', `Unknown --returns "${kind}"; use mean, mean-arithmetic, ema or capm`);
  }
}

function covariance(t: PriceTable, kind: string, frequency: number): number[][] {
  switch (kind) {
    case 'sample':
      return sampleCov(t, { frequency });
    case 'ledoit-wolf':
      return ledoitWolf(t, { frequency });
    case 'exp':
      return expCov(t, { frequency });
    case 'semicovariance':
      return semicovariance(t, { frequency });
    default:
      throw new WealthDeskError('WD_ERR_VALIDATION', `Unknown --cov "${kind}"; use sample, ledoit-wolf, exp or semicovariance`);
  }
}

function weightBoundsFlag(v: string | undefined): [number, number] | undefined {
  if (v === undefined) return undefined;
  const parts = v.split(',').map((s) => s.trim().toLowerCase());
  const num = (s: string | undefined, inf: number) =>
    s === undefined || s === '' || s === 'none' ? inf : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s);
  const lo = num(parts[0], -Infinity);
  const hi = num(parts[1], Infinity);
  if (parts.length !== 2 || Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) {
    throw new WealthDeskError('WD_ERR_VALIDATION', `--weight-bounds must be "lo,hi", got "${v}"`);
  }
  return [lo, hi];
}
