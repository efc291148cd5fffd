/**
 * The demo instrument and product catalog: 78 tradable instruments (A-shares, HK and
 * US stocks, bonds, public funds, bank wealth products, private funds, REITs, cash) and
 * 8 benchmark indices, as typed data. Products carry issuer, manager, fees, liquidity,
 * minimum purchase, strategy (zh/en) and benchmark, so product documents and the
 * planner's product-name extraction are written from the same source as the seed.
 *
 * Prices are SIMULATED by `simulate-prices.ts`; product names and issuers are fictional.
 */
import { BANK_WEALTH, CASH, PRIVATE_FUNDS, REITS } from './catalog-alternatives.js';
import { A_SHARES, HK_SHARES, INDICES, US_SHARES } from './catalog-equities.js';
import { BONDS, PUBLIC_FUNDS } from './catalog-funds.js';
import type { CatalogInstrument } from './catalog-types.js';

export type * from './catalog-types.js';
export { A_SHARES, HK_SHARES, US_SHARES, INDICES, BONDS, PUBLIC_FUNDS, BANK_WEALTH, PRIVATE_FUNDS, REITS, CASH };

/** Every instrument, tradable ones first, then indices. Order is stable (the seed depends on it). */
export const CATALOG: readonly CatalogInstrument[] = Object.freeze([
  ...A_SHARES,
  ...HK_SHARES,
  ...US_SHARES,
  ...BONDS,
  ...PUBLIC_FUNDS,
  ...BANK_WEALTH,
  ...PRIVATE_FUNDS,
  ...REITS,
  ...CASH,
  ...INDICES,
]);

/** Instruments a client can hold (everything but indices). */
export const TRADABLE: readonly CatalogInstrument[] = CATALOG.filter((i) => i.assetClass !== 'index');

/** Sold products (funds, bank wealth, private funds, REITs, bonds), each with `product` facts. */
export const PRODUCTS: readonly (CatalogInstrument & { product: NonNullable<CatalogInstrument['product']> })[] =
  CATALOG.filter((i): i is CatalogInstrument & { product: NonNullable<CatalogInstrument['product']> } => i.product !== undefined);

const BY_ID = new Map(CATALOG.map((i) => [i.id, i]));

/** Looks an instrument up by its id (ticker or product code); undefined when unknown. */
export function catalogById(id: string): CatalogInstrument | undefined {
  return BY_ID.get(id);
}
