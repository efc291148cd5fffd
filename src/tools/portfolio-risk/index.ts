/**
 * portfolio_risk: the risk of the portfolio the client holds now, two ways, kept apart:
 * - `expected`: long-run assumptions — the expected return and volatility of today's
 *   weights from the capital-market assumptions ({@link portfolioExpectation}, weights by
 *   value in the client's base currency), the same expected return project_goal and
 *   optimize_portfolio use;
 * - everything else: realized history of today's weights — today's weights applied to the
 *   lookback history (the standard ex-ante view; not the realized risk of past holdings).
 *
 * Each instrument's daily price × FX gives its value in the report
 * currency (prices carried forward over gaps such as weekly NAVs; never back-filled, so
 * the series starts when every held instrument has a price). Portfolio daily return
 * rₚ = Σ wᵢ rᵢ (constant weights). All figures come from `src/quant/`: `computeMetrics`
 * (empyrical definitions), `historicalVar` (10-day on overlapping compounded windows) and
 * `parametricVar` (√h scaling), `sampleCov` (daily), `riskContributions` and `hhi`.
 * VaR/CVaR amounts = fraction × portfolio value, rounded to 2 dp.
 *
 * Default benchmark for beta: the equity index of the client's base currency (the most
 * common `benchmark_id` among equities in that currency).
 */
import { currencyBenchmark, getInstrument, lastTradingDates } from '../../db/repos/market.js';
import { WealthDeskError } from '../../errors.js';
import { fromRatio, roundMoney } from '../../money.js';
import { simpleReturns } from '../../quant/returns.js';
import { computeMetrics, hhi, riskContributions } from '../../quant/risk-metrics.js';
import { sampleCov } from '../../quant/risk-models.js';
import { mean, std } from '../../quant/stats.js';
import { historicalVar, parametricVar } from '../../quant/var.js';
import { PortfolioRiskInput, type PortfolioRiskResult, type VarFigure } from '../contract.js';
import { portfolioExpectation } from '../shared/capital-market.js';
import { DEFAULT_LOOKBACK_DAYS, currentPortfolioReturns, reportCurrencyTable } from '../shared/risk-series.js';
import { resolveClient } from '../shared/scope.js';
import { defineTool } from '../types.js';
import { valueClient } from '../shared/valuation.js';
import { portfolioRiskPlanner } from './planner.js';

/** Re-exported for the tools that build their tables the same way. */
export { reportCurrencyTable } from '../shared/risk-series.js';

