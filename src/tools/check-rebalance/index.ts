/**
 * check_rebalance: drift of each asset class from the client's target allocation, whether
 * the band rule calls for a rebalance, and the trade list that brings the classes back to
 * target — cash-neutral (buys are funded by sells net of costs; what is left stays in
 * cash), whole lots, tax-aware lot choice (losses first) and tax-loss-harvesting
 * candidates where the client's jurisdiction makes harvesting worth anything.
 *
 * Tax rules by jurisdiction (individual investors; see {@link taxRuleFor}):
 * - CN: gains on A-shares and public funds are exempt from individual income tax
 *   (个人转让上市公司股票所得暂免征收个人所得税; 基金买卖差价暂不征收), so there is no tax to
 *   save: estimated tax 0, no TLH.
 * - HK: no capital-gains tax: estimated tax 0, no TLH.
 * - US: realized gains are taxed (15%, the long-term federal rate of most filers, is used
 *   for the estimate) and losses offset them: TLH candidates are listed (mind the 30-day
 *   wash-sale rule when buying back).
 *
 * Cash is never a trade: it is the residual. Cash above its target funds buys; what the
 * trades leave over stays in cash (`totals.cashChange`, `totals.cashAfter`).
 *
 * Holding and lock-up periods (最短持有期 / 封闭期, {@link redeemableFrom}): lots still inside
 * their period on the valuation date are never sold; they are listed in `locked` and a note,
 * and the other holdings are rebalanced around them (a class whose locked value is above its
 * target keeps it, the other classes share the rest in proportion to their targets).
 *
 * Suitability: a buy never goes into a held product above the client's risk level (or into
 * any named product when the profile is missing or expired); such a buy is shown as "a
 * suitable product of this class" (instrumentId null) for the same amount.
 * All money in the client's base currency; the quant step (`rebalanceTrades`) runs on
 * floats and every amount is rebuilt here as quantity × decimal price, rounded to cents.
 */
import { getTargetAllocation } from '../../db/repos/clients.js';
import { getLots } from '../../db/repos/portfolio.js';
import { getCurrentRiskProfile } from '../../db/repos/risk-profiles.js';
import { WealthDeskError } from '../../errors.js';
import { Decimal, ZERO, dec, fromRatio, fxRate, ratio, round2, roundMoney } from '../../money.js';
import { type RebalancePosition, computeDrift, needsRebalance, rebalanceTrades } from '../../quant/rebalance.js';
import { CheckRebalanceInput, type CheckRebalanceResult, type RebalanceTradeView, type TaxRule } from '../contract-construction.js';
import { effectiveRisk, instrumentTerms } from '../shared/construction-data.js';
import { resolveClient } from '../shared/scope.js';
import { defineTool } from '../types.js';
import { valueClient } from '../shared/valuation.js';
import { redeemableFrom } from './lockup.js';
import { checkRebalancePlanner } from './planner.js';

/** The asset class that is the residual of the trades. */
const CASH = 'cash';

/** The capital-gains treatment used for a jurisdiction; see the module comment. */
export function taxRuleFor(jurisdiction: string, lang: 'zh' | 'en'): TaxRule {
  const zh = lang === 'zh';
  if (jurisdiction === 'US') {
    return {
      jurisdiction: 'US',
      capitalGainsTaxed: true,
      taxRate: 0.15,
      tlhAllowed: true,
      rule: zh
        ? '美国：已实现资本利得需纳税（估算按长期资本利得税率 15%），亏损可抵减利得，可做税损收割；注意 30 天洗售规则'
        : 'US: realized gains are taxed (estimated at the 15% long-term rate) and losses offset them, so tax-loss harvesting helps; mind the 30-day wash-sale rule',
    };
  }
  if (jurisdiction === 'HK') {
    return {
      jurisdiction: 'HK',
      capitalGainsTaxed: false,
      taxRate: 0,
      tlhAllowed: false,
      rule: zh ? '香港：不征收资本利得税，无需税损收割' : 'Hong Kong: no capital-gains tax, so there is nothing to harvest',
    };
  }
  return {
    jurisdiction: 'CN',
    capitalGainsTaxed: false,
    taxRate: 0,
    tlhAllowed: false,
    rule: zh
      ? '中国内地：个人买卖A股及公募基金的差价所得暂免征收个人所得税，亏损无税可抵，不做税损收割'
      : 'Mainland China: individuals pay no income tax on gains from trading A-shares and public funds, so losses offset nothing: no tax-loss harvesting',
  };
}

