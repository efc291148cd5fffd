/**
 * Capital-market assumptions (CMA): the one forward-looking source of expected return,
 * volatility and correlation per asset class. Goal projection, optimizer defaults and risk
 * answers all read it, so the same portfolio gets the same expected return everywhere.
 * The derivation of every figure is in docs/capital-market-assumptions.md.
 *
 * Units: fractions per year (0.05 = 5%). `expectedReturn` is the expected one-year simple
 * (arithmetic) return; `geometricReturn` the median compound growth; `volatility` the annual
 * standard deviation. Long-run (10-year) assumptions, before product fees and taxes.
 *
 * These are the assumptions of WealthDesk's demo investment committee as of 2026-11 — inputs
 * of a demo, not research. A bank replaces them with its own CMA (the inputs below are plain
 * data, to be loaded from a reviewed JSON file later).
 *
 * How the figures are built:
 * - Base classes: a geometric return g from building blocks (equities Grinold–Kroner 2002:
 *   dividend yield + real earnings growth + inflation − net share issuance + repricing;
 *   bonds: starting yield − expected credit losses; cash: policy rate − money-market spread;
 *   REITs: distribution yield + rent growth − capital drag), a local-currency volatility σ,
 *   and the arithmetic return μ = (1 + g)·exp(σ²/2) − 1 — the lognormal relation the Monte Carlo
 *   model uses (monte-carlo.ts), so its median growth is g again.
 * - Composite classes (bank wealth, "fixed income plus", mixed funds, private funds): fixed
 *   exposures to base classes plus a stated premium and an independent active risk.
 * - FX (investor's view): the USD bloc (USD, and HKD through its peg) moves against CNY with
 *   volatility 4.5%, zero expected drift and no correlation with local returns, so an
 *   asset outside the investor's bloc keeps its μ and gets σ_FX² added to its variance (and
 *   to its covariance with every other asset outside the bloc).
 *
 * Pure: no I/O; imports nothing outside src/quant. Bad arguments throw RangeError.
 */

/** Classes built from building blocks (own currency), in matrix order. */
const BASE_CLASSES = ['cash_cny', 'cash_usd', 'bond_cn', 'bond_us', 'equity_cn', 'equity_hk', 'equity_us', 'reit_cn', 'reit_hk'] as const;
/** Classes built as exposures to base classes plus a premium and active risk. */
const COMPOSITE_CLASSES = ['wealth_fixed_income_cn', 'fixed_income_plus_cn', 'balanced_cn', 'hedge_equity_cn', 'hedge_absolute_cn'] as const;

type BaseClass = (typeof BASE_CLASSES)[number];
export type CmaClass = BaseClass | (typeof COMPOSITE_CLASSES)[number];
/** Currency bloc of a class's return; HKD is pegged to USD and shares its bloc. */
export type CurrencyBloc = 'CNY' | 'USD';
export type BaseCurrency = 'CNY' | 'USD' | 'HKD';

/** One signed building block of a geometric return, e.g. {name: 'dividend yield', value: 0.027}. */
export interface BuildingBlock {
  name: string;
  value: number;
}

interface BaseInput {
  label: string;
  labelEn: string;
  bloc: CurrencyBloc;
  method: string;
  /** Sum = the geometric (median compound) return in the class's own currency. */
  blocks: BuildingBlock[];
  /** Annual volatility in the class's own currency, and how it was set. */
  localVolatility: number;
  volatilityNote: string;
}

interface CompositeInput {
  label: string;
  labelEn: string;
  method: string;
  exposures: Partial<Record<BaseClass, number>>;
  /** Return above the exposures (credit carry, strategy premium); 0 = no manager alpha assumed. */
  premium: BuildingBlock;
  /** Annual volatility independent of every class (manager / strategy risk). */
  activeRisk: number;
}

const GK = 'Grinold–Kroner (2002) building blocks';

