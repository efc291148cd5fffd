/**
 * Which capital-market-assumption class an instrument belongs to (stocks by market, funds by
 * category or risk level, bank wealth, private funds, REITs), and the class expected return
 * per instrument the optimizer uses. The assumptions themselves are in `cma.ts`.
 */
import { CMA, type CmaClass } from './cma.js';

/**
 * What {@link cmaClassOf} reads of an instrument: the `instruments` row (asset class, currency,
 * region, risk level) and, where known, the product's sub-category (the catalog's
 * `product.category`, e.g. 'bond_fund', 'money_market_fund', 'qdii_fund', 'cash_wealth',
 * 'cta', 'hk_reit'). Without the category, funds are placed by risk level (coarser; see below).
 */
export interface CmaInstrumentFields {
  /** equity_cn | equity_hk | equity_us | bond | fund | wealth | private | reit | cash | index */
  assetClass: string;
  category?: string | null;
  currency?: string | null;
  /** CN | HK | US | GLOBAL */
  region?: string | null;
  /** R1–R5 as 1..5. */
  riskLevel?: number | null;
  /** Equity sector, if any; only read for funds without a category (no sector at R3 → a bond-based fund). */
  sector?: string | null;
}

function foreignBloc(i: CmaInstrumentFields): boolean {
  return i.region === 'US' || i.region === 'HK' || i.currency === 'USD' || i.currency === 'HKD';
}

function equityByRegion(i: CmaInstrumentFields): CmaClass {
  if (i.region === 'HK') return 'equity_hk';
  if (i.region === 'US' || i.region === 'GLOBAL') return 'equity_us'; // global equity proxied by US equity
  return 'equity_cn';
}

function fundClass(i: CmaInstrumentFields): CmaClass {
  const risk = i.riskLevel ?? 4;
  switch (i.category) {
    case 'money_market_fund':
      return i.currency === 'USD' || i.currency === 'HKD' ? 'cash_usd' : 'cash_cny';
    case 'bond_fund': // R3 bond funds are enhanced (二级债基: convertibles, up to 20% equities)
      return risk >= 3 ? 'fixed_income_plus_cn' : foreignBloc(i) ? 'bond_us' : 'bond_cn';
    case 'mixed_fund':
      return 'balanced_cn';
    case 'equity_fund':
    case 'index_fund':
      return equityByRegion(i);
    case 'qdii_fund': // QDII: foreign bonds at R1–R2, foreign equities above
      return risk <= 2 ? 'bond_us' : equityByRegion(i.region === 'CN' ? { ...i, region: 'GLOBAL' } : i);
  }
  // No category (a bare instruments row): by risk level.
  if (risk <= 1) return foreignBloc(i) ? 'cash_usd' : 'cash_cny';
  if (risk === 2) return foreignBloc(i) ? 'bond_us' : 'bond_cn';
  if (risk === 3 && (i.region ?? 'CN') === 'CN') return i.sector ? 'balanced_cn' : 'fixed_income_plus_cn';
  return equityByRegion(i);
}

/**
 * The CMA class of an instrument. Stocks by market; bonds CNY or USD (treasury ETFs, USD
 * bonds); cash by currency (HKD cash with USD: peg); public funds by category (money market →
 * cash, pure bond → bonds, R3+ bond fund → fixed income plus, mixed → balanced, equity and
 * index → equities of their region, global equity → US equities, QDII → US bonds at R1–R2
 * else equities); bank wealth: cash_wealth → cash, fixed_income_wealth → bank wealth fixed
 * income, mixed_wealth → fixed income plus; private funds: equity_long_short → private
 * equity long/short, quant_hedge / cta / multi_strategy → absolute return; REITs by market.
 *
 * Without a category (the `instruments` table has none): funds by risk level (R1 cash, R2
 * bonds, R3 in CN: balanced with an equity sector, fixed income plus without, R4–R5 equities
 * of their region), bank wealth by risk level (R1 cash, R2 fixed income, R3+ fixed income
 * plus), private funds by risk level (R1–R4 absolute return, R5 or unknown equity long/short).
 * On the demo catalog this misplaces two instruments (a R3 dividend index fund → balanced, a
 * R5 CTA → equity long/short), so pass the category where it is known. Indices map like
 * equities of their region. Unknown asset class → RangeError.
 */
export function cmaClassOf(i: CmaInstrumentFields): CmaClass {
  switch (i.assetClass) {
    case 'equity_cn':
    case 'equity_hk':
    case 'equity_us':
      return i.assetClass;
    case 'bond':
      return i.category === 'treasury_etf' || foreignBloc(i) ? 'bond_us' : 'bond_cn';
    case 'cash':
      return foreignBloc(i) ? 'cash_usd' : 'cash_cny';
    case 'fund':
      return fundClass(i);
    case 'wealth': {
      if (i.category === 'cash_wealth') return 'cash_cny';
      if (i.category === 'fixed_income_wealth') return 'wealth_fixed_income_cn';
      if (i.category === 'mixed_wealth') return 'fixed_income_plus_cn';
      const risk = i.riskLevel ?? 2;
      return risk <= 1 ? 'cash_cny' : risk === 2 ? 'wealth_fixed_income_cn' : 'fixed_income_plus_cn';
    }
    case 'private':
      if (i.category === 'quant_hedge' || i.category === 'cta' || i.category === 'multi_strategy') return 'hedge_absolute_cn';
      if (i.category === 'equity_long_short') return 'hedge_equity_cn';
      return (i.riskLevel ?? 5) <= 4 ? 'hedge_absolute_cn' : 'hedge_equity_cn';
    case 'reit':
      return i.category === 'hk_reit' || i.region === 'HK' || i.currency === 'HKD' ? 'reit_hk' : 'reit_cn';
    case 'index':
      return equityByRegion(i);
    default:
      throw new RangeError(`unknown assetClass ${JSON.stringify(i.assetClass)}`);
  }
}

/**
 * Expected return per instrument for the optimizer, in input order: each instrument gets its
 * class's expected return. Deliberately not the instrument's historical CAGR: over a few
 * years that estimates the mean with an error of about σ/√years (≈ 14 points for a 24%-volatile
 * stock over 3 years), and mean-variance optimizers amplify such errors into extreme
 * weights. With class returns, Σ wᵢ μᵢ equals {@link portfolioAssumptions}' expectedReturn for
 * the same weights, so the optimizer, the goal projection and the risk answer agree. Within a
 * class the optimizer then chooses by risk (covariance) alone.
 */
export function instrumentExpectedReturns<T extends CmaInstrumentFields & { id: string }>(
  instruments: readonly T[],
): { id: string; cmaClass: CmaClass; expectedReturn: number }[] {
  return instruments.map((i) => {
    const cmaClass = cmaClassOf(i);
    return { id: i.id, cmaClass, expectedReturn: CMA.classes[cmaClass].expectedReturn };
  });
}
