/**
 * optimize_portfolio: a proposal for the client's current holdings — current vs proposed
 * weights, expected return / volatility / Sharpe before and after, and the trades.
 *
 * Expected returns come from the capital-market assumptions, not from history: each holding
 * gets the expected return of its CMA class ({@link holdingExpectedReturns}), so
 * `before.expectedReturn` is the figure project_goal and portfolio_risk give for the same
 * portfolio ({@link portfolioExpectation}) and `after` uses the same μ. A few years of
 * prices estimate a mean with an error of about σ/√years, which a mean-variance optimizer
 * turns into extreme weights; within one class the optimizer now chooses by risk alone. The
 * CMA μ is also the Black-Litterman prior the client's views are blended into.
 *
 * Risk stays PyPortfolioOpt's default (the `wealthdesk optimize` default): pairwise sample
 * covariance × 252 on daily prices in the report currency over the lookback — except that
 * smooth-NAV products (bank wealth, money-market funds) have their annual volatility floored
 * at `volFloor` (default 2%, {@link floorVolatility}): their booked NAVs understate risk, and
 * left as measured a max-Sharpe proposal piles into one of them. The same floored
 * covariance gives the before and the after volatility. (The CLI keeps the historical CAGR
 * as its expected return, for parity with PyPortfolioOpt.)
 *
 * Universe: the holdings with a price history and non-zero variance. Holdings without
 * variance (cash in the report currency) or without history are held at their current
 * weight (the liquidity reserve is not the optimizer's to spend), and the optimizer
 * allocates the rest: proposed = fixed weights + s · sleeve weights, s = 1 − fixed.
 *
 * What an advisor would show, by default: no holding above `maxWeight` (30%) of the
 * portfolio — min(1, 0.3 / s) in the sleeve — and, for the mean-variance objectives, each
 * asset class within ± `classBand` (10 points) of the client's target allocation, as solver
 * groups. When suitability or too few holdings make these unreachable they are relaxed
 * stepwise ({@link relaxationLadder}) and `notes` say so; `inputs` reports what was used.
 * A turnover limit too small to reach them all moves the limits the current portfolio
 * breaks out only as far as it needs ({@link turnoverWidening}), and `notes` name those
 * left unmet; a target return or volatility nothing reaches is a WD_ERR_INFEASIBLE naming
 * the constraints in conflict.
 * With `classBand: 0` and `volFloor: 0`, `wealthdesk optimize --prices <universe CSV>
 * --weight-bounds 0,<inputs.sleeveMaxWeight>` on {@link optimizationInputs}' table gives the
 * same sleeve weights for min-volatility, which reads no expected return (when no holding
 * is above the client's level and without a turnover limit); for the objectives that read
 * one, the CLI's historical CAGR differs from the CMA μ used here.
 *
 * Suitability (适当性): a holding of risk level Rn above the client's Cm may only be
 * reduced: its upper bound is its current weight (no product not held enters the
 * proposal: the universe is the holdings). No or an expired profile → WD_ERR_PROFILE_EXPIRED.
 *
 * Trades: sells rounded up to whole lots (capped at the holding), buys from the sale
 * proceeds through {@link discreteAllocation} (lots, e.g. 100-share A-share lots, and
 * minimum purchases); what is left over stays in cash. Amounts in the report currency.
 */
import { getTargetAllocation } from '../../db/repos/clients.js';
import { WealthDeskError } from '../../errors.js';
import { type Decimal, ZERO, dec, fromRatio, fxRate, round2, roundMoney } from '../../money.js';
import { type BlView, blackLitterman } from '../../quant/black-litterman.js';
import { CMA } from '../../quant/cma.js';
import { discreteAllocation } from '../../quant/discrete-allocation.js';
import { hierarchicalRiskParity } from '../../quant/hrp.js';
import { type OptimizeProblem, performance, solveInWorker } from '../../quant/optim/index.js';
import type { PriceTable } from '../../quant/price-table.js';
import { returnColumn, simpleReturns } from '../../quant/returns.js';
import { riskParity } from '../../quant/risk-parity.js';
import { sampleCov } from '../../quant/risk-models.js';
import {
  type ConstructionTrade,
  type OptimizedHolding,
  OptimizePortfolioInput,
  type OptimizePortfolioResult,
  type OptimizeView,
  type Performance,
  VIEW_ASSET_CLASSES,
  VIEW_SECTORS,
} from '../contract-construction.js';
import {
  type ConstructionData,
  DEFAULT_VOL_FLOOR,
  effectiveRisk,
  floorVolatility,
  isSmoothNav,
  loadConstructionData,
  requireCurrentProfile,
  selectColumns,
} from '../shared/construction-data.js';
import {
  capWeights,
  constraintNotes,
  constraintSet,
  DEFAULT_CLASS_BAND,
  DEFAULT_MAX_WEIGHT,
  isFeasible,
  relaxationLadder,
  targetMap,
  turnoverWidening,
} from './constraints.js';
import { turnoverNote, unreachableTarget } from './limits.js';
import { holdingExpectedReturns, portfolioExpectation } from '../shared/capital-market.js';
import { resolveClientId } from '../shared/scope.js';
import { defineTool } from '../types.js';
import { optimizePortfolioPlanner } from './planner.js';
import { viewKey } from './view-keys.js';