/** Inputs of the demo investment committee, as of 2026-11 (fractions per year). */
const BASE_INPUTS: Record<BaseClass, BaseInput> = {
  cash_cny: {
    label: '人民币现金及货币基金', labelEn: 'CNY cash and money market', bloc: 'CNY', method: 'policy rate − money-market spread',
    blocks: [{ name: 'PBOC 7-day reverse repo rate, assumed horizon average', value: 0.013 }, { name: 'money-market yield below the policy rate (spread and fees)', value: -0.0015 }],
    localVolatility: 0.003, volatilityNote: 'year-to-year variation of short rates',
  },
  cash_usd: {
    label: '美元/港元现金', labelEn: 'USD/HKD cash', bloc: 'USD', method: 'policy rate − deposit spread',
    blocks: [{ name: 'US federal funds rate, assumed horizon average (HIBOR follows through the peg)', value: 0.0325 }, { name: 'deposit / money-market yield below the policy rate', value: -0.0025 }],
    localVolatility: 0.005, volatilityNote: 'year-to-year variation of short rates',
  },
  bond_cn: {
    label: '人民币利率债及高等级信用债', labelEn: 'CNY government and high-grade bonds', bloc: 'CNY', method: 'starting yield − expected credit losses',
    blocks: [{ name: 'yield to maturity of a composite CNY bond index (duration about 5.5)', value: 0.019 }, { name: 'expected credit losses (about 15% credit × 0.3% a year)', value: -0.0005 }],
    localVolatility: 5.5 * 0.004, volatilityNote: 'duration 5.5 × annual yield-change volatility 0.40%',
  },
  bond_us: {
    label: '美国国债（中期）', labelEn: 'US Treasuries, intermediate', bloc: 'USD', method: 'starting yield − expected credit losses',
    blocks: [{ name: 'yield to maturity of intermediate US Treasuries (duration about 4)', value: 0.038 }, { name: 'expected credit losses', value: 0 }],
    localVolatility: 4 * 0.0095, volatilityNote: 'duration 4 × annual yield-change volatility 0.95%',
  },
  equity_cn: {
    label: 'A股', labelEn: 'China A-shares', bloc: 'CNY', method: GK,
    blocks: [
      { name: 'dividend yield', value: 0.027 },
      { name: 'real earnings growth', value: 0.035 },
      { name: 'inflation (CPI)', value: 0.01 },
      { name: 'net share issuance (dilution)', value: -0.015 },
      { name: 'repricing (change in P/E)', value: 0 },
    ],
    localVolatility: 0.24, volatilityNote: 'long-run annual volatility of a broad A-share index',
  },
  equity_hk: {
    label: '港股', labelEn: 'Hong Kong equities', bloc: 'USD', method: GK,
    blocks: [
      { name: 'dividend yield', value: 0.032 },
      { name: 'real earnings growth', value: 0.025 },
      { name: 'inflation (blend of mainland and Hong Kong CPI)', value: 0.015 },
      { name: 'net share issuance (new listings and placements net of buybacks)', value: -0.005 },
      { name: 'repricing (change in P/E)', value: 0 },
    ],
    localVolatility: 0.25, volatilityNote: 'long-run annual volatility of a broad Hong Kong index',
  },
  equity_us: {
    label: '美股', labelEn: 'US equities', bloc: 'USD', method: GK,
    blocks: [
      { name: 'dividend yield', value: 0.013 },
      { name: 'real earnings growth', value: 0.018 },
      { name: 'inflation (CPI)', value: 0.025 },
      { name: 'net buybacks (negative net issuance)', value: 0.005 },
      { name: 'repricing (P/E partly reverting from a high level)', value: -0.015 },
    ],
    localVolatility: 0.17, volatilityNote: 'long-run annual volatility of a broad US index',
  },
  reit_cn: {
    label: '公募REITs（境内）', labelEn: 'China public REITs (C-REITs)', bloc: 'CNY', method: 'distribution yield + cash-flow growth − capital drag',
    blocks: [
      { name: 'distribution yield', value: 0.048 },
      { name: 'cash-flow (rent, toll) growth', value: 0.01 },
      { name: 'return of capital on finite-life concessions', value: -0.015 },
    ],
    localVolatility: 0.15, volatilityNote: 'between bonds and equities, as listed C-REITs have traded',
  },
  reit_hk: {
    label: '香港REITs', labelEn: 'Hong Kong REITs', bloc: 'USD', method: 'distribution yield + cash-flow growth − capital drag',
    blocks: [
      { name: 'distribution yield', value: 0.065 },
      { name: 'rent growth (soft retail and office rents)', value: -0.005 },
      { name: 'capital expenditure to maintain the properties', value: -0.005 },
    ],
    localVolatility: 0.2, volatilityNote: 'listed property volatility in Hong Kong',
  },
};

