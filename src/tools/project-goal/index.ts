/**
 * project_goal: Monte Carlo projection of the client's wealth to a goal — probability of
 * reaching it, percentile paths for a fan chart, the median outcome and the monthly
 * contribution that gives a 50% chance. The model is {@link projectGoal} (monthly
 * lognormal steps, end-of-month contributions/withdrawals, optional inflation → today's
 * money), always with the same seed, so the same question gives the same figures.
 *
 * Defaults from the client's current portfolio (today's weights over the lookback, daily
 * returns in the base currency): volatility σ = std of daily log returns × √252;
 * expected annual simple return μ = exp(mean daily log return × 252 + σ²/2) − 1, i.e. the
 * historical CAGR lifted to the mean the model expects (its median growth then equals the
 * CAGR). Amounts in the client's base currency; money in and out as decimal strings.
 */
import { WealthDeskError } from '../../errors.js';
import { Decimal, dec, fromRatio, roundMoney } from '../../money.js';
import { projectGoal } from '../../quant/monte-carlo.js';
import { simpleReturns } from '../../quant/returns.js';
import { portfolioReturns } from '../../quant/risk-metrics.js';
import { mean, std } from '../../quant/stats.js';
import { type MoneyArg, ProjectGoalInput, type ProjectGoalResult } from '../contract-construction.js';
import { DEFAULT_LOOKBACK_DAYS, loadConstructionData } from '../shared/construction-data.js';
import { resolveClient } from '../shared/scope.js';
import { defineTool } from '../types.js';
import { valuationDate } from '../shared/valuation.js';
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

/** μ and σ of a daily simple-return series as the Monte Carlo model reads them (see the module comment). */
export function historyAssumptions(daily: number[]): { expectedReturn: number; volatility: number } {
  const logs = daily.map((r) => Math.log1p(r));
  const volatility = std(logs, 1) * Math.sqrt(252);
  return { expectedReturn: Math.exp(mean(logs) * 252 + (volatility * volatility) / 2) - 1, volatility };
}

export const projectGoalTool = defineTool({
  name: 'project_goal',
  description:
    'Projects the client’s wealth to a goal by Monte Carlo: the probability of reaching `targetAmount` in `years` (or by `targetDate`) ' +
    'with a monthly contribution, percentile paths (5/25/50/75/95) per year for a fan chart, the median final value and the monthly ' +
    'contribution needed for a 50% chance. Starts from the current portfolio value and its historical return/volatility unless given. ' +
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
    const currency = client.baseCurrency;
    const target = moneyArg(args.targetAmount);
    if (!target.gt(0)) throw new WealthDeskError('WD_ERR_VALIDATION', 'targetAmount: must be > 0', { details: { path: 'targetAmount' } });
    const asOf = await valuationDate(ctx.db, ctx.asOf);
    const years = args.years ?? (args.targetDate ? yearsUntil(ctx.asOf ?? asOf, args.targetDate) : 10);

    const given = args.expectedReturn !== undefined && args.volatility !== undefined;
    let initial = args.initialAmount !== undefined ? moneyArg(args.initialAmount) : undefined;
    let expectedReturn = args.expectedReturn;
    let volatility = args.volatility;
    let lookbackDays: number | null = null;
    if (!given || initial === undefined) {
      try {
        const data = await loadConstructionData(ctx.db, clientId, { asOf: ctx.asOf });
        initial ??= data.valuation.total;
        if (!given) {
          const daily = portfolioReturns(simpleReturns(data.table), data.weights).returns;
          const h = historyAssumptions(daily);
          expectedReturn ??= h.expectedReturn;
          volatility ??= h.volatility;
          lookbackDays = DEFAULT_LOOKBACK_DAYS;
        }
      } catch (e) {
        if (!(e instanceof WealthDeskError && (e.code === 'WD_ERR_NOT_FOUND' || e.code === 'WD_ERR_QUANT_INPUT'))) throw e;
        throw new WealthDeskError(
          'WD_ERR_VALIDATION',
          ctx.lang === 'zh' ? '当前组合没有可用的历史数据：请给出 initialAmount、expectedReturn 和 volatility' : 'the portfolio has no usable history: give initialAmount, expectedReturn and volatility',
          { cause: e, details: { path: 'expectedReturn' } },
        );
      }
    }
    if (!(Number.isFinite(expectedReturn) && Number.isFinite(volatility))) {
      throw new WealthDeskError('WD_ERR_VALIDATION', 'expectedReturn: could not be estimated from history; give expectedReturn and volatility', { details: { path: 'expectedReturn' } });
    }
    const monthly = args.monthlyContribution !== undefined ? moneyArg(args.monthlyContribution) : new Decimal(0);
    const withdrawals = (args.withdrawals ?? []).map((w) => ({ startYear: w.startYear, monthly: moneyArg(w.monthly) }));
    const paths = withdrawals.some((w) => w.monthly.gt(0)) ? GOAL_PATHS_WITH_WITHDRAWALS : GOAL_PATHS;
    const p = projectGoal({
      initialValue: initial!.toNumber(),
      monthlyContribution: monthly.toNumber(),
      years,
      expectedReturn: expectedReturn!,
      volatility: volatility!,
      target: target.toNumber(),
      paths,
      seed: GOAL_SEED,
      withdrawals: withdrawals.map((w) => ({ startYear: w.startYear, monthly: w.monthly.toNumber() })),
      ...(args.inflation !== undefined ? { inflation: args.inflation } : {}),
    });
    const money = (x: number) => roundMoney(fromRatio(x));
    return {
      clientId,
      asOf,
      currency,
      targetAmount: roundMoney(target),
      years,
      horizonDate: addYears(ctx.asOf ?? asOf, years),
      probability: p.probability ?? 0,
      medianFinal: money(p.medianFinal),
      meanFinal: money(p.meanFinal),
      requiredMonthlyFor50: roundMoney(fromRatio(p.requiredMonthlyForTarget ?? 0).toDecimalPlaces(2, Decimal.ROUND_UP)),
      percentiles: p.percentiles.map((row) => ({ p: row.p as 5 | 25 | 50 | 75 | 95, values: row.values.map(money) })),
      assumptions: {
        initialAmount: roundMoney(initial!),
        monthlyContribution: roundMoney(monthly),
        expectedReturn: expectedReturn!,
        volatility: volatility!,
        source: given ? 'given' : 'portfolio-history',
        lookbackDays,
        inflation: args.inflation ?? null,
        withdrawals: withdrawals.map((w) => ({ startYear: w.startYear, monthly: roundMoney(w.monthly) })),
        paths,
        seed: GOAL_SEED,
      },
    };
  },
});