export { type ClassBand, type ConstraintSet, capWeights, constraintSet, DEFAULT_CLASS_BAND, DEFAULT_MAX_WEIGHT, isFeasible, relaxationLadder } from './constraints.js';

/** Solver deadline for a chat turn, milliseconds. */
export const SOLVE_DEADLINE_MS = 5_000;

export interface OptimizationInputs {
  /** Column indexes (into `data.holdings`) the optimizer weighs. */
  universe: number[];
  fixed: ('zero-variance' | 'no-history' | null)[];
  /** Prices of the universe, report currency: the CSV to give `wealthdesk optimize`. */
  sleeveTable: PriceTable;
  /** Share of the portfolio in the universe. */
  investable: number;
  /** Current weights within the universe (sum 1). */
  sleeveCurrent: number[];
  /** Per-universe-asset [lo, hi] within the sleeve (suitability caps). */
  sleeveBounds: [number, number][];
}

/** Splits the holdings into the optimized universe and fixed ones, with suitability bounds. */
export function optimizationInputs(data: ConstructionData, profileLevel: number): OptimizationInputs {
  const r = simpleReturns(data.table);
  const fixed = data.holdings.map((_, j): 'zero-variance' | 'no-history' | null => {
    const col = Array.from(returnColumn(r, j)).filter((x) => !Number.isNaN(x));
    if (col.length < 2) return 'no-history';
    const m = col.reduce((a, x) => a + x, 0) / col.length;
    const v = col.reduce((a, x) => a + (x - m) ** 2, 0) / (col.length - 1);
    return v > 1e-20 ? null : 'zero-variance';
  });
  const universe = fixed.flatMap((f, j) => (f === null ? [j] : []));
  if (universe.length < 2) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'at least two holdings with a price history are needed to optimize');
  }
  const investable = universe.reduce((a, j) => a + data.weights[j], 0);
  return {
    universe,
    fixed,
    sleeveTable: selectColumns(data.table, universe),
    investable,
    sleeveCurrent: universe.map((j) => data.weights[j] / investable),
    sleeveBounds: universe.map((j) => [0, effectiveRisk(data.holdings[j]) > profileLevel ? Math.min(1, data.weights[j] / investable) : 1]),
  };
}

/**
 * Maps a view target to universe tickers: an instrument id the client holds, else an asset
 * class or sector by its key or a common name ({@link viewKey}: "tech", "科技"). `key` is
 * what the view is echoed with: the id as stored, or the canonical class / sector key.
 */
function viewAssets(data: ConstructionData, inp: OptimizationInputs, key: string, path: string): { key: string; ids: string[] } {
  const hs = inp.universe.map((j) => data.holdings[j].instrument);
  const byId = hs.find((i) => i.id.toLowerCase() === key.trim().toLowerCase());
  if (byId) return { key: byId.id, ids: [byId.id] };
  const bad = (msg: string): never => {
    throw new WealthDeskError('WD_ERR_VALIDATION', `${path}: ${msg}`, { details: { path } });
  };
  const k = viewKey(key);
  if (!k) {
    return bad(
      `"${key.slice(0, 32)}" is not a holding, asset class or sector; use an instrument id the client holds (${hs.map((i) => i.id).slice(0, 12).join(', ')}), ` +
        `an asset class (${VIEW_ASSET_CLASSES.join(', ')}) or a sector (${VIEW_SECTORS.join(', ')})`,
    );
  }
  const ids = hs.filter((i) => (k.kind === 'assetClass' ? i.assetClass : i.sector) === k.key).map((i) => i.id);
  if (ids.length === 0) {
    const held = (f: (i: (typeof hs)[number]) => string | null) => [...new Set(hs.map(f).filter((x): x is string => !!x))].sort().join(', ') || 'none';
    return bad(
      `no optimizable holding is in ${k.kind === 'assetClass' ? 'asset class' : 'sector'} ${k.key}; the client's are in asset classes ${held((i) => i.assetClass)} and sectors ${held((i) => i.sector)}`,
    );
  }
  return { key: k.key, ids };
}

