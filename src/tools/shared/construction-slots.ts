/**
 * Slots of the portfolio-construction questions (issue 3), from one normalized message:
 * the optimization objective and its targets, market views for Black-Litterman, the
 * rebalancing band, the goal (target amount, monthly contribution, starting amount,
 * horizon in years or a target date) and the backtest rule. Money stays a decimal string.
 */
import { Decimal } from 'decimal.js';
import type { OptimizeObjective, OptimizeView } from '../contract-construction.js';
import { parseChineseNumber, scaled } from '../../lang/numbers.js';

/** Asset words → what `optimize_portfolio` views accept (asset class or sector). */
const ASSET_WORDS: [RegExp, string][] = [
  [/科技|tech(nology)?\b|互联网|半导体|芯片/, 'technology'],
  [/消费|consumer/, 'consumer'],
  [/医药|医疗|healthcare|health care|pharma/, 'healthcare'],
  [/金融|银行股|financials?\b|banks?\b/, 'financials'],
  [/能源|energy|oil/, 'energy'],
  [/美股|us (stocks|equities|equity)|american stocks|s&p|nasdaq|纳斯达克/, 'equity_us'],
  [/港股|hk (stocks|equities)|hong kong (stocks|equities)|恒生/, 'equity_hk'],
  [/a股|china a|a-shares?|chinese stocks|沪深300/, 'equity_cn'],
  [/债券|债基|bonds?\b|fixed income|固收/, 'bond'],
  [/reits?\b|不动产/, 'reit'],
  [/私募|private funds?/, 'private'],
  [/理财|wealth products?/, 'wealth'],
];

function assetsIn(norm: string): { at: number; key: string }[] {
  const out: { at: number; key: string }[] = [];
  for (const [re, key] of ASSET_WORDS) {
    const m = new RegExp(re.source, 'g').exec(norm);
    if (m && !out.some((o) => o.key === key)) out.push({ at: m.index, key });
  }
  return out.sort((a, b) => a.at - b.at);
}

function percentAt(norm: string): { at: number; v: number }[] {
  const out: { at: number; v: number }[] = [];
  for (const m of norm.matchAll(/(\d+(?:\.\d+)?)\s*(%|percent\b|pct\b|个点|个百分点)/g)) out.push({ at: m.index, v: new Decimal(m[1]).div(100).toNumber() });
  for (const m of norm.matchAll(/百分之([零一二两三四五六七八九十点]+|\d+(?:\.\d+)?)/g)) {
    const d = /^\d/.test(m[1]) ? new Decimal(m[1]) : parseChineseNumber(m[1]);
    if (d) out.push({ at: m.index, v: d.div(100).toNumber() });
  }
  // "千分之三" = 0.3%
  for (const m of norm.matchAll(/千分之([零一二两三四五六七八九十点]+|\d+(?:\.\d+)?)/g)) {
    const d = /^\d/.test(m[1]) ? new Decimal(m[1]) : parseChineseNumber(m[1]);
    if (d) out.push({ at: m.index, v: d.div(1000).toNumber() });
  }
  // "两成" / "3成" = 20% / 30% (tenths), not inside 成本/成长/成交/成立.
  for (const m of norm.matchAll(/(?<![\d.])([一二两三四五六七八九]|\d(?:\.\d)?)\s*成(?![本长交立功员])/g)) {
    const d = /^\d/.test(m[1]) ? new Decimal(m[1]) : parseChineseNumber(m[1]);
    if (d) out.push({ at: m.index, v: d.div(10).toNumber() });
  }
  return out.sort((a, b) => a.at - b.at);
}

const COST_WORD = /手续费|交易费|佣金|费率|成本|cost|commission|fee|charge/;

/** The percentage that states a cost: a cost word just before it ("佣金0.1%") or right after ("0.1% commission"). */
function costPercent(norm: string): { at: number; v: number } | undefined {
  return percentAt(norm).find((x) => {
    if (x.v > 0.05) return false;
    if (COST_WORD.test(norm.slice(Math.max(0, x.at - 14), x.at))) return true;
    const after = norm.slice(x.at).replace(/^[\d.]+\s*(%|percent|pct)?/, '');
    return /^\s*(的)?\s*(手续费|交易费|佣金|费率|成本|costs?|commission|fees?|charge)/.test(after);
  });
}

