/**
 * What the offline planner knows of get_performance: the words for returns and
 * "did I beat the market", the periods (trailing windows, YTD, since inception and
 * calendar years: 去年 = last calendar year), and follow-ups that change only the
 * period or the currency ("那去年呢？", "and over 3 years?", "in USD?").
 */
import { periodLabel, pct, signedMoney, signedPct } from '../../lang/format.js';
import type { ToolPlanner } from '../planning.js';
import { call, carry, isZh, ownResult, whose } from '../shared/plan-kit.js';
import type { GetPerformanceResult } from '../contract.js';

function args(periods: string[], currency: string | undefined, benchmark?: string): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  if (periods.length > 0) a.periods = periods;
  if (currency) a.currency = currency;
  if (benchmark) a.benchmark = benchmark;
  return a;
}

const COMPARE_SHOWN = /哪(一|个)?(年|段|期)更?好|哪年|which (year|period|one) (was|did) better|better year|哪个更好|which was better/;
const JUDGE = /^(is|was) (that|it|this) (good|ok|okay|bad|decent|any good)|good or bad|算好吗|算不算好|好不好|还行吗|正常吗|is that normal/;
const ASSUMED_RATE = /按\s*\d+(\.\d+)?\s*%\s*(算|计算|来算|测算)|假设.{0,10}\d+(\.\d+)?\s*%|assum(e|ing)\b.{0,20}\d+(\.\d+)?\s*%|\d+(\.\d+)?\s*% (a year|per year|annually) instead/;
const VS_BENCHMARK = /基准|大盘|benchmark|the index|vs\.?|versus|compared|跑赢|跑输|beat/;

interface PerformanceMemory {
  [k: string]: unknown;
  clientId?: string;
  periods: { period: string; return: number; benchmarkReturn: number | null }[];
}

const ANNUALISED = /年化|每年平均|annuali[sz]ed|per (year|annum)|a year on average/;

