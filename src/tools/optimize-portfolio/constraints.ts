/**
 * The constraints `optimize_portfolio` shows a client by default — a cap per holding,
 * asset-class bands around the strategic target — in the solver's sleeve terms, the
 * feasibility check, the relaxation ladder when they cannot all hold, and the notes that
 * say which were used.
 */
import { ZERO, dec } from '../../money.js';
import type { OptimizeProblem } from '../../quant/optim/index.js';
import type { ConstructionData } from '../shared/construction-data.js';
import type { OptimizationInputs } from './index.js';

/** Default cap on any one holding, fraction of the whole portfolio. */
export const DEFAULT_MAX_WEIGHT = 0.3;
/** Default band around the target weight of each asset class, ± fraction points. */
export const DEFAULT_CLASS_BAND = 0.1;
/** Points added to a band that cannot be met, in order, before the bands are dropped. */
const BAND_WIDENING = [0.05, 0.1, 0.2];
const EPS = 1e-9;
/** Rounds away float noise (0.1 + 0.2) from a limit shown to people. */
const tidy = (x: number) => Math.round(x * 1e10) / 1e10;

/** An asset-class limit, fractions of the whole portfolio. */
export interface ClassBand {
  assetClass: string;
  target: number;
  min: number;
  max: number;
}

/** Sleeve-space constraints for one (cap, band) setting. */
export interface ConstraintSet {
  /** Portfolio cap per holding; null = none. */
  maxWeight: number | null;
  /** min(1, maxWeight / investable): the cap within the sleeve. */
  sleeveCap: number;
  classBand: number | null;
  bands: ClassBand[];
  /** Per-universe-asset [0, hi] within the sleeve: suitability and the cap. */
  bounds: [number, number][];
  /** Sleeve-space class groups for the solver (Σ members within [min, max]). */
  groups: NonNullable<OptimizeProblem['groups']>;
  /** How far limits the current weights break were moved out to them for a turnover limit: 0 none, 1 all the way. */
  widen: number;
}

/**
 * The constraints of one setting, in sleeve terms. A holding's bound is min(suitability cap,
 * sleeve cap); a class band [target ± band] ∩ [0, 1] on the whole portfolio becomes
 * (limit − fixed weight of the class) / investable on the sum of its optimized members.
 * Classes held but absent from a (non-empty) target have target 0.
 *
 * `widen` ∈ [0, 1] is for a turnover limit, which the current weights always meet: each
 * limit the current weights break is moved that fraction of the way to them — 1 holds the
 * current portfolio (a holding above the cap may stay, never grow; a class outside its band
 * may stay outside, never move further out), {@link turnoverWidening} gives the least that
 * the limit allows.
 */
export function constraintSet(
  data: ConstructionData,
  inp: OptimizationInputs,
  targets: ReadonlyMap<string, number>,
  setting: { maxWeight: number | null; classBand: number | null },
  widen = 0,
): ConstraintSet {
  const s = inp.investable;
  // lim moved `widen` of the way out to the current value x (exactly x at 1: the solver starts there)
  const out = (lim: number, x: number, up: boolean) =>
    up ? (x <= lim ? lim : widen >= 1 ? x : lim + widen * (x - lim)) : x >= lim ? lim : widen >= 1 ? x : lim - widen * (lim - x);
  const sleeveCap = setting.maxWeight === null ? 1 : Math.min(1, setting.maxWeight / s);
  const bounds = inp.sleeveBounds.map(([lo, hi], k): [number, number] => [lo, Math.min(hi, out(sleeveCap, inp.sleeveCurrent[k], true))]);
  const bands: ClassBand[] = [];
  const groups: ConstraintSet['groups'] = [];
  const band = setting.classBand;
  if (band !== null && band > 0 && targets.size > 0) {
    const classOf = (j: number) => data.holdings[j].instrument.assetClass;
    for (const c of [...new Set(inp.universe.map(classOf))].sort()) {
      const members = inp.universe.flatMap((j, k) => (classOf(j) === c ? [k] : []));
      const fixed = data.holdings.reduce((a, _, j) => a + (inp.fixed[j] && classOf(j) === c ? data.weights[j] : 0), 0);
      const current = data.holdings.reduce((a, _, j) => a + (classOf(j) === c ? data.weights[j] : 0), 0);
      const target = targets.get(c) ?? 0;
      const [min, max] = [tidy(Math.max(0, target - band)), tidy(Math.min(1, target + band))];
      bands.push({ assetClass: c, target, min: tidy(out(min, current, false)), max: tidy(out(max, current, true)) });
      // Widened on the very sum the solver forms from the current weights: a band rounded
      // for display missed it by ~1e-11, and a turnover limit ended in WD_ERR_SOLVER (C0101).
      const held = members.reduce((a, k) => a + inp.sleeveCurrent[k], 0);
      groups.push({ name: c, members, min: out((min - fixed) / s, held, false), max: out((max - fixed) / s, held, true) });
    }
  }
  return { maxWeight: setting.maxWeight, sleeveCap, classBand: bands.length ? band : null, bands, bounds, groups, widen };
}

