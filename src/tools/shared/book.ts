/**
 * An advisor's book read in one batch — every client with lots, valuation, target
 * allocation and current risk profile — and the checks the book tools share: the state
 * of a risk assessment, holdings above the client's profile, the largest single holding
 * and the largest asset-class drift. Each client is valued twice from the same market
 * data: in the client's base currency (weights, drift and every figure the client's own
 * tools show) and in one report currency (money compared across the book).
 */
import type { ClientRow, TargetWeight } from '../../db/repos/clients.js';
import { getTargetAllocations, listAdvisorClients } from '../../db/repos/clients.js';
import { fxToCnyAt, getInstruments, latestCloses } from '../../db/repos/market.js';
import { type LotRow, getLotsOfClients } from '../../db/repos/portfolio.js';
import { type RiskProfileRow, getCurrentRiskProfiles } from '../../db/repos/risk-profiles.js';
import { type Decimal, type FxToCny, ZERO, ratio } from '../../money.js';
import type { Currency } from '../../vocab.js';
import type { ToolContext } from '../types.js';
import { daysBetween } from './performance-series.js';
import { type Valuation, type ValuedHolding, maxDrift, valuationDate, valueLots } from './valuation.js';

/** Attention defaults: drift and single-holding thresholds (fractions), days before a profile's expiry. */
export const ATTENTION = Object.freeze({ drift: 0.05, concentration: 0.2, withinDays: 30 });

/** The ceiling of annualized volatility per profile level (C5: none). */
export const VOLATILITY_CEILING: Readonly<Record<number, number | null>> = Object.freeze({ 1: 0.05, 2: 0.08, 3: 0.12, 4: 0.18, 5: null });

export interface BookEntry {
  client: ClientRow;
  lots: LotRow[];
  /** In the client's base currency. */
  base: Valuation;
  /** In the book's report currency. */
  report: Valuation;
  target: TargetWeight[];
  profile?: RiskProfileRow;
}

export interface Book {
  advisorId: string;
  /** The valuation date (latest price date on or before the turn's as-of). */
  asOf: string;
  /** "Now" for profile expiry: the end of the as-of day (or the clock). */
  now: Date;
  currency: Currency;
  fx: FxToCny;
  entries: BookEntry[];
}

/** The end of the turn's as-of day, or the clock when the turn has none. */
export function turnNow(ctx: Pick<ToolContext, 'asOf'>): Date {
  return ctx.asOf ? new Date(`${ctx.asOf}T23:59:59Z`) : new Date();
}

/**
 * Loads and values the advisor's book (or only `clients` of it) in a handful of queries:
 * clients, lots, targets, profiles, instruments, latest closes and FX.
 */
export async function loadBook(ctx: ToolContext, advisorId: string, currency: Currency, clients?: readonly ClientRow[]): Promise<Book> {
  const db = ctx.db;
  const asOf = await valuationDate(db, ctx.asOf);
  const rows = clients ?? (await listAdvisorClients(db, advisorId));
  const ids = rows.map((c) => c.id);
  const [lots, targets, profiles] = await Promise.all([getLotsOfClients(db, ids, asOf), getTargetAllocations(db, ids), getCurrentRiskProfiles(db, ids)]);
  const instrumentIds = [...new Set(lots.map((l) => l.instrumentId))];
  const [instruments, closes, fx] = await Promise.all([getInstruments(db, instrumentIds), latestCloses(db, instrumentIds, asOf), fxToCnyAt(db, asOf)]);
  const lotsBy = new Map<string, LotRow[]>();
  for (const l of lots) {
    const list = lotsBy.get(l.clientId) ?? [];
    list.push(l);
    lotsBy.set(l.clientId, list);
  }
  const entries = rows.map((client) => {
    const own = lotsBy.get(client.id) ?? [];
    const entry: BookEntry = {
      client,
      lots: own,
      base: valueLots(own, instruments, closes, fx, client.baseCurrency, asOf),
      report: valueLots(own, instruments, closes, fx, currency, asOf),
      target: targets.get(client.id) ?? [],
    };
    const p = profiles.get(client.id);
    if (p) entry.profile = p;
    return entry;
  });
  return { advisorId, asOf, now: turnNow(ctx), currency, fx, entries };
}

