/**
 * The agent-facing contract of the issue-3 portfolio-construction tools:
 * `optimize_portfolio`, `check_rebalance`, `project_goal`, `backtest_strategy`.
 * Conventions as in `contract.ts`: money in results is a decimal string in the stated
 * currency; weights, returns, volatilities and rates are plain numbers as fractions
 * (0.0523 = 5.23%), annual unless the field says otherwise. `clientId` is honoured only
 * for an advisor and only for a client of the advisor's own book.
 */
import { z } from 'zod';
import type { CmaClass } from '../quant/cma.js';
import type { Currency } from './contract.js';

const clientId = z
  .string()
  .max(64)
  .optional()
  .describe('Advisor only: which client of your book. Ignored for a client, who always sees their own data.');

/** A money amount from the model: a decimal string ("5000000", "1.2e6") or a JSON number. */
export const MoneyArg = z.union([
  z.number().finite().min(0).max(1e13),
  z.string().trim().regex(/^\+?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/, 'a non-negative decimal amount'),
]);
export type MoneyArg = z.infer<typeof MoneyArg>;

export interface Performance {
  /** Annual expected return from the capital-market assumptions: Σ wᵢ μᵢ, μᵢ the CMA return of holding i's class, over every holding. */
  expectedReturn: number;
  /** Annual volatility from the sample covariance × 252 (smooth NAVs floored) of the holdings with history. */
  volatility: number;
  /** (expectedReturn − riskFreeRate) / volatility. */
  sharpe: number;
}

// ---------------------------------------------------------------- optimize_portfolio
export const OptimizeObjective = z.enum(['max-sharpe', 'min-volatility', 'efficient-risk', 'efficient-return', 'risk-parity', 'hrp', 'black-litterman']);
export type OptimizeObjective = z.infer<typeof OptimizeObjective>;

/** Asset classes a Black-Litterman view may name (cash and indexes are never optimized). */
export const VIEW_ASSET_CLASSES = ['equity_cn', 'equity_hk', 'equity_us', 'bond', 'fund', 'wealth', 'private', 'reit'] as const;
/** Sectors a Black-Litterman view may name: the instruments' `sector` values. */
export const VIEW_SECTORS = ['technology', 'consumer', 'healthcare', 'financials', 'energy', 'materials', 'industrials', 'utilities', 'communication', 'real_estate'] as const;

export const OptimizeView = z.object({
  type: z.enum(['absolute', 'relative']).describe('absolute: `asset` returns `return` a year; relative: `asset` beats `versus` by `return` a year'),
  asset: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .describe(
      `An instrument id the client holds, an asset class (${VIEW_ASSET_CLASSES.join(', ')}) or a sector (${VIEW_SECTORS.join(', ')}); ` +
        'common names are accepted too, e.g. tech → technology, bonds → bond, 科技 → technology, 港股 → equity_hk',
    ),
  versus: z.string().trim().min(1).max(32).optional().describe('For a relative view: the instrument, asset class or sector that does worse (same keys as `asset`)'),
  return: z.number().min(-1).max(1).describe('Annual return (absolute) or outperformance (relative) as a fraction: 0.03 = 3%'),
  confidence: z.number().min(0).max(1).optional().describe("Confidence in the view, 0–1 (Idzorek's method); default 0.5"),
});
export type OptimizeView = z.infer<typeof OptimizeView>;

export const OptimizePortfolioInput = z.object({
  objective: OptimizeObjective.optional().describe(
    'max-sharpe (default): best return per unit of risk; min-volatility; efficient-risk: highest return at targetVolatility; ' +
      'efficient-return: lowest risk at targetReturn; risk-parity: equal risk contributions; hrp: hierarchical risk parity; ' +
      'black-litterman: max-sharpe on returns blended with `views`',
  ),
  riskFreeRate: z.number().min(-0.05).max(0.2).optional().describe('Annual risk-free rate as a fraction; default 0 (PyPortfolioOpt default)'),
  targetVolatility: z.number().gt(0).max(2).optional().describe('For efficient-risk: annual volatility to aim at, fraction (0.12 = 12%)'),
  targetReturn: z.number().min(-0.5).max(2).optional().describe('For efficient-return: annual return to reach, fraction'),
  views: z.array(OptimizeView).max(10).optional().describe('For black-litterman: the client’s market views, e.g. "tech beats bonds by 3%"'),
  maxTurnover: z.number().min(0).max(2).optional().describe('Limit on Σ|proposed − current| weights (one-way turnover × 2), fraction of the portfolio'),
  lookbackDays: z.number().int().min(60).max(1000).optional().describe('History window in trading days; default 756 (3 years)'),
  maxWeight: z
    .number()
    .gt(0)
    .max(1)
    .optional()
    .describe('Largest weight any one holding may have, fraction of the whole portfolio; default 0.3 (30%). 1 = no cap'),
  classBand: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .optional()
    .describe("Each asset class stays within ± this many points of the client's target allocation (0.1 = ±10 pp); default 0.1; null or 0 = no bands"),
  volFloor: z
    .number()
    .min(0)
    .max(0.5)
    .optional()
    .describe('Annual volatility assumed at least for smooth-NAV products (bank wealth, money-market funds), fraction; default 0.02; 0 = use the sample volatility'),
  clientId,
});
export type OptimizePortfolioInput = z.infer<typeof OptimizePortfolioInput>;