/** Basis points: "20bps", "20 个基点", "万五" / "万分之五" (5 bp), "0.1%" next to a cost word. */
export function costBpsOf(norm: string): number | undefined {
  const bp = /(\d+(?:\.\d+)?)\s*(?:bps?\b|basis points?|个?基点)/.exec(norm);
  if (bp) return Number(bp[1]);
  const wan = /万分之\s*([一二两三四五六七八九十点\d.]+)|万([一二两三四五六七八九])(?![一-龥]{0,1}[元块])/.exec(norm);
  if (wan) {
    const v = wan[1] ?? wan[2];
    const d = /^\d/.test(v) ? new Decimal(v) : parseChineseNumber(v);
    if (d) return d.toNumber();
  }
  const p = costPercent(norm);
  return p ? new Decimal(p.v).times(10000).toNumber() : undefined;
}

const VIEW_CUE = /觉得|认为|看好|看空|预计|预期|相信|估计|我猜|i think|i believe|i expect|expect|i bet|i reckon|reckon|i guess|i suspect|i assume|my view|my bet|bullish|bearish|will (beat|outperform|return|rise|go up|gain|do)|factor (that|this) in/;
const BEAT = /跑赢|好于|强于|超过|beat|outperform|do better than/;
const NEAR = 28;

/** Market views stated in the message ("科技股明年会跑赢债券3%", "I think tech will beat bonds by 3%"). */
export function viewsOf(norm: string): OptimizeView[] {
  if (!VIEW_CUE.test(norm)) return [];
  const assets = assetsIn(norm);
  const pcts = percentAt(norm);
  if (assets.length === 0 || pcts.length === 0) return [];
  // "A 比 B 好5%" / "A 比 B 强" compare like "A 跑赢 B".
  const beat = BEAT.exec(norm) ?? /比(?=.{1,8}(好|强|高|多涨))/.exec(norm);
  if (beat && assets.length >= 2) {
    const long = [...assets].reverse().find((a) => a.at < beat.index);
    const short = assets.find((a) => a.at > beat.index);
    if (long && short && long.key !== short.key) return [{ type: 'relative', asset: long.key, versus: short.key, return: pcts[0].v }];
  }
  const up = /涨|回报|收益|上涨|return|gain|go up|rise|grow/.test(norm);
  const down = /跌|下跌|fall|drop|lose|decline/.test(norm);
  if (!up && !down) return [];
  return [{ type: 'absolute', asset: assets[0].key, return: down && !up ? -pcts[0].v : pcts[0].v }];
}

export interface OptimizeSlots {
  maxTurnover?: number;
  objective?: OptimizeObjective;
  targetVolatility?: number;
  targetReturn?: number;
  views?: OptimizeView[];
}

/** Objective, targets and views of an optimization request. */
export function optimizeSlotsOf(norm: string): OptimizeSlots {
  const turnover = turnoverOf(norm);
  const o = objectiveOf(norm, turnover);
  return turnover !== undefined ? { ...o, maxTurnover: turnover } : o;
}

const TURNOVER = /换手|调仓幅度|调整幅度|调仓比例|调仓量|变动|改动|turn ?over|trade more than|change more than|move more than/;

/** A cap on how much of the portfolio may change: "换手不超过20%", "调仓幅度别超过两成", "don't turn over more than 30%". */
function turnoverOf(norm: string): number | undefined {
  const p = percentAt(norm).find((x) => TURNOVER.test(norm.slice(Math.max(0, x.at - NEAR), x.at + 6)));
  return p && p.v > 0 && p.v <= 2 ? p.v : undefined;
}

