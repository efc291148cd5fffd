/**
 * Generates the demo client book as plain rows: advisors, clients, risk-profile history,
 * target allocations, accounts, tax lots, transactions and goals. Deterministic for a
 * given seed; every client draws from its own forked stream. Money is computed with
 * decimal.js and emitted as fixed-decimal strings; a lot's cost price is the simulated
 * close on its acquisition date, so unrealized P&L is real.
 */
import { Decimal } from 'decimal.js';
import { chooseHoldings, targetAllocation } from './allocation.js';
import { addDays, minusYears } from './business-days.js';
import { catalogById } from './catalog.js';
import type { AssetClass, CatalogInstrument, CurrencyCode } from './catalog-types.js';
import type { FxSeries } from './fx.js';
import { chineseName, englishName, hongKongName } from './names.js';
import { ADVISORS, PERSONAS, type Persona } from './personas.js';
import type { Rng } from './prng.js';

export interface Market {
  days: readonly string[];
  prices: ReadonlyMap<string, readonly (string | null)[]>;
  fx: FxSeries;
}
export interface ClientRow { id: string; advisorId: string; name: string; nameEn: string; baseCurrency: CurrencyCode; jurisdiction: 'CN' | 'HK' | 'US'; language: 'zh' | 'en'; birthYear: number; inceptionDate: string }
export interface RiskProfileRow { clientId: string; level: number; score: number; assessedAt: string; expiresAt: string }
export interface TargetRow { clientId: string; assetClass: string; weight: string }
export interface AccountRow { id: string; clientId: string; name: string; currency: CurrencyCode; openedAt: string }
export interface LotRow { clientId: string; accountId: string; instrumentId: string; quantity: string; costPrice: string; acquiredAt: string }
export interface TransactionRow { clientId: string; accountId: string; instrumentId: string | null; type: 'deposit' | 'buy'; tradeDate: string; quantity: string | null; price: string | null; amount: string; currency: CurrencyCode }
export interface GoalRow { clientId: string; name: string; targetAmount: string; currency: CurrencyCode; targetDate: string; monthlyContribution: string }
export interface DemoBook {
  advisors: typeof ADVISORS;
  clients: ClientRow[];
  riskProfiles: RiskProfileRow[];
  targets: TargetRow[];
  accounts: AccountRow[];
  lots: LotRow[];
  transactions: TransactionRow[];
  goals: GoalRow[];
}

type Level = 1 | 2 | 3 | 4 | 5;
const JURISDICTION = { CNY: 'CN', USD: 'US', HKD: 'HK' } as const;
const ACCOUNT_NAME = { CNY: ['人民币账户', 'CNY account'], USD: ['美元账户', 'USD account'], HKD: ['港币账户', 'HKD account'] } as const;
const GOAL_NAME = { retirement: ['退休养老', 'Retirement'], education: ['子女教育', "Children's education"], house: ['购房首付', 'House down payment'] } as const;
/** Questionnaire score bands (0–100): C1 ≤ 20, C2 21–40, C3 41–60, C4 61–80, C5 81–100. */
const SCORE_BAND: Record<Level, [number, number]> = { 1: [8, 20], 2: [21, 40], 3: [41, 60], 4: [61, 80], 5: [81, 98] };

function fxOn(m: Market, ccy: CurrencyCode, t: number): Decimal {
  return ccy === 'CNY' ? new Decimal(1) : new Decimal(m.fx[ccy][t]);
}

/** Quantity for a money amount in instrument currency: whole board lots (at least one) or units to 2 decimals. */
function quantityFor(i: CatalogInstrument, local: Decimal, price: Decimal): Decimal {
  if (i.assetClass === 'cash') return local.toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const units = local.div(price);
  if (['fund', 'wealth', 'private'].includes(i.assetClass)) return Decimal.max(units.toDecimalPlaces(2, Decimal.ROUND_DOWN), '0.01');
  const lots = Decimal.max(units.div(i.lotSize).floor(), 1);
  return lots.times(i.lotSize);
}

function profileFor(p: Persona | null, i: number, rng: Rng): Persona {
  if (p) return p;
  const u = rng.next();
  const ccy: CurrencyCode = u < 0.8 ? 'CNY' : u < 0.92 ? 'USD' : 'HKD';
  const nm = ccy === 'CNY' ? chineseName(rng) : ccy === 'USD' ? englishName(rng) : hongKongName(rng);
  const level = rng.weighted<Level>([1, 2, 3, 4, 5], [0.1, 0.2, 0.35, 0.25, 0.1]);
  const wealth = new Decimal(200_000).times(new Decimal(250).pow(rng.next() ** 1.6)).div(10_000).round().times(10_000);
  return {
    id: `C${String(i).padStart(4, '0')}`, ...nm, baseCurrency: ccy, level,
    language: ccy === 'CNY' ? 'zh' : ccy === 'USD' ? 'en' : rng.chance(0.5) ? 'en' : 'zh',
    birthYear: rng.int(1950, 1998), wealthCny: wealth.toFixed(0), holdings: [],
    goals: rng.chance(0.35) ? [{ kind: rng.pick(['retirement', 'education', 'house'] as const), years: rng.int(2, 20) }] : [],
  };
}

