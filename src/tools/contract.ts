/**
 * The agent-facing contract of the tools: names, zod input schemas and result shapes.
 * Tool files (`src/tools/<name>.ts`) implement exactly these; the offline planner
 * routes to and composes answers from exactly these. Money in results is a decimal
 * string in the stated currency (never a float); ratios/returns are plain numbers
 * (fractions: 0.0523 = 5.23%).
 *
 * `clientId` in an input is honoured only for an advisor, and only for a client in
 * the advisor's own book; for a client principal it is ignored (the tool always serves
 * the principal's own data).
 */
import { z } from 'zod';

import { Currency, Period } from '../vocab.js';

export { Currency, Period };

const clientId = z
  .string()
  .max(64)
  .optional()
  .describe('Advisor only: which client of your book. Ignored for a client, who always sees their own data.');

// ---------------------------------------------------------------- get_portfolio
export const GetPortfolioInput = z.object({
  currency: Currency.optional().describe('Report values in this currency; default the client base currency'),
  clientId,
});
export interface AllocationSlice {
  key: string; // asset class / currency / region code
  value: string; // money in the report currency
  weight: number; // fraction of total
}
export interface HoldingView {
  instrumentId: string;
  name: string;
  nameEn: string;
  assetClass: string;
  currency: Currency; // instrument currency
  region: string;
  riskLevel: number | null;
  quantity: string;
  price: string; // latest close, instrument currency
  priceDate: string;
  marketValueLocal: string; // instrument currency
  marketValue: string; // report currency
  costBasis: string; // report currency (at today's FX)
  unrealizedPnl: string; // report currency
  unrealizedPnlPct: number;
  weight: number;
}
export interface GetPortfolioResult {
  clientId: string;
  clientName: string;
  asOf: string;
  baseCurrency: Currency;
  currency: Currency; // report currency
  fx: Record<string, string>; // 1 unit of key = value report-currency units
  totalValue: string;
  totalCost: string;
  unrealizedPnl: string;
  unrealizedPnlPct: number;
  holdings: HoldingView[]; // sorted by marketValue desc
  allocation: { byAssetClass: AllocationSlice[]; byCurrency: AllocationSlice[]; byRegion: AllocationSlice[] };
  targetAllocation: { assetClass: string; weight: number }[];
}

// ---------------------------------------------------------------- get_performance
export const GetPerformanceInput = z.object({
  periods: z.array(Period).optional().describe('Which periods; default all of 1M, 3M, YTD, 1Y, 3Y, SI (since inception)'),
  benchmark: z.string().max(32).optional().describe('Benchmark instrument id; default the blended benchmark of the client'),
  currency: Currency.optional(),
  clientId,
});
export interface PeriodReturn {
  period: Period;
  start: string;
  end: string;
  return: number; // time-weighted, fraction
  annualized: number | null; // for periods over one year
  benchmarkReturn: number | null;
  excessReturn: number | null;
  pnl: string; // money gain over the period, report currency
}
export interface GetPerformanceResult {
  clientId: string;
  clientName: string;
  asOf: string;
  currency: Currency;
  benchmark: { id: string; name: string; nameEn: string };
  periods: PeriodReturn[];
}

// ---------------------------------------------------------------- assess_risk_profile
export const AssessRiskProfileInput = z.object({
  action: z
    .enum(['get', 'start', 'answer', 'cancel'])
    .describe('get: current profile; start: begin the questionnaire; answer: record the answer to the current question; cancel'),
  answer: z
    .string()
    .max(200)
    .optional()
    .describe('For action=answer: the option letter (A–E) or the client words'),
  clientId,
});
export interface QuestionView {
  id: string;
  index: number; // 1-based
  total: number;
  text: string; // in the turn language
  options: { key: string; text: string }[];
}
export interface RiskProfileView {
  level: number; // 1..5 = C1..C5
  label: string; // e.g. 'C3 稳健型' / 'C3 Balanced'
  score: number;
  assessedAt: string;
  expiresAt: string;
  expired: boolean;
  reasons: string[];
  maxProductRisk: number; // highest product risk level Rn allowed (= level)
}
export type AssessRiskProfileResult =
  | { status: 'profile'; profile: RiskProfileView | null }
  | { status: 'question'; question: QuestionView; answered: number }
  | { status: 'completed'; profile: RiskProfileView; previousLevel: number | null }
  | { status: 'invalid_answer'; question: QuestionView; message: string }
  | { status: 'cancelled' };

