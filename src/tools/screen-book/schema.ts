/**
 * screen_book's contract: the criteria, the input schema (fixed rules — ranges, what a
 * criterion requires — live here) and the result schema. Money is a decimal string in the
 * result's `currency`; weights, returns and volatilities are fractions.
 */
import { z } from 'zod';
import { Currency, Period } from '../../vocab.js';

export const SCREEN_CRITERIA = [
  'aum',
  'cash',
  'equity',
  'bond',
  'holds_product',
  'above_profile',
  'risk_limit',
  'assessment_due',
  'underperformed',
  'concentration',
  'drift',
] as const;
export const ScreenCriterion = z.enum(SCREEN_CRITERIA);
export type ScreenCriterion = z.infer<typeof ScreenCriterion>;

export const ScreenBookInput = z
  .object({
    criterion: ScreenCriterion.describe(
      'aum: total value; cash / equity / bond: money (or share) in cash, stocks (A/HK/US), bonds; holds_product: clients holding `product`; ' +
        'above_profile: holdings riskier than the client profile (Rn > Cm) or an expired/missing profile; risk_limit: 3-year volatility above the ' +
        'profile ceiling (C1 5%, C2 8%, C3 12%, C4 18%); assessment_due: risk assessment missing, expired or expiring within `withinDays`; ' +
        'underperformed: return below the benchmark over `period`; concentration: largest single holding above `threshold`; drift: largest ' +
        'asset-class drift from target above `threshold`',
    ),
    basis: z.enum(['amount', 'weight']).optional().describe('For cash / equity / bond / holds_product: rank by money (default) or by share of the portfolio'),
    product: z.string().trim().min(1).max(80).optional().describe('For holds_product: a product name (Chinese or English, may be partial), code or id'),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('For concentration (default 0.20) and drift (default 0.05): a fraction, e.g. 0.3 for 30%; for cash / equity / bond: only clients with more than this share'),
    withinDays: z.number().int().min(0).max(3650).optional().describe('For assessment_due: also profiles expiring within this many days (default 30)'),
    period: Period.optional().describe('For underperformed: the period compared with the benchmark (default YTD; "2025" = last calendar year)'),
    riskProfile: z.number().int().min(1).max(5).optional().describe('Only clients of this risk profile level C1–C5'),
    order: z.enum(['desc', 'asc']).optional().describe('desc (default): most first; asc: least first'),
    limit: z.number().int().min(1).max(200).optional().describe('Rows to return (default 10); `more` says how many matched beyond them'),
    currency: Currency.optional().describe('Money in this currency (default CNY); clients are compared in it'),
  })
  .superRefine((a, ctx) => {
    if (a.criterion === 'holds_product' && !a.product) ctx.addIssue({ code: 'custom', path: ['product'], message: 'holds_product needs a product name or code' });
  });
export type ScreenBookInput = z.infer<typeof ScreenBookInput>;

const Money = z.string().regex(/^-?\d+\.\d{2}$/, 'a decimal string with 2 dp');
const Fraction = z.number().finite();

/** A holding a row names (above_profile: the holdings above the profile; concentration: the largest one). */
export const RowHolding = z.object({
  instrumentId: z.string(),
  name: z.string(),
  riskLevel: z.number().int().nullable(),
  value: Money,
  weight: Fraction,
});

/** What a row adds for its criterion (only the fields of that criterion are present). */
export const RowDetail = z
  .object({
    /** Portfolio value (currency). */
    total: Money,
    /** aum: share of the book. */
    bookShare: Fraction,
    /** Share of the portfolio (cash / equity / bond / holds_product / above_profile / concentration). */
    weight: Fraction,
    /** above_profile: the holdings above the profile; concentration: the largest holding. */
    holdings: z.array(RowHolding),
    /** assessment_due / above_profile: the profile's state, expiry and days left (negative: days past). */
    profileState: z.enum(['missing', 'expired', 'expiring', 'current']),
    expiresAt: z.string().nullable(),
    daysLeft: z.number().int().nullable(),
    /** risk_limit. */
    annualVolatility: Fraction,
    ceiling: Fraction,
    excess: Fraction,
    observations: z.number().int(),
    /** underperformed. */
    return: Fraction,
    benchmarkReturn: Fraction,
    shortfall: Fraction,
    start: z.string(),
    end: z.string(),
    benchmark: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
    /** drift. */
    assetClass: z.string(),
    actual: Fraction,
    target: Fraction,
  })
  .partial();
export type RowDetail = z.infer<typeof RowDetail>;

export const ScreenRow = z.object({
  clientId: z.string(),
  name: z.string(),
  /** Current profile level (even when expired), null when never assessed. */
  riskProfile: z.number().int().min(1).max(5).nullable(),
  profileExpired: z.boolean(),
  baseCurrency: Currency,
  /** The row's money figure in the result currency (see docs/book-tools.md per criterion). */
  value: Money,
  /** The criterion's measure (a fraction, or days for assessment_due; null when there is none). */
  metric: z.number().nullable(),
  detail: RowDetail,
});
export type ScreenRow = z.infer<typeof ScreenRow>;

export const ScreenBookResult = z.object({
  advisorId: z.string(),
  criterion: ScreenCriterion,
  asOf: z.string(),
  currency: Currency,
  /** The parameters the screen used (defaults filled in). */
  basis: z.enum(['amount', 'weight']).optional(),
  threshold: Fraction.optional(),
  withinDays: z.number().int().optional(),
  period: z.string().optional(),
  product: z.object({ id: z.string(), name: z.string(), nameEn: z.string(), riskLevel: z.number().int().nullable() }).optional(),
  riskProfile: z.number().int().optional(),
  /** risk_limit: the volatility ceiling of each profile level (null: none). */
  ceilings: z.record(z.string(), Fraction.nullable()).optional(),
  order: z.enum(['desc', 'asc']),
  /** Clients in the book (before matching). */
  bookClients: z.number().int(),
  /** Clients matched. */
  total: z.number().int(),
  /** Rows returned (`rows.length`). */
  shown: z.number().int(),
  rows: z.array(ScreenRow),
  /** Matched beyond the rows: total − shown. */
  more: z.number().int(),
});
export type ScreenBookResult = z.infer<typeof ScreenBookResult>;
