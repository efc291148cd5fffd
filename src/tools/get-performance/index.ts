/**
 * get_performance: time-weighted return (see {@link ../shared/performance-series.ts}) over 1M,
 * 3M, 6M, YTD, 1Y, 3Y, since inception (SI) and calendar years (`2025`), annualized for periods longer than 366
 * days as (1 + R)^(365 / days) − 1, with the money P&L over each period and a
 * benchmark's return over the same dates. The periods and the benchmark rule are in
 * {@link ../shared/performance.ts} (shared with the advisor's book tools).
 */
import { getTargetAllocation } from '../../db/repos/clients.js';
import { fxHistory, getInstruments, priceHistory } from '../../db/repos/market.js';
import { getLots } from '../../db/repos/portfolio.js';
import { GetPerformanceInput, type GetPerformanceResult, type Period } from '../contract.js';
import { benchmarkIndexIds, periodReturns, resolveBenchmark } from '../shared/performance.js';
import { resolveClient } from '../shared/scope.js';
import { defineTool } from '../types.js';
import { valuationDate } from '../shared/valuation.js';
import { getPerformancePlanner } from './planner.js';

export { periodRange, periodStart } from '../shared/performance.js';

const ALL: Period[] = ['1M', '3M', 'YTD', '1Y', '3Y', 'SI'];

export const getPerformanceTool = defineTool({
  name: 'get_performance',
  description:
    "The client's time-weighted return (not distorted by deposits or purchases) over 1M, 3M, 6M, YTD, 1Y, 3Y, since inception and calendar years (\"2025\" = last year), " +
    'annualized for periods over a year, the money gain over each period and a benchmark comparison. Use for 收益怎么样 / ' +
    'how did my portfolio do this year / vs the benchmark.',
  schema: GetPerformanceInput,
  roles: ['client', 'advisor'],
  scope: 'client',
  activity: { zh: '正在计算收益…', en: 'Calculating the returns…' },
  planner: getPerformancePlanner,
  async execute(args, ctx): Promise<GetPerformanceResult> {
    const client = await resolveClient(ctx, args.clientId);
    const clientId = client.id;
    const currency = args.currency ?? client.baseCurrency;
    const end = await valuationDate(ctx.db, ctx.asOf);
    const target = args.benchmark ? [] : await getTargetAllocation(ctx.db, clientId);
    const bench = await resolveBenchmark(ctx.db, args.benchmark, target, client.baseCurrency);

    const lots = await getLots(ctx.db, clientId, end);
    const ids = [...new Set([...lots.map((l) => l.instrumentId), ...benchmarkIndexIds(bench)])];
    const from = lots.reduce((m, l) => (l.acquiredAt < m ? l.acquiredAt : m), end);
    const [instruments, prices, fx] = await Promise.all([
      getInstruments(ctx.db, ids),
      priceHistory(ctx.db, ids, from, end),
      fxHistory(ctx.db, ['USD', 'HKD', 'CNY'], from, end),
    ]);
    const periods = periodReturns({
      lots,
      currencyOf: new Map([...instruments.values()].map((i) => [i.id, i.currency as string])),
      prices,
      fx,
      currency,
      benchmark: bench,
      periods: args.periods?.length ? [...new Set(args.periods)] : ALL,
      end,
      inception: client.inceptionDate,
    });
    return { clientId, clientName: ctx.lang === 'en' ? client.nameEn : client.name, asOf: end, currency, benchmark: { id: bench.id, name: bench.name, nameEn: bench.nameEn }, periods };
  },
});
