/**
 * The screens of screen_book, one function per criterion: which clients of a loaded book
 * match, each row's money figure (`value`, in the book's report currency), its measure
 * (`metric`), what the row adds (`detail`) and the key it is ranked by (larger = more).
 */
import type { Db } from '../../db/db.js';
import type { InstrumentRow } from '../../db/repos/market.js';
import { type Decimal, ZERO, ratio, roundMoney } from '../../money.js';
import {
  ATTENTION,
  type Book,
  type BookEntry,
  VOLATILITY_CEILING,
  aboveProfile,
  classValue,
  driftOf,
  largestHolding,
  profileState,
} from '../shared/book.js';
import { returnsOfMany } from '../shared/book-returns.js';
import { PathCache } from '../shared/performance-series.js';
import { riskOfMany } from '../shared/risk-series.js';
import type { ValuedHolding } from '../shared/valuation.js';
import type { RowDetail, ScreenBookInput } from './schema.js';

export interface Candidate {
  entry: BookEntry;
  value: Decimal;
  metric: number | null;
  /** Ranking key, larger = more (Decimal for money). */
  key: number | Decimal;
  detail: RowDetail;
}

/** The asset classes each holding-class criterion counts. */
export const CLASSES: Record<'cash' | 'equity' | 'bond', ReadonlySet<string>> = {
  cash: new Set(['cash']),
  equity: new Set(['equity_cn', 'equity_hk', 'equity_us']),
  bond: new Set(['bond']),
};

const money = (d: Decimal) => roundMoney(d);

function holdingRow(h: ValuedHolding, report: ValuedHolding | undefined, weightOf: Decimal, lang: 'zh' | 'en') {
  return {
    instrumentId: h.instrument.id,
    name: lang === 'en' ? h.instrument.nameEn : h.instrument.name,
    riskLevel: h.instrument.riskLevel,
    value: money((report ?? h).value),
    weight: ratio(h.value, weightOf),
  };
}

/** The report-currency holding of an instrument (same valuation, other currency). */
const inReport = (e: BookEntry, id: string) => e.report.holdings.find((h) => h.instrument.id === id);

export interface ScreenContext {
  db: Db;
  book: Book;
  lang: 'zh' | 'en';
  /** holds_product: the product, resolved. */
  product?: InstrumentRow;
}

