/**
 * The forward-looking view of a client's holdings, from the capital-market assumptions
 * (`src/quant/cma.ts`, docs/capital-market-assumptions.md): each instrument's CMA class and
 * the expected return and volatility of the portfolio held now. This is the one place where
 * the tools turn holdings into expected figures. project_goal's default assumptions,
 * portfolio_risk's `expected` block and optimize_portfolio's expected returns all come from
 * here, so the same portfolio gets the same expected return in every answer.
 *
 * The `instruments` table has no product sub-category, so it is read from the demo catalog
 * (`catalogById`) where the instrument is in it. An instrument outside the catalog is placed
 * by asset class, currency, region and risk level alone (see `cmaClassOf`).
 */
import { catalogById } from '../../db/seed/catalog.js';
import type { InstrumentRow } from '../../db/repos/market.js';
import { type CmaClass, portfolioAssumptions } from '../../quant/cma.js';
import { type CmaInstrumentFields, cmaClassOf, instrumentExpectedReturns } from '../../quant/cma-class.js';
import type { Currency } from '../contract.js';

type InstrumentFields = Pick<InstrumentRow, 'id' | 'assetClass' | 'currency' | 'region' | 'riskLevel' | 'sector'>;

/** What `cmaClassOf` reads of an instrument row, with the catalog's product category when known. */
export function cmaFieldsOf(i: InstrumentFields): CmaInstrumentFields & { id: string } {
  return {
    id: i.id,
    assetClass: i.assetClass,
    category: catalogById(i.id)?.product?.category ?? null,
    currency: i.currency,
    region: i.region,
    riskLevel: i.riskLevel,
    sector: i.sector,
  };
}

/** The CMA class of an instrument row. */
export function cmaClassOfInstrument(i: InstrumentFields): CmaClass {
  return cmaClassOf(cmaFieldsOf(i));
}

/** Expected annual return of each instrument (its class's μ), in input order. */
export function holdingExpectedReturns(instruments: readonly InstrumentFields[]): { id: string; cmaClass: CmaClass; expectedReturn: number }[] {
  return instrumentExpectedReturns(instruments.map(cmaFieldsOf));
}

/** Expected figures of a portfolio from the CMA; fractions per year. */
export interface PortfolioExpectation {
  /** Expected one-year simple return, Σ wᵢ μᵢ over the holdings' classes. */
  expectedReturn: number;
  /** √(wᵀΣw) over the CMA covariance for the client's base currency (FX risk included). */
  volatility: number;
  /** Median compound growth: (1 + expectedReturn)·exp(−volatility²/2) − 1. */
  geometricReturn: number;
  cmaVersion: string;
  /** The investor currency the volatility is stated for. */
  baseCurrency: Currency;
  /** Weight and figures per CMA class held, in the CMA's class order. */
  byClass: { cmaClass: CmaClass; weight: number; expectedReturn: number; volatility: number }[];
}

/**
 * Expected return and volatility of the holdings as they are now: weights by current value,
 * covariance for an investor in `baseCurrency`. The tools pass the holdings valued in the
 * client's base currency (values rounded to the cent in another currency would move the
 * weights in the last digits), so they all show the same figure. Needs a positive total
 * value (RangeError).
 */
export function portfolioExpectation(
  holdings: readonly { instrument: InstrumentFields; value: { toNumber(): number } }[],
  baseCurrency: Currency,
): PortfolioExpectation {
  const a = portfolioAssumptions(
    holdings.map((h) => ({ cmaClass: cmaClassOfInstrument(h.instrument), weight: h.value.toNumber() })),
    { baseCurrency },
  );
  return {
    expectedReturn: a.expectedReturn,
    volatility: a.volatility,
    geometricReturn: a.geometricReturn,
    cmaVersion: a.cmaVersion,
    baseCurrency,
    byClass: a.byClass.map((c) => ({ cmaClass: c.cmaClass, weight: c.weight, expectedReturn: c.expectedReturn, volatility: c.volatility })),
  };
}
