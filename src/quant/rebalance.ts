/**
 * Rebalancing: drift of each asset class against the target, threshold rules, and a trade
 * list with costs, tax-aware lot selection and tax-loss-harvesting candidates.
 *
 * Conventions: values and amounts in the portfolio's currency (floats, quant convention);
 * weights as fractions; `costBps` in basis points of the traded amount; targets are
 * normalised to sum 1. Trades are cash-neutral: buys are funded by sells net of costs (and,
 * with a `residualClass`, by that class's value above its target).
 *
 * Locked lots (a holding or lock-up period not yet over) are never sold. A class whose
 * locked value alone is above its target keeps that value, and the other classes share the
 * rest of the portfolio in proportion to their targets ({@link rebalanceTargets}).
 */
import { WealthDeskError } from '../errors.js';

export interface DriftRow {
  assetClass: string;
  /** Current weight (fraction of the total). */
  current: number;
  /** Target weight. */
  target: number;
  /** current − target. */
  drift: number;
  /** drift / target; when the target is 0 it is 1 if anything is held there, else 0. */
  relativeDrift: number;
}

function normalise(x: Record<string, number>, what: string): Record<string, number> {
  let s = 0;
  for (const [k, v] of Object.entries(x)) {
    if (!(Number.isFinite(v) && v >= 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${what} for ${k} must be ≥ 0`);
    s += v;
  }
  if (!(s > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${what} sums to zero`);
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v / s]));
}

/**
 * Drift per asset class. `current` holds values or weights by class (normalised here);
 * `target` weights by class (normalised). Rows cover the union of classes, sorted by
 * |drift| descending.
 */
export function computeDrift(current: Record<string, number>, target: Record<string, number>): DriftRow[] {
  const c = normalise(current, 'current holding');
  const t = normalise(target, 'target weight');
  const classes = [...new Set([...Object.keys(c), ...Object.keys(t)])];
  return classes
    .map((assetClass) => {
      const cur = c[assetClass] ?? 0;
      const tgt = t[assetClass] ?? 0;
      const drift = cur - tgt;
      return { assetClass, current: cur, target: tgt, drift, relativeDrift: tgt > 0 ? drift / tgt : cur > 0 ? 1 : 0 };
    })
    .sort((a, b) => Math.abs(b.drift) - Math.abs(a.drift) || a.assetClass.localeCompare(b.assetClass));
}

/**
 * True when any class breaches a band: |drift| > absolute (e.g. 0.05 = 5 points) or
 * |relativeDrift| > relative (e.g. 0.25 = 25% of its target). No band given → false.
 */
export function needsRebalance(drift: DriftRow[], rule: { absolute?: number; relative?: number }): boolean {
  return drift.some(
    (r) => (rule.absolute !== undefined && Math.abs(r.drift) > rule.absolute) || (rule.relative !== undefined && Math.abs(r.relativeDrift) > rule.relative),
  );
}

export interface RebalanceLot {
  quantity: number;
  costPrice: number;
  /** ISO date of acquisition (FIFO order when not tax-aware). */
  acquiredAt: string;
  /** Inside a holding or lock-up period: not sellable now. */
  locked?: boolean;
}

export interface RebalancePosition {
  id: string;
  assetClass: string;
  /** Market value now. */
  value: number;
  /** Price per unit; derived from value / lot quantity when lots are given without it. */
  price?: number;
  /** Trades are whole multiples of this (e.g. 100 for A-shares) when a price is known. */
  lotSize?: number;
  lots?: RebalanceLot[];
}

export interface RebalanceInput {
  positions: RebalancePosition[];
  /** Target weights by asset class. A class with no position gets a buy with id = class. */
  target: Record<string, number>;
  /** Transaction cost in basis points of the traded amount. Default 0. */
  costBps?: number;
  /** Sell losing lots first (highest cost first), then the highest-cost gaining lots. */
  taxAware?: boolean;
  /** Capital-gains tax rate on realised gains, for `estimatedTax`. Default 0. */
  taxRate?: number;
  /** The client's jurisdiction taxes gains on these assets, so harvesting losses helps. */
  allowTlh?: boolean;
  /** Drop trades smaller than this amount. Default 0. */
  minTrade?: number;
  /**
   * The class that is the residual of the trades (cash): its positions are never traded;
   * its value above its target funds buys, and what the trades leave stays in it.
   */
  residualClass?: string;
}

export interface RebalanceTrade {
  id: string;
  side: 'buy' | 'sell';
  amount: number;
  quantity?: number;
  realizedGain?: number;
  estimatedTax?: number;
  cost: number;
}

