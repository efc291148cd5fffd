/**
 * Seeded daily FX for the demo: 1 unit of USD or HKD = `rate` CNY.
 *
 * USD/CNY is a mean-reverting log process (Ornstein–Uhlenbeck) around 7.22 with about
 * 3% annualized volatility, kept inside 7.08–7.37. HKD follows the peg: USD/HKD moves
 * in a narrow band around 7.80 (7.76–7.84), and HKD/CNY = USD/CNY ÷ USD/HKD.
 */
import { Decimal } from 'decimal.js';
import type { Rng } from './prng.js';

export interface FxSeries {
  /** Rates as strings with 8 decimals, aligned with the calendar. */
  USD: string[];
  HKD: string[];
}

const USD_CENTER = 7.22;
const USD_VOL = 0.03;
const USD_KAPPA = 6; // per year: stationary sd ≈ 0.03/√12 ≈ 0.9%
const USD_BAND: [number, number] = [7.08, 7.37];
const HKD_PEG = 7.8;
const HKD_BAND: [number, number] = [7.76, 7.84];

const clamp = (x: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, x));

/** Simulates `days` daily fixings. */
export function simulateFx(days: number, rng: Rng): FxSeries {
  const dt = 1 / 252;
  let x = 0; // log deviation of USD/CNY from the centre
  let h = 0; // deviation of USD/HKD from the peg
  const USD: string[] = [];
  const HKD: string[] = [];
  for (let t = 0; t < days; t++) {
    if (t > 0) {
      x += -USD_KAPPA * x * dt + USD_VOL * Math.sqrt(dt) * rng.normal();
      h += -20 * h * dt + 0.02 * Math.sqrt(dt) * rng.normal();
    } else {
      rng.normal();
      rng.normal();
    }
    const usd = clamp(USD_CENTER * Math.exp(x), USD_BAND).toFixed(8);
    const usdHkd = clamp(HKD_PEG + h, HKD_BAND).toFixed(6);
    USD.push(usd);
    HKD.push(new Decimal(usd).div(usdHkd).toFixed(8));
  }
  return { USD, HKD };
}
