/**
 * What a turnover limit or a target return / volatility does to the other constraints of
 * `optimize_portfolio`: the note when the limit leaves a holding above the cap or a class
 * outside its band (the current portfolio always meets a turnover limit, so the cap and
 * bands yield to it), and the 4xx error naming the constraints a target conflicts with.
 */
import { WealthDeskError } from '../../errors.js';
import { label } from '../../lang/format.js';
import type { ConstraintSet } from './constraints.js';

const EPS = 1e-9;
const pctText = (x: number) => `${Number((x * 100).toFixed(1))}%`;

/** One holding or class after the proposal, portfolio weights. */
interface Placed {
  instrumentId: string;
  assetClass: string;
  proposedWeight: number;
  fixed: string | null;
}

/**
 * The note saying which holdings stay above the cap and which classes outside their band
 * because the turnover limit does not allow the whole move; null when all limits hold.
 * `used.bands` are the bands widened to hold the current weights, so the limits stated
 * are the asked ones: [max(0, target − band), min(1, target + band)].
 */
export function turnoverNote(lang: 'zh' | 'en', maxTurnover: number, used: ConstraintSet, holdings: Placed[]): string | null {
  const zh = lang === 'zh';
  const items: string[] = [];
  if (used.maxWeight !== null) {
    for (const h of holdings) {
      if (h.fixed || h.proposedWeight <= used.maxWeight + EPS) continue;
      items.push(zh ? `${h.instrumentId} 仍为 ${pctText(h.proposedWeight)}（上限 ${pctText(used.maxWeight)}）` : `${h.instrumentId} stays at ${pctText(h.proposedWeight)} (cap ${pctText(used.maxWeight)})`);
    }
  }
  if (used.classBand !== null) {
    for (const b of used.bands) {
      const w = holdings.reduce((a, h) => a + (h.assetClass === b.assetClass ? h.proposedWeight : 0), 0);
      const lo = Math.max(0, b.target - used.classBand);
      const hi = Math.min(1, b.target + used.classBand);
      if (w >= lo - EPS && w <= hi + EPS) continue;
      const range = `${pctText(lo)}–${pctText(hi)}`;
      items.push(zh ? `${label(b.assetClass, lang)} ${pctText(w)}（区间 ${range}）` : `${b.assetClass} at ${pctText(w)} (band ${range})`);
    }
  }
  if (items.length === 0) return null;
  const partial = used.widen < 1;
  return zh
    ? `换手上限 ${pctText(maxTurnover)} 内无法同时满足全部约束：${items.join('；')}${partial ? '；已在换手上限内尽量向其调整' : ''}`
    : `within the ${pctText(maxTurnover)} turnover limit not every limit can be met: ${items.join('; ')}${partial ? '; moved towards them as far as the limit allows' : ''}`;
}

/**
 * The error for a target return or volatility that no portfolio meets even with the cap
 * and bands dropped: the solver's sleeve figure (`details.attainable`) in portfolio terms,
 * and the constraints left that it conflicts with — the turnover limit, the suitability
 * caps (products above the client's level may only shrink) and the holdings themselves
 * (no product not held enters the proposal). Other errors pass through.
 */
export function unreachableTarget(
  e: unknown,
  o: { investable: number; fixedReturn: number; maxTurnover?: number; unsuitable: string[]; targetReturn?: number; targetVolatility?: number },
): unknown {
  if (!(e instanceof WealthDeskError && e.code === 'WD_ERR_INFEASIBLE')) return e;
  const which = e.details?.limit;
  const sleeve = e.details?.attainable;
  if (typeof sleeve !== 'number' || (which !== 'targetReturn' && which !== 'targetVolatility')) return e;
  const asked = which === 'targetReturn' ? o.targetReturn : o.targetVolatility;
  if (asked === undefined) return e;
  const attainable = which === 'targetReturn' ? o.fixedReturn + o.investable * sleeve : o.investable * sleeve;
  const conflicts = [
    ...(o.maxTurnover !== undefined ? [{ key: 'maxTurnover', text: `maxTurnover ${pctText(o.maxTurnover)}` }] : []),
    ...(o.unsuitable.length ? [{ key: 'suitability', text: `the suitability caps (${o.unsuitable.slice(0, 4).join(', ')} above the client's risk level may not be increased)` }] : []),
    { key: 'holdings', text: 'the current holdings (no new product is added)' },
  ];
  const what = which === 'targetReturn' ? 'the highest expected return' : 'the lowest volatility';
  return new WealthDeskError(
    'WD_ERR_INFEASIBLE',
    `${which}: ${pctText(asked)} cannot be met together with ${conflicts.map((c) => c.text).join(' and ')}, even without the holding cap and class bands; ` +
      `${what} they allow is ${pctText(attainable)}`,
    { cause: e, details: { path: which, conflicts: conflicts.map((c) => c.key), attainable } },
  );
}