export interface OptimizedHolding {
  instrumentId: string;
  name: string;
  assetClass: string;
  riskLevel: number | null;
  /** riskLevel ≤ the client's profile level (an unsuitable holding may only be reduced). */
  suitable: boolean;
  currentWeight: number;
  proposedWeight: number;
  change: number; // proposed − current
  /** Weight bounds used, of the whole portfolio. */
  bounds: [number, number];
  /** Held at its current weight, outside the optimization: 'zero-variance' (cash) or 'no-history'. */
  fixed: 'zero-variance' | 'no-history' | null;
}

export interface ConstructionTrade {
  instrumentId: string;
  name: string;
  assetClass: string;
  side: 'buy' | 'sell';
  quantity: string; // units; whole lots (A-shares 100)
  price: string; // latest close, instrument currency
  instrumentCurrency: Currency;
  amount: string; // report currency
}

export interface OptimizePortfolioResult {
  clientId: string;
  asOf: string;
  currency: Currency; // report currency (client base currency)
  objective: OptimizeObjective;
  portfolioValue: string;
  riskProfile: { level: number; expiresAt: string };
  holdings: OptimizedHolding[]; // sorted by current weight desc
  byAssetClass: { assetClass: string; currentWeight: number; proposedWeight: number; change: number }[];
  /**
   * Same estimators before and after: expected return from the capital-market assumptions over every holding
   * (`before.expectedReturn` is the figure project_goal and portfolio_risk give for the same portfolio), volatility
   * from the sample covariance × 252 (smooth-NAV volatility floored, see `inputs.volFloors`) of the holdings with history.
   */
  before: Performance;
  after: Performance;
  trades: ConstructionTrade[];
  tradeSummary: { buys: string; sells: string; cashChange: string }; // cashChange = sells − buys (report currency)
  blackLitterman: { views: (OptimizeView & { assets: string[] })[]; priorReturns: Record<string, number>; posteriorReturns: Record<string, number> } | null;
  inputs: {
    lookbackDays: number;
    observations: number; // daily return rows
    startDate: string;
    endDate: string;
    riskFreeRate: number;
    frequency: 252;
    /**
     * Where μ comes from: each holding gets the expected return of its capital-market-assumption class (not its
     * own history; the `wealthdesk optimize` CLI keeps the historical CAGR). Also the Black-Litterman prior.
     */
    expectedReturns: { source: 'capital-market assumptions'; cmaVersion: string; byInstrument: Record<string, { cmaClass: CmaClass; expectedReturn: number }> };
    covariance: 'sample × 252';
    /** Instruments the optimizer weighed (the rest are held fixed); the CLI on the same prices gives `sleeveWeights`. */
    universe: string[];
    /** Share of the portfolio the optimizer allocates (1 − fixed weights). */
    investableWeight: number;
    /** Optimizer weights within the universe (sum 1), comparable with `wealthdesk optimize`. */
    sleeveWeights: Record<string, number>;
    targetVolatility: number | null;
    targetReturn: number | null;
    maxTurnover: number | null;
    solveMs: number;
    /** Per-holding cap used, fraction of the portfolio (after any relaxation); null = no cap. */
    maxWeight: number | null;
    /** The same cap within the sleeve, as given to the solver: min(1, maxWeight / investableWeight). */
    sleeveMaxWeight: number;
    /** Band (± points around target) used for the asset classes (after any relaxation); null = no bands. */
    classBand: number | null;
    /**
     * Asset-class limits used, fractions of the whole portfolio: [min, max] = target ± classBand clamped to
     * [0, 1] (widened to include the current weight under a turnover limit). Only classes with a holding the
     * optimizer weighs; empty when bands are off, the objective is risk-parity / hrp, or there is no target.
     */
    bands: { assetClass: string; target: number; min: number; max: number }[];
    /** Volatility floor for smooth-NAV products (annual fraction; 0 = none). */
    volFloor: number;
    /** Holdings whose covariance row/column was scaled up to the floor (correlations kept). */
    volFloors: { instrumentId: string; sampleVolatility: number; volatility: number }[];
  };
  /** Constraints first (one line, turn language), then relaxations and other remarks. */
  notes: string[];
}