export interface RebalanceResult {
  trades: RebalanceTrade[];
  /** Value each class is traded towards: target × total, or around locked values ({@link rebalanceTargets}). */
  targets: Record<string, number>;
  totalCost: number;
  tlhCandidates: { id: string; unrealizedLoss: number }[];
}

function unitPrice(p: RebalancePosition): number | undefined {
  if (p.price !== undefined) return p.price;
  const q = p.lots?.reduce((a, l) => a + l.quantity, 0) ?? 0;
  return q > 0 ? p.value / q : undefined;
}

const openLots = (p: RebalancePosition) => (p.lots ?? []).filter((l) => !l.locked);

/** Value of the locked lots of a position (0 without lots or a price). */
function lockedValue(p: RebalancePosition): number {
  const price = unitPrice(p);
  if (price === undefined || !p.lots?.length) return 0;
  return Math.min(p.value, p.lots.reduce((a, l) => a + (l.locked ? l.quantity : 0), 0) * price);
}

/**
 * Target value of each class given values that cannot be sold (`floor`, by class): a class
 * whose floor is above its share keeps the floor, and the remaining classes share what is
 * left in proportion to their target weights — repeated until no floor is above its share.
 * Without floors this is target × total. Keys: the union of targets and floors.
 */
export function rebalanceTargets(total: number, target: Record<string, number>, floor: Record<string, number>): Record<string, number> {
  const classes = [...new Set([...Object.keys(target), ...Object.keys(floor)])];
  const pinned = new Set<string>();
  for (;;) {
    const pinnedValue = classes.reduce((a, c) => a + (pinned.has(c) ? floor[c] : 0), 0);
    const freeWeight = classes.reduce((a, c) => a + (pinned.has(c) ? 0 : (target[c] ?? 0)), 0);
    const out: Record<string, number> = {};
    let more = false;
    for (const c of classes) {
      out[c] = pinned.has(c) ? floor[c] : freeWeight > 0 ? ((target[c] ?? 0) / freeWeight) * Math.max(0, total - pinnedValue) : 0;
      if (!pinned.has(c) && (floor[c] ?? 0) > out[c] * (1 + 1e-12) + 1e-9) {
        pinned.add(c);
        more = true;
      }
    }
    if (!more) return out;
  }
}

/** Realised gain when selling `qty` units at `price`, lots ordered by the sale rule (unlocked lots only). */
function realise(p: RebalancePosition, qty: number, price: number, taxAware: boolean): number {
  const lots = openLots(p);
  if (taxAware) {
    // Losses first, biggest loss per unit (highest cost) first; then gains with highest cost.
    lots.sort((a, b) => Number(b.costPrice > price) - Number(a.costPrice > price) || b.costPrice - a.costPrice);
  } else {
    lots.sort((a, b) => a.acquiredAt.localeCompare(b.acquiredAt));
  }
  let left = qty;
  let gain = 0;
  for (const l of lots) {
    if (left <= 0) break;
    const q = Math.min(l.quantity, left);
    gain += q * (price - l.costPrice);
    left -= q;
  }
  return gain;
}

function unrealizedGainRate(p: RebalancePosition): number {
  const price = unitPrice(p);
  const lots = openLots(p);
  if (price === undefined || !lots.length) return 0;
  const cost = lots.reduce((a, l) => a + l.quantity * l.costPrice, 0);
  const qty = lots.reduce((a, l) => a + l.quantity, 0);
  return cost > 0 ? (price * qty - cost) / cost : 0;
}