function objectiveOf(norm: string, turnover: number | undefined): OptimizeSlots {
  const views = viewsOf(norm);
  if (views.length > 0) return { objective: 'black-litterman', views };
  const pcts = percentAt(norm).filter((p) => p.v !== turnover);
  const near = (re: RegExp) => pcts.find((p) => re.test(norm.slice(Math.max(0, p.at - NEAR), p.at + NEAR)));
  const vol = near(/波动|volatil|\bvol\b|风险控制|risk (at|of|under|below|capped)/);
  if (vol) return { objective: 'efficient-risk', targetVolatility: vol.v };
  const ret = near(/收益|回报|年化|return|a year|per year|annually|per annum|每年/);
  if (ret) return { objective: 'efficient-return', targetReturn: ret.v };
  if (/\bhrp\b|层次风险平价|分层风险平价|hierarchical/.test(norm)) return { objective: 'hrp' };
  if (/风险平价|risk[- ]parity|equal risk/.test(norm)) return { objective: 'risk-parity' };
  if (/最小波动|波动最小|波动最低|最低波动|最小方差|风险最低|最低风险|风险最小|最稳|min(imum)?[- ]?(vol|volatility|variance|risk)|lowest (risk|volatility)|least (risky|volatile)|less risky|safer|lower (volatility|risk)|风险低一点|更稳/.test(norm)) {
    return { objective: 'min-volatility' };
  }
  if (/夏普|sharpe|风险调整后|risk[- ]adjusted|风险收益比|性价比|收益风险比|risk[- ]reward|return per unit of risk|best trade-?off/.test(norm)) return { objective: 'max-sharpe' };
  return {};
}