// ---------------------------------------------------------------- check_rebalance
export const CheckRebalanceInput = z.object({
  absoluteBand: z.number().min(0).max(1).optional().describe('Rebalance when an asset class drifts more than this many points from target; default 0.05'),
  relativeBand: z.number().min(0).max(10).optional().describe('…or more than this fraction of its target weight; default 0.25'),
  taxAware: z.boolean().optional().describe('Sell losing lots first and prefer low-gain positions; default true'),
  costBps: z.number().min(0).max(500).optional().describe('Transaction cost in basis points of the traded amount; default 10'),
  clientId,
});
export type CheckRebalanceInput = z.infer<typeof CheckRebalanceInput>;

export interface DriftView {
  assetClass: string;
  currentWeight: number;
  targetWeight: number;
  drift: number; // current − target
  relativeDrift: number; // drift / target
  currentValue: string;
  targetValue: string;
  breach: 'absolute' | 'relative' | null;
}

export interface RebalanceTradeView {
  /** null: buy "a suitable product of this class" (none held, or the held one is above the client's risk level). */
  instrumentId: string | null;
  name: string | null;
  assetClass: string;
  side: 'buy' | 'sell';
  quantity: string | null;
  amount: string; // report currency
  cost: string; // transaction cost, report currency
  realizedGain: string | null; // sells with lots
  estimatedTax: string | null;
}

export interface TaxRule {
  jurisdiction: 'CN' | 'HK' | 'US';
  capitalGainsTaxed: boolean;
  taxRate: number; // used for estimatedTax
  tlhAllowed: boolean;
  rule: string; // the rule, in the turn language
}

export interface CheckRebalanceResult {
  clientId: string;
  asOf: string;
  currency: Currency;
  portfolioValue: string;
  rule: { absoluteBand: number; relativeBand: number; costBps: number; taxAware: boolean };
  rebalanceNeeded: boolean;
  drift: DriftView[]; // |drift| desc
  trades: RebalanceTradeView[];
  /**
   * Report currency. Cash is never traded: it is the residual of the trades. cashChange = sells − buys − costs
   * (negative when cash above its target funds buys); cashAfter = the cash class's value after the trades.
   */
  totals: { buys: string; sells: string; costs: string; estimatedTax: string; cashChange: string; cashAfter: string };
  /** Asset-class weights after the trades (cashChange counted in cash). */
  after: { assetClass: string; weight: number }[];
  /**
   * Holdings (or the part of a holding) still inside a holding or lock-up period (封闭期/最短持有期) on the
   * as-of date: never sold; the other holdings are rebalanced around them. `until` = the first date all the
   * locked units may be redeemed (the latest lock end of their lots); `value` in the report currency.
   */
  locked: { instrumentId: string; name: string; quantity: string; value: string; until: string }[];
  tax: TaxRule;
  tlhCandidates: { instrumentId: string; name: string; unrealizedLoss: string }[];
  notes: string[];
}

// ---------------------------------------------------------------- project_goal
export const ProjectGoalInput = z.object({
  targetAmount: MoneyArg.describe('Goal value at the horizon, in `currency` (default the client base currency; e.g. 5000000 for 500万)'),
  years: z.number().int().min(1).max(100).optional().describe('Horizon in whole years (give years or targetDate; default 10)'),
  targetDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('Horizon date YYYY-MM-DD; rounded up to whole years'),
  monthlyContribution: MoneyArg.optional().describe('Added at the end of every month; default 0'),
  initialAmount: MoneyArg.optional().describe('Starting value; default the current portfolio value'),
  expectedReturn: z
    .number()
    .min(-0.5)
    .max(1)
    .optional()
    .describe('Expected annual return, fraction; only when the user states one. Default: the capital-market assumptions for the current portfolio'),
  volatility: z
    .number()
    .min(0)
    .max(2)
    .optional()
    .describe('Annual volatility, fraction; only when the user states one. Default: the capital-market assumptions for the current portfolio'),
  withdrawals: z
    .array(z.object({ startYear: z.number().int().min(0).max(99).describe('Withdrawals start in this year (0 = now)'), monthly: MoneyArg.describe('Amount per month') }))
    .max(5)
    .optional(),
  inflation: z.number().min(-0.05).max(0.5).optional().describe('Annual inflation; when given, all amounts are in today’s money'),
  currency: z.enum(['CNY', 'USD', 'HKD']).optional().describe('Currency of the amounts and of the result (e.g. HKD for "HK$15m"); default the client base currency'),
  clientId,
});
export type ProjectGoalInput = z.infer<typeof ProjectGoalInput>;