export const portfolioRiskTool = defineTool({
  name: 'portfolio_risk',
  description:
    "Risk of the client's current portfolio: its long-run expected return and volatility from the capital-market assumptions (`expected`), " +
    'and realized history of today\'s weights over a lookback (default 3 years): annualized volatility and return, historical and ' +
    'parametric VaR/CVaR at 95% and 99% over 1 and 10 days (as % and money), Sharpe, Sortino, max drawdown, Calmar, beta to a ' +
    'benchmark, concentration (HHI, largest positions) and top risk contributors. Use for 风险多大 / 最大回撤 / VaR / volatility.',
  schema: PortfolioRiskInput,
  roles: ['client', 'advisor'],
  scope: 'client',
  activity: { zh: '正在计算组合风险…', en: 'Measuring the portfolio risk…' },
  planner: portfolioRiskPlanner,
  async execute(args, ctx): Promise<PortfolioRiskResult> {
    const client = await resolveClient(ctx, args.clientId);
    const clientId = client.id;
    const currency = args.currency ?? client.baseCurrency;
    const riskFreeRate = args.riskFreeRate ?? 0.015;
    const v = await valueClient(ctx.db, clientId, currency, ctx.asOf);
    if (v.holdings.length === 0 || v.total.isZero()) {
      throw new WealthDeskError('WD_ERR_NOT_FOUND', 'the portfolio is empty: no risk to measure');
    }
    const benchId = args.benchmark?.trim() || (await currencyBenchmark(ctx.db, client.baseCurrency));
    const bench = benchId ? await getInstrument(ctx.db, benchId) : undefined;
    if (args.benchmark && !bench) {
      throw new WealthDeskError('WD_ERR_NOT_FOUND', `unknown benchmark ${args.benchmark.slice(0, 32)}`, { details: { path: 'benchmark' } });
    }

    const ids = v.holdings.map((h) => h.instrument.id);
    const dates = await lastTradingDates(ctx.db, ids, v.asOf, (args.lookbackDays ?? DEFAULT_LOOKBACK_DAYS) + 1);
    const table = await reportCurrencyTable(ctx.db, [...v.holdings.map((h) => ({ id: h.instrument.id, currency: h.instrument.currency }))], currency, dates);
    const { weights, port } = currentPortfolioReturns(v, table);

    let benchmarkReturns: number[] | undefined;
    if (bench) {
      const bt = await reportCurrencyTable(ctx.db, [{ id: bench.id, currency: bench.currency }], currency, dates);
      const br = simpleReturns(bt);
      const byDate = new Map(br.dates.map((d, t) => [d, br.returns[t][0]]));
      benchmarkReturns = port.dates.map((d) => byDate.get(d) ?? Number.NaN);
      if (benchmarkReturns.filter(Number.isFinite).length < 2) benchmarkReturns = undefined;
    }
    const m = computeMetrics(port.returns, { riskFreeRate, benchmark: benchmarkReturns });

    const mu = mean(port.returns);
    const sd = std(port.returns, 1);
    const amount = (x: number): string => roundMoney(fromRatio(x).times(v.total));
    const vars: VarFigure[] = [];
    for (const confidence of [0.95, 0.99] as const) {
      for (const horizonDays of [1, 10] as const) {
        const h = historicalVar(port.returns, confidence, horizonDays);
        const p = parametricVar(mu, sd, confidence, horizonDays);
        for (const [method, r] of [['historical', h], ['parametric', p]] as const) {
          vars.push({ confidence, horizonDays, method, var: r.var, cvar: r.cvar, varAmount: amount(r.var), cvarAmount: amount(r.cvar) });
        }
      }
    }

    let contributions: number[] = [];
    try {
      contributions = riskContributions(weights, sampleCov(table, { frequency: 1 }));
    } catch (e) {
      if (!(e instanceof WealthDeskError && e.code === 'WD_ERR_QUANT_INPUT')) throw e; // e.g. an all-cash portfolio
    }
    // Expected figures always on the base-currency valuation, so every tool shows the same number.
    const base = currency === client.baseCurrency ? v : await valueClient(ctx.db, clientId, client.baseCurrency, ctx.asOf);
    const e = portfolioExpectation(base.holdings, client.baseCurrency);
    const named = v.holdings.map((h, i) => ({ instrumentId: h.instrument.id, name: ctx.lang === 'en' ? h.instrument.nameEn : h.instrument.name, weight: weights[i] }));
    return {
      clientId,
      clientName: ctx.lang === 'en' ? client.nameEn : client.name,
      asOf: v.asOf,
      currency,
      portfolioValue: roundMoney(v.total),
      expected: { expectedReturn: e.expectedReturn, volatility: e.volatility, geometricReturn: e.geometricReturn, cmaVersion: e.cmaVersion },
      // the window: the close before the first daily return to the last close
      history: { basis: 'current weights over past prices', startDate: table.dates[Math.max(0, table.dates.indexOf(port.dates[0]) - 1)] ?? v.asOf, endDate: port.dates.at(-1) ?? v.asOf },
      observations: m.observations,
      annualReturn: m.annualReturn,
      annualVolatility: m.annualVolatility,
      sharpe: m.sharpe,
      sortino: m.sortino,
      maxDrawdown: m.maxDrawdown,
      calmar: m.calmar,
      beta: m.beta !== null && Number.isFinite(m.beta) ? m.beta : null,
      benchmark: bench && benchmarkReturns ? { id: bench.id, name: bench.name, nameEn: bench.nameEn } : null,
      var: vars,
      concentration: { hhi: hhi(weights), top: [...named].sort((a, b) => b.weight - a.weight).slice(0, 5) },
      riskContributors: contributions.length
        ? named.map((n, i) => ({ ...n, contribution: contributions[i] })).sort((a, b) => b.contribution - a.contribution)
        : [],
      riskFreeRate,
    };
  },
});
