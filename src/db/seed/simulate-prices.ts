/**
 * Seeded, correlated daily price simulation for the demo catalog (a factor model):
 *
 *   log return_i,t = (μ_i − σ_i²/2)/252 + β_i·F_{f(i),t} + S_{s(i),t} + ε_i,t
 *
 * F are five correlated market factors — equity regions CN, HK, US (correlations about
 * CN–HK 0.6, HK–US 0.5, CN–US 0.3) and rates factors for Chinese and US bonds — drawn
 * through a Cholesky factor; S are independent sector factors shared across regions;
 * ε is idiosyncratic noise sized so each instrument's total volatility matches its
 * catalog target σ_i. Indices load on their region factor with little noise, so they
 * move with their constituents. Cash stays at 1. All figures annualized over 252 days.
 *
 * This is simulation code: it works in floats and emits decimal strings at the end.
 */
import type { CatalogInstrument, Factor, Sector } from './catalog-types.js';
import type { Rng } from './prng.js';

const TRADING_DAYS = 252;
const MARKET_FACTORS = ['CN', 'HK', 'US', 'CN_BOND', 'US_BOND'] as const;

/** Annualized volatility of each market factor. */
export const FACTOR_VOL: Record<Exclude<Factor, 'NONE'>, number> = {
  CN: 0.2,
  HK: 0.22,
  US: 0.16,
  CN_BOND: 0.025,
  US_BOND: 0.045,
};

/** Correlation of the market factors, in MARKET_FACTORS order. */
export const FACTOR_CORRELATION: readonly (readonly number[])[] = [
  [1, 0.6, 0.3, -0.15, -0.05],
  [0.6, 1, 0.5, -0.05, -0.1],
  [0.3, 0.5, 1, -0.05, -0.2],
  [-0.15, -0.05, -0.05, 1, 0.25],
  [-0.05, -0.1, -0.2, 0.25, 1],
];

/** Annualized volatility of every sector factor. */
export const SECTOR_VOL = 0.08;

/** Lower-triangular Cholesky factor of a symmetric positive-definite matrix. */
export function cholesky(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (s <= 0) throw new Error('correlation matrix is not positive definite');
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

/** Decimal places of a stored close, by asset class (NAVs 4, bonds/REITs 3, stocks 2). */
export function priceDecimals(i: CatalogInstrument): number {
  switch (i.assetClass) {
    case 'fund':
    case 'wealth':
    case 'private':
      return 4;
    case 'bond':
    case 'reit':
      return 3;
    case 'cash':
      return 2;
    default:
      return 2;
  }
}

/** Draws `days` rows of `n` factor moves (row 0 is zero), mapped by `shape`, demeaned per column. */
function factorPaths(days: number, n: number, rng: Rng, shape: (z: number[]) => number[]): number[][] {
  const rows: number[][] = [new Array<number>(n).fill(0)];
  for (let t = 1; t < days; t++) rows.push(shape(Array.from({ length: n }, () => rng.normal())));
  for (let k = 0; k < n; k++) {
    let mean = 0;
    for (let t = 1; t < days; t++) mean += rows[t][k];
    mean /= Math.max(1, days - 1);
    for (let t = 1; t < days; t++) rows[t][k] -= mean;
  }
  return rows;
}

/**
 * Simulates one close per day for every instrument. Returns closes as fixed-decimal
 * strings (instrument currency), keyed by instrument id, aligned with `days` (day 0 is
 * the catalog start price).
 */
export function simulatePrices(
  catalog: readonly CatalogInstrument[],
  days: number,
  rng: Rng,
): Map<string, string[]> {
  const chol = cholesky(FACTOR_CORRELATION);
  const sectors = [...new Set(catalog.map((i) => i.sector).filter((s): s is Sector => s !== null))].sort();
  const sqrtDt = Math.sqrt(1 / TRADING_DAYS);
  const nf = MARKET_FACTORS.length;

  const params = catalog.map((i) => {
    const { vol, drift, beta, factor } = i.sim;
    const fVol = factor === 'NONE' ? 0 : FACTOR_VOL[factor];
    const sVol = i.sector !== null && i.assetClass !== 'bond' ? SECTOR_VOL : 0;
    const sys2 = beta * beta * fVol * fVol + sVol * sVol;
    const idio = Math.sqrt(Math.max(vol * vol - sys2, (0.1 * vol) ** 2));
    const total2 = sys2 + idio * idio;
    return {
      fi: factor === 'NONE' ? -1 : MARKET_FACTORS.indexOf(factor),
      si: sVol > 0 ? sectors.indexOf(i.sector as Sector) : -1,
      beta,
      mu: (drift - total2 / 2) / TRADING_DAYS,
      idio: idio * sqrtDt,
      logP: Math.log(Number(i.sim.start)),
      dec: priceDecimals(i),
      constant: vol === 0 && drift === 0,
    };
  });
  // Market and sector factor moves for every day first, then demeaned over the window:
  // the markets' cumulative return over the three years equals their expected drift
  // (no seed makes the S&P triple), while daily volatility and correlation are kept.
  const f = factorPaths(days, nf, rng, (z) =>
    MARKET_FACTORS.map((name, k) => {
      let v = 0;
      for (let j = 0; j <= k; j++) v += chol[k][j] * z[j];
      return v * FACTOR_VOL[name] * sqrtDt;
    }),
  );
  const s = factorPaths(days, sectors.length, rng, (z) => z.map((x) => x * SECTOR_VOL * sqrtDt));

  const out = new Map<string, string[]>(catalog.map((i) => [i.id, new Array<string>(days)]));
  const series = catalog.map((i) => out.get(i.id) as string[]);
  for (let t = 0; t < days; t++) {
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      if (t > 0 && !p.constant) {
        // Draw the noise for every instrument every day, so streams stay aligned.
        const e = rng.normal() * p.idio;
        p.logP += p.mu + (p.fi >= 0 ? p.beta * f[t][p.fi] : 0) + (p.si >= 0 ? s[t][p.si] : 0) + e;
      } else if (t > 0) rng.normal();
      series[i][t] = Math.max(Math.exp(p.logP), 10 ** -p.dec).toFixed(p.dec);
    }
  }
  return out;
}
