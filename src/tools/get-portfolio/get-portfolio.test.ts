import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.js';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { DATES, INSTRUMENTS, LAST, LOTS, closeOn, fxOn, insertBook } from '../__fixtures__/book.js';
import type { GetPortfolioResult, ListClientsResult } from '../contract.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';

const D = Decimal.clone({ precision: 50 });
const r2 = (x: Decimal) => x.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);

/** Latest close on or before business day t (written out independently of the code under test). */
function lastClose(id: string, t: number): string {
  const inst = INSTRUMENTS.find((i) => i.id === id)!;
  for (let k = t; k >= 0; k--) {
    const c = closeOn(inst, k);
    if (c) return c;
  }
  throw new Error('no close');
}
function rateCny(ccy: string, t: number): Decimal {
  return ccy === 'CNY' ? new D(1) : new D(fxOn(ccy as 'USD' | 'HKD', t));
}
/** Expected holding values of a client on day t in `report`, each Σ qty × close × rate(ccy) / rate(report), rounded. */
function expectedValues(clientId: string, t: number, report: string): Map<string, string> {
  const out = new Map<string, string>();
  const qty = new Map<string, Decimal>();
  for (const l of LOTS) if (l.clientId === clientId && l.day <= t) qty.set(l.instrumentId, (qty.get(l.instrumentId) ?? new D(0)).plus(l.quantity));
  for (const [id, q] of qty) {
    const ccy = INSTRUMENTS.find((i) => i.id === id)!.currency;
    out.set(id, r2(q.times(lastClose(id, t)).times(rateCny(ccy, t)).div(rateCny(report, t))));
  }
  return out;
}

