import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { DATES, INSTRUMENTS, LAST, LOTS, TARGETS, closeOn, fxOn, insertBook } from '../__fixtures__/book.js';
import type { CheckRebalanceResult } from '../contract-construction.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';
import { ungroundedFigures } from '../../compliance/guards/grounding.js';
import { checkRebalancePlanner } from './planner.js';

const inst = (id: string) => INSTRUMENTS.find((i) => i.id === id)!;
const T = DATES.length - 1;
const WM = 'WM-2024-045';
const WM_NAV = '1.0200';
/** C4's lots: [instrument, quantity, acquired]. */
const C4_LOTS: [string, string, string][] = [
  [WM, '30000', '2023-09-01'],
  [WM, '50000', DATES[40]],
  ['CN1', '1000', DATES[0]],
  ['CASH', '20000', DATES[0]],
];
const C4_TARGET: [string, string][] = [['equity_cn', '0.5'], ['wealth', '0.1'], ['bond', '0.3'], ['cash', '0.1']];
/** ISO date + n days. */
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Latest close on or before the last day, in CNY. */
function priceCny(id: string): Decimal {
  let t = T;
  while (closeOn(inst(id), t) === undefined) t--;
  const c = new Decimal(closeOn(inst(id), t)!);
  const ccy = inst(id).currency;
  return ccy === 'CNY' ? c : c.times(fxOn(ccy, T));
}