const COMPOSITE_INPUTS: Record<(typeof COMPOSITE_CLASSES)[number], CompositeInput> = {
  wealth_fixed_income_cn: {
    label: '固收类银行理财', labelEn: 'Bank wealth, fixed income', method: 'exposures + credit carry',
    exposures: { bond_cn: 0.6, cash_cny: 0.4 }, premium: { name: 'credit carry of short-dated credit, net of expected losses', value: 0.005 }, activeRisk: 0.006,
  },
  fixed_income_plus_cn: {
    label: '固收+（二级债基、混合类理财）', labelEn: 'Fixed income plus (enhanced bond funds, mixed wealth)', method: 'exposures + credit carry',
    exposures: { bond_cn: 0.8, equity_cn: 0.15, cash_cny: 0.05 }, premium: { name: 'credit carry of lower-rated bonds, net of expected losses', value: 0.003 }, activeRisk: 0.015,
  },
  balanced_cn: {
    label: '混合型基金', labelEn: 'Mixed (balanced) funds', method: 'exposures, no manager alpha',
    exposures: { equity_cn: 0.5, bond_cn: 0.45, cash_cny: 0.05 }, premium: { name: 'manager alpha', value: 0 }, activeRisk: 0.04,
  },
  hedge_equity_cn: {
    label: '私募股票策略', labelEn: 'Private equity long/short funds', method: 'exposures, no manager alpha',
    exposures: { equity_cn: 0.85, cash_cny: 0.15 }, premium: { name: 'manager alpha', value: 0 }, activeRisk: 0.08,
  },
  hedge_absolute_cn: {
    label: '私募绝对收益策略（中性、CTA、多策略）', labelEn: 'Private absolute-return funds (market neutral, CTA, multi-strategy)', method: 'exposures + strategy premium',
    exposures: { cash_cny: 0.8, equity_cn: 0.2 }, premium: { name: 'strategy risk premium (futures basis, trend, arbitrage)', value: 0.02 }, activeRisk: 0.07,
  },
};

/**
 * Correlation of the base classes' own-currency returns, in BASE_CLASSES order. Cash is
 * uncorrelated with everything; A/H shares move together; stock–bond correlation is
 * negative in China and slightly positive in the US.
 */
const LOCAL_CORRELATION: readonly (readonly number[])[] = [
  //  cCNY  cUSD  bCN    bUS   eCN    eHK    eUS   rCN   rHK
  [1, 0, 0, 0, 0, 0, 0, 0, 0],
  [0, 1, 0, 0, 0, 0, 0, 0, 0],
  [0, 0, 1, 0.35, -0.2, -0.1, 0, 0.1, 0.05],
  [0, 0, 0.35, 1, 0, 0.05, 0.1, 0, 0.2],
  [0, 0, -0.2, 0, 1, 0.7, 0.3, 0.45, 0.35],
  [0, 0, -0.1, 0.05, 0.7, 1, 0.55, 0.3, 0.6],
  [0, 0, 0, 0.1, 0.3, 0.55, 1, 0.15, 0.35],
  [0, 0, 0.1, 0, 0.45, 0.3, 0.15, 1, 0.3],
  [0, 0, 0.05, 0.2, 0.35, 0.6, 0.35, 0.3, 1],
];

/** USD/CNY: annual volatility, expected drift 0, uncorrelated with local returns (HKD pegged to USD). */
const FX_VOLATILITY = 0.045;

