/**
 * client_summary (advisors only): one client of the advisor's own book in brief — risk
 * profile and its expiry, value and unrealized P&L, allocation by asset class against the
 * target, year-to-date and 1-year time-weighted return against the benchmark, 3-year
 * volatility and maximum drawdown of today's portfolio, what needs attention (holdings
 * above the profile, drift, assessment due, a concentrated holding), the five largest
 * holdings and how many conversations the client had in the last 90 days. Figures are
 * the ones the client tools show (in the client's base currency): the same shared code
 * as get_portfolio, get_performance and portfolio_risk, read in one batch.
 */
import { countClientConversations } from '../../db/repos/conversations.js';
import { ratio, roundMoney } from '../../money.js';
import { ATTENTION, aboveProfile, driftOf, largestHolding, loadBook, named, profileState } from '../shared/book.js';
import { returnsOfMany } from '../shared/book-returns.js';
import { riskOfMany } from '../shared/risk-series.js';
import { requireAdvisor, resolveClient } from '../shared/scope.js';
import { allocate } from '../shared/valuation.js';
import { defineTool } from '../types.js';
import { clientSummaryPlanner } from './planner.js';
import { ClientSummaryInput, ClientSummaryResult, type ClientSummaryResult as Result } from './schema.js';

export { ClientSummaryInput, ClientSummaryResult } from './schema.js';

/** Conversations counted over this many days to the as-of date. */
const CONVERSATION_DAYS = 90;

export const clientSummaryTool = defineTool({
  name: 'client_summary',
  description:
    'Advisor only: one client of your book in brief — risk profile and expiry, value and unrealized P&L, allocation vs target, YTD and 1-year ' +
    'return vs benchmark, 3-year volatility and max drawdown, what needs attention (products above the profile, drift, assessment due, concentration), ' +
    'top 5 holdings and conversations in the last 90 days. Use for "summarize C0003", 讲讲陈美玲的情况.',
  schema: ClientSummaryInput,
  output: ClientSummaryResult,
  roles: ['advisor'],
  scope: 'client',
  activity: { zh: '正在整理客户概况…', en: 'Putting the client summary together…' },
  planner: clientSummaryPlanner,
  async execute(args, ctx): Promise<Result> {
    const advisorId = requireAdvisor(ctx);
    const client = await resolveClient(ctx, args.clientId);
    const book = await loadBook(ctx, advisorId, client.baseCurrency, [client]);
    const e = book.entries[0];
    const v = e.base;
    const lang = ctx.lang === 'en' ? 'en' : 'zh';
    const s = profileState(e.profile, book.now, ATTENTION.withinDays);
    const since = new Date(book.now.getTime() - CONVERSATION_DAYS * 86_400_000);
    const perf = await returnsOfMany(ctx.db, [{ key: client.id, client, lots: e.lots, target: e.target }], ['YTD', '1Y'], book.asOf);
    const risk = await riskOfMany(ctx.db, [{ key: client.id, valuation: v }], book.asOf);
    const conversations = await countClientConversations(ctx.db, client.id, since, book.now);

    const slices = allocate(v, (h) => h.instrument.assetClass);
    const classes = [...slices.map((x) => x.key), ...e.target.map((t) => t.assetClass).filter((c) => !slices.some((x) => x.key === c))];
    const allocation = classes.map((cls) => {
      const slice = slices.find((x) => x.key === cls);
      const t = e.target.find((x) => x.assetClass === cls);
      const weight = slice?.weight ?? 0;
      const target = t ? Number(t.weight) : null;
      return { assetClass: cls, value: slice?.value ?? '0.00', weight, target, drift: target === null ? null : weight - target };
    });
    const drift = driftOf(v, e.target);
    const top = largestHolding(v);
    const p = perf.get(client.id);
    const r = risk.get(client.id);
    const pnl = v.total.minus(v.totalCost);
    return {
      clientId: client.id,
      name: lang === 'en' ? client.nameEn : client.name,
      asOf: book.asOf,
      currency: client.baseCurrency,
      profile: { level: s.level, assessedAt: s.assessedAt, expiresAt: s.expiresAt, expired: s.expired, daysLeft: s.daysLeft, state: s.state },
      value: roundMoney(v.total),
      cost: roundMoney(v.totalCost),
      unrealizedPnl: roundMoney(pnl),
      unrealizedPnlPct: v.totalCost.isZero() ? 0 : ratio(pnl, v.totalCost),
      allocation,
      performance: p
        ? { benchmark: p.benchmark, periods: p.periods.map((x) => ({ period: x.period, start: x.start, end: x.end, return: x.return, benchmarkReturn: x.benchmarkReturn, excessReturn: x.excessReturn })) }
        : null,
      risk: r ? { observations: r.observations, annualVolatility: r.annualVolatility, maxDrawdown: r.maxDrawdown } : null,
      attention: {
        aboveProfile: aboveProfile(v, s.level).map((h) => named(h, v.total, lang)),
        assessment: s.state === 'current' ? null : { state: s.state, expiresAt: s.expiresAt, daysLeft: s.daysLeft },
        drift: drift.assetClass && drift.drift > ATTENTION.drift ? { assetClass: drift.assetClass, drift: drift.drift, actual: drift.actual, target: drift.target } : null,
        concentration: top && top.weight > ATTENTION.concentration ? named(top.holding, v.total, lang) : null,
      },
      thresholds: { drift: ATTENTION.drift, concentration: ATTENTION.concentration, withinDays: ATTENTION.withinDays },
      topHoldings: v.holdings.slice(0, 5).map((h) => ({ ...named(h, v.total, lang), unrealizedPnl: roundMoney(h.value.minus(h.cost)) })),
      holdings: v.holdings.length,
      conversations: { days: CONVERSATION_DAYS, count: conversations },
    };
  },
});

