/**
 * Shared loading for the portfolio-construction tools: a client's valued holdings, the
 * trading terms of their instruments (lot size, minimum purchase) and the daily price
 * history of the holdings as a quant {@link PriceTable} in the report currency (price ×
 * FX, carried forward over gaps, null before an instrument's first close — the table
 * `portfolio_risk` uses, built by its {@link reportCurrencyTable}).
 */
import { writeFile } from 'node:fs/promises';
import type { Db, Queryable } from '../../db/db.js';
import { type ClientRow, getClient } from '../../db/repos/clients.js';
import { type InstrumentRow, lastTradingDates } from '../../db/repos/market.js';
import { getCurrentRiskProfile } from '../../db/repos/risk-profiles.js';
import { WealthDeskError } from '../../errors.js';
import { type Decimal, dec, fxRate, ratio } from '../../money.js';
import type { PriceTable } from '../../quant/price-table.js';
import type { Currency } from '../contract.js';
import { reportCurrencyTable } from '../portfolio-risk/index.js';
import type { ToolContext } from '../types.js';
import { type Valuation, type ValuedHolding, valueClient } from './valuation.js';

export const DEFAULT_LOOKBACK_DAYS = 756;

/** Trading terms not carried by `InstrumentRow`. */
export interface InstrumentTerms {
  lotSize: number;
  /** Minimum purchase amount in the instrument currency, or null. */
  minPurchase: string | null;
}

export interface ConstructionData {
  client: ClientRow;
  currency: Currency;
  valuation: Valuation;
  /** Holdings in valuation order (value desc). */
  holdings: ValuedHolding[];
  /** Current weight of each holding (value / total). */
  weights: number[];
  /** Unit price of each holding in the report currency (latest close × FX). */
  unitPrices: Decimal[];
  terms: Map<string, InstrumentTerms>;
  /** Daily prices of the holdings in the report currency over the lookback, columns in `holdings` order. */
  table: PriceTable;
  lookbackDays: number;
}

/** Lot sizes and minimum purchases of instruments (missing ids absent). */
export async function instrumentTerms(db: Queryable, ids: readonly string[]): Promise<Map<string, InstrumentTerms>> {
  const out = new Map<string, InstrumentTerms>();
  if (ids.length === 0) return out;
  const r = await db.query<{ id: string; lotSize: number; minPurchase: string | null }>(
    `SELECT id, lot_size AS "lotSize", min_purchase AS "minPurchase" FROM instruments WHERE id = ANY($1::text[])`,
    [ids],
  );
  for (const row of r.rows) out.set(row.id, { lotSize: Number(row.lotSize) || 1, minPurchase: row.minPurchase });
  return out;
}

/**
 * Loads a client's holdings, valued in `currency` (default base) as of the turn, with
 * `lookbackDays` (+1 price row) of history. WD_ERR_NOT_FOUND for an empty portfolio.
 */
export async function loadConstructionData(
  db: Db,
  clientId: string,
  o: { currency?: Currency; asOf?: string; lookbackDays?: number } = {},
): Promise<ConstructionData> {
  const client = await getClient(db, clientId);
  if (!client) throw new WealthDeskError('WD_ERR_UNKNOWN_CLIENT', `unknown client ${clientId.slice(0, 32)}`);
  const currency = o.currency ?? client.baseCurrency;
  const lookbackDays = o.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;
  const valuation = await valueClient(db, clientId, currency, o.asOf);
  if (valuation.holdings.length === 0 || valuation.total.isZero()) {
    throw new WealthDeskError('WD_ERR_NOT_FOUND', 'the portfolio is empty: nothing to construct from');
  }
  const holdings = valuation.holdings;
  const ids = holdings.map((h) => h.instrument.id);
  const dates = await lastTradingDates(db, ids, valuation.asOf, lookbackDays + 1);
  const [table, terms] = await Promise.all([
    reportCurrencyTable(db, holdings.map((h) => ({ id: h.instrument.id, currency: h.instrument.currency })), currency, dates),
    instrumentTerms(db, ids),
  ]);
  return {
    client,
    currency,
    valuation,
    holdings,
    weights: holdings.map((h) => ratio(h.value, valuation.total)),
    unitPrices: holdings.map((h) => dec(h.price).times(fxRate(h.instrument.currency, currency, valuation.fx))),
    terms,
    table,
    lookbackDays,
  };
}