function toBlViews(data: ConstructionData, inp: OptimizationInputs, views: OptimizeView[]): { bl: BlView[]; echo: (OptimizeView & { assets: string[] })[] } {
  const bl: BlView[] = [];
  const echo = views.map((v, k) => {
    const confidence = v.confidence ?? 0.5;
    const { key: asset, ids: long } = viewAssets(data, inp, v.asset, `views.${k}.asset`);
    if (v.type === 'absolute') {
      // A class-wide absolute view is read as the same return for each member.
      for (const a of long) bl.push({ type: 'absolute', asset: a, return: v.return, confidence });
      return { ...v, asset, confidence, assets: long };
    }
    if (!v.versus) throw new WealthDeskError('WD_ERR_VALIDATION', `views.${k}.versus: a relative view needs what it beats`, { details: { path: `views.${k}.versus` } });
    const other = viewAssets(data, inp, v.versus, `views.${k}.versus`);
    const short = other.ids.filter((a) => !long.includes(a));
    if (short.length === 0) throw new WealthDeskError('WD_ERR_VALIDATION', `views.${k}.versus: the two sides of the view are the same holdings`, { details: { path: `views.${k}.versus` } });
    bl.push({ type: 'relative', long, short, return: v.return, confidence });
    return { ...v, asset, versus: other.key, confidence, assets: [...long, ...short] };
  });
  return { bl, echo };
}

/** Sells rounded up to lots (capped at the holding); buys from the proceeds via discrete allocation. */
export function buildTrades(data: ConstructionData, proposed: number[], lang: 'zh' | 'en'): { trades: ConstructionTrade[]; buys: Decimal; sells: Decimal } {
  const total = data.valuation.total;
  const trades: ConstructionTrade[] = [];
  let sells = ZERO;
  const buyW: Record<string, number> = {};
  const idx = new Map<string, number>();
  const trade = (j: number, side: 'buy' | 'sell', q: Decimal): ConstructionTrade => {
    const h = data.holdings[j];
    return {
      instrumentId: h.instrument.id,
      name: lang === 'en' ? h.instrument.nameEn : h.instrument.name,
      assetClass: h.instrument.assetClass,
      side,
      quantity: q.toString(),
      price: dec(h.price).toString(),
      instrumentCurrency: h.instrument.currency,
      amount: roundMoney(q.times(data.unitPrices[j])),
    };
  };
  data.holdings.forEach((h, j) => {
    const dw = proposed[j] - data.weights[j];
    if (Math.abs(dw) < 1e-6 || data.unitPrices[j].isZero()) return;
    const lot = data.terms.get(h.instrument.id)?.lotSize ?? 1;
    if (dw < 0) {
      const want = fromRatio(-dw).times(total).div(data.unitPrices[j]);
      const q = proposed[j] < 1e-9 ? h.quantity : minDec(want.div(lot).ceil().times(lot), h.quantity);
      if (q.lte(0)) return;
      const t = trade(j, 'sell', q);
      sells = sells.plus(t.amount);
      trades.push(t);
    } else {
      buyW[h.instrument.id] = dw;
      idx.set(h.instrument.id, j);
    }
  });
  let buys = ZERO;
  if (Object.keys(buyW).length && sells.gt(0)) {
    const prices: Record<string, number> = {};
    const lotSizes: Record<string, number> = {};
    const minPurchase: Record<string, number> = {};
    for (const [id, j] of idx) {
      const h = data.holdings[j];
      const terms = data.terms.get(id);
      prices[id] = data.unitPrices[j].toNumber();
      lotSizes[id] = terms?.lotSize ?? 1;
      if (terms?.minPurchase) minPurchase[id] = dec(terms.minPurchase).times(fxRate(h.instrument.currency, data.currency, data.valuation.fx)).toNumber();
    }
    const alloc = discreteAllocation({ weights: buyW, prices, totalValue: sells.toNumber(), lotSizes, minPurchase });
    for (const [id, q] of Object.entries(alloc.shares)) {
      const t = trade(idx.get(id)!, 'buy', dec(String(q)));
      buys = buys.plus(t.amount);
      trades.push(t);
    }
  }
  trades.sort((a, b) => (a.side === b.side ? dec(b.amount).comparedTo(a.amount) : a.side === 'sell' ? -1 : 1));
  return { trades, buys, sells };
}