/** Candidates of one criterion, unsorted (see the module doc). */
export async function screen(args: ScreenBookInput, x: ScreenContext): Promise<Candidate[]> {
  const { book, lang } = x;
  const entries = book.entries;
  const total = (e: BookEntry) => e.report.total;
  switch (args.criterion) {
    case 'aum': {
      const aum = entries.reduce((s, e) => s.plus(total(e)), ZERO);
      return entries.map((e) => {
        const share = aum.isZero() ? 0 : ratio(total(e), aum);
        return { entry: e, value: total(e), metric: share, key: total(e), detail: { total: money(total(e)), bookShare: share } };
      });
    }
    case 'cash':
    case 'equity':
    case 'bond': {
      const classes = CLASSES[args.criterion];
      return entries.flatMap((e) => {
        const amount = classValue(e.report, classes);
        if (amount.isZero()) return [];
        const weight = ratio(classValue(e.base, classes), e.base.total);
        if (args.threshold !== undefined && !(weight > args.threshold)) return [];
        return [{ entry: e, value: amount, metric: weight, key: args.basis === 'weight' ? weight : amount, detail: { total: money(total(e)), weight } }];
      });
    }
    case 'holds_product': {
      const id = x.product!.id;
      return entries.flatMap((e) => {
        const h = e.base.holdings.find((y) => y.instrument.id === id);
        const r = inReport(e, id);
        if (!h || !r) return [];
        const weight = ratio(h.value, e.base.total);
        return [{ entry: e, value: r.value, metric: weight, key: args.basis === 'weight' ? weight : r.value, detail: { total: money(total(e)), weight } }];
      });
    }
    case 'above_profile':
      return entries.flatMap((e) => {
        const s = profileState(e.profile, book.now);
        const above = aboveProfile(e.base, s.level);
        if (!(above.length > 0 || s.state === 'missing' || s.expired)) return [];
        const value = above.reduce((sum, h) => sum.plus(inReport(e, h.instrument.id)?.value ?? ZERO), ZERO);
        const weight = above.reduce((sum, h) => sum + ratio(h.value, e.base.total), 0);
        return [{
          entry: e,
          value,
          metric: weight,
          key: weight,
          detail: {
            total: money(total(e)),
            weight,
            holdings: above.map((h) => holdingRow(h, inReport(e, h.instrument.id), e.base.total, lang)),
            profileState: s.state,
            expiresAt: s.expiresAt,
            daysLeft: s.daysLeft,
          },
        }];
      });
    case 'assessment_due': {
      const within = args.withinDays ?? ATTENTION.withinDays;
      return entries.flatMap((e) => {
        const s = profileState(e.profile, book.now, within);
        if (s.state === 'current') return [];
        // most urgent first: never assessed, then the longest expired, then the soonest to expire
        const key = s.daysLeft === null ? Number.POSITIVE_INFINITY : -s.daysLeft;
        return [{ entry: e, value: total(e), metric: s.daysLeft, key, detail: { total: money(total(e)), profileState: s.state, expiresAt: s.expiresAt, daysLeft: s.daysLeft } }];
      });
    }
    case 'risk_limit': {
      const limited = entries.filter((e) => e.profile && VOLATILITY_CEILING[e.profile.level] !== null);
      const risk = await riskOfMany(x.db, limited.map((e) => ({ key: e.client.id, valuation: e.base })), book.asOf, undefined, new PathCache());
      return limited.flatMap((e) => {
        const r = risk.get(e.client.id);
        const ceiling = VOLATILITY_CEILING[e.profile!.level]!;
        if (!r || !(r.annualVolatility > ceiling)) return [];
        const excess = r.annualVolatility - ceiling;
        return [{ entry: e, value: total(e), metric: r.annualVolatility, key: excess, detail: { total: money(total(e)), annualVolatility: r.annualVolatility, ceiling, excess, observations: r.observations } }];
      });
    }
    case 'underperformed': {
      const period = args.period ?? 'YTD';
      const perf = await returnsOfMany(x.db, entries.map((e) => ({ key: e.client.id, client: e.client, lots: e.lots, target: e.target })), [period], book.asOf);
      return entries.flatMap((e) => {
        const r = perf.get(e.client.id);
        const p = r?.periods[0];
        if (!r || !p || p.benchmarkReturn === null || !(p.return < p.benchmarkReturn)) return [];
        const shortfall = p.benchmarkReturn - p.return;
        return [{
          entry: e,
          value: total(e),
          metric: shortfall,
          key: shortfall,
          detail: { total: money(total(e)), return: p.return, benchmarkReturn: p.benchmarkReturn, shortfall, start: p.start, end: p.end, benchmark: r.benchmark },
        }];
      });
    }
    case 'concentration': {
      const threshold = args.threshold ?? ATTENTION.concentration;
      return entries.flatMap((e) => {
        const top = largestHolding(e.base);
        if (!top || !(top.weight > threshold)) return [];
        const r = inReport(e, top.holding.instrument.id);
        return [{
          entry: e,
          value: r?.value ?? ZERO,
          metric: top.weight,
          key: top.weight,
          detail: { total: money(total(e)), weight: top.weight, holdings: [holdingRow(top.holding, r, e.base.total, lang)] },
        }];
      });
    }
    case 'drift': {
      const threshold = args.threshold ?? ATTENTION.drift;
      return entries.flatMap((e) => {
        const d = driftOf(e.base, e.target);
        if (!d.assetClass || !(d.drift > threshold)) return [];
        return [{ entry: e, value: total(e), metric: d.drift, key: d.drift, detail: { total: money(total(e)), assetClass: d.assetClass, actual: d.actual, target: d.target } }];
      });
    }
  }
}