/** Trade list moving the positions to the target class weights; see the module comment. */
export function rebalanceTrades(i: RebalanceInput): RebalanceResult {
  const bps = (i.costBps ?? 0) / 10_000;
  const taxAware = i.taxAware ?? false;
  const minTrade = i.minTrade ?? 0;
  const target = normalise(i.target, 'target weight');
  const total = i.positions.reduce((a, p) => {
    if (!(Number.isFinite(p.value) && p.value >= 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `value of ${p.id} must be ≥ 0`);
    return a + p.value;
  }, 0);
  if (!(total > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'the portfolio has no value');

  const byClass = new Map<string, RebalancePosition[]>();
  for (const p of i.positions) byClass.set(p.assetClass, [...(byClass.get(p.assetClass) ?? []), p]);
  const locked = new Map(i.positions.map((p) => [p.id, lockedValue(p)]));
  const floor: Record<string, number> = {};
  for (const [cls, ps] of byClass) floor[cls] = ps.reduce((a, p) => a + locked.get(p.id)!, 0);
  const goal = rebalanceTargets(total, target, floor);
  const sells: RebalanceTrade[] = [];
  const buyWants: { id: string; amount: number; pos?: RebalancePosition }[] = [];
  let residualExcess = 0;
  for (const cls of new Set([...byClass.keys(), ...Object.keys(target)])) {
    const ps = byClass.get(cls) ?? [];
    const have = ps.reduce((a, p) => a + p.value, 0);
    const delta = (goal[cls] ?? 0) - have;
    if (cls === i.residualClass) {
      residualExcess = Math.max(0, -delta);
      continue;
    }
    if (delta < 0) {
      // Sell the unlocked part: tax-aware takes positions with the lowest gain rate first, else pro rata.
      const free = ps.map((p) => p.value - locked.get(p.id)!);
      const freeTotal = free.reduce((a, x) => a + x, 0);
      let need = Math.min(-delta, freeTotal);
      const order = taxAware ? ps.map((p, k) => k).sort((a, b) => unrealizedGainRate(ps[a]) - unrealizedGainRate(ps[b])) : ps.map((_, k) => k);
      const proRata = need;
      for (const k of order) {
        if (need <= 0) break;
        if (free[k] <= 0) continue;
        const amt = taxAware ? Math.min(free[k], need) : (proRata * free[k]) / freeTotal;
        if (taxAware) need -= amt;
        sells.push(sellTrade(ps[k], amt, bps, taxAware, i.taxRate ?? 0));
      }
    } else if (delta > 0) {
      if (ps.length === 0) buyWants.push({ id: cls, amount: delta });
      else for (const p of ps) buyWants.push({ id: p.id, amount: have > 0 ? (delta * p.value) / have : delta / ps.length, pos: p });
    }
  }
  const keptSells = sells.filter((t) => t.amount >= minTrade && t.amount > 0);
  const cash = keptSells.reduce((a, t) => a + t.amount - t.cost, 0) + residualExcess;
  const wanted = buyWants.reduce((a, b) => a + b.amount, 0);
  // Cash-neutral: scale buys so amount·(1 + bps) fits in the sale proceeds.
  const scale = wanted > 0 ? Math.min(1, cash / (wanted * (1 + bps))) : 0;
  const buys: RebalanceTrade[] = [];
  for (const b of buyWants) {
    let amount = b.amount * scale;
    let quantity: number | undefined;
    const price = b.pos ? unitPrice(b.pos) : undefined;
    if (price !== undefined) {
      const lot = b.pos?.lotSize ?? 1;
      quantity = Math.floor(amount / price / lot + 1e-9) * lot;
      amount = quantity * price;
    }
    if (amount > 0 && amount >= minTrade) buys.push({ id: b.id, side: 'buy', amount, ...(quantity !== undefined ? { quantity } : {}), cost: amount * bps });
  }
  const trades = [...keptSells, ...buys];
  const tlhCandidates = i.allowTlh
    ? i.positions
        .map((p) => {
          const price = unitPrice(p);
          const loss = price === undefined ? 0 : openLots(p).reduce((a, l) => a + Math.max(0, (l.costPrice - price) * l.quantity), 0);
          return { id: p.id, unrealizedLoss: loss };
        })
        .filter((c) => c.unrealizedLoss > 0)
        .sort((a, b) => b.unrealizedLoss - a.unrealizedLoss)
    : [];
  return { trades, targets: goal, totalCost: trades.reduce((a, t) => a + t.cost, 0), tlhCandidates };
}

function sellTrade(p: RebalancePosition, amount: number, bps: number, taxAware: boolean, taxRate: number): RebalanceTrade {
  const price = unitPrice(p);
  if (price === undefined) return { id: p.id, side: 'sell', amount, cost: amount * bps };
  const lot = p.lotSize ?? 1;
  const held = p.lots ? openLots(p).reduce((a, l) => a + l.quantity, 0) : p.value / price;
  // Round up to whole lots so the class reaches its target, never beyond the holding.
  let quantity = Math.min(held, Math.ceil(amount / price / lot - 1e-9) * lot);
  if (quantity < 0) quantity = 0;
  const amt = quantity * price;
  const t: RebalanceTrade = { id: p.id, side: 'sell', amount: amt, quantity, cost: amt * bps };
  if (p.lots?.length) {
    t.realizedGain = realise(p, quantity, price, taxAware);
    t.estimatedTax = Math.max(0, t.realizedGain) * taxRate;
  }
  return t;
}