/** Rebalancing bands: "偏离超过3个点", "more than 3% off", "相对偏离20%". */
export function rebalanceSlotsOf(norm: string): { absoluteBand?: number; relativeBand?: number; taxAware?: boolean; costBps?: number } {
  const out: { absoluteBand?: number; relativeBand?: number; taxAware?: boolean; costBps?: number } = {};
  const cost = costBpsOf(norm);
  if (cost !== undefined && cost <= 500) out.costBps = cost;
  if (/(不|别|无需|不用|不必)(考虑|管|算|理)\S{0,2}税|忽略\S{0,2}税|税(不用|不必|无所谓)|ignor\S* (the )?tax|(no|without|forget|not) (the )?tax|tax (doesn'?t|does not) matter|pre-?tax/.test(norm)) out.taxAware = false;
  else if (/考虑\S{0,2}税|节税|税务优化|避税|tax[- ]aware|tax[- ]efficient|tax loss|minimi[sz]e (the )?tax/.test(norm)) out.taxAware = true;
  const costAt = costPercent(norm)?.at;
  const p = percentAt(norm).find((x) => x.v > 0 && x.v < 1 && x.at !== costAt);
  if (p) {
    if (/相对|relative/.test(norm)) out.relativeBand = p.v;
    else out.absoluteBand = p.v;
  }
  return out;
}


/** Backtest rule and window. */
export function backtestSlotsOf(norm: string, horizonYears?: number): { strategy: string; band?: number; years?: number; costBps?: number } {
  const out: { strategy: string; band?: number; years?: number; costBps?: number } = { strategy: 'quarterly' };
  const band = percentAt(norm).find((x) => x.v > 0 && x.v <= 0.5);
  if (band && /偏离|阈值|超过|threshold|drift|band|off|more than/.test(norm)) {
    out.strategy = 'threshold';
    out.band = band.v;
  } else if (/每月|每个月|月度|按月|monthly|every month|each month|once a month/.test(norm)) out.strategy = 'monthly';
  else if (/季度|按季|quarter/.test(norm)) out.strategy = 'quarterly';
  else if (/每年|一年一次|年度|一年调|按年|annual|yearly|once a year|every year/.test(norm)) out.strategy = 'annual';
  else if (/阈值|threshold/.test(norm)) out.strategy = 'threshold';
  else if (/买入持有|一直拿着|拿着不动|buy[- ]and[- ]hold|just hold/.test(norm)) out.strategy = 'buy-and-hold';
  const cost = costBpsOf(norm);
  if (cost !== undefined && cost <= 500) out.costBps = cost;
  if (horizonYears && horizonYears <= 10) out.years = horizonYears;
  return out;
}

export interface GoalSlots {
  expectedReturn?: number;
  volatility?: number;
  inflation?: number;
  targetAmount?: string;
  monthlyContribution?: string;
  initialAmount?: string;
  years?: number;
  targetDate?: string;
}

interface Money {
  at: number;
  end: number;
  value: Decimal;
}

function moneyIn(norm: string): Money[] {
  const out: Money[] = [];
  const re = /(?:(us\$|hk\$|\$|¥|￥)\s*)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|mm|mn|m|bn|thousand|million|billion|千|万|亿|w)?(?![\d%a-z.])\s*(元|块|美元|美金|港币|usd|hkd|cny|rmb|dollars?)?/g;
  for (const m of norm.matchAll(re)) {
    const [, sym, num, suffix, unit] = m;
    const after = norm.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (/^(年|岁|个|天|日|期|%|号|y|d)/.test(after) || /^\s*(years?|yrs?|岁|percent)/.test(after)) continue;
    if (suffix === 'm' && /^(onth|in)/.test(norm.slice(m.index + m[0].length - 1))) continue;
    if (/[-\d.]$/.test(norm.slice(0, m.index)) || /(no\.|号)$/.test(norm.slice(Math.max(0, m.index - 3), m.index))) continue;
    const v = scaled(num, suffix);
    if (!sym && !suffix && !unit && v.lt(100)) continue;
    if (!sym && !suffix && !unit && v.gte(1900) && v.lte(2100) && /(by|in|before|until|到|在|from|since)\s*$/.test(norm.slice(0, m.index))) continue; // a year
    out.push({ at: m.index, end: m.index + m[0].length, value: v });
  }
  for (const m of norm.matchAll(/([零〇一二两三四五六七八九十百千万亿点]+)(元|块)?/g)) {
    if (!/[万亿千]/.test(m[1]) && !m[2]) continue;
    const d = parseChineseNumber(m[1]);
    if (d && d.gte(100)) out.push({ at: m.index, end: m.index + m[0].length, value: d });
  }
  return out.sort((a, b) => a.at - b.at);
}

const MONTHLY = /每月|每个月|月投|月定投|月存|定投|a month|per month|monthly|each month|every month|\/month|\/月/;
const INITIAL = /起步|本金|一次性|首期|starting with|start with|initial|lump sum|up front|upfront|现有|手上有|现在有/;

/** Goal amounts and horizon: years from the ages ("60岁退休，现在45岁"), a horizon, or a year ("到2040年" → 2040-12-31). */
export function goalSlotsOf(norm: string, horizonYears?: number): GoalSlots {
  const out: GoalSlots = {};
  const rest: Money[] = [];
  for (const m of moneyIn(norm)) {
    const before = norm.slice(Math.max(0, m.at - 16), m.at);
    const after = norm.slice(m.end, m.end + 14);
    if (!out.monthlyContribution && (MONTHLY.test(before.slice(-6)) || /^\s*(a month|per month|monthly|each month|every month|\/month|\/月|每月)/.test(after))) {
      out.monthlyContribution = m.value.toFixed();
    } else if (!out.initialAmount && (INITIAL.test(before) || /^\s*(起步|本金|作为本金|to start|up front|upfront)/.test(after))) {
      out.initialAmount = m.value.toFixed();
    } else rest.push(m);
  }
  if (!out.monthlyContribution && noMoreContributions(norm)) out.monthlyContribution = '0';
  if (rest.length > 0) out.targetAmount = rest.reduce((a, b) => (b.value.gt(a.value) ? b : a)).value.toFixed();
  // The word just before a percentage says what it is ("通胀2%", "年化4%"); else the words right after ("6% a year", "3% inflation").
  const INFL = /通胀|通货膨胀|物价|inflation|cpi/;
  const RET = /年化|收益|回报|每年|一年|return|a year|per year|annual|per annum|p\.a|grow/;
  const VOL = /波动|volatil|\bvol\b|std|standard deviation/;
  for (const p of percentAt(norm)) {
    const before = norm.slice(Math.max(0, p.at - 10), p.at);
    const after = norm.slice(p.at, p.at + 16);
    // "what if inflation runs at 2%": the subject a little further back
    const infl = INFL.test(before) || (!RET.test(before) && INFL.test(after)) || (!RET.test(before) && INFL.test(norm.slice(Math.max(0, p.at - 24), p.at)));
    if (infl) out.inflation ??= p.v;
    else if (VOL.test(before) || VOL.test(after)) out.volatility ??= p.v;
    else if (RET.test(before) || RET.test(after)) out.expectedReturn ??= p.v;
  }
  const retireAt = /(\d{2})\s*岁?\s*(退休|retire)|retire (at|by)\s*(\d{2})|(?:到|等到)\s*(\d{2})\s*岁/.exec(norm);
  const nowAge = /(?:现在|今年|我)\s*(\d{2})\s*岁|(?:i'?m|i am)\s*(\d{2})(?!\d)/.exec(norm);
  const target = retireAt ? Number(retireAt[1] ?? retireAt[4] ?? retireAt[5]) : undefined;
  const current = nowAge ? Number(nowAge[1] ?? nowAge[2]) : undefined;
  const byYear = /(?:到|在|by|before|until|in)\s*((?:19|20)\d{2})\s*年?/.exec(norm);
  if (target && current && target > current) out.years = target - current;
  else if (horizonYears) out.years = horizonYears;
  else if (byYear) out.targetDate = `${byYear[1]}-12-31`;
  return out;
}

const SINGLE_CAP = /单只|单个|单一|每只|任何一只|任一|单笔持仓|single (holding|position|fund|stock|asset|name)|any (one|single) (holding|position|fund|name|product|stock|asset|security|instrument)|each (holding|position)|no (single )?(holding|position)|per (holding|position|name)|cap (each|every|any)|nothing (is |goes |sits )?(above|over|more than|bigger than)|none (above|over)|max(imum)? (weight|position)|\b\d+(\.\d+)?\s*% cap\b|\bcap(ped)? (it|that|them|this|the fund|the position) at|封顶|上限设/;

/** "without the 30% cap", "drop the cap", "不设单只上限": no cap on a single holding (1 = 100%). */
/** Right after the percent: "max 25% in any one product", "20% per holding", "10% 每只". */
const CAP_AFTER = /^\s*(in|per|for|on|of) (any|each|every|a single|one|a|the) ?(one |single )?(holding|position|fund|name|product|stock|asset|security|instrument)s?\b|^\s*(每只|单只)/;
const NO_CAP = /(without|no|drop|remove|lift|ignore|forget)( the| any)?( \d+(\.\d+)?\s*%)? (single[- ]holding |position |weight )?(cap|limit)\b|(不设|取消|去掉|不要)(单只)?(上限|限制)/;

/** A cap on any single holding: "单只不超过20%", "keep no single holding above 20%", "cap each position at 15%", "capped it at 20%". */
export function maxWeightOf(norm: string): number | undefined {
  if (NO_CAP.test(norm)) return 1;
  const p = percentAt(norm).find((x) => SINGLE_CAP.test(norm.slice(Math.max(0, x.at - NEAR), x.at + 8)) || CAP_AFTER.test(norm.slice(x.at).replace(/^[\d.]+\s*(%|percent|pct)?/, '')));
  return p && p.v > 0 && p.v <= 1 ? p.v : undefined;
}

/** "不要资产类别的上下限", "drop the asset-class bands", "no class limits": the bands off (0 = none). */
export function classBandOf(norm: string): number | undefined {
  if (/(不要|不用|去掉|取消|不限制?|不设)\S{0,6}(上下限|区间|带宽|类别限制|配置区间)|(no|drop|remove|without|ignore)( the)? (asset[- ])?class (bands?|limits?|constraints?)|no bands/.test(norm)) return 0;
  const p = percentAt(norm).find((x) => /上下|区间|band|±|\+\/-/.test(norm.slice(Math.max(0, x.at - NEAR), x.at + 8)) && /类别|资产类|class|band/.test(norm));
  return p && p.v > 0 && p.v <= 1 ? p.v : undefined;
}

/** "不追加投入", "no more contributions", "stop adding": a monthly contribution of zero. */
export function noMoreContributions(norm: string): boolean {
  return /不(再)?(追加|投入|定投|存)|不追加|停止(定投|投入)|(no|without) (more |further |additional |extra )?(monthly )?contributions?|stop (contributing|adding|investing)|without adding|nothing more (each|a) month|only what i have/.test(norm);
}
