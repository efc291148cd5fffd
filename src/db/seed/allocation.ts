/**
 * Target allocations by risk profile and the choice of what a demo client holds.
 * Profiles C1–C3 hold no single stocks (stocks are R4/R5): their equity exposure comes
 * through funds; C4–C5 hold stocks directly. A few clients get one holding above their
 * risk level on purpose, for suitability demos.
 */
import { Decimal } from 'decimal.js';
import { TRADABLE } from './catalog.js';
import type { AssetClass, CatalogInstrument, CurrencyCode } from './catalog-types.js';
import type { Rng } from './prng.js';

type Level = 1 | 2 | 3 | 4 | 5;

/** Target weights per risk level; every template sums to exactly 1. */
export const TARGET_TEMPLATES: Record<Level, readonly [AssetClass, string][]> = {
  1: [['wealth', '0.40'], ['bond', '0.25'], ['fund', '0.25'], ['cash', '0.10']],
  2: [['wealth', '0.30'], ['bond', '0.25'], ['fund', '0.30'], ['reit', '0.05'], ['cash', '0.10']],
  3: [['fund', '0.40'], ['bond', '0.20'], ['wealth', '0.20'], ['reit', '0.10'], ['cash', '0.10']],
  4: [['equity_cn', '0.20'], ['equity_hk', '0.10'], ['equity_us', '0.10'], ['bond', '0.10'], ['fund', '0.30'], ['private', '0.05'], ['reit', '0.05'], ['cash', '0.10']],
  5: [['equity_cn', '0.25'], ['equity_hk', '0.10'], ['equity_us', '0.20'], ['bond', '0.05'], ['fund', '0.15'], ['private', '0.15'], ['reit', '0.05'], ['cash', '0.05']],
};

/** Clients below this wealth (CNY) cannot buy private funds (qualified-investor rule, simplified). */
export const PRIVATE_MIN_WEALTH = new Decimal(3_000_000);

/** Rough CNY value of one unit of a currency, for sizing decisions only (not stored). */
export const APPROX_FX: Record<CurrencyCode, number> = { CNY: 1, USD: 7.2, HKD: 0.92 };

/**
 * A client's target allocation: the level's template, tilted to the base currency's home
 * market, private funds only for the wealthy, and a small random shift between two
 * classes. Weights are decimal strings that sum to exactly 1.
 */
export function targetAllocation(level: Level, base: CurrencyCode, wealthCny: Decimal, rng: Rng): Map<AssetClass, Decimal> {
  const w = new Map<AssetClass, Decimal>(TARGET_TEMPLATES[level].map(([c, x]) => [c, new Decimal(x)]));
  const move = (from: AssetClass, to: AssetClass, amount?: Decimal) => {
    const a = w.get(from);
    if (!a) return;
    const d = amount ? Decimal.min(amount, a) : a;
    w.set(from, a.minus(d));
    w.set(to, (w.get(to) ?? new Decimal(0)).plus(d));
    if (w.get(from)?.isZero()) w.delete(from);
  };
  if (level >= 4 && base === 'USD') move('equity_cn', 'equity_us', new Decimal('0.15'));
  if (level >= 4 && base === 'HKD') move('equity_cn', 'equity_hk', new Decimal('0.10'));
  if (wealthCny.lt(PRIVATE_MIN_WEALTH)) move('private', 'fund');
  const classes = [...w.keys()].filter((c) => (w.get(c) as Decimal).gte('0.10'));
  if (classes.length >= 2) {
    const [a, b] = rng.sample(classes, 2);
    move(a, b, new Decimal(rng.int(0, 3)).div(100));
  }
  return w;
}

/** Whether a client of `level` and `wealthCny` may be given this instrument as a normal holding. */
export function affordable(i: CatalogInstrument, wealthCny: Decimal): boolean {
  if (i.assetClass === 'private') return wealthCny.gte(PRIVATE_MIN_WEALTH);
  const lotCost = i.lotSize * Number(i.sim.start) * APPROX_FX[i.currency];
  return lotCost <= wealthCny.toNumber() * 0.08;
}

/** Chooses the instrument ids a generated client holds (3–15, cash included). */
export function chooseHoldings(
  level: Level,
  base: CurrencyCode,
  wealthCny: Decimal,
  target: Map<AssetClass, Decimal>,
  rng: Rng,
): { ids: string[]; outOfProfile: string | null } {
  const ids: string[] = [`CASH-${base}`];
  for (const [cls] of [...target].sort((a, b) => b[1].comparedTo(a[1]))) {
    if (cls === 'cash') continue;
    let pool = TRADABLE.filter(
      (i) => i.assetClass === cls && (i.riskLevel ?? 5) <= level && affordable(i, wealthCny),
    );
    const foreign = pool.filter((i) => i.currency === base);
    if (base !== 'CNY' && foreign.length > 0 && rng.chance(0.7)) pool = foreign;
    const k = 1 + (rng.chance(0.5) ? 1 : 0) + (wealthCny.gt(5_000_000) && rng.chance(0.4) ? 1 : 0);
    ids.push(...rng.sample(pool, k).map((i) => i.id));
  }
  let outOfProfile: string | null = null;
  if (level < 5 && rng.chance(0.06)) {
    const pool = TRADABLE.filter(
      (i) => (i.riskLevel ?? 0) > level && i.assetClass !== 'cash' && affordable(i, wealthCny) && !ids.includes(i.id),
    );
    if (pool.length > 0) {
      outOfProfile = rng.pick(pool).id;
      ids.push(outOfProfile);
    }
  }
  while (ids.length > 15) {
    const j = rng.int(1, ids.length - 1);
    if (ids[j] !== outOfProfile) ids.splice(j, 1);
  }
  for (const filler of ['018301', 'WM-2024-031', 'WM-2023-087']) {
    if (ids.length >= 3) break;
    if (!ids.includes(filler)) ids.push(filler);
  }
  return { ids, outOfProfile };
}
