import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { DATES, INSTRUMENTS, LAST, LOTS, TARGETS, closeOn, fxOn, insertBook } from '../__fixtures__/book.js';
import type { CheckRebalanceResult } from '../contract-construction.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';

const inst = (id: string) => INSTRUMENTS.find((i) => i.id === id)!;
const T = DATES.length - 1;
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
      const left = sells.minus(buys).minus(costs);
      expect(left.gte(0)).toBe(true);
      expect(r.totals.cashLeft).toBe(left.toFixed(2));
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
