/**
 * project_goal: Monte Carlo projection of the client's wealth to a goal — probability of
 * reaching it (raw, and bounded for display: never 0% or 100%), percentile paths for a fan
 * chart, the 10th / 50th / 90th percentile outcomes and what would change them (the monthly
 * contribution for a 50% and a 75% chance, the years needed at the current contribution).
 * The model is {@link projectGoalWithLevers} (monthly lognormal steps, end-of-month contributions /
 * withdrawals, optional inflation → today's money), always with the same seed, so the same
 * question gives the same figures; the levers come from the same simulated paths.
 *
 * Default assumptions: the capital-market assumptions for the portfolio held now
 * ({@link portfolioExpectation}: weights by current value, the client's base currency) —
 * the expected return portfolio_risk and optimize_portfolio show for the same portfolio.
 * A return or volatility the user states replaces the CMA figure (`source` says which).
 * Not the portfolio's history: a few years of returns estimate the mean far too loosely
 * (docs/capital-market-assumptions.md). Amounts in the client's base currency; money in
 * and out as decimal strings.
 */
import { WealthDeskError } from '../../errors.js';
import { Decimal, dec, fromRatio, roundMoney } from '../../money.js';
import { geometricReturn } from '../../quant/cma.js';
import { type GoalInput, projectGoalWithLevers } from '../../quant/monte-carlo.js';
import { type MoneyArg, ProjectGoalInput, type ProjectGoalResult } from '../contract-construction.js';
import { type PortfolioExpectation, portfolioExpectation } from '../shared/capital-market.js';
import { resolveClient } from '../shared/scope.js';
import { defineTool } from '../types.js';
import { valuationDate, valueClient } from '../shared/valuation.js';
import { projectGoalPlanner } from './planner.js';

export const GOAL_SEED = 42;
export const GOAL_PATHS = 10_000;
/** Fewer paths with withdrawals: the 50% contribution is then found by bisection over re-runs. */
export const GOAL_PATHS_WITH_WITHDRAWALS = 2_000;

/** A money argument as a Decimal (JSON numbers through their shortest decimal form). */
export function moneyArg(x: MoneyArg): Decimal {
  return typeof x === 'number' ? new Decimal(String(x)) : dec(x);
}

/** Whole years from `from` to `to` (ISO dates), rounded up; WD_ERR_VALIDATION when not after. */
export function yearsUntil(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!(days > 0)) throw new WealthDeskError('WD_ERR_VALIDATION', `targetDate: ${to} is not after ${from}`, { details: { path: 'targetDate' } });
  return Math.min(100, Math.max(1, Math.ceil(days / 365.25 - 1e-9)));
}

