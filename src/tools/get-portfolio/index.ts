/**
 * get_portfolio: holdings valued at the latest prices on or before the turn's as-of
 * date, in the client's base currency or a requested one, with allocation by asset
 * class / currency / region, unrealized P&L and the target allocation.
 * See {@link ./valuation.ts} for the valuation and rounding rules.
 */
import { getTargetAllocation } from '../../db/repos/clients.js';
import { dec, ratio, roundMoney } from '../../money.js';
import { GetPortfolioInput, type GetPortfolioResult } from '../contract.js';
import { resolveClient } from '../shared/scope.js';
import { defineTool } from '../types.js';
import { allocate, fxTable, valueClient } from '../shared/valuation.js';
import { getPortfolioPlanner } from './planner.js';

export const getPortfolioTool = defineTool({
  name: 'get_portfolio',
  description:
    "The client's current portfolio: total market value, each holding (quantity, price, market value, cost, unrealized P&L, weight), " +
    'allocation by asset class, currency and region, and the target allocation. Use for questions about what the client owns, ' +
    'how much it is worth (我的组合值多少钱), allocation or unrealized gains. Values in the base currency unless `currency` is given.',
  schema: GetPortfolioInput,
  roles: ['client', 'advisor'],
  scope: 'client',
  activity: { zh: '正在查询持仓…', en: 'Looking up the holdings…' },
  planner: getPortfolioPlanner,
  async execute(args, ctx): Promise<GetPortfolioResult> {
    const client = await resolveClient(ctx, args.clientId);
    const clientId = client.id;
    const currency = args.currency ?? client.baseCurrency;
    const [v, target] = await Promise.all([
      valueClient(ctx.db, clientId, currency, ctx.asOf),
      getTargetAllocation(ctx.db, clientId),
    ]);
    const pnl = v.total.minus(v.totalCost);
    return {
      clientId,
      clientName: ctx.lang === 'en' ? client.nameEn : client.name,
      asOf: v.asOf,
      baseCurrency: client.baseCurrency,
      currency,
      fx: fxTable(v),
      totalValue: roundMoney(v.total),
      totalCost: roundMoney(v.totalCost),
      unrealizedPnl: roundMoney(pnl),
      unrealizedPnlPct: ratio(pnl, v.totalCost),
      holdings: v.holdings.map((h) => ({
        instrumentId: h.instrument.id,
        name: h.instrument.name,
        nameEn: h.instrument.nameEn,
        assetClass: h.instrument.assetClass,
        currency: h.instrument.currency,
        region: h.instrument.region,
        riskLevel: h.instrument.riskLevel,
        quantity: h.quantity.toString(),
        price: dec(h.price).toString(),
        priceDate: h.priceDate,
        marketValueLocal: roundMoney(h.valueLocal),
        marketValue: roundMoney(h.value),
        costBasis: roundMoney(h.cost),
        unrealizedPnl: roundMoney(h.value.minus(h.cost)),
        unrealizedPnlPct: ratio(h.value.minus(h.cost), h.cost),
        weight: ratio(h.value, v.total),
      })),
      allocation: {
        byAssetClass: allocate(v, (h) => h.instrument.assetClass),
        byCurrency: allocate(v, (h) => h.instrument.currency),
        byRegion: allocate(v, (h) => h.instrument.region),
      },
      targetAllocation: target.map((t) => ({ assetClass: t.assetClass, weight: dec(t.weight).toNumber() })),
    };
  },
});