const CLASS_IDS: readonly CmaClass[] = [...BASE_CLASSES, ...COMPOSITE_CLASSES];
const INDEX = new Map<string, number>(CLASS_IDS.map((c, k) => [c, k]));
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Median compound growth of a lognormal year with arithmetic mean μ and volatility σ: (1 + μ)·exp(−σ²/2) − 1. */
export function geometricReturn(expectedReturn: number, volatility: number): number {
  return (1 + expectedReturn) * Math.exp((-volatility * volatility) / 2) - 1;
}

/** Inverse of {@link geometricReturn}: μ = (1 + g)·exp(σ²/2) − 1. */
export function arithmeticReturn(geometric: number, volatility: number): number {
  return (1 + geometric) * Math.exp((volatility * volatility) / 2) - 1;
}

const BASE_MU = BASE_CLASSES.map((c) => arithmeticReturn(sum(BASE_INPUTS[c].blocks.map((b) => b.value)), BASE_INPUTS[c].localVolatility));
const EXPOSURES = COMPOSITE_CLASSES.map((c) => BASE_CLASSES.map((b) => COMPOSITE_INPUTS[c].exposures[b] ?? 0));
const MU: readonly number[] = [
  ...BASE_MU,
  ...COMPOSITE_CLASSES.map((c, k) => sum(EXPOSURES[k].map((e, j) => e * BASE_MU[j])) + COMPOSITE_INPUTS[c].premium.value),
];
const BLOC: readonly CurrencyBloc[] = [...BASE_CLASSES.map((c) => BASE_INPUTS[c].bloc), ...COMPOSITE_CLASSES.map(() => 'CNY' as const)];

/** Covariance of all classes for an investor whose money is in `base`, or in own currencies (`null`). */
function buildCovariance(base: BaseCurrency | null): number[][] {
  const investorBloc: CurrencyBloc | null = base === null ? null : base === 'CNY' ? 'CNY' : 'USD';
  const sd = BASE_CLASSES.map((c) => BASE_INPUTS[c].localVolatility);
  const fx = BASE_CLASSES.map((c) => (investorBloc !== null && BASE_INPUTS[c].bloc !== investorBloc ? 1 : 0));
  const nb = BASE_CLASSES.length;
  const sb = Array.from({ length: nb }, (_, i) => Array.from({ length: nb }, (_, j) => LOCAL_CORRELATION[i][j] * sd[i] * sd[j] + FX_VOLATILITY * FX_VOLATILITY * fx[i] * fx[j]));
  // Rows of all classes as exposure vectors over the base classes (a base class is a unit vector).
  const rows = [...BASE_CLASSES.map((_, i) => BASE_CLASSES.map((__, j) => (i === j ? 1 : 0))), ...EXPOSURES];
  const active = [...BASE_CLASSES.map(() => 0), ...COMPOSITE_CLASSES.map((c) => COMPOSITE_INPUTS[c].activeRisk)];
  const n = rows.length;
  const cov = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = i === j ? active[i] * active[i] : 0;
      for (let p = 0; p < nb; p++) for (let q = 0; q < nb; q++) s += rows[i][p] * sb[p][q] * rows[j][q];
      cov[i][j] = s;
      cov[j][i] = s; // exactly symmetric, whatever the rounding
    }
  }
  return cov;
}

function toCorrelation(cov: readonly (readonly number[])[]): number[][] {
  return cov.map((row, i) => row.map((v, j) => (i === j ? 1 : v / Math.sqrt(cov[i][i] * cov[j][j]))));
}

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const COVARIANCE: Record<BaseCurrency, readonly (readonly number[])[]> = deepFreeze({ CNY: buildCovariance('CNY'), USD: buildCovariance('USD'), HKD: buildCovariance('USD') });

