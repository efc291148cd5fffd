/**
 * backtest_strategy: how a rebalancing rule would have done against buy-and-hold, both
 * starting at the client's target weights with today's portfolio value, over the last
 * `years` of daily prices in the base currency ({@link backtest}: costs in bps of traded
 * value, empyrical risk metrics, risk-free rate 0).
 *
 * Instrument weights: each asset class's target is split over the client's holdings of
 * that class in proportion to their value today; a target class the client does not hold
 * is stood in for by its benchmark index (the class's most common benchmark) or, for cash
 * or a class without one, by a constant price (cash in the base currency). Holdings of a
 * class without a target get weight 0. Without a target allocation the current weights
 * are used.
 */
import { getTargetAllocation } from '../../db/repos/clients.js';
import { classBenchmarks, getInstruments, lastTradingDates } from '../../db/repos/market.js';
import { WealthDeskError } from '../../errors.js';
import { ZERO, dec, fromRatio, ratio, roundMoney } from '../../money.js';
import { type BacktestResult, type BacktestStrategy, backtest } from '../../quant/backtest.js';
import type { PriceTable } from '../../quant/price-table.js';
import { simpleReturns } from '../../quant/returns.js';
import { type BacktestRun, BacktestStrategyInput, type BacktestStrategyResult } from '../contract-construction.js';
import { reportCurrencyTable } from '../portfolio-risk/index.js';
import { resolveClient } from '../shared/scope.js';
import { defineTool } from '../types.js';
import { valueClient } from '../shared/valuation.js';
import { backtestStrategyPlanner } from './planner.js';

interface Leg {
  id: string;
  currency: string | null; // null: constant-price cash proxy
  assetClass: string;
  weight: number;
  proxy: boolean;
}

/** The strategy of an input name. */
export function strategyOf(name: BacktestStrategyInput['strategy'], band: number): BacktestStrategy {
  if (name === 'buy-and-hold') return { type: 'buy-and-hold' };
  if (name === 'threshold') return { type: 'threshold', band };
  return { type: 'periodic', every: name };
}

function run(name: string, r: BacktestResult, startValue: number): BacktestRun {
  const m = r.metrics;
  const end = r.values[r.values.length - 1];
  return {
    strategy: name,
    endValue: roundMoney(fromRatio(end)),
    totalReturn: end / startValue - 1,
    annualReturn: m.annualReturn,
    annualVolatility: m.annualVolatility,
    sharpe: m.sharpe,
    sortino: m.sortino,
    maxDrawdown: m.maxDrawdown,
    calmar: m.calmar,
    var95: m.var95,
    cvar95: m.cvar95,
    rebalances: r.rebalances,
    turnover: r.turnover,
    totalCost: roundMoney(fromRatio(r.totalCost)),
  };
}