/**
 * The least `widen` of {@link constraintSet} a turnover limit allows, from the set at
 * widen 0: reaching the limits takes at least 2·max(sales forced by caps and class maxima,
 * purchases forced by class minima) of turnover, and both shrink in proportion as the
 * limits move out. 0 when the limit allows the whole move. A lower bound (it assumes room
 * for the other side of the trades): the caller falls back to 1 when the solver finds the
 * set unreachable.
 */
export function turnoverWidening(strict: ConstraintSet, inp: OptimizationInputs, maxTurnover: number): number {
  const cur = inp.sleeveCurrent;
  const over = (k: number) => Math.max(0, cur[k] - strict.bounds[k][1]);
  let sells = 0;
  let buys = 0;
  if (strict.groups.length === 0) sells = cur.reduce((a, _, k) => a + over(k), 0);
  for (const g of strict.groups) {
    const held = g.members.reduce((a, k) => a + cur[k], 0);
    sells += Math.max(g.members.reduce((a, k) => a + over(k), 0), held - (g.max ?? Infinity));
    buys += Math.max(0, (g.min ?? 0) - held);
  }
  const need = 2 * Math.max(sells, buys);
  const allowed = maxTurnover / inp.investable;
  return need <= allowed ? 0 : 1 - allowed / need;
}

/**
 * Whether some sleeve weights meet the set: bounds sum to at least 1 and, the classes being
 * disjoint and covering the universe, each class range [max(0, min), min(max, Σ member caps)]
 * is non-empty and the ranges admit a total of 1.
 */
export function isFeasible(c: ConstraintSet): boolean {
  if (c.bounds.reduce((a, b) => a + b[1], 0) < 1 - EPS) return false;
  if (c.groups.length === 0) return true;
  let lo = 0;
  let hi = 0;
  for (const g of c.groups) {
    const cap = g.members.reduce((a, k) => a + c.bounds[k][1], 0);
    const gl = Math.max(0, g.min ?? 0);
    const gh = Math.min(cap, g.max ?? Infinity);
    if (gl > gh + EPS) return false;
    lo += gl;
    hi += gh;
  }
  return lo <= 1 + EPS && hi >= 1 - EPS;
}

/**
 * The settings to try, most faithful first: the cap raised in 5-point steps until the
 * holdings can hold the whole sleeve, then the band as asked, widened by
 * {@link BAND_WIDENING}, then no bands, and last no cap either.
 */
export function relaxationLadder(
  inp: OptimizationInputs,
  maxWeight: number,
  classBand: number | null,
): { maxWeight: number | null; classBand: number | null }[] {
  let cap = maxWeight;
  const room = (m: number) => inp.sleeveBounds.reduce((a, b) => a + Math.min(b[1], m / inp.investable), 0);
  for (let k = 0; k < 20 && cap < 1 && room(cap) < 1 - EPS; k++) cap = Math.min(1, Math.round((cap + 0.05) * 100) / 100);
  const bands: (number | null)[] = classBand ? [classBand, ...BAND_WIDENING.map((d) => Math.min(1, Math.round((classBand + d) * 100) / 100)), null] : [null];
  const out: { maxWeight: number | null; classBand: number | null }[] = bands.map((b) => ({ maxWeight: cap, classBand: b }));
  if (cap < 1) out.push({ maxWeight: null, classBand: null });
  return out;
}