/** Builds the whole book for `count` clients (the personas first) over the simulated market. */
export function generateBook(count: number, asOf: string, market: Market, rng: Rng): DemoBook {
  const book: DemoBook = { advisors: ADVISORS, clients: [], riskProfiles: [], targets: [], accounts: [], lots: [], transactions: [], goals: [] };
  const n = market.days.length;
  const firstPriced = (id: string) => (market.prices.get(id) as readonly (string | null)[]).findIndex((x) => x !== null);

  for (let k = 1; k <= count; k++) {
    const r = rng.fork(`client:${k}`);
    const p = profileFor(PERSONAS[k - 1] ?? null, k, r);
    const level = p.level;
    const wealth = new Decimal(p.wealthCny);
    const isPersona = k <= PERSONAS.length;
    const advisorId = isPersona ? 'A001' : ADVISORS[(k - PERSONAS.length - 1) % ADVISORS.length].id;
    const inception = isPersona ? r.int(0, 40) : r.int(0, Math.floor(n * 0.6));
    book.clients.push({
      id: p.id, advisorId, name: p.name, nameEn: p.nameEn, baseCurrency: p.baseCurrency,
      jurisdiction: JURISDICTION[p.baseCurrency], language: p.language, birthYear: p.birthYear, inceptionDate: market.days[inception],
    });

    // Risk profile: the latest row is current; every 20th client (C0010, C0030, …) has let it expire.
    const expired = !isPersona && k % 20 === 10;
    const assessed = addDays(asOf, -(expired ? r.int(380, 700) : r.int(5, 350)));
    if (r.chance(0.3)) {
      const old = Math.min(5, Math.max(1, level + (r.chance(0.5) ? 1 : -1))) as Level;
      const oldDate = minusYears(assessed, 1 + r.int(0, 1));
      book.riskProfiles.push({ clientId: p.id, level: old, score: r.int(...SCORE_BAND[old]), assessedAt: `${oldDate}T10:00:00+08:00`, expiresAt: `${minusYears(oldDate, -1)}T10:00:00+08:00` });
    }
    book.riskProfiles.push({ clientId: p.id, level, score: r.int(...SCORE_BAND[level]), assessedAt: `${assessed}T10:00:00+08:00`, expiresAt: `${minusYears(assessed, -1)}T10:00:00+08:00` });

    const target = targetAllocation(level, p.baseCurrency, wealth, r);
    for (const [assetClass, w] of [...target].sort((a, b) => a[0].localeCompare(b[0]))) {
      book.targets.push({ clientId: p.id, assetClass, weight: w.toFixed(6) });
    }

    const ids = isPersona ? p.holdings : chooseHoldings(level, p.baseCurrency, wealth, target, r).ids;
    addLots(book, p, ids, target, wealth, inception, market, r);

    for (const g of p.goals) {
      const unit = p.baseCurrency === 'CNY' ? 1 : Number(p.baseCurrency === 'USD' ? 7.2 : 0.92);
      const scale = { retirement: 1.5, education: 0.4, house: 0.8 }[g.kind];
      const amount = wealth.times(scale).div(unit).div(10_000).round().times(10_000);
      book.goals.push({
        clientId: p.id, name: GOAL_NAME[g.kind][p.language === 'zh' ? 0 : 1], targetAmount: Decimal.max(amount, 10_000).toFixed(2),
        currency: p.baseCurrency, targetDate: minusYears(asOf, -g.years),
        monthlyContribution: wealth.div(unit).times('0.002').div(100).round().times(100).toFixed(2),
      });
    }
  }
  return book;

  function addLots(b: DemoBook, p: Persona, ids: string[], target: Map<AssetClass, Decimal>, wealth: Decimal, inception: number, m: Market, r: Rng) {
    const insts = ids.map((id) => catalogById(id) as CatalogInstrument);
    const perClass = new Map<string, number>();
    for (const i of insts) perClass.set(i.assetClass, (perClass.get(i.assetClass) ?? 0) + 1);
    const raw = insts.map((i) => (target.get(i.assetClass) ?? new Decimal('0.03')).div(perClass.get(i.assetClass) as number));
    const total = raw.reduce((s, x) => s.plus(x), new Decimal(0));
    const accounts = new Map<CurrencyCode, string>();
    insts.forEach((inst, h) => {
      const value = wealth.times(raw[h]).div(total);
      const from = Math.max(inception, firstPriced(inst.id));
      const nLots = inst.assetClass === 'cash' ? 1 : r.weighted([1, 2, 3], [0.7, 0.2, 0.1]);
      const dates = inst.assetClass === 'cash' ? [inception] : r.distinctInts(from, Math.max(from, n - 6), nLots);
      for (const t of dates) {
        const price = new Decimal((m.prices.get(inst.id) as readonly (string | null)[])[t] as string);
        let local = value.div(dates.length).div(fxOn(m, inst.currency, t));
        if (inst.product?.minPurchase) local = Decimal.max(local, inst.product.minPurchase);
        const qty = quantityFor(inst, local, price);
        const day = m.days[t];
        const accountId = `${p.id}-${inst.currency}`;
        const opened = accounts.get(inst.currency);
        if (!opened || opened > day) accounts.set(inst.currency, day);
        b.lots.push({ clientId: p.id, accountId, instrumentId: inst.id, quantity: qty.toFixed(6), costPrice: price.toFixed(6), acquiredAt: day });
        const cost = qty.times(price).toDecimalPlaces(4);
        b.transactions.push({ clientId: p.id, accountId, instrumentId: null, type: 'deposit', tradeDate: day, quantity: null, price: null, amount: cost.toFixed(4), currency: inst.currency });
        if (inst.assetClass !== 'cash') {
          b.transactions.push({ clientId: p.id, accountId, instrumentId: inst.id, type: 'buy', tradeDate: day, quantity: qty.toFixed(6), price: price.toFixed(6), amount: cost.neg().toFixed(4), currency: inst.currency });
        }
      }
    });
    for (const [ccy, openedAt] of [...accounts].sort((a, b) => a[0].localeCompare(b[0]))) {
      b.accounts.push({ id: `${p.id}-${ccy}`, clientId: p.id, name: ACCOUNT_NAME[ccy][p.language === 'zh' ? 0 : 1], currency: ccy, openedAt });
    }
  }
}
