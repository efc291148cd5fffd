/**
 * Value at Risk and Conditional VaR (expected shortfall) of a daily simple-return series,
 * reported as positive loss fractions of portfolio value (0.021 = a 2.1 % loss).
 */
import { WealthDeskError } from '../errors.js';
import { assertFinite, normalPdf, normalQuantile, percentileOfSorted, tailMean } from './stats.js';

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `confidence must be in (0, 1), got ${confidence}`);
  }
}

function checkHorizon(h: number): void {
  if (!(Number.isInteger(h) && h >= 1)) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `horizonDays must be an integer ≥ 1, got ${h}`);
  }
}

/**
 * Overlapping compounded h-day returns Π_{k=t}^{t+h−1}(1+rₖ) − 1 for t = 0 … n−h
 * (the returns themselves when h = 1).
 */
export function overlappingReturns(returns: readonly number[], horizonDays: number): number[] {
  checkHorizon(horizonDays);
  if (horizonDays === 1) return [...returns];
  const out: number[] = [];
  for (let t = 0; t + horizonDays <= returns.length; t++) {
    let g = 1;
    for (let k = t; k < t + horizonDays; k++) g *= 1 + returns[k];
    out.push(g - 1);
  }
  return out;
}

/**
 * Historical VaR/CVaR at `confidence` (e.g. 0.95) over `horizonDays` (default 1).
 *
 * - VaR = −q, where q is the (1 − confidence) percentile of the returns with numpy's linear
 *   interpolation (so `var` at 0.95 is minus empyrical's `value_at_risk(cutoff=0.05)`).
 * - CVaR = −mean of the returns at or below q; always ≥ VaR.
 * - Multi-day: computed on overlapping compounded h-day returns (see
 *   {@link overlappingReturns}), not by √h scaling, so fat tails and autocorrelation are kept.
 *   The n − h + 1 windows overlap and are not independent.
 *
 * @throws WD_ERR_QUANT_INPUT for an empty series, non-finite returns, a confidence outside
 *   (0, 1), or a horizon longer than the series.
 */
export function historicalVar(returns: number[], confidence: number, horizonDays = 1): { var: number; cvar: number } {
  checkConfidence(confidence);
  checkHorizon(horizonDays);
  assertFinite(returns, 'returns');
  if (returns.length < horizonDays) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `historical VaR over ${horizonDays} days needs at least ${horizonDays} returns, got ${returns.length}`);
  }
  const sorted = Float64Array.from(overlappingReturns(returns, horizonDays)).sort();
  // Rounded so that 0.95 gives exactly the 5th percentile (1 − 0.95 is 0.05000000000000004).
  const q = percentileOfSorted(sorted, Math.round((1 - confidence) * 1e12) / 1e10);
  return { var: -q, cvar: -tailMean(sorted, q) };
}

/**
 * Gaussian (variance–covariance) VaR/CVaR from the daily mean and standard deviation of
 * simple returns. Over h days the return is taken as N(h·mean, h·std²), i.e. √h scaling of
 * the volatility, so with z = Φ⁻¹(confidence):
 * VaR = z·std·√h − h·mean and CVaR = φ(z)/(1 − confidence)·std·√h − h·mean.
 */
export function parametricVar(mean: number, std: number, confidence: number, horizonDays = 1): { var: number; cvar: number } {
  checkConfidence(confidence);
  checkHorizon(horizonDays);
  if (!Number.isFinite(mean) || !(Number.isFinite(std) && std >= 0)) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `parametric VaR needs a finite mean and std ≥ 0, got ${mean}, ${std}`);
  }
  const z = normalQuantile(confidence);
  const sigma = std * Math.sqrt(horizonDays);
  const mu = mean * horizonDays;
  return { var: z * sigma - mu, cvar: (normalPdf(z) / (1 - confidence)) * sigma - mu };
}