/** Caps weights at `caps` and spreads the excess pro rata over the uncapped ones. */
export function capWeights(w: number[], caps: number[]): number[] {
  const out = [...w];
  for (let pass = 0; pass < out.length + 1; pass++) {
    let excess = 0;
    let freeSum = 0;
    out.forEach((x, i) => {
      if (x > caps[i] + 1e-15) {
        excess += x - caps[i];
        out[i] = caps[i];
      } else if (x < caps[i] - 1e-15) freeSum += x;
    });
    if (excess <= 1e-15 || freeSum <= 0) break;
    out.forEach((x, i) => {
      if (x < caps[i] - 1e-15) out[i] = x + (excess * x) / freeSum;
    });
  }
  return out;
}

/** Target weights by class, normalized to sum 1 (as check_rebalance reads them); empty when none. */
export function targetMap(rows: { assetClass: string; weight: string }[]): Map<string, number> {
  const sum = rows.reduce((a, t) => a.plus(t.weight), ZERO);
  return new Map(sum.isZero() ? [] : rows.map((t) => [t.assetClass, dec(t.weight).div(sum).toNumber()]));
}

const pctText = (x: number) => `${Number((x * 100).toFixed(1))}%`;
const ptsText = (x: number) => `${Number((x * 100).toFixed(1))}`;

/** The constraints line first (for the composer), then any relaxation, in the turn language. */
export function constraintNotes(
  lang: 'zh' | 'en',
  o: { used: ConstraintSet; askedCap: number; askedBand: number | null; hasTargets: boolean; meanVariance: boolean; volFloor: number },
): string[] {
  const zh = lang === 'zh';
  const { used } = o;
  const parts: string[] = [];
  if (used.maxWeight !== null && used.maxWeight < 1) parts.push(zh ? `单一持仓不超过组合的 ${pctText(used.maxWeight)}` : `no holding above ${pctText(used.maxWeight)} of the portfolio`);
  if (used.classBand !== null) parts.push(zh ? `各资产类别保持在目标配置 ±${ptsText(used.classBand)} 个百分点以内` : `each asset class within ±${ptsText(used.classBand)} pp of its target allocation`);
  if (o.volFloor > 0) {
    parts.push(
      zh
        ? `银行理财/货币基金净值平滑、会低估风险，其年化波动率按不低于 ${pctText(o.volFloor)} 计`
        : `bank wealth / money-market NAVs are smoothed and understate risk, so their volatility is taken as at least ${pctText(o.volFloor)} a year`,
    );
  }
  const notes = parts.length ? [zh ? `约束条件：${parts.join('；')}` : `Constraints: ${parts.join('; ')}`] : [];
  if (o.askedCap < 1 && used.maxWeight !== o.askedCap) {
    const to = used.maxWeight === null ? (zh ? '不设上限' : 'no cap') : pctText(used.maxWeight);
    notes.push(zh ? `可优化的持仓较少或受适当性限制，单一持仓上限由 ${pctText(o.askedCap)} 放宽为 ${to}` : `too few holdings can be raised to respect a ${pctText(o.askedCap)} cap: relaxed to ${to}`);
  }
  if (o.askedBand !== null && !o.meanVariance) {
    notes.push(zh ? '风险平价类方法按风险分配，未施加资产类别区间' : 'risk parity / HRP allocate by risk: no asset-class bands applied');
  } else if (o.askedBand !== null && !o.hasTargets) notes.push(zh ? '客户未设定目标配置，未设资产类别区间' : 'no target allocation on file: no asset-class bands');
  else if (o.askedBand !== null && used.classBand !== o.askedBand) {
    const to = used.classBand === null ? (zh ? '取消区间限制' : 'dropped') : zh ? `放宽至 ±${ptsText(used.classBand)} 个百分点` : `widened to ±${ptsText(used.classBand)} pp`;
    notes.push(zh ? `目标配置 ±${ptsText(o.askedBand)} 个百分点的类别区间与其他约束（适当性、持仓上限或目标）无法同时满足，已${to}` : `the ±${ptsText(o.askedBand)} pp class bands cannot be met together with the other constraints (suitability, cap or target): ${to}`);
  }
  return notes;
}
