import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePriceCsv } from '../../quant/price-table.js';
import { simpleReturns } from '../../quant/returns.js';
import { computeMetrics, portfolioReturns } from '../../quant/risk-metrics.js';
import { parseWeights, weightVector } from './risk.js';

const peers = resolve(process.cwd(), '../shared/data/peers');
const stocks = join(peers, 'ppo_stock_prices.csv');
const spy = join(peers, 'ppo_spy_prices.csv');
const work = mkdtempSync(join(tmpdir(), 'wd-risk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]): { code: number | null; out: Record<string, unknown> } {
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'risk', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: JSON.parse(r.stdout) as Record<string, unknown> };
}

describe('wealthdesk risk (end to end)', () => {
  it('prints the metrics the library computes, with benchmark and risk-free rate', () => {
    const weightsFile = join(work, 'w.json');
    writeFileSync(weightsFile, JSON.stringify({ AAPL: 0.6, GOOG: 0.4 }));
    const { code, out } = cli('--prices', stocks, '--weights', weightsFile, '--benchmark', spy, '--risk-free-rate', '0.02', '--json');
    expect(code).toBe(0);

    // The same numbers from the library, with the benchmark aligned by date here.
    const t = parsePriceCsv(readFileSync(stocks, 'utf8'));
    const w = t.tickers.map((x) => (x === 'AAPL' ? 0.6 : x === 'GOOG' ? 0.4 : 0));
    const port = portfolioReturns(simpleReturns(t), w);
    const b = simpleReturns(parsePriceCsv(readFileSync(spy, 'utf8')));
    const byDate = new Map(b.dates.map((d, i) => [d, b.returns[i][0] as number]));
    const want = computeMetrics(port.returns, { riskFreeRate: 0.02, benchmark: port.dates.map((d) => byDate.get(d) ?? Number.NaN) });
    const got = out.metrics as Record<string, number>;
    for (const k of ['annualReturn', 'annualVolatility', 'sharpe', 'sortino', 'maxDrawdown', 'calmar', 'var95', 'cvar95', 'var99', 'cvar99', 'beta', 'alpha'] as const) {
      expect(got[k], k).toBe(want[k]);
    }
    // GOOG lists in 2004: the portfolio starts there; SPY covers every one of those dates
    expect(port.dates[0] > '2004-08-19').toBe(true);
    expect(got.beta).toBeGreaterThan(0.5);
    expect(got.beta).toBeLessThan(2);
  });

  it('inline weights without benchmark: beta and alpha are null', () => {
    const { code, out } = cli('--prices', stocks, '--weights', '{"AAPL":0.5,"XOM":0.5}');
    expect(code).toBe(0);
    const m = out.metrics as Record<string, number | null>;
    expect(m.beta).toBeNull();
    expect(m.alpha).toBeNull();
    expect(m.var95 as number).toBeLessThan(0);
    expect(m.cvar95 as number).toBeLessThanOrEqual(m.var95 as number);
  });

  it('fails clearly on unknown tickers, weights not summing to 1 and a malformed benchmark', () => {
    const unknown = cli('--prices', stocks, '--weights', '{"AAPL":0.5,"MSFT":0.5}');
    expect(unknown.code).toBe(1);
    expect(unknown.out.error).toMatchObject({ code: 'WD_ERR_VALIDATION' });
    expect((unknown.out.error as { message: string }).message).toContain('MSFT');

    const sum = cli('--prices', stocks, '--weights', '{"AAPL":0.5,"GOOG":0.4}');
    expect(sum.code).toBe(1);
    expect((sum.out.error as { message: string }).message).toMatch(/sum to 1.*0\.9/);

    const badBench = join(work, 'bench.csv');
    writeFileSync(badBench, 'date,SPY\n2018-01-02,100\n2018-01-03,abc\n');
    const bench = cli('--prices', stocks, '--weights', '{"AAPL":1}', '--benchmark', badBench);
    expect(bench.code).toBe(1);
    expect(bench.out.error).toMatchObject({ code: 'WD_ERR_QUANT_INPUT' });
    expect((bench.out.error as { message: string }).message).toMatch(/--benchmark.*SPY.*2018-01-03/);
  });
});

describe('weights parsing', () => {
  it('accepts weights summing to 1 within 1e-6 and fills absent tickers with 0', () => {
    expect(weightVector(['A', 'B', 'C'], { A: 0.3, C: 0.7000005 })).toEqual([0.3, 0, 0.7000005]);
    expect(() => weightVector(['A', 'B'], { A: 0.5, B: 0.49 })).toThrow(/sum to 1/);
    expect(() => weightVector(['A'], { A: 0.5, Z: 0.5 })).toThrow(/Z/);
  });

  it('rejects malformed JSON and non-numeric weights', () => {
    expect(() => parseWeights('{"A":')).toThrow(/not valid JSON/);
    expect(() => parseWeights('{"A":"0.5"}')).toThrow(/"A"/);
    expect(() => parseWeights('{"__proto__":{"x":1},"A":1}')).not.toThrow();
    expect(parseWeights('{"__proto__":{"x":1},"A":1}')).toEqual({ A: 1 });
    expect(() => parseWeights(join(work, 'missing.json'))).toThrow(/cannot read/);
  });
});