function minDec(a: Decimal, b: Decimal): Decimal {
  return a.lt(b) ? a : b;
}

export const optimizePortfolioTool = defineTool({
  name: 'optimize_portfolio',
  description:
    "Proposes new weights for the client's holdings: max Sharpe (default), min volatility, a target volatility or return, risk parity, HRP, " +
    'or Black-Litterman with market views from the conversation ("tech will beat bonds by 3%"). Returns current vs proposed weights per ' +
    'holding and asset class, expected return (capital-market assumptions per asset class) / volatility (history) / Sharpe before and ' +
    'after, and the trades (lot-rounded). By default no holding ' +
    'goes above 30% of the portfolio and each asset class stays within ±10 points of the client’s target allocation. Never adds a product ' +
    'above the client’s risk level. Use for 优化组合 / 最大化夏普 / how should I reallocate.',
  schema: OptimizePortfolioInput,
  roles: ['client', 'advisor'],
  scope: 'client',
  policy: { advice: true },
  activity: { zh: '正在优化组合…', en: 'Optimizing the portfolio…' },
  planner: optimizePortfolioPlanner,
  async execute(args, ctx): Promise<OptimizePortfolioResult> {
    const clientId = await resolveClientId(ctx, args.clientId);
    const objective = args.objective ?? (args.views?.length ? 'black-litterman' : 'max-sharpe');
    const need = (ok: boolean, path: string, msg: string) => {
      if (!ok) throw new WealthDeskError('WD_ERR_VALIDATION', `${path}: ${msg}`, { details: { path } });
    };
    need(objective !== 'efficient-risk' || args.targetVolatility !== undefined, 'targetVolatility', 'efficient-risk needs targetVolatility');
    need(objective !== 'efficient-return' || args.targetReturn !== undefined, 'targetReturn', 'efficient-return needs targetReturn');
    need(objective !== 'black-litterman' || (args.views?.length ?? 0) > 0, 'views', 'black-litterman needs at least one view');
    need(args.maxTurnover === undefined || !['risk-parity', 'hrp'].includes(objective), 'maxTurnover', 'a turnover limit applies to the mean-variance objectives only');
    const profile = await requireCurrentProfile(ctx, clientId);
    const [data, targetRows] = await Promise.all([
      loadConstructionData(ctx.db, clientId, { asOf: ctx.asOf, lookbackDays: args.lookbackDays }),
      getTargetAllocation(ctx.db, clientId),
    ]);
    const rf = args.riskFreeRate ?? 0;
    const inp = optimizationInputs(data, profile.level);
    const s = inp.investable;
    const tickers = inp.sleeveTable.tickers;
    const volFloor = args.volFloor ?? DEFAULT_VOL_FLOOR;
    const smooth = data.holdings.map((h) => isSmoothNav(h.instrument));

    // Expected returns: the CMA class μ of every holding; before = the portfolio figure every tool shows.
    const byHolding = holdingExpectedReturns(data.holdings.map((h) => h.instrument));
    const muAll = byHolding.map((x) => x.expectedReturn);
    const expectedNow = portfolioExpectation(data.holdings, data.currency).expectedReturn;
    // Volatility before/after on every holding with history, with the same estimator (and the same floor).
    const withHistory = inp.fixed.flatMap((f, j) => (f === 'no-history' ? [] : [j]));
    const fullTable = selectColumns(data.table, withHistory);
    const full = floorVolatility(sampleCov(fullTable), withHistory.map((j) => smooth[j]), volFloor);
    const perf = (w: number[], expectedReturn: number): Performance => {
      const { volatility } = performance(withHistory.map((j) => w[j]), withHistory.map((j) => muAll[j]), full.cov, rf);
      return { expectedReturn, volatility, sharpe: (expectedReturn - rf) / volatility };
    };
    const dot = (w: number[]) => w.reduce((a, x, j) => a + x * muAll[j], 0);
    const fixedReturn = data.weights.reduce((a, w, j) => a + (inp.fixed[j] ? w * muAll[j] : 0), 0);

    const mu = inp.universe.map((j) => muAll[j]);
    const cov = floorVolatility(sampleCov(inp.sleeveTable), inp.universe.map((j) => smooth[j]), volFloor).cov;
    const meanVariance = objective !== 'risk-parity' && objective !== 'hrp';
    const targets = targetMap(targetRows);
    const askedCap = args.maxWeight ?? DEFAULT_MAX_WEIGHT;
    const askedBand = args.classBand === undefined ? DEFAULT_CLASS_BAND : args.classBand || null;
    const sets = relaxationLadder(inp, askedCap, meanVariance && targets.size > 0 ? askedBand : null).flatMap((r) => {
      if (args.maxTurnover === undefined) return [constraintSet(data, inp, targets, r)];
      // Limits the current weights break yield as little as the turnover limit needs; failing
      // that, all the way to the current weights, which always meet the limit.
      const widen = turnoverWidening(constraintSet(data, inp, targets, r), inp, args.maxTurnover);
      return widen < 1 ? [constraintSet(data, inp, targets, r, widen), constraintSet(data, inp, targets, r, 1)] : [constraintSet(data, inp, targets, r, 1)];
    });
    let at = sets.findIndex(isFeasible);
    if (at < 0) at = sets.length - 1; // the last setting (suitability caps only) always is
    let sleeve: number[] = [];
    let bl: OptimizePortfolioResult['blackLitterman'] = null;
    const started = performance_now();
    if (!meanVariance) {
      const raw = objective === 'risk-parity' ? riskParity(cov).weights : hierarchicalRiskParity(cov).weights;
      sleeve = capWeights(raw, sets[at].bounds.map((b) => b[1]));
    } else {
      let m = mu;
      let c = cov;
      if (objective === 'black-litterman') {
        const v = toBlViews(data, inp, args.views ?? []);
        const res = blackLitterman({ cov, tickers, pi: mu, riskFreeRate: rf, views: v.bl });
        m = res.posteriorReturns;
        c = res.posteriorCov;
        bl = {
          views: v.echo,
          priorReturns: Object.fromEntries(tickers.map((t, i) => [t, mu[i]])),
          posteriorReturns: Object.fromEntries(tickers.map((t, i) => [t, m[i]])),
        };
      }
      for (; ; at++) {
        const set = sets[at];
        const problem: OptimizeProblem = {
          mu: m,
          cov: c,
          tickers,
          objective: objective === 'black-litterman' ? 'max-sharpe' : objective,
          riskFreeRate: rf,
          bounds: set.bounds,
          ...(set.groups.length ? { groups: set.groups } : {}),
          ...(args.targetVolatility !== undefined ? { targetVolatility: args.targetVolatility / s } : {}),
          ...(args.targetReturn !== undefined ? { targetReturn: (args.targetReturn - fixedReturn) / s } : {}),
          ...(args.maxTurnover !== undefined ? { currentWeights: inp.sleeveCurrent, maxTurnover: args.maxTurnover / s } : {}),
        };
        try {
          sleeve = (await solveInWorker(problem, { deadlineMs: SOLVE_DEADLINE_MS })).weights;
          break;
        } catch (e) {
          // A target return / volatility the constraints cannot reach: loosen them and say so.
          if (!(e instanceof WealthDeskError && e.code === 'WD_ERR_INFEASIBLE')) throw e;
          if (at + 1 >= sets.length) {
            const unsuitable = inp.universe.flatMap((j) => (effectiveRisk(data.holdings[j]) > profile.level ? [data.holdings[j].instrument.id] : []));
            throw unreachableTarget(e, { investable: s, fixedReturn, maxTurnover: args.maxTurnover, unsuitable, targetReturn: args.targetReturn, targetVolatility: args.targetVolatility });
          }
        }
      }
    }
    const used = sets[at];
    const solveMs = Math.round(performance_now() - started);
    const proposed = data.weights.map((w, j) => (inp.fixed[j] ? w : 0));
    inp.universe.forEach((j, k) => (proposed[j] = s * Math.max(0, sleeve[k])));

    const holdings: OptimizedHolding[] = data.holdings.map((h, j) => {
      const k = inp.universe.indexOf(j);
      const risk = effectiveRisk(h);
      return {
        instrumentId: h.instrument.id,
        name: ctx.lang === 'en' ? h.instrument.nameEn : h.instrument.name,
        assetClass: h.instrument.assetClass,
        riskLevel: h.instrument.riskLevel,
        suitable: risk <= profile.level,
        currentWeight: data.weights[j],
        proposedWeight: proposed[j],
        change: proposed[j] - data.weights[j],
        bounds: k < 0 ? [data.weights[j], data.weights[j]] : [0, s * used.bounds[k][1]],
        fixed: inp.fixed[j],
      };
    });
    const classes = new Map<string, { c: number; p: number }>();
    for (const h of holdings) {
      const x = classes.get(h.assetClass) ?? { c: 0, p: 0 };
      classes.set(h.assetClass, { c: x.c + h.currentWeight, p: x.p + h.proposedWeight });
    }
    const { trades, buys, sells } = buildTrades(data, proposed, ctx.lang);
    const r = simpleReturns(inp.sleeveTable);
    const volFloors = full.applied.map((a) => ({ instrumentId: data.holdings[withHistory[a.index]].instrument.id, sampleVolatility: a.sampleVolatility, volatility: a.volatility }));
    const notes = constraintNotes(ctx.lang, { used, askedCap, askedBand, hasTargets: targets.size > 0, meanVariance, volFloor: volFloors.length ? volFloor : 0 });
    const turnoverLimits = args.maxTurnover !== undefined && meanVariance ? turnoverNote(ctx.lang, args.maxTurnover, used, holdings) : null;
    if (turnoverLimits) notes.push(turnoverLimits);
    if (holdings.some((h) => h.fixed)) notes.push(ctx.lang === 'zh' ? '现金及无价格历史的持仓保持当前权重，不参与优化' : 'cash and holdings without price history are kept at their current weight');
    if (holdings.some((h) => !h.suitable)) notes.push(ctx.lang === 'zh' ? '高于客户风险等级的产品只减不增' : 'products above the client’s risk level can only be reduced');
    return {
      clientId,
      asOf: data.valuation.asOf,
      currency: data.currency,
      objective,
      portfolioValue: roundMoney(data.valuation.total),
      riskProfile: profile,
      holdings: [...holdings].sort((a, b) => b.currentWeight - a.currentWeight),
      byAssetClass: [...classes].map(([assetClass, x]) => ({ assetClass, currentWeight: x.c, proposedWeight: x.p, change: x.p - x.c })).sort((a, b) => b.proposedWeight - a.proposedWeight),
      before: perf(data.weights, expectedNow),
      after: perf(proposed, dot(proposed)),
      trades,
      tradeSummary: { buys: roundMoney(buys), sells: roundMoney(sells), cashChange: roundMoney(round2(sells).minus(buys)) },
      blackLitterman: bl,
      inputs: {
        lookbackDays: data.lookbackDays,
        observations: r.dates.length,
        startDate: data.table.dates[0],
        endDate: data.table.dates[data.table.dates.length - 1],
        riskFreeRate: rf,
        frequency: 252,
        expectedReturns: {
          source: 'capital-market assumptions',
          cmaVersion: CMA.version,
          byInstrument: Object.fromEntries(byHolding.map((x) => [x.id, { cmaClass: x.cmaClass, expectedReturn: x.expectedReturn }])),
        },
        covariance: 'sample × 252',
        universe: tickers,
        investableWeight: s,
        sleeveWeights: Object.fromEntries(tickers.map((t, k) => [t, sleeve[k]])),
        targetVolatility: args.targetVolatility ?? null,
        targetReturn: args.targetReturn ?? null,
        maxTurnover: args.maxTurnover ?? null,
        solveMs,
        maxWeight: used.maxWeight,
        sleeveMaxWeight: used.sleeveCap,
        classBand: used.classBand,
        bands: used.bands,
        volFloor,
        volFloors,
      },
      notes,
    };
  },
});

function performance_now(): number {
  return globalThis.performance.now();
}
