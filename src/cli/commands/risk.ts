/**
 * `wealthdesk risk --prices <csv> --weights <json> [--benchmark <csv>] [--risk-free-rate r]
 * [--frequency 252]`: risk metrics of a constant-weight portfolio (empyrical definitions).
 * Prints `{"metrics":{annualReturn, annualVolatility, sharpe, sortino, maxDrawdown, calmar,
 * var95, cvar95, var99, cvar99, beta, alpha}}`; undefined values (e.g. no benchmark) are null.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { WealthDeskError } from '../../errors.js';
import { parsePriceCsv, type PriceTable } from '../../quant/price-table.js';
import { simpleReturns } from '../../quant/returns.js';
import { computeMetrics, portfolioReturns, type RiskMetrics } from '../../quant/risk-metrics.js';
import { numberFlag, parseFlags } from '../args.js';

const WEIGHT_TOLERANCE = 1e-6;
const weightsSchema = z.record(z.string().min(1), z.number().finite());

function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new WealthDeskError('WD_ERR_VALIDATION', `--${flag}: cannot read "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
}

function readCsv(path: string, flag: string): PriceTable {
  try {
    return parsePriceCsv(readText(path, flag));
  } catch (e) {
    if (e instanceof WealthDeskError && e.code !== 'WD_ERR_VALIDATION') {
      throw new WealthDeskError(e.code, `--${flag} ${path}: ${e.message}`, { cause: e, details: e.details });
    }
    throw e;
  }
}

/** `--weights`: inline JSON object (starts with "{") or a path to a JSON file; ticker → weight. */
export function parseWeights(value: string): Record<string, number> {
  const text = value.trim().startsWith('{') ? value : readText(value, 'weights');
  let raw: unknown;
  try {
    raw = JSON.parse(text, (k, v: unknown) => (k === '__proto__' || k === 'constructor' ? undefined : v));
  } catch (e) {
    throw new WealthDeskError('WD_ERR_BAD_JSON', `--weights is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const parsed = weightsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
    throw new WealthDeskError('WD_ERR_VALIDATION', `--weights must be an object of ticker → number${where}: ${issue.message}`);
  }
  return parsed.data;
}

/** Weights in table order; unknown tickers and a sum other than 1 (±1e-6) are errors. */
export function weightVector(tickers: readonly string[], weights: Record<string, number>): number[] {
  const known = new Set(tickers);
  const unknown = Object.keys(weights).filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw new WealthDeskError('WD_ERR_VALIDATION', `--weights names tickers not in --prices: ${unknown.join(', ')}`);
  }
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
    throw new WealthDeskError('WD_ERR_VALIDATION', `--weights must sum to 1 (±${WEIGHT_TOLERANCE}), got ${sum}`);
  }
  return tickers.map((t) => weights[t] ?? 0);
}

/** Benchmark daily returns on the given dates; NaN where the benchmark has no return that day. */
function benchmarkOn(dates: readonly string[], bench: PriceTable): number[] {
  if (bench.tickers.length !== 1) {
    throw new WealthDeskError('WD_ERR_BAD_CSV', `--benchmark must have exactly one price column besides the date, found ${bench.tickers.length}`);
  }
  const r = simpleReturns(bench);
  const byDate = new Map<string, number>();
  r.dates.forEach((d, t) => {
    const v = r.returns[t][0];
    if (v !== null) byDate.set(d, v);
  });
  return dates.map((d) => byDate.get(d) ?? Number.NaN);
}

export async function run(argv: string[]): Promise<{ metrics: RiskMetrics }> {
  const { values } = parseFlags(
    argv,
    {
      prices: { type: 'string' },
      weights: { type: 'string' },
      benchmark: { type: 'string' },
      'risk-free-rate': { type: 'string' },
      frequency: { type: 'string' },
    },
    false,
  );
  if (!values.prices) throw new WealthDeskError('WD_ERR_VALIDATION', '--prices <csv> is required');
  if (!values.weights) throw new WealthDeskError('WD_ERR_VALIDATION', '--weights <json|file> is required');
  const riskFreeRate = numberFlag(values['risk-free-rate'], 'risk-free-rate') ?? 0;
  const frequency = numberFlag(values.frequency, 'frequency') ?? 252;
  if (!(frequency > 0)) throw new WealthDeskError('WD_ERR_VALIDATION', `--frequency must be > 0, got ${frequency}`);

  const prices = readCsv(values.prices, 'prices');
  const weights = weightVector(prices.tickers, parseWeights(values.weights));
  const port = portfolioReturns(simpleReturns(prices), weights);
  if (port.returns.length < 2) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `the weighted assets share only ${port.returns.length} return dates; need at least 2`);
  }
  const benchmark = values.benchmark ? benchmarkOn(port.dates, readCsv(values.benchmark, 'benchmark')) : undefined;
  if (benchmark && benchmark.filter(Number.isFinite).length < 2) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', '--benchmark shares fewer than 2 return dates with the portfolio');
  }
  const m = computeMetrics(port.returns, { riskFreeRate, periods: frequency, benchmark });
  // JSON has no NaN/Infinity: undefined ratios (zero volatility, no downside) print as null.
  const metrics = Object.fromEntries(
    Object.entries(m).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v]),
  ) as RiskMetrics;
  return { metrics };
}