// ---------------------------------------------------------------- portfolio_risk
export const PortfolioRiskInput = z.object({
  lookbackDays: z.number().int().min(60).max(1000).optional().describe('History window in trading days; default 756 (3 years)'),
  riskFreeRate: z.number().min(-0.05).max(0.2).optional().describe('Annual risk-free rate as a fraction; default 0.015'),
  benchmark: z.string().max(32).optional(),
  currency: Currency.optional(),
  clientId,
});
export interface VarFigure {
  confidence: 0.95 | 0.99;
  horizonDays: 1 | 10;
  method: 'historical' | 'parametric';
  var: number; // loss as a positive fraction of portfolio value
  cvar: number; // expected shortfall, positive fraction
  varAmount: string; // money, report currency
  cvarAmount: string;
}
export interface PortfolioRiskResult {
  clientId: string;
  clientName: string;
  asOf: string;
  currency: Currency;
  portfolioValue: string;
  /**
   * Long-run expected figures of the portfolio held now, from the capital-market assumptions (weights by
   * current value, the client's base currency): the same expected return project_goal and optimize_portfolio
   * use. Assumptions, not a forecast; fractions per year.
   */
  expected: { expectedReturn: number; volatility: number; geometricReturn: number; cmaVersion: string };
  /**
   * What every figure below is: realized history of today's weights — the current holdings held at
   * constant weights over the past `observations` trading days from `startDate` to `endDate`, not the
   * client's actual past returns and not an expectation.
   */
  history: { basis: 'current weights over past prices'; startDate: string; endDate: string };
  observations: number;
  /** Realized (historical) compound annual return of today's weights over the window. */
  annualReturn: number;
  /** Realized (historical) annual volatility of today's weights over the window. */
  annualVolatility: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number; // negative fraction
  calmar: number | null;
  beta: number | null;
  benchmark: { id: string; name: string; nameEn: string } | null;
  var: VarFigure[]; // 95/99 × 1/10 days × historical/parametric
  concentration: { hhi: number; top: { instrumentId: string; name: string; weight: number }[] };
  riskContributors: { instrumentId: string; name: string; weight: number; contribution: number }[]; // share of variance, sums to 1
  riskFreeRate: number;
}

// ---------------------------------------------------------------- list_clients (advisor)
export const ListClientsInput = z.object({
  query: z.string().max(64).optional().describe('Filter by name or id'),
  riskProfile: z.number().int().min(1).max(5).optional().describe('Only clients with this profile level C1–C5'),
  minDrift: z.number().min(0).max(1).optional().describe('Only clients whose largest asset-class drift from target exceeds this fraction'),
  sortBy: z.enum(['value', 'drift', 'name']).optional(),
  limit: z.number().int().min(1).max(200).optional().describe('How many clients to list; default 20 (`more` says how many matched beyond them)'),
});
export interface ClientSummary {
  id: string;
  name: string;
  riskProfile: number | null;
  profileExpired: boolean;
  baseCurrency: Currency;
  totalValue: string; // base currency
  maxDrift: number; // largest |actual − target| weight across asset classes
  maxDriftClass: string | null;
}
export interface ListClientsResult {
  advisorId: string;
  asOf: string;
  total: number;
  clients: ClientSummary[];
  /** Matching clients beyond those listed (`total − clients.length`). */
  more: number;
}
