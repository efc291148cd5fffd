/**
 * Discrete allocation: turn target weights and a cash amount into tradable quantities.
 *
 * Constraints: quantities are whole multiples of each instrument's lot size (A-shares trade
 * in 100-share lots; default 1), a position that is bought at all costs at least its minimum
 * purchase amount (fund 起购金额; default 0), and total spend never exceeds `totalValue`.
 *
 * Method (PyPortfolioOpt's greedy_portfolio, generalised to lots and minimums, then refined):
 * 1. round every target down to whole lots, dropping positions below their minimum;
 * 2. greedily add one lot (or the minimum block for a new position) to the holding furthest
 *    below its target value, while the cash allows;
 * 3. integer refinement: try moving one lot from an over-target holding to an under-target
 *    one, or adding a lot with freed cash, whenever it lowers the squared weight error.
 * All amounts are plain floats (quant convention); callers convert to decimals at the edge.
 */
import { WealthDeskError } from '../errors.js';

export interface DiscreteAllocationInput {
  /** Target weights by ticker (≥ 0; normalised to sum 1). */
  weights: Record<string, number>;
  /** Price per share/unit by ticker (> 0). */
  prices: Record<string, number>;
  /** Cash to invest. */
  totalValue: number;
  /** Shares per lot by ticker (default 1). */
  lotSizes?: Record<string, number>;
  /** Minimum amount for a non-zero position by ticker (default 0). */
  minPurchase?: Record<string, number>;
}

export interface DiscreteAllocationResult {
  /** Whole shares/units to buy by ticker (0 entries omitted). */
  shares: Record<string, number>;
  /** Cash not spent. */
  leftover: number;
  /** Value of each position / totalValue, for every ticker with a target weight. */
  weightsAchieved: Record<string, number>;
}

/** Tradable quantities for the target weights; see the module comment. */
export function discreteAllocation(i: DiscreteAllocationInput): DiscreteAllocationResult {
  if (!(Number.isFinite(i.totalValue) && i.totalValue > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'totalValue must be > 0');
  const tickers = Object.keys(i.weights).filter((t) => i.weights[t] > 0);
  for (const t of Object.keys(i.weights)) {
    if (!(Number.isFinite(i.weights[t]) && i.weights[t] >= 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `weight for ${t} must be ≥ 0`);
  }
  if (tickers.length === 0) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'no positive weight to allocate');
  const wSum = tickers.reduce((a, t) => a + i.weights[t], 0);
  const n = tickers.length;
  const target = tickers.map((t) => (i.weights[t] / wSum) * i.totalValue);
  const lotCost = tickers.map((t) => {
    const p = i.prices[t];
    if (!(Number.isFinite(p) && p > 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `no valid price for ${t}`);
    const lot = i.lotSizes?.[t] ?? 1;
    if (!(Number.isInteger(lot) && lot >= 1)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `lot size for ${t} must be a positive integer`);
    return p * lot;
  });
  const minLots = tickers.map((t, k) => {
    const m = i.minPurchase?.[t] ?? 0;
    if (!(Number.isFinite(m) && m >= 0)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `minimum purchase for ${t} must be ≥ 0`);
    return Math.max(1, Math.ceil(m / lotCost[k] - 1e-12));
  });

  const lots = new Array<number>(n).fill(0);
  let cash = i.totalValue;
  // 1. Round down, respecting minimums.
  for (let k = 0; k < n; k++) {
    const l = Math.floor(target[k] / lotCost[k] + 1e-12);
    if (l >= minLots[k]) {
      lots[k] = l;
      cash -= l * lotCost[k];
    }
  }
  const stepCost = (k: number) => (lots[k] === 0 ? minLots[k] : 1) * lotCost[k];
  const stepLots = (k: number) => (lots[k] === 0 ? minLots[k] : 1);
  const err = () => {
    let e = 0;
    for (let k = 0; k < n; k++) e += ((lots[k] * lotCost[k] - target[k]) / i.totalValue) ** 2;
    return e;
  };
  // 2. Greedy fill: the largest shortfall that fits in the cash (bounded: each step spends).
  const greedy = (): void => {
    for (let guard = 0; guard < 1_000_000; guard++) {
      let best = -1;
      let bestDeficit = 0;
      for (let k = 0; k < n; k++) {
        if (stepCost(k) > cash) continue;
        const deficit = target[k] - lots[k] * lotCost[k];
        if (best < 0 || deficit > bestDeficit) {
          best = k;
          bestDeficit = deficit;
        }
      }
      // Stop when nothing fits or buying would overshoot by more than it fixes.
      if (best < 0) break;
      const before = err();
      const s = stepLots(best);
      lots[best] += s;
      if (err() >= before && bestDeficit <= 0) {
        lots[best] -= s;
        break;
      }
      cash -= s * lotCost[best];
    }
  };
  greedy();
  // 3. Integer refinement: single-lot moves that reduce the squared weight error.
  for (let pass = 0; pass < 200; pass++) {
    let improved = false;
    for (let a = 0; a < n; a++) {
      if (lots[a] === 0) continue;
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const freeLots = lots[a] - 1 === 0 || lots[a] - 1 >= minLots[a] ? 1 : lots[a];
        const freed = freeLots * lotCost[a];
        const need = stepCost(b);
        if (need > cash + freed) continue;
        const before = err();
        const sb = stepLots(b);
        lots[a] -= freeLots;
        lots[b] += sb;
        if (err() < before - 1e-15) {
          cash += freed - sb * lotCost[b];
          improved = true;
        } else {
          lots[a] += freeLots;
          lots[b] -= sb;
        }
      }
    }
    if (!improved) break;
  }
  greedy(); // spend what the refinement freed

  // Float safety net: the tracked cash and the recomputed spend can differ in the last bit.
  const spend = () => tickers.reduce((a, t, k) => a + lots[k] * (i.lotSizes?.[t] ?? 1) * i.prices[t], 0);
  for (let guard = 0; guard < n && spend() > i.totalValue; guard++) {
    const k = lots.findIndex((l, j) => l > 0 && lots.every((m, q) => m === 0 || m * lotCost[q] - target[q] <= l * lotCost[j] - target[j]));
    lots[k] = lots[k] - 1 >= minLots[k] ? lots[k] - 1 : 0;
  }

  const shares: Record<string, number> = {};
  const weightsAchieved: Record<string, number> = {};
  let spent = 0;
  tickers.forEach((t, k) => {
    const q = lots[k] * (i.lotSizes?.[t] ?? 1);
    if (q > 0) shares[t] = q;
    spent += q * i.prices[t];
    weightsAchieved[t] = (q * i.prices[t]) / i.totalValue;
  });
  return { shares, leftover: i.totalValue - spent, weightsAchieved };
}