export const backtestStrategyTool = defineTool({
  name: 'backtest_strategy',
  description:
    'Backtests a rebalancing rule (monthly, quarterly, annual, or threshold when a weight drifts more than `band`) against buy-and-hold ' +
    "on the client's target weights over the last years of prices: end value, annual return, volatility, Sharpe, Sortino, max drawdown, " +
    'VaR, number of rebalances, turnover and costs, plus month-end values for a chart. Use for 回测 / 定期再平衡效果 / does rebalancing pay.',
  schema: BacktestStrategyInput,
  roles: ['client', 'advisor'],
  scope: 'client',
  policy: { advice: true },
  activity: { zh: '正在回测策略…', en: 'Backtesting the rule…' },
  planner: backtestStrategyPlanner,
  async execute(args, ctx): Promise<BacktestStrategyResult> {
    const client = await resolveClient(ctx, args.clientId);
    const clientId = client.id;
    const currency = client.baseCurrency;
    const v = await valueClient(ctx.db, clientId, currency, ctx.asOf);
    if (v.holdings.length === 0 || v.total.isZero()) throw new WealthDeskError('WD_ERR_NOT_FOUND', 'the portfolio is empty: nothing to backtest');
    const targets = await getTargetAllocation(ctx.db, clientId);
    const tSum = targets.reduce((s, t) => s.plus(t.weight), ZERO);
    const legs: Leg[] = [];
    let targetSource: BacktestStrategyResult['targetSource'] = 'target-allocation';
    if (targets.length === 0 || tSum.isZero()) {
      targetSource = 'current-weights';
      for (const h of v.holdings) legs.push({ id: h.instrument.id, currency: h.instrument.currency, assetClass: h.instrument.assetClass, weight: ratio(h.value, v.total), proxy: false });
    } else {
      const bench = await classBenchmarks(ctx.db);
      for (const t of targets) {
        const w = dec(t.weight).div(tSum);
        if (w.isZero()) continue;
        const hs = v.holdings.filter((h) => h.instrument.assetClass === t.assetClass && h.value.gt(0));
        const classValue = hs.reduce((s, h) => s.plus(h.value), ZERO);
        if (hs.length) {
          for (const h of hs) legs.push({ id: h.instrument.id, currency: h.instrument.currency, assetClass: t.assetClass, weight: w.times(h.value).div(classValue).toNumber(), proxy: false });
        } else {
          const b = t.assetClass === 'cash' ? undefined : bench.get(t.assetClass);
          legs.push({ id: b ?? `CASH-PROXY-${currency}`, currency: null, assetClass: t.assetClass, weight: w.toNumber(), proxy: true });
        }
      }
      const benchIds = legs.filter((l) => l.proxy && !l.id.startsWith('CASH-PROXY')).map((l) => l.id);
      const inst = await getInstruments(ctx.db, benchIds);
      for (const l of legs) if (l.proxy && inst.has(l.id)) l.currency = inst.get(l.id)!.currency;
    }
    // merge legs on the same instrument (two classes proxied by one index)
    const merged = new Map<string, Leg>();
    for (const l of legs) {
      const m = merged.get(l.id);
      if (m) m.weight += l.weight;
      else merged.set(l.id, { ...l });
    }
    const all = [...merged.values()];
    const priced = all.filter((l) => l.currency !== null);
    const years = args.years ?? 3;
    const dates = await lastTradingDates(ctx.db, priced.map((l) => l.id), v.asOf, years * 252 + 1);
    const t = await reportCurrencyTable(ctx.db, priced.map((l) => ({ id: l.id, currency: l.currency! })), currency, dates);
    const table: PriceTable = {
      dates: t.dates,
      tickers: all.map((l) => l.id),
      prices: t.prices.map((row) => all.map((l) => (l.currency === null ? 1 : row[priced.indexOf(l)]))),
    };
    const returns = simpleReturns(table);
    const weights = all.map((l) => l.weight);
    const costBps = args.costBps ?? 10;
    const start = v.total.toNumber();
    const strategy = strategyOf(args.strategy, args.band ?? 0.05);
    const s = backtest({ returns, targetWeights: weights, strategy, costBps, initialValue: start });
    const b = backtest({ returns, targetWeights: weights, strategy: { type: 'buy-and-hold' }, costBps, initialValue: start });
    const series: BacktestStrategyResult['series'] = [];
    s.dates.forEach((d, i) => {
      if (i === s.dates.length - 1 || s.dates[i + 1].slice(0, 7) !== d.slice(0, 7)) {
        series.push({ date: d, strategy: roundMoney(fromRatio(s.values[i])), buyAndHold: roundMoney(fromRatio(b.values[i])) });
      }
    });
    const firstRow = table.dates.indexOf(s.dates[0]);
    return {
      clientId,
      asOf: v.asOf,
      currency,
      startDate: table.dates[Math.max(0, firstRow - 1)],
      endDate: s.dates[s.dates.length - 1],
      startValue: roundMoney(v.total),
      weights: all.map((l) => ({ instrumentId: l.id, assetClass: l.assetClass, weight: l.weight, proxy: l.proxy })),
      targetSource,
      strategy: run(args.strategy, s, start),
      buyAndHold: run('buy-and-hold', b, start),
      series,
      riskFreeRate: 0,
    };
  },
});