/** Published figures of one class. */
export interface CmaClassFigures {
  label: string;
  labelEn: string;
  /** Currency bloc of the return (USD includes HKD, pegged). Composites are CNY products. */
  currency: CurrencyBloc;
  /** Expected one-year simple return, the same for every base currency (zero expected FX drift). */
  expectedReturn: number;
  /** Annual volatility for a CNY-based investor (FX risk included for the USD bloc). */
  volatility: number;
  /** Median compound growth for a CNY-based investor: {@link geometricReturn}(expectedReturn, volatility). */
  geometricReturn: number;
  /** Annual volatility in the class's own currency, without FX. */
  localVolatility: number;
  /** How the figure is built, e.g. 'Grinold–Kroner (2002) building blocks'. */
  method: string;
  /** Base classes: the building blocks (sum = geometric return in own currency). Composites: the premium. */
  blocks: readonly BuildingBlock[];
  /** Composites only: exposures to base classes. */
  exposures?: Readonly<Partial<Record<CmaClass, number>>>;
  /** Composites only: independent manager / strategy volatility. */
  activeRisk?: number;
}

export interface Cma {
  version: string;
  /** Month the committee set the inputs. */
  asOf: string;
  /** The horizon the assumptions are meant for (long-run averages, not a one-year forecast). */
  horizonYears: number;
  /** Currency of the investor that `volatility` and `correlation` are stated for. */
  baseCurrency: 'CNY';
  units: string;
  /** Class order of `correlation`, `localCorrelation` and {@link cmaCovariance}. */
  classIds: readonly CmaClass[];
  classes: Readonly<Record<CmaClass, CmaClassFigures>>;
  /** Correlation for a CNY-based investor (FX included), symmetric, unit diagonal, positive definite. */
  correlation: readonly (readonly number[])[];
  /** Correlation of own-currency returns (no FX). */
  localCorrelation: readonly (readonly number[])[];
  fx: { pair: string; volatility: number; expectedDrift: number; correlationWithLocalReturns: number };
  methodNotes: readonly string[];
}

const LOCAL_COV = buildCovariance(null);

/** The capital-market assumptions; frozen. See the module comment and docs/capital-market-assumptions.md. */
export const CMA: Cma = deepFreeze({
  version: '2026.11-demo',
  asOf: '2026-11',
  horizonYears: 10,
  baseCurrency: 'CNY',
  units: 'fractions per year (0.05 = 5%); returns arithmetic unless named geometric; before product fees and taxes',
  classIds: CLASS_IDS,
  classes: Object.fromEntries(
    CLASS_IDS.map((c, k) => {
      const sigma = Math.sqrt(COVARIANCE.CNY[k][k]);
      const base = k < BASE_CLASSES.length ? BASE_INPUTS[c as BaseClass] : undefined;
      const comp = base ? undefined : COMPOSITE_INPUTS[c as (typeof COMPOSITE_CLASSES)[number]];
      const figures: CmaClassFigures = {
        label: (base ?? comp)!.label,
        labelEn: (base ?? comp)!.labelEn,
        currency: BLOC[k],
        expectedReturn: MU[k],
        volatility: sigma,
        geometricReturn: geometricReturn(MU[k], sigma),
        localVolatility: Math.sqrt(LOCAL_COV[k][k]),
        method: (base ?? comp)!.method,
        blocks: base ? base.blocks : [comp!.premium],
        ...(comp ? { exposures: comp.exposures, activeRisk: comp.activeRisk } : {}),
      };
      return [c, figures];
    }),
  ) as Record<CmaClass, CmaClassFigures>,
  correlation: toCorrelation(COVARIANCE.CNY),
  localCorrelation: toCorrelation(LOCAL_COV),
  fx: { pair: 'USD/CNY (HKD pegged to USD)', volatility: FX_VOLATILITY, expectedDrift: 0, correlationWithLocalReturns: 0 },
  methodNotes: [
    'Demo assumptions of the WealthDesk investment committee as of 2026-11; a bank replaces them with its own CMA.',
    'Base classes: geometric return from building blocks (equities: Grinold–Kroner 2002; bonds: starting yield − expected credit losses; cash: policy rate − spread; REITs: distribution yield + growth − capital drag); arithmetic μ = (1 + g)·exp(σ²/2) − 1.',
    'Composite classes: exposures to base classes + a stated premium; an independent active risk adds to the variance.',
    'FX: zero expected drift, volatility 4.5%, uncorrelated with local returns; HKD shares the USD bloc (peg).',
    'Expected returns are not historical CAGRs: a few years of history estimate a mean with an error of about σ/√years (24%/√3 ≈ 14 points for A-shares).',
  ],
});