export const getPerformancePlanner: ToolPlanner<GetPerformanceResult> = {
  intents: [
    {
      id: 'performance',
      offer: ['client'],
      label: { zh: '收益表现', en: 'your performance' },
      zh: [['收益', 2.5], ['收益率', 1], ['回报', 2.5], ['表现', 2.5], ['业绩', 2.5], ['赚了多少', 2], ['挣', 1.5], ['涨了', 1.5], ['跌了', 1], ['跑赢', 3], ['跑输', 3], ['差了多少', 2.5], ['基准', 2], ['大盘', 1.5], ['沪深300', 1.5], ['年化', 2], ['今年', 0.5], ['成立以来', 1], ['收益咋样', 1], ['亏了', 2], ['亏得', 2], ['亏钱', 2], ['赚钱', 2], ['挣钱', 2], ['挣到', 2], ['赚到', 2], ['赚了', 1.5], ['盈利', 2], ['回报率', 2], ['涨幅', 2], ['跌幅', 2], ['最近', 0.5]],
      en: [['return', 2.5], ['perf', 2.5], ['how did+do', 3], ['how have+done', 3], ['how has+done', 3], ['how is+doing', 2], ['perform', 2.5], ['performance', 2.5], ['gain', 1.5], ['how did i do', 3], ['make', 1], ['made', 1], ['beat', 2], ['benchmark', 2], ['vs index', 2], ['index', 1], ['annualized', 2], ['annualised', 2], ['ytd', 2], ['year to date', 2], ['since inception', 2], ['how is it going', 1.5], ['going', 1], ['lately', 1], ['doing', 1], ['did i make', 2.5], ['do this year', 2], ['how am i doing', 3], ['lost money', 2.5], ['lost', 1.5], ['making money', 2.5], ['making any money', 2.5], ['made money', 2.5], ['gone nowhere', 2.5], ['recently', 1], ['profit', 1.5], ['returns', 2.5], ['up this year', 2], ['down this year', 2], ['portfolio doing', 2], ['earned', 2.5], ['since i started', 2], ['this yr', 1.5], ['behind', 1.5], ['lagging', 1.5], ['underperform', 2]],
      // "年化收益按4%算", "assume 5% a year": a rate assumed for a projection, not past performance
      bias: (u) =>
        (u.slots.periods.length > 0 ? 0.5 : 0) +
        (ASSUMED_RATE.test(u.norm) ? -3 : 0) +
        // "what's my expected return?" asks for the model's forward figure, not the return achieved
        (/expected return|预期(年化|收益)/.test(u.norm) ? -3 : 0) +
        // "what about my whole portfolio this year", "组合今年怎么样": a portfolio over a period is its return
        (u.slots.periods.length > 0 && u.slots.amounts.length === 0 && /\bportfolio\b|\baccount\b|组合|账户/.test(u.norm) && !/worth|value|hold|own|allocation|市值|持仓|值多少|配置/.test(u.norm) ? 2.5 : 0),
    },
  ],
  plan: (u, intent) => call(intent, 'get_performance', args(u.slots.periods, u.slots.currency, u.benchmark)),
  followUp(u, prev, env) {
    // In a follow-up a bare year ("and 2024?") is a calendar period.
    const periods = u.slots.periods.length > 0 ? u.slots.periods : u.slots.bareYears;
    const m = env.dialogue.memory.get_performance as PerformanceMemory | undefined;
    if (periods.length === 0 && !u.slots.currency && !u.benchmark && m && COMPARE_SHOWN.test(u.norm) && m.periods.length >= 2) {
      const best = [...m.periods].sort((a, b) => b.return - a.return)[0];
      const list = m.periods.map((p) => `${periodLabel(p.period, u.lang)} ${signedPct(p.return)}`).join(isZh(u.lang) ? '，' : ', ');
      const text = isZh(u.lang) ? `按刚才的数据，${periodLabel(best.period, u.lang)}更好（${list}）。过往业绩不代表未来表现。` : `On the figures just shown, ${periodLabel(best.period, u.lang)} was better (${list}). Past performance is not a guide to future returns.`;
      return { kind: 'say', intent: 'performance', text, from: 'get_performance' };
    }
    // "is that good?": the return just shown against its benchmark, plainly
    if (periods.length === 0 && m && m.periods.length > 0 && JUDGE.test(u.norm)) {
      const p = m.periods[m.periods.length - 1];
      const zh = isZh(u.lang);
      const vs = p.benchmarkReturn === null ? '' : p.return >= p.benchmarkReturn
        ? zh ? `，高于同期基准（${signedPct(p.benchmarkReturn)}）` : `, ahead of its benchmark (${signedPct(p.benchmarkReturn)})`
        : zh ? `，低于同期基准（${signedPct(p.benchmarkReturn)}）` : `, behind its benchmark (${signedPct(p.benchmarkReturn)})`;
      const text = zh
        ? `${periodLabel(p.period, u.lang)}组合收益 ${signedPct(p.return)}${vs}。好坏要看与您的目标和风险承受能力是否相符；过往业绩不代表未来表现。`
        : `${periodLabel(p.period, u.lang)}, the portfolio returned ${signedPct(p.return)}${vs}. Whether that is good depends on your goals and risk tolerance; past performance is not a guide to future returns.`;
      return { kind: 'say', intent: 'performance', text, from: 'get_performance' };
    }
    // "跟基准比怎么样" / "vs the index?" on the same periods
    // "年化多少", "annualised?": the same periods again (the answer gives the annualised figure)
    if (periods.length === 0 && !u.slots.currency && !u.benchmark && !VS_BENCHMARK.test(u.norm) && !ANNUALISED.test(u.norm)) return undefined;
    const next = args(periods, u.slots.currency, u.benchmark);
    return call('performance', 'get_performance', carry(prev, next.periods ? next : { ...next, periods: prev.args.periods }));
  },
  compose(input) {
    const own = ownResult<GetPerformanceResult>(input);
    if ('failed' in own) return own.failed;
    const r = own.result;
    const zh = isZh(input.lang);
    const bench = zh ? r.benchmark.name : r.benchmark.nameEn;
    const w = whose(input, r.clientId, r.clientName);
    const lines = [
      zh
        ? `截至 ${r.asOf}，${w.zh}组合的时间加权收益率（基准：${bench}）：`
        : `Time-weighted returns of ${w.en} portfolio as of ${r.asOf} (benchmark: ${bench}):`,
    ];
    for (const p of r.periods) {
      const ann = p.annualized !== null ? (zh ? `，年化 ${pct(p.annualized)}` : `, annualized ${pct(p.annualized)}`) : '';
      const b =
        p.benchmarkReturn !== null
          ? zh
            ? `，基准 ${signedPct(p.benchmarkReturn)}，${p.excessReturn !== null && p.excessReturn < 0 ? '跑输' : '超额'} ${signedPct(p.excessReturn ?? 0)}`
            : `, benchmark ${signedPct(p.benchmarkReturn)}, excess ${signedPct(p.excessReturn ?? 0)}`
          : '';
      lines.push(`- ${periodLabel(p.period, input.lang)} (${p.start} – ${p.end}): ${signedPct(p.return)}${ann}${b}${zh ? '，盈亏 ' : ', P&L '}${signedMoney(p.pnl, r.currency)}`);
    }
    lines.push(zh ? '过往业绩不代表未来表现。' : 'Past performance is not a guide to future returns.');
    return lines.join('\n');
  },
  remember: (r, _args, before) => {
    const shown = r.periods.map((p) => ({ period: p.period, return: p.return, benchmarkReturn: p.benchmarkReturn }));
    // Periods shown just before for the same client stay comparable ("2024", then "and 2025?").
    const earlier = (before as PerformanceMemory | undefined)?.clientId === r.clientId ? ((before as PerformanceMemory).periods ?? []) : [];
    const periods = [...earlier.filter((p) => !shown.some((s) => s.period === p.period)), ...shown].slice(-6);
    return { clientId: r.clientId, asOf: r.asOf, periods, subject: { clientId: r.clientId, name: r.clientName } };
  },
};