export interface ProjectGoalResult {
  clientId: string;
  asOf: string;
  currency: Currency;
  targetAmount: string;
  years: number;
  horizonDate: string;
  /**
   * Share of simulated paths ending at or above the target (0–1): the raw Monte Carlo estimate. Show
   * `probabilityDisplay.text` instead — a simulation never proves 0% or 100%.
   */
  probability: number;
  /** The probability as it may be shown: whole percent, bounded to [1%, 99%] ('>99%', '<1%', '63%'). */
  probabilityDisplay: { value: number; bound: 'above' | 'below' | null; text: string };
  medianFinal: string;
  meanFinal: string;
  /** Final values at the horizon: 1 path in 10 ends below p10, 1 in 10 above p90; p50 = medianFinal. */
  outcomeRange: { p10: string; p50: string; p90: string };
  /** Monthly contribution that gives a 50% chance (median final = target); "0.00" when already met. Same as levers.monthlyFor50. */
  requiredMonthlyFor50: string;
  /**
   * What would change the outcome, on the same simulated paths: the monthly contribution for a 50% and a 75%
   * chance at this horizon (rounded up to the cent; "0.00" = reached with that chance without contributions),
   * and the whole years from now after which the current contribution gives a 50% / 75% chance (null: not
   * within `maxYears`).
   */
  levers: { monthlyFor50: string; monthlyFor75: string; yearsFor50: number | null; yearsFor75: number | null; maxYears: number };
  /** Fan chart: per percentile, one value per year-end, year 0 first. */
  percentiles: { p: 5 | 25 | 50 | 75 | 95; values: string[] }[];
  assumptions: {
    initialAmount: string;
    monthlyContribution: string;
    /** Expected annual simple return (the Monte Carlo mean). */
    expectedReturn: number;
    volatility: number;
    /** Median compound growth a year: (1 + expectedReturn)·exp(−volatility²/2) − 1. */
    geometricReturn: number;
    /**
     * 'cma': both from the capital-market assumptions for the current portfolio (weights by value, base
     * currency); 'given': both stated by the user; 'mixed': one stated, the other from the CMA.
     */
    source: 'given' | 'cma' | 'mixed';
    /** Which of the two the user stated (the others came from the CMA). */
    statedByUser: ('expectedReturn' | 'volatility')[];
    /** CMA version when any assumption came from it, else null. */
    cmaVersion: string | null;
    inflation: number | null;
    withdrawals: { startYear: number; monthly: string }[];
    paths: number;
    seed: number;
  };
}

// ---------------------------------------------------------------- backtest_strategy
export const BacktestStrategyInput = z.object({
  strategy: z
    .enum(['buy-and-hold', 'monthly', 'quarterly', 'annual', 'threshold'])
    .describe('Rebalancing rule to test against buy-and-hold: periodic (monthly/quarterly/annual) or threshold (when a weight drifts more than `band`)'),
  band: z.number().gt(0).max(0.5).optional().describe('For threshold: drift that triggers a rebalance, fraction; default 0.05'),
  years: z.number().int().min(1).max(10).optional().describe('History to test over, years; default 3 (capped by the data)'),
  costBps: z.number().min(0).max(500).optional().describe('Transaction cost in basis points of traded value; default 10'),
  clientId,
});
export type BacktestStrategyInput = z.infer<typeof BacktestStrategyInput>;

export interface BacktestRun {
  strategy: string;
  endValue: string; // report currency, starting from the current portfolio value
  totalReturn: number;
  annualReturn: number;
  annualVolatility: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number; // negative fraction
  calmar: number | null;
  var95: number; // daily, negative fraction
  cvar95: number;
  rebalances: number;
  turnover: number; // Σ one-way turnover
  totalCost: string; // report currency
}

export interface BacktestStrategyResult {
  clientId: string;
  asOf: string;
  currency: Currency;
  startDate: string;
  endDate: string;
  startValue: string;
  /** Target weights per instrument used (class targets split over holdings; proxies where none is held). */
  weights: { instrumentId: string; assetClass: string; weight: number; proxy: boolean }[];
  targetSource: 'target-allocation' | 'current-weights';
  strategy: BacktestRun;
  buyAndHold: BacktestRun;
  /** Month-end values for a chart, report currency. */
  series: { date: string; strategy: string; buyAndHold: string }[];
  riskFreeRate: number;
}