function addYears(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export const projectGoalTool = defineTool({
  name: 'project_goal',
  description:
    'Projects the client’s wealth to a goal by Monte Carlo: the probability of reaching `targetAmount` in `years` (or by `targetDate`) ' +
    'with a monthly contribution, percentile paths (5/25/50/75/95) per year for a fan chart, the median final value and the monthly ' +
    'contribution needed for a 50% / 75% chance. Starts from the current portfolio value; the expected return and volatility are the ' +
    'capital-market assumptions for the current asset mix unless the user states them. ' +
    'Use for 我每月投5000，20年后能到500万吗 / can I retire with … / 目标能否实现.',
  schema: ProjectGoalInput,
  roles: ['client', 'advisor'],
  scope: 'client',
  policy: { advice: true },
  activity: { zh: '正在测算目标…', en: 'Projecting the goal…' },
  planner: projectGoalPlanner,
  async execute(args, ctx): Promise<ProjectGoalResult> {
    const client = await resolveClient(ctx, args.clientId);
    const clientId = client.id;
    // The amounts are in the currency the user named ("HK$15m"); the portfolio is valued in it at the valuation date's FX.
    const currency = args.currency ?? client.baseCurrency;
    const target = moneyArg(args.targetAmount);
    if (!target.gt(0)) throw new WealthDeskError('WD_ERR_VALIDATION', 'targetAmount: must be > 0', { details: { path: 'targetAmount' } });
    const asOf = await valuationDate(ctx.db, ctx.asOf);
    const years = args.years ?? (args.targetDate ? yearsUntil(ctx.asOf ?? asOf, args.targetDate) : 10);

    let initial = args.initialAmount !== undefined ? moneyArg(args.initialAmount) : undefined;
    let expected: PortfolioExpectation | null = null;
    const stated = [args.expectedReturn, args.volatility].filter((x) => x !== undefined).length;
    if (stated < 2 || initial === undefined) {
      const v = await valueClient(ctx.db, clientId, currency, ctx.asOf);
      if (v.holdings.length === 0 || v.total.isZero()) {
        throw new WealthDeskError(
          'WD_ERR_VALIDATION',
          ctx.lang === 'zh' ? '当前组合为空：请给出 initialAmount、expectedReturn 和 volatility' : 'the portfolio is empty: give initialAmount, expectedReturn and volatility',
          { details: { path: initial === undefined ? 'initialAmount' : 'expectedReturn' } },
        );
      }
      initial ??= v.total;
      if (stated < 2) expected = portfolioExpectation(v.holdings, currency);
    }
    const expectedReturn = args.expectedReturn ?? expected!.expectedReturn;
    const volatility = args.volatility ?? expected!.volatility;
    const monthly = args.monthlyContribution !== undefined ? moneyArg(args.monthlyContribution) : new Decimal(0);
    const withdrawals = (args.withdrawals ?? []).map((w) => ({ startYear: w.startYear, monthly: moneyArg(w.monthly) }));
    const paths = withdrawals.some((w) => w.monthly.gt(0)) ? GOAL_PATHS_WITH_WITHDRAWALS : GOAL_PATHS;
    const input: GoalInput = {
      initialValue: initial!.toNumber(),
      monthlyContribution: monthly.toNumber(),
      years,
      expectedReturn,
      volatility,
      target: target.toNumber(),
      paths,
      seed: GOAL_SEED,
      withdrawals: withdrawals.map((w) => ({ startYear: w.startYear, monthly: w.monthly.toNumber() })),
      ...(args.inflation !== undefined ? { inflation: args.inflation } : {}),
    };
    const { projection: p, levers: lv } = projectGoalWithLevers(input);
    const money = (x: number) => roundMoney(fromRatio(x));
    const monthlyUp = (x: number) => roundMoney(fromRatio(x).toDecimalPlaces(2, Decimal.ROUND_UP));
    return {
      clientId,
      asOf,
      currency,
      targetAmount: roundMoney(target),
      years,
      horizonDate: addYears(ctx.asOf ?? asOf, years),
      probability: p.probability ?? 0,
      probabilityDisplay: { ...p.probabilityDisplay! },
      medianFinal: money(p.medianFinal),
      meanFinal: money(p.meanFinal),
      outcomeRange: { p10: money(p.outcomeRange.p10), p50: money(p.outcomeRange.p50), p90: money(p.outcomeRange.p90) },
      requiredMonthlyFor50: monthlyUp(p.requiredMonthlyForTarget ?? 0),
      levers: { monthlyFor50: monthlyUp(lv.monthlyFor50), monthlyFor75: monthlyUp(lv.monthlyFor75), yearsFor50: lv.yearsFor50, yearsFor75: lv.yearsFor75, maxYears: lv.maxYears },
      percentiles: p.percentiles.map((row) => ({ p: row.p as 5 | 25 | 50 | 75 | 95, values: row.values.map(money) })),
      assumptions: {
        initialAmount: roundMoney(initial!),
        monthlyContribution: roundMoney(monthly),
        expectedReturn,
        volatility,
        geometricReturn: geometricReturn(expectedReturn, volatility),
        source: stated === 2 ? 'given' : stated === 0 ? 'cma' : 'mixed',
        statedByUser: (['expectedReturn', 'volatility'] as const).filter((k) => args[k] !== undefined),
        cmaVersion: expected?.cmaVersion ?? null,
        inflation: args.inflation ?? null,
        withdrawals: withdrawals.map((w) => ({ startYear: w.startYear, monthly: roundMoney(w.monthly) })),
        paths,
        seed: GOAL_SEED,
      },
    };
  },
});