/** The client's current profile level; WD_ERR_PROFILE_EXPIRED when none or expired (end of the as-of day). */
export async function requireCurrentProfile(ctx: ToolContext, clientId: string): Promise<{ level: number; expiresAt: string }> {
  const p = await getCurrentRiskProfile(ctx.db, clientId);
  const now = ctx.asOf ? new Date(`${ctx.asOf}T23:59:59.999Z`) : new Date();
  const zh = ctx.lang === 'zh';
  if (!p) {
    throw new WealthDeskError('WD_ERR_PROFILE_EXPIRED', zh ? '该客户尚无风险测评，请先完成风险测评问卷再生成配置建议' : 'no risk profile on file: please complete the risk assessment before a proposal is made');
  }
  if (p.expiresAt.getTime() <= now.getTime()) {
    const d = p.expiresAt.toISOString().slice(0, 10);
    throw new WealthDeskError(
      'WD_ERR_PROFILE_EXPIRED',
      zh ? `风险测评已于 ${d} 过期，请重新进行风险测评后再生成配置建议` : `the risk profile expired on ${d}: please retake the risk assessment before a proposal is made`,
      { details: { expiresAt: d } },
    );
  }
  return { level: p.level, expiresAt: p.expiresAt.toISOString().slice(0, 10) };
}

/**
 * Effective risk level of an instrument for suitability: its R level; cash is R1; any
 * other instrument without a level counts as R5 (unknown risk is never suitable by default).
 */
export function effectiveRisk(h: ValuedHolding): number {
  if (h.instrument.assetClass === 'cash') return h.instrument.riskLevel ?? 1;
  return h.instrument.riskLevel ?? 5;
}

/**
 * A price table as CSV (header `date,<tickers>`, one row per date, blank where no
 * price). Numbers are written with JavaScript's shortest round-trip form, so parsing the
 * CSV back (`parsePriceCsv`, the `wealthdesk optimize --prices` input) gives the same floats.
 */
export function priceTableCsv(t: PriceTable): string {
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['date', ...t.tickers].map(esc).join(',')];
  t.dates.forEach((d, i) => lines.push([d, ...t.prices[i].map((p) => (p === null ? '' : String(p)))].join(',')));
  return `${lines.join('\n')}\n`;
}

/** Writes {@link priceTableCsv} to `path`. */
export async function writePriceTableCsv(t: PriceTable, path: string): Promise<void> {
  await writeFile(path, priceTableCsv(t), 'utf8');
}

/** Columns `cols` of a table (same dates). */
export function selectColumns(t: PriceTable, cols: readonly number[]): PriceTable {
  return { dates: [...t.dates], tickers: cols.map((j) => t.tickers[j]), prices: t.prices.map((row) => cols.map((j) => row[j])) };
}

/** Default annual volatility floor for smooth-NAV products (fraction): 2%. */
export const DEFAULT_VOL_FLOOR = 0.02;

/**
 * Whether an instrument reports a smoothed NAV: bank wealth products (银行理财, asset class
 * `wealth` or product type `bank_wealth`) and money-market funds (货币基金, recognised by
 * name). Their NAVs are booked at amortised cost or smoothed with reserves, so the sample
 * volatility of daily NAV changes understates the economic risk (credit, rates, liquidity —
 * the 2022 wealth-product redemption wave broke many "smooth" NAVs). Left as measured, their
 * Sharpe ratio looks enormous and a max-Sharpe optimizer piles into them.
 */
export function isSmoothNav(i: Pick<InstrumentRow, 'assetClass' | 'productType' | 'name' | 'nameEn'>): boolean {
  if (i.assetClass === 'wealth' || i.productType === 'bank_wealth') return true;
  return i.assetClass === 'fund' && (/货币/.test(i.name) || /money[ -]?market/i.test(i.nameEn));
}

export interface VolFloorApplied {
  /** Index into the covariance matrix. */
  index: number;
  /** Annual sample volatility. */
  sampleVolatility: number;
  /** Annual volatility used (= the floor). */
  volatility: number;
}

/**
 * Raises the annual volatility of the `smooth` assets to at least `floor` by scaling their
 * covariance row and column by floor / σᵢ (the diagonal by its square), so every correlation
 * is kept. Assets with zero variance are left alone (they have no correlation to keep);
 * `floor` 0 returns a copy. Units: annualized covariance in, the same out.
 */
export function floorVolatility(cov: number[][], smooth: readonly boolean[], floor: number): { cov: number[][]; applied: VolFloorApplied[] } {
  const f = cov.map((row, i) => {
    const vol = Math.sqrt(Math.max(row[i], 0));
    return smooth[i] && floor > 0 && vol > 0 && vol < floor ? floor / vol : 1;
  });
  const applied = f.flatMap((k, i) => (k === 1 ? [] : [{ index: i, sampleVolatility: Math.sqrt(cov[i][i]), volatility: floor }]));
  return { cov: cov.map((row, i) => row.map((v, j) => v * f[i] * f[j])), applied };
}