for (const target of storeTargets()) {
  describe(`check_rebalance on ${target.name}`, () => {
    let db: Db;
    const ctx = (clientId: string): ToolContext => ({ principal: { role: 'client', clientId }, db, lang: 'en', asOf: LAST, state: {} });
    beforeAll(async () => {
      db = await target.open();
      await insertBook(db);
      await db.query(`UPDATE clients SET jurisdiction = 'US' WHERE id = 'C2'`);
      // a losing lot: bought CN1 far above today's price
      await db.query(`INSERT INTO lots (client_id, account_id, instrument_id, quantity, cost_price, acquired_at) VALUES ('C2', 'ACC-C2', 'CN1', '100', '50', $1)`, [DATES[10]]);
      // C4 holds a catalog wealth product with a 90-day holding period per purchase (WM-2024-045): one lot
      // bought long ago (free), one bought 19 business days before the last day (locked)
      await db.query(`INSERT INTO instruments (id, name, name_en, asset_class, currency, region, risk_level) VALUES ('${WM}', '青松理财稳享90天持有期', 'Qingsong Steady 90-Day Holding Period', 'wealth', 'CNY', 'CN', 2)`);
      await db.query(`INSERT INTO prices (instrument_id, date, close) VALUES ('${WM}', $1, 1.0100), ('${WM}', $2, ${WM_NAV})`, [DATES[0], LAST]);
      await db.query(`INSERT INTO clients (id, advisor_id, name, name_en, base_currency, inception_date) VALUES ('C4', 'A1', '王五', 'Wang Wu', 'CNY', '2023-01-03')`);
      await db.query(`INSERT INTO accounts (id, client_id, name, currency, opened_at) VALUES ('ACC-C4', 'C4', 'main', 'CNY', '2023-01-03')`);
      for (const [id, qty, at] of C4_LOTS) {
        await db.query(`INSERT INTO lots (client_id, account_id, instrument_id, quantity, cost_price, acquired_at) VALUES ('C4', 'ACC-C4', $1, $2, '1.00', $3)`, [id, qty, at]);
      }
      for (const [cls, w] of C4_TARGET) await db.query(`INSERT INTO target_allocations VALUES ('C4', $1, $2)`, [cls, w]);
      await db.query(`INSERT INTO risk_profiles (client_id, level, score, reasons, assessed_at, expires_at) VALUES ('C4', 3, 30, '[]', '2023-06-01T00:00:00Z', '2024-06-01T00:00:00Z')`);
    });
    afterAll(async () => db?.close());

    async function check(clientId: string, args: unknown = {}): Promise<CheckRebalanceResult> {
      const out = await executeTool('check_rebalance', args, ctx(clientId));
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      return out.result as CheckRebalanceResult;
    }

    it('measures drift from the target and trades back to it, cash-neutral, with no TLH in CN', async () => {
      const r = await check('C1', { costBps: 25 });
      const lots = LOTS.filter((l) => l.clientId === 'C1');
      const byClass = new Map<string, Decimal>();
      for (const l of lots) {
        const v = new Decimal(l.quantity).times(priceCny(l.instrumentId));
        byClass.set(inst(l.instrumentId).assetClass, (byClass.get(inst(l.instrumentId).assetClass) ?? new Decimal(0)).plus(v));
      }
      const total = [...byClass.values()].reduce((s, v) => s.plus(v), new Decimal(0));
      expect(Math.abs(new Decimal(r.portfolioValue).minus(total).toNumber())).toBeLessThan(0.05);
      for (const [cls, w] of TARGETS.C1) {
        const d = r.drift.find((x) => x.assetClass === cls)!;
        expect(d.targetWeight).toBeCloseTo(Number(w), 12);
        expect(d.currentWeight).toBeCloseTo((byClass.get(cls) ?? new Decimal(0)).div(total).toNumber(), 6);
        expect(d.drift).toBeCloseTo(d.currentWeight - d.targetWeight, 12);
      }
      const biggest = Math.max(...r.drift.map((d) => Math.abs(d.drift)));
      expect(r.rebalanceNeeded).toBe(biggest > 0.05 || r.drift.some((d) => Math.abs(d.relativeDrift) > 0.25));

      // recompute the class weights after the trades, leftover cash to cash
      const after = new Map(r.drift.map((d) => [d.assetClass, new Decimal(d.currentValue)]));
      let sells = new Decimal(0);
      let buys = new Decimal(0);
      let costs = new Decimal(0);
      for (const t of r.trades) {
        after.set(t.assetClass, after.get(t.assetClass)![t.side === 'buy' ? 'plus' : 'minus'](t.amount));
        if (t.side === 'buy') buys = buys.plus(t.amount);
        else sells = sells.plus(t.amount);
        costs = costs.plus(t.cost);
        expect(new Decimal(t.cost).toFixed(2)).toBe(new Decimal(t.amount).times('0.0025').toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2));
        if (t.quantity !== null && t.instrumentId !== null) {
          expect(Math.abs(new Decimal(t.quantity).times(priceCny(t.instrumentId)).minus(t.amount).toNumber())).toBeLessThanOrEqual(0.005);
        }
      }
      // cash is the residual, never a trade: its change is sells − buys − costs
      expect(r.trades.filter((t) => t.assetClass === 'cash' || t.instrumentId === 'CASH')).toEqual([]);
      const left = sells.minus(buys).minus(costs);
      expect(r.totals.cashChange).toBe(left.toFixed(2));
      const cashNow = new Decimal(r.drift.find((d) => d.assetClass === 'cash')!.currentValue);
      expect(r.totals.cashAfter).toBe(cashNow.plus(left).toFixed(2));
      expect(cashNow.plus(left).gte(0)).toBe(true);
      after.set('cash', after.get('cash')!.plus(left));
      const totalAfter = new Decimal(r.portfolioValue).minus(costs);
      for (const [cls, w] of TARGETS.C1) expect(Math.abs(after.get(cls)!.div(totalAfter).toNumber() - Number(w))).toBeLessThan(0.012);
      for (const a of r.after) expect(a.weight).toBeCloseTo(after.get(a.assetClass)!.div(totalAfter).toNumber(), 9);

      // CN: no capital-gains tax, so nothing to harvest
      expect(r.tax).toMatchObject({ jurisdiction: 'CN', capitalGainsTaxed: false, tlhAllowed: false });
      expect(r.tlhCandidates).toEqual([]);
      expect(r.totals.estimatedTax).toBe('0.00');
      // C1 is C3: buys never name an R4 product
      for (const t of r.trades.filter((x) => x.side === 'buy' && x.instrumentId)) expect(inst(t.instrumentId!).riskLevel!).toBeLessThanOrEqual(3);
    });

    it('lists tax-loss-harvesting candidates and estimates tax in the US; names no product on an expired profile', async () => {
      const r = await check('C2');
      expect(r.tax).toMatchObject({ jurisdiction: 'US', capitalGainsTaxed: true, tlhAllowed: true, taxRate: 0.15 });
      const c2 = [...LOTS.filter((l) => l.clientId === 'C2'), { instrumentId: 'CN1', costPrice: '50' }];
      const losers = [...new Set(c2.map((l) => l.instrumentId))].filter((id) =>
        c2.some((l) => l.instrumentId === id && new Decimal(l.costPrice).gt(closeOnOrBefore(id))),
      );
      expect(losers.length).toBeGreaterThan(0);
      expect(r.tlhCandidates.map((c) => c.instrumentId).sort()).toEqual(losers.sort());
      expect(r.trades.some((t) => t.side === 'buy')).toBe(true);
      for (const t of r.trades) {
        if (t.side === 'sell' && t.realizedGain !== null) {
          expect(t.estimatedTax).toBe(Decimal.max(0, t.realizedGain).times('0.15').toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2));
        }
        if (t.side === 'buy') expect(t.instrumentId).toBeNull(); // C2's profile expired in 2023
      }
    });

    it('never sells units inside their holding period: sells the free lot, lists the locked one, rebalances the rest around it', async () => {
      for (const taxAware of [true, false]) {
        const r = await check('C4', { taxAware, costBps: 10 });
        const nav = new Decimal(WM_NAV);
        const value = { wealth: nav.times(80000), equity_cn: new Decimal(1000).times(priceCny('CN1')), cash: new Decimal(20000).times(priceCny('CASH')) };
        const total = value.wealth.plus(value.equity_cn).plus(value.cash);
        expect(r.portfolioValue).toBe(total.toFixed(2));
        // the lot of DATES[40] is redeemable 90 days later, after the last day; the 2023-09-01 lot since 2023-11-30
        const until = plusDays(DATES[40], 90);
        expect(until > LAST && plusDays('2023-09-01', 90) <= LAST).toBe(true);
        expect(r.locked).toEqual([{ instrumentId: WM, name: 'Qingsong Steady 90-Day Holding Period', quantity: '50000', value: nav.times(50000).toFixed(2), until }]);
        expect(r.notes.some((n) => n.includes('not sold') && n.includes(until))).toBe(true);
        // only the 30,000 free units are sold (the class target 10% is below the locked 51,000 alone)
        const wmTrades = r.trades.filter((t) => t.instrumentId === WM);
        expect(wmTrades.map((t) => [t.side, t.quantity, t.amount])).toEqual([['sell', '30000', nav.times(30000).toFixed(2)]]);
        expect(r.trades.filter((t) => t.assetClass === 'cash' || t.instrumentId === 'CASH')).toEqual([]);
        // the other classes share what the locked units leave, in proportion to their targets (0.5 : 0.3 : 0.1)
        let costs = new Decimal(0);
        const after = new Map<string, Decimal>([['wealth', value.wealth], ['equity_cn', value.equity_cn], ['cash', value.cash], ['bond', new Decimal(0)]]);
        for (const t of r.trades) {
          after.set(t.assetClass, after.get(t.assetClass)![t.side === 'buy' ? 'plus' : 'minus'](t.amount));
          costs = costs.plus(t.cost);
        }
        const change = new Decimal(r.totals.sells).minus(r.totals.buys).minus(costs);
        expect(r.totals.cashChange).toBe(change.toFixed(2));
        after.set('cash', after.get('cash')!.plus(change));
        expect(r.totals.cashAfter).toBe(after.get('cash')!.toFixed(2));
        const rest = total.minus(nav.times(50000));
        const totalAfter = total.minus(costs);
        expect(after.get('wealth')!.toFixed(2)).toBe(nav.times(50000).toFixed(2));
        for (const [cls, w] of [['equity_cn', 0.5], ['bond', 0.3], ['cash', 0.1]] as const) {
          const want = rest.times(w).div(0.9).div(totalAfter).toNumber();
          expect(Math.abs(after.get(cls)!.div(totalAfter).toNumber() - want)).toBeLessThan(0.005);
        }
        for (const a of r.after) expect(a.weight).toBeCloseTo(after.get(a.assetClass)!.div(totalAfter).toNumber(), 9);
        // the answer names the locked units and when they may be redeemed, and the cash after the trades
        const text = checkRebalancePlanner.compose({ q: '', lang: 'en', role: 'client', intent: 'rebalance', outcomes: [{ tool: 'check_rebalance', args: {}, result: r }] });
        expect(ungroundedFigures(text, [r], '')).toEqual([]);
        expect(text).toContain(`- Qingsong Steady 90-Day Holding Period: 50000 units, about 51,000.00 CNY, redeemable from ${until}`);
        expect(text).toMatch(/cash after [\d,]+\.\d\d CNY/);
      }
    });

    it('tax-aware selling realizes no more gain than FIFO', async () => {
      const aware = await check('C1', { taxAware: true, absoluteBand: 0.01 });
      const fifo = await check('C1', { taxAware: false, absoluteBand: 0.01 });
      const gain = (r: CheckRebalanceResult) => r.trades.reduce((s, t) => s.plus(t.realizedGain ?? '0'), new Decimal(0));
      expect(gain(aware).lte(gain(fifo).plus('0.01'))).toBe(true);
    });

    it('errors: no target allocation, bad band, compliance role', async () => {
      const none = await executeTool('check_rebalance', {}, ctx('C3'));
      expect(none.ok ? 'ok' : none.error.code).toBe('WD_ERR_NOT_FOUND');
      const bad = await executeTool('check_rebalance', { absoluteBand: 2 }, ctx('C1'));
      expect(bad.ok ? 'ok' : bad.error.path).toBe('absoluteBand');
      const comp = await executeTool('check_rebalance', {}, { ...ctx('C1'), principal: { role: 'compliance', reviewerId: 'R1' } });
      expect(comp.ok ? 'ok' : comp.error.code).toBe('WD_ERR_FORBIDDEN');
    });
  });
}

function closeOnOrBefore(id: string): Decimal {
  let t = DATES.length - 1;
  while (closeOn(inst(id), t) === undefined) t--;
  return new Decimal(closeOn(inst(id), t)!);
}
