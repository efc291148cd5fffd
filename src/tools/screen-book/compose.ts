/**
 * screen_book's answer: what the screen means, how many clients matched, then the clients
 * in order, each by name and id with the figures of its row, and how many more matched.
 * Every figure is copied from the result (the numeric-grounding guard checks it); nothing
 * is computed here.
 */
import { label, money, pct, periodLabel, signedPct } from '../../lang/format.js';
import type { Lang } from '../../vocab.js';
import type { ScreenBookResult, ScreenRow } from './schema.js';

type R = ScreenBookResult;

const CLASS_NAME: Record<string, [string, string]> = {
  cash: ['现金', 'cash'],
  equity: ['股票（A股、港股、美股）', 'stocks (A-share, HK, US)'],
  bond: ['债券', 'bonds'],
};

function ceilings(r: R, zh: boolean): string {
  return Object.entries(r.ceilings ?? {})
    .map(([lvl, v]) => `${lvl} ${v === null ? (zh ? '不设上限' : 'none') : pct(v)}`)
    .join(zh ? '、' : ', ');
}

/** What matching clients have, as a phrase: zh "持有现金的", en "hold cash". */
function meaning(r: R, zh: boolean): string {
  const p = r.product;
  switch (r.criterion) {
    case 'aum':
      return zh ? '' : 'are in your book';
    case 'cash':
    case 'equity':
    case 'bond': {
      const [cz, ce] = CLASS_NAME[r.criterion];
      if (r.threshold !== undefined) return zh ? `${cz}占组合超过 ${pct(r.threshold)} 的` : `have more than ${pct(r.threshold)} of the portfolio in ${ce}`;
      return zh ? `持有${cz}的` : `hold ${ce}`;
    }
    case 'holds_product':
      return zh ? `持有 ${p!.name}（${p!.id}${p!.riskLevel ? `，R${p!.riskLevel}` : ''}）的` : `hold ${p!.nameEn} (${p!.id}${p!.riskLevel ? `, R${p!.riskLevel}` : ''})`;
    case 'above_profile':
      return zh
        ? '持有风险等级高于自身风险测评等级的产品（Rn > Cm）或风险测评已过期/缺失的'
        : 'hold products riskier than their risk profile (Rn > Cm) or have an expired or missing profile';
    case 'risk_limit':
      return zh
        ? `组合近3年年化波动率超过其风险等级上限（${ceilings(r, zh)}）的`
        : `have a 3-year annualized volatility above the ceiling of their profile (${ceilings(r, zh)})`;
    case 'assessment_due':
      return zh ? `风险测评缺失、已过期或将在 ${r.withinDays} 天内到期的` : `have a risk assessment that is missing, expired or expiring within ${r.withinDays} days`;
    case 'underperformed':
      return zh
        ? `${periodLabel(r.period ?? 'YTD', 'zh')}时间加权收益跑输业绩基准的`
        : `trailed their benchmark (time-weighted return, ${periodLabel(r.period ?? 'YTD', 'en').toLowerCase()})`;
    case 'concentration':
      return zh ? `单一持仓（不含现金）占组合超过 ${pct(r.threshold ?? 0)} 的` : `have a single holding (cash aside) above ${pct(r.threshold ?? 0)} of the portfolio`;
    case 'drift':
      return zh ? `有资产类别偏离目标配置超过 ${pct(r.threshold ?? 0)} 的` : `have an asset class more than ${pct(r.threshold ?? 0)} off its target weight`;
  }
}

/** How the rows are ordered, when it is a ranking. */
function ranking(r: R, zh: boolean): string | undefined {
  const asc = r.order === 'asc';
  if (r.criterion === 'aum') return zh ? `资产规模${asc ? '最小' : '最大'}` : `${asc ? 'smallest' : 'largest'} by total assets`;
  if (r.criterion === 'cash' || r.criterion === 'equity' || r.criterion === 'bond') {
    const [cz, ce] = CLASS_NAME[r.criterion];
    if (r.basis === 'weight') return zh ? `${cz}占比${asc ? '最低' : '最高'}` : `${asc ? 'lowest' : 'highest'} share in ${ce}`;
    return zh ? `${cz}${asc ? '最少' : '最多'}` : `${asc ? 'least' : 'most'} ${ce}`;
  }
  return undefined;
}

function heading(r: R, zh: boolean, only: string): string {
  const rank = ranking(r, zh);
  const ccy = zh ? `金额以 ${r.currency} 计` : `in ${r.currency}`;
  if (rank) {
    const of = r.criterion === 'aum' ? (zh ? `共 ${r.total} 位客户` : `of ${r.total}`) : zh ? `共 ${r.total} 位${meaning(r, zh)}客户` : `of ${r.total} who ${meaning(r, zh)}`;
    return zh
      ? `${rank}的 ${r.shown} 位客户${only}（${of}，截至 ${r.asOf}，${ccy}）：`
      : `The ${r.shown} client(s) with the ${rank}${only} (${of}, as of ${r.asOf}, ${ccy}):`;
  }
  const sorted = r.criterion === 'holds_product' ? (zh ? `，按持仓${r.basis === 'weight' ? '占比' : '市值'}排列` : `, by position ${r.basis === 'weight' ? 'weight' : 'value'}`) : '';
  return zh
    ? `${meaning(r, zh)}客户共 ${r.total} 位${only}（截至 ${r.asOf}${sorted}，${ccy}）：`
    : `${r.total} client(s) ${meaning(r, zh)}${only} (as of ${r.asOf}${sorted}, ${ccy}):`;
}