/**
 * Covariance (fractions² per year) of all classes in {@link CMA}.classIds order, for an investor
 * whose money is in `baseCurrency`: CNY investors carry FX risk on the USD bloc, USD/HKD
 * investors on the CNY bloc. Frozen.
 */
export function cmaCovariance(baseCurrency: BaseCurrency = 'CNY'): readonly (readonly number[])[] {
  if (!Object.hasOwn(COVARIANCE, baseCurrency)) throw new RangeError(`baseCurrency must be CNY, USD or HKD, got ${String(baseCurrency)}`);
  return COVARIANCE[baseCurrency];
}

/** True when `s` names a CMA class. */
export function isCmaClass(s: string): s is CmaClass {
  return INDEX.has(s);
}

export interface ClassAssumption {
  cmaClass: CmaClass;
  /** Share of the portfolio, normalized to sum to 1. */
  weight: number;
  expectedReturn: number;
  volatility: number;
  /** weight × expectedReturn; these sum to the portfolio's expected return. */
  returnContribution: number;
  /** Euler risk contribution weight·(Σw)ᵢ/σ; these sum to the portfolio's volatility (0 when σ = 0). */
  riskContribution: number;
}

export interface PortfolioAssumptions {
  /** Σ wᵢ μᵢ: expected one-year simple return. */
  expectedReturn: number;
  /** √(wᵀΣw) over the CMA covariance for the base currency. */
  volatility: number;
  /** Median compound growth, {@link geometricReturn}(expectedReturn, volatility) — the Monte Carlo median. */
  geometricReturn: number;
  /** One row per class held, in {@link CMA}.classIds order. */
  byClass: ClassAssumption[];
  baseCurrency: BaseCurrency;
  cmaVersion: string;
}

/**
 * Expected return and volatility of a portfolio from the CMA: weights of the same class are
 * summed and all weights normalized to sum to 1; μ = Σ wᵢ μᵢ, σ = √(wᵀΣw) with Σ for an investor
 * in `baseCurrency` (default CNY). A cash-only portfolio gets the cash figures. Weights must
 * be finite and ≥ 0 with a positive sum; classes must be CMA classes (RangeError otherwise).
 */
export function portfolioAssumptions(
  weights: readonly { cmaClass: string; weight: number }[],
  options: { baseCurrency?: BaseCurrency } = {},
): PortfolioAssumptions {
  const baseCurrency = options.baseCurrency ?? 'CNY';
  const cov = cmaCovariance(baseCurrency);
  const w = new Array<number>(CLASS_IDS.length).fill(0);
  for (const x of weights) {
    const k = INDEX.get(x.cmaClass);
    if (k === undefined) throw new RangeError(`unknown CMA class ${JSON.stringify(x.cmaClass)}`);
    if (!(Number.isFinite(x.weight) && x.weight >= 0)) throw new RangeError(`weight of ${x.cmaClass} must be finite and ≥ 0, got ${x.weight}`);
    w[k] += x.weight;
  }
  const total = sum(w);
  if (!(total > 0)) throw new RangeError('weights must have a positive sum');
  for (let k = 0; k < w.length; k++) w[k] /= total;
  const sigmaW = cov.map((row) => sum(row.map((v, j) => v * w[j])));
  const variance = Math.max(0, sum(w.map((x, k) => x * sigmaW[k])));
  const volatility = Math.sqrt(variance);
  const expectedReturn = sum(w.map((x, k) => x * MU[k]));
  const byClass: ClassAssumption[] = [];
  CLASS_IDS.forEach((c, k) => {
    if (w[k] === 0) return;
    byClass.push({
      cmaClass: c,
      weight: w[k],
      expectedReturn: MU[k],
      volatility: Math.sqrt(cov[k][k]),
      returnContribution: w[k] * MU[k],
      riskContribution: volatility > 0 ? (w[k] * sigmaW[k]) / volatility : 0,
    });
  });
  return { expectedReturn, volatility, geometricReturn: geometricReturn(expectedReturn, volatility), byClass, baseCurrency, cmaVersion: CMA.version };
}