export const checkRebalanceTool = defineTool({
  name: 'check_rebalance',
  description:
    "Compares the client's asset-class weights with their target allocation: drift per class, whether a rebalance is needed under the " +
    'band rule (default ±5 points or ±25% of target), and the cash-neutral trade list with costs, tax-aware lot choice and tax-loss-' +
    'harvesting candidates where the jurisdiction allows. Use for 再平衡 / 偏离目标 / how should I rebalance.',
  schema: CheckRebalanceInput,
  roles: ['client', 'advisor'],
  scope: 'client',
  policy: { advice: true },
  activity: { zh: '正在检查再平衡…', en: 'Checking the rebalancing…' },
  planner: checkRebalancePlanner,
  async execute(args, ctx): Promise<CheckRebalanceResult> {
    const client = await resolveClient(ctx, args.clientId);
    const clientId = client.id;
    const zh = ctx.lang === 'zh';
    const absoluteBand = args.absoluteBand ?? 0.05;
    const relativeBand = args.relativeBand ?? 0.25;
    const taxAware = args.taxAware ?? true;
    const costBps = args.costBps ?? 10;
    const currency = client.baseCurrency;
    const v = await valueClient(ctx.db, clientId, currency, ctx.asOf);
    if (v.holdings.length === 0 || v.total.isZero()) throw new WealthDeskError('WD_ERR_NOT_FOUND', 'the portfolio is empty: nothing to rebalance');
    const [targetRows, lots, terms, profile] = await Promise.all([
      getTargetAllocation(ctx.db, clientId),
      getLots(ctx.db, clientId, v.asOf),
      instrumentTerms(ctx.db, v.holdings.map((h) => h.instrument.id)),
      getCurrentRiskProfile(ctx.db, clientId),
    ]);
    const targetSum = targetRows.reduce((s, t) => s.plus(t.weight), ZERO);
    if (targetRows.length === 0 || targetSum.isZero()) {
      throw new WealthDeskError('WD_ERR_NOT_FOUND', zh ? '该客户尚未设定目标配置' : 'no target allocation is set for this client');
    }
    const now = ctx.asOf ? new Date(`${ctx.asOf}T23:59:59.999Z`) : new Date();
    const profileLevel = profile && profile.expiresAt.getTime() > now.getTime() ? profile.level : 0;
    const tax = taxRuleFor(client.jurisdiction, ctx.lang);

    const unit = new Map(v.holdings.map((h) => [h.instrument.id, dec(h.price).times(fxRate(h.instrument.currency, currency, v.fx))]));
    const byId = new Map(v.holdings.map((h) => [h.instrument.id, h]));
    // A lot is locked while the valuation date is before the end of its holding / lock-up period.
    const lockEnd = new Map(lots.map((l) => [l.id, redeemableFrom(l.instrumentId, l.acquiredAt)]));
    const isLocked = (l: (typeof lots)[number]) => {
      const end = lockEnd.get(l.id);
      return end !== null && end !== undefined && v.asOf < end;
    };
    const positions: RebalancePosition[] = v.holdings.map((h) => {
      const rate = fxRate(h.instrument.currency, currency, v.fx);
      return {
        id: h.instrument.id,
        assetClass: h.instrument.assetClass,
        value: h.value.toNumber(),
        price: unit.get(h.instrument.id)!.toNumber(),
        lotSize: terms.get(h.instrument.id)?.lotSize ?? 1,
        lots: lots
          .filter((l) => l.instrumentId === h.instrument.id)
          .map((l) => ({ quantity: Number(l.quantity), costPrice: dec(l.costPrice).times(rate).toNumber(), acquiredAt: l.acquiredAt, locked: isLocked(l) })),
      };
    });
    const locked = v.holdings.flatMap((h) => {
      const ls = lots.filter((l) => l.instrumentId === h.instrument.id && isLocked(l));
      if (ls.length === 0) return [];
      const quantity = ls.reduce((a, l) => a.plus(l.quantity), ZERO);
      return [{
        instrumentId: h.instrument.id,
        name: zh ? h.instrument.name : h.instrument.nameEn,
        quantity: quantity.toString(),
        value: roundMoney(round2(quantity.times(unit.get(h.instrument.id)!))),
        until: ls.map((l) => lockEnd.get(l.id)!).sort().at(-1)!,
      }];
    });
    const classValue = new Map<string, Decimal>();
    for (const h of v.holdings) classValue.set(h.instrument.assetClass, (classValue.get(h.instrument.assetClass) ?? ZERO).plus(h.value));
    const target = Object.fromEntries(targetRows.map((t) => [t.assetClass, dec(t.weight).div(targetSum).toNumber()]));
    const drift = computeDrift(Object.fromEntries([...classValue].map(([c, x]) => [c, x.toNumber()])), target);
    const rule = { absolute: absoluteBand, relative: relativeBand };
    const q = rebalanceTrades({ positions, target, costBps, taxAware, taxRate: tax.taxRate, allowTlh: tax.tlhAllowed, residualClass: CASH });

    const bps = new Decimal(costBps).div(10_000);
    const trades: RebalanceTradeView[] = q.trades.map((t) => {
      const h = byId.get(t.id);
      let quantity: Decimal | null = null;
      let amount: Decimal;
      if (h && t.quantity !== undefined) {
        quantity = t.side === 'sell' && t.quantity >= h.quantity.toNumber() - 1e-9 ? h.quantity : new Decimal(t.quantity.toFixed(6));
        amount = round2(quantity.times(unit.get(t.id)!));
      } else amount = new Decimal(t.amount.toFixed(6)).toDecimalPlaces(2, Decimal.ROUND_DOWN);
      const suitable = h !== undefined && (t.side === 'sell' || effectiveRisk(h) <= profileLevel);
      const cls = h?.instrument.assetClass ?? t.id;
      return {
        instrumentId: suitable ? t.id : null,
        name: suitable && h ? (zh ? h.instrument.name : h.instrument.nameEn) : null,
        assetClass: cls,
        side: t.side,
        quantity: suitable && quantity ? quantity.toString() : null,
        amount: roundMoney(amount),
        cost: roundMoney(amount.times(bps)),
        realizedGain: t.realizedGain !== undefined ? roundMoney(fromRatio(t.realizedGain)) : null,
        estimatedTax: t.estimatedTax !== undefined ? roundMoney(fromRatio(t.estimatedTax)) : null,
      };
    });
    const total = (side: 'buy' | 'sell', f: (t: RebalanceTradeView) => string) => trades.filter((t) => t.side === side).reduce((s, t) => s.plus(f(t)), ZERO);
    const net = () => total('sell', (t) => t.amount).minus(total('buy', (t) => t.amount)).minus(trades.reduce((s, t) => s.plus(t.cost), ZERO));
    const cashNow = classValue.get(CASH) ?? ZERO;
    // Cash the buys may spend: what is above the cash class's target (to the cent, down).
    const spendable = Decimal.max(0, cashNow.minus(new Decimal((q.targets[CASH] ?? 0).toFixed(6)))).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    let cashChange = net();
    if (cashChange.plus(spendable).isNegative()) {
      // cent rounding: take the shortfall off the largest buy without a lot quantity
      const flex = trades.filter((t) => t.side === 'buy' && t.quantity === null).sort((a, b) => dec(b.amount).comparedTo(a.amount))[0];
      if (flex) {
        const amt = dec(flex.amount).minus(cashChange.plus(spendable).abs().div(bps.plus(1))).toDecimalPlaces(2, Decimal.ROUND_DOWN);
        flex.amount = roundMoney(amt);
        flex.cost = roundMoney(amt.times(bps));
        cashChange = net();
      }
    }
    const costs = trades.reduce((s, t) => s.plus(t.cost), ZERO);
    const after = new Map(classValue);
    for (const t of trades) after.set(t.assetClass, (after.get(t.assetClass) ?? ZERO).plus(t.side === 'buy' ? t.amount : dec(t.amount).neg()));
    const cashAfter = cashNow.plus(cashChange);
    after.set(CASH, cashAfter);
    const totalAfter = v.total.minus(costs);
    const notes: string[] = [];
    if (locked.length > 0) {
      const list = locked.map((x) => (zh ? `${x.name}（${x.until} 起可赎回）` : `${x.name} (redeemable from ${x.until})`)).join(zh ? '、' : ', ');
      notes.push(
        zh
          ? `以下持仓仍在持有期/封闭期内，本次不卖出，其余持仓围绕其再平衡：${list}`
          : `still inside a holding or lock-up period, so not sold; the rest is rebalanced around them: ${list}`,
      );
    }
    if (trades.some((t) => t.side === 'buy' && t.instrumentId === null)) {
      notes.push(zh ? '部分买入以资产类别列示：请在客户风险等级内选择具体产品' : 'some buys are given by asset class: pick a product within the client’s risk level');
    }
    if (!profileLevel) notes.push(zh ? '风险测评缺失或已过期：买入不指定具体产品，请先重新测评' : 'the risk profile is missing or expired: buys name no product until it is renewed');
    return {
      clientId,
      asOf: v.asOf,
      currency,
      portfolioValue: roundMoney(v.total),
      rule: { absoluteBand, relativeBand, costBps, taxAware },
      rebalanceNeeded: needsRebalance(drift, rule),
      drift: drift.map((d) => ({
        assetClass: d.assetClass,
        currentWeight: d.current,
        targetWeight: d.target,
        drift: d.drift,
        relativeDrift: d.relativeDrift,
        currentValue: roundMoney(classValue.get(d.assetClass) ?? ZERO),
        targetValue: roundMoney(v.total.times(dec(targetRows.find((t) => t.assetClass === d.assetClass)?.weight ?? '0')).div(targetSum)),
        breach: Math.abs(d.drift) > absoluteBand ? 'absolute' : Math.abs(d.relativeDrift) > relativeBand ? 'relative' : null,
      })),
      trades,
      totals: {
        buys: roundMoney(total('buy', (t) => t.amount)),
        sells: roundMoney(total('sell', (t) => t.amount)),
        costs: roundMoney(costs),
        estimatedTax: roundMoney(trades.reduce((s, t) => s.plus(t.estimatedTax ?? '0'), ZERO)),
        cashChange: roundMoney(cashChange),
        cashAfter: roundMoney(cashAfter),
      },
      after: [...after]
        .map(([assetClass, x]) => ({ assetClass, weight: ratio(x, totalAfter) }))
        .sort((a, b) => b.weight - a.weight || (a.assetClass < b.assetClass ? -1 : 1)),
      locked,
      tax,
      tlhCandidates: q.tlhCandidates.map((c) => ({
        instrumentId: c.id,
        name: (zh ? byId.get(c.id)?.instrument.name : byId.get(c.id)?.instrument.nameEn) ?? c.id,
        unrealizedLoss: roundMoney(fromRatio(c.unrealizedLoss)),
      })),
      notes,
    };
  },
});