function who(row: ScreenRow, zh: boolean): string {
  const prof = row.riskProfile ? `C${row.riskProfile}${row.profileExpired ? (zh ? '，测评已过期' : ', profile expired') : ''}` : zh ? '未测评' : 'no profile';
  return zh ? `${row.name}（${row.clientId}，${prof}）` : `${row.name} (${row.clientId}, ${prof})`;
}

function profileNote(d: ScreenRow['detail'], zh: boolean): string {
  const days = d.daysLeft ?? 0;
  const on = d.expiresAt?.slice(0, 10) ?? '';
  switch (d.profileState) {
    case 'missing':
      return zh ? '从未做过风险测评' : 'never assessed';
    case 'expired':
      return zh ? `测评已于 ${on} 过期（已过 ${-days} 天）` : `profile expired on ${on} (${-days} days ago)`;
    case 'expiring':
      return zh ? `测评将于 ${on} 到期（还有 ${days} 天）` : `profile expires on ${on} (in ${days} days)`;
    default:
      return '';
  }
}

/** One row's figures. */
function figures(r: R, row: ScreenRow, zh: boolean): string {
  const d = row.detail;
  const c = r.currency;
  const share = (w: number | undefined) => (zh ? `占其组合 ${pct(w ?? 0)}` : `${pct(w ?? 0)} of the portfolio`);
  switch (r.criterion) {
    case 'aum':
      return zh ? `总资产 ${money(row.value, c)}，占全部客户资产 ${pct(d.bookShare ?? 0)}` : `${money(row.value, c)}, ${pct(d.bookShare ?? 0)} of the book`;
    case 'cash':
    case 'equity':
    case 'bond':
    case 'holds_product': {
      const what = r.criterion === 'holds_product' ? (zh ? '持仓' : 'position') : CLASS_NAME[r.criterion][zh ? 0 : 1];
      return zh ? `${what} ${money(row.value, c)}（${share(d.weight)}）` : `${what} ${money(row.value, c)} (${share(d.weight)})`;
    }
    case 'above_profile': {
      const held = (d.holdings ?? []).map((h) => (zh ? `${h.name}（${h.instrumentId}，R${h.riskLevel}）${money(h.value, c)}` : `${h.name} (${h.instrumentId}, R${h.riskLevel}) ${money(h.value, c)}`));
      const parts: string[] = [];
      if (held.length) parts.push(zh ? `高于其风险等级的持仓：${held.join('、')}，合计${share(d.weight)}` : `above the profile: ${held.join(', ')}; together ${share(d.weight)}`);
      const note = profileNote(d, zh);
      if (note) parts.push(note);
      return parts.join(zh ? '；' : '; ');
    }
    case 'risk_limit':
      return zh
        ? `年化波动率 ${pct(row.metric ?? 0)}，上限 ${pct(d.ceiling ?? 0)}，超出 ${pct(d.excess ?? 0)}`
        : `annualized volatility ${pct(row.metric ?? 0)} vs ceiling ${pct(d.ceiling ?? 0)}, ${pct(d.excess ?? 0)} over`;
    case 'assessment_due':
      return profileNote(d, zh);
    case 'underperformed':
      return zh
        ? `收益 ${signedPct(d.return ?? 0)}，基准 ${signedPct(d.benchmarkReturn ?? 0)}，落后 ${pct(d.shortfall ?? 0)}（${d.start} 至 ${d.end}）`
        : `return ${signedPct(d.return ?? 0)} vs benchmark ${signedPct(d.benchmarkReturn ?? 0)}, ${pct(d.shortfall ?? 0)} behind (${d.start} to ${d.end})`;
    case 'concentration': {
      const h = d.holdings?.[0];
      if (!h) return '';
      return zh ? `最大持仓 ${h.name}（${h.instrumentId}）${money(h.value, c)}，${share(h.weight)}` : `largest holding ${h.name} (${h.instrumentId}) ${money(h.value, c)}, ${share(h.weight)}`;
    }
    case 'drift':
      return zh
        ? `${label(d.assetClass ?? '', 'zh')}实际 ${pct(d.actual ?? 0)}，目标 ${pct(d.target ?? 0)}，偏离 ${pct(row.metric ?? 0)}`
        : `${label(d.assetClass ?? '', 'en')} ${pct(d.actual ?? 0)} vs target ${pct(d.target ?? 0)}, ${pct(row.metric ?? 0)} off`;
  }
}

/** The whole answer. */
export function composeScreen(r: R, lang: Lang): string {
  const zh = lang === 'zh';
  const only = r.riskProfile ? (zh ? `（仅 C${r.riskProfile} 客户）` : ` (C${r.riskProfile} clients only)`) : '';
  if (r.total === 0) {
    if (r.criterion === 'aum') return zh ? `截至 ${r.asOf}，没有符合条件的客户${only}。` : `As of ${r.asOf}, no client matches${only}.`;
    return zh ? `截至 ${r.asOf}，没有${meaning(r, zh)}客户${only}。` : `As of ${r.asOf}, no client ${meaning(r, zh).replace(/^(hold|have|are)\b/, (v) => (v === 'hold' ? 'holds' : v === 'have' ? 'has' : 'is'))}${only}.`;
  }
  const lines = [heading(r, zh, only)];
  r.rows.forEach((row, i) => lines.push(`${i + 1}. ${who(row, zh)}${zh ? '：' : ': '}${figures(r, row, zh)}`));
  if (r.more > 0) lines.push(zh ? `……另有 ${r.more} 位客户未列出。` : `… and ${r.more} more clients not listed.`);
  return lines.join('\n');
}