/** The state of a client's risk assessment on `now`. */
export interface ProfileState {
  level: number | null;
  assessedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
  /** Calendar days from the as-of date to the expiry date (negative once past); null without a profile. */
  daysLeft: number | null;
  /** missing: never assessed; expired; expiring: within the window; current. */
  state: 'missing' | 'expired' | 'expiring' | 'current';
}

export function profileState(p: RiskProfileRow | undefined, now: Date, withinDays: number = ATTENTION.withinDays): ProfileState {
  if (!p) return { level: null, assessedAt: null, expiresAt: null, expired: false, daysLeft: null, state: 'missing' };
  const expiresAt = p.expiresAt.toISOString();
  const expired = p.expiresAt <= now;
  const daysLeft = daysBetween(now.toISOString().slice(0, 10), expiresAt.slice(0, 10));
  const state = expired ? 'expired' : daysLeft <= withinDays ? 'expiring' : 'current';
  return { level: p.level, assessedAt: p.assessedAt.toISOString(), expiresAt, expired, daysLeft, state };
}

/** A holding named in a result: its id, name in the reply language, risk level, value and weight. */
export interface NamedHolding {
  instrumentId: string;
  name: string;
  assetClass: string;
  riskLevel: number | null;
  /** Money in the stated currency. */
  value: string;
  /** Fraction of the portfolio. */
  weight: number;
}

export function named(h: ValuedHolding, total: Decimal, lang: 'zh' | 'en'): NamedHolding {
  return {
    instrumentId: h.instrument.id,
    name: lang === 'en' ? h.instrument.nameEn : h.instrument.name,
    assetClass: h.instrument.assetClass,
    riskLevel: h.instrument.riskLevel,
    value: h.value.toFixed(2),
    weight: ratio(h.value, total),
  };
}

/** Holdings whose risk level Rn is above the profile level Cm (n > m); none without a profile. */
export function aboveProfile(v: Valuation, level: number | null): ValuedHolding[] {
  if (level === null) return [];
  return v.holdings.filter((h) => h.instrument.riskLevel !== null && h.instrument.riskLevel > level);
}

/** Whether a client needs attention for suitability: a holding above the profile, or no valid profile at all. */
export function aboveProfileFlag(v: Valuation, s: ProfileState): boolean {
  return s.state === 'missing' || s.expired || aboveProfile(v, s.level).length > 0;
}

/**
 * The largest single holding other than cash (a cash balance is not a concentration
 * risk), with its weight; undefined for an empty or all-cash portfolio.
 */
export function largestHolding(v: Valuation): { holding: ValuedHolding; weight: number } | undefined {
  if (v.total.isZero()) return undefined;
  const h = v.holdings.find((x) => x.instrument.assetClass !== 'cash'); // holdings are sorted by value desc
  return h ? { holding: h, weight: ratio(h.value, v.total) } : undefined;
}

/** Largest asset-class drift from the target (see {@link maxDrift}) with the class's actual and target weights. */
export function driftOf(v: Valuation, target: readonly TargetWeight[]): { drift: number; assetClass: string | null; actual: number; target: number } {
  const d = maxDrift(v, target);
  if (!d.cls) return { drift: 0, assetClass: null, actual: 0, target: 0 };
  const actual = v.holdings.filter((h) => h.instrument.assetClass === d.cls).reduce((s, h) => s.plus(h.value), ZERO);
  const t = target.find((x) => x.assetClass === d.cls)?.weight ?? '0';
  return { drift: d.drift, assetClass: d.cls, actual: ratio(actual, v.total), target: Number(t) };
}

/** The value of the holdings of some asset classes. */
export function classValue(v: Valuation, classes: ReadonlySet<string>): Decimal {
  return v.holdings.filter((h) => classes.has(h.instrument.assetClass)).reduce((s, h) => s.plus(h.value), ZERO);
}