for (const target of storeTargets()) {
  describe(`get_portfolio and scoping on ${target.name}`, () => {
    let db: Db;
    const ctx = (principal: Principal, extra: Partial<ToolContext> = {}): ToolContext => ({ principal, db, lang: 'en', asOf: LAST, state: {}, ...extra });
    const client = (id: string): Principal => ({ role: 'client', clientId: id });
    const advisor = (id: string): Principal => ({ role: 'advisor', advisorId: id });

    beforeAll(async () => {
      db = await target.open();
      await insertBook(db);
    });
    afterAll(async () => db?.close());

    it('values each holding as qty × close × FX, rounded half-even, and the total as their sum', async () => {
      const out = await executeTool('get_portfolio', {}, ctx(client('C1')));
      expect(out.ok).toBe(true);
      const r = (out as { result: GetPortfolioResult }).result;
      const exp = expectedValues('C1', 59, 'CNY');
      // written out: CN1 1000 × close, US1 50 × close × USD, CASH 5000 × 1, HK1 400 × close × HKD, BOND1 200 × close
      expect(exp.get('CN1')).toBe(r2(new D(1000).times(closeOn(INSTRUMENTS[0], 59)!)));
      expect(exp.get('US1')).toBe(r2(new D(50).times(closeOn(INSTRUMENTS[1], 59)!).times(fxOn('USD', 59))));
      expect(Object.fromEntries(r.holdings.map((h) => [h.instrumentId, h.marketValue]))).toEqual(Object.fromEntries(exp));
      const total = [...exp.values()].reduce((s, v) => s.plus(v), new D(0));
      expect(r.totalValue).toBe(total.toFixed(2));
      expect(r.asOf).toBe(LAST);
      expect(r.currency).toBe('CNY');
      // cost at today's FX: US1 50 × 180.25 × USD(L), HK1 400 × 80.10 × HKD(L)
      const cost = new D(1000).times('10.50').plus(r2(new D(50).times('180.25').times(fxOn('USD', 59)))).plus(5000)
        .plus(r2(new D(400).times('80.10').times(fxOn('HKD', 59)))).plus(new D(200).times(100));
      expect(r.totalCost).toBe(cost.toFixed(2));
      expect(r.unrealizedPnl).toBe(total.minus(cost).toFixed(2));
      // sorted by value desc; weights sum to 1; slices add up to the total exactly
      const vals = r.holdings.map((h) => Number(h.marketValue));
      expect(vals).toEqual([...vals].sort((a, b) => b - a));
      expect(r.holdings.reduce((s, h) => s + h.weight, 0)).toBeCloseTo(1, 12);
      for (const slices of Object.values(r.allocation)) {
        expect(slices.reduce((s, x) => s.plus(x.value), new D(0)).toFixed(2)).toBe(r.totalValue);
      }
      expect(r.allocation.byCurrency.map((s) => s.key).sort()).toEqual(['CNY', 'HKD', 'USD']);
      expect(r.targetAllocation).toContainEqual({ assetClass: 'bond', weight: 0.3 });
      expect(r.fx.USD).toBe(new D(fxOn('USD', 59)).toFixed(8));
    });

    it('reports in another currency through CNY and carries a weekly NAV forward', async () => {
      const out = await executeTool('get_portfolio', { currency: 'HKD' }, ctx(client('C2')));
      const r = (out as { ok: true; result: GetPortfolioResult }).result;
      const exp = expectedValues('C2', 59, 'HKD');
      expect(Object.fromEntries(r.holdings.map((h) => [h.instrumentId, h.marketValue]))).toEqual(Object.fromEntries(exp));
      const wm = r.holdings.find((h) => h.instrumentId === 'WM1')!;
      expect(wm.priceDate).toBe(DATES[55]);
      expect(wm.quantity).toBe('1000.5');
      expect(r.baseCurrency).toBe('USD');
    });

    it('excludes lots acquired after the as-of date', async () => {
      const out = await executeTool('get_portfolio', {}, ctx(client('C1'), { asOf: DATES[30] }));
      const r = (out as { ok: true; result: GetPortfolioResult }).result;
      expect(r.asOf).toBe(DATES[30]);
      expect(r.holdings.map((h) => h.instrumentId).sort()).toEqual(['CASH', 'CN1', 'HK1', 'US1']);
      expect(Object.fromEntries(r.holdings.map((h) => [h.instrumentId, h.marketValue]))).toEqual(Object.fromEntries(expectedValues('C1', 30, 'CNY')));
    });

    it('a client passing another client id still gets their own data', async () => {
      const out = await executeTool('get_portfolio', { clientId: 'C3' }, ctx(client('C1')));
      expect(out.ok && (out.result as GetPortfolioResult).clientId).toBe('C1');
      const own = await executeTool('get_portfolio', {}, ctx(client('C1')));
      expect(out).toEqual(own);
    });

    it('an advisor reaches only clients of the book', async () => {
      const ok = await executeTool('get_portfolio', { clientId: 'C2' }, ctx(advisor('A1')));
      expect(ok.ok && (ok.result as GetPortfolioResult).clientId).toBe('C2');
      expect(await executeTool('get_portfolio', { clientId: 'C3' }, ctx(advisor('A1')))).toMatchObject({ ok: false, error: { code: 'WD_ERR_FORBIDDEN' } });
      expect(await executeTool('get_portfolio', { clientId: 'C999' }, ctx(advisor('A1')))).toMatchObject({ ok: false, error: { code: 'WD_ERR_UNKNOWN_CLIENT' } });
      expect(await executeTool('get_portfolio', {}, ctx(advisor('A1')))).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION', path: 'clientId' } });
      expect(await executeTool('get_portfolio', {}, ctx({ role: 'compliance', reviewerId: 'R1' }))).toMatchObject({ ok: false, error: { code: 'WD_ERR_FORBIDDEN' } });
    });

    it('bad arguments come back as an error result naming the path', async () => {
      const out = await executeTool('get_portfolio', { currency: 'EURO-LONG-STRING-1234567890123' }, ctx(client('C1')));
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(out.error.code).toBe('WD_ERR_VALIDATION');
        expect(out.error.path).toBe('currency');
        expect(out.error.message).toContain('currency');
        expect(out.error.message).toContain('12*********23'); // long digit runs masked in the echo
      }
      expect(await executeTool('no_such_tool', {}, ctx(client('C1')))).toMatchObject({ ok: false, error: { code: 'WD_ERR_NOT_FOUND' } });
      expect(await executeTool('list_clients', {}, ctx(client('C1')))).toMatchObject({ ok: false, error: { code: 'WD_ERR_FORBIDDEN' } });
      expect(await executeTool('get_portfolio', 'not an object', ctx(client('C1')))).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION' } });
    });

    it('list_clients: the advisor book with values in base currency, profile and drift', async () => {
      const out = await executeTool('list_clients', {}, ctx(advisor('A1')));
      const r = (out as { ok: true; result: ListClientsResult }).result;
      expect(r.total).toBe(2);
      expect(r.clients.map((c) => c.id).sort()).toEqual(['C1', 'C2']);
      const c1 = r.clients.find((c) => c.id === 'C1')!;
      const c1v = [...expectedValues('C1', 59, 'CNY').values()].reduce((s, v) => s.plus(v), new D(0));
      expect(c1.totalValue).toBe(c1v.toFixed(2));
      const c2 = r.clients.find((c) => c.id === 'C2')!;
      expect(c2.totalValue).toBe([...expectedValues('C2', 59, 'USD').values()].reduce((s, v) => s.plus(v), new D(0)).toFixed(2));
      expect(c2.riskProfile).toBe(4);
      expect(c2.profileExpired).toBe(true);
      expect(c1.profileExpired).toBe(false);
      // drift of C1: max |actual − target| over classes, written out
      const v = expectedValues('C1', 59, 'CNY');
      const w = (id: string) => new D(v.get(id)!).div(c1v).toNumber();
      const drifts: [string, number][] = [
        ['bond', Math.abs(w('BOND1') - 0.3)], ['cash', Math.abs(w('CASH') - 0.1)], ['equity_cn', Math.abs(w('CN1') - 0.3)],
        ['equity_hk', Math.abs(w('HK1') - 0.1)], ['equity_us', Math.abs(w('US1') - 0.2)],
      ];
      const [cls, d] = drifts.reduce((a, b) => (b[1] > a[1] ? b : a));
      expect(c1.maxDriftClass).toBe(cls);
      expect(c1.maxDrift).toBeCloseTo(d, 12);
      const filtered = await executeTool('list_clients', { minDrift: Math.min(c1.maxDrift, c2.maxDrift) + 1e-9, riskProfile: undefined }, ctx(advisor('A1')));
      expect((filtered as { ok: true; result: ListClientsResult }).result.clients).toHaveLength(1);
      const byName = await executeTool('list_clients', { query: 'amy' }, ctx(advisor('A1')));
      expect((byName as { ok: true; result: ListClientsResult }).result.clients.map((c) => c.id)).toEqual(['C2']);
      const byProfile = await executeTool('list_clients', { riskProfile: 3 }, ctx(advisor('A1')));
      expect((byProfile as { ok: true; result: ListClientsResult }).result.clients.map((c) => c.id)).toEqual(['C1']);
      const other = await executeTool('list_clients', {}, ctx(advisor('A2')));
      expect((other as { ok: true; result: ListClientsResult }).result.clients.map((c) => c.id)).toEqual(['C3']);
    });
  });
}
