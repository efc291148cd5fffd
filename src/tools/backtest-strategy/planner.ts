/**
 * What the offline planner knows of backtest_strategy: "would rebalancing every quarter
 * have beaten holding?" — the rule (calendar or threshold), the window and costs;
 * follow-ups change the rule or the window.
 */
import { money, pct, ratio, signedPct } from '../../lang/format.js';
import type { BacktestRun, BacktestStrategyResult } from '../contract-construction.js';
import type { Utterance } from '../../lang/utterance.js';
import type { ToolPlanner } from '../planning.js';
import { STRATEGY, pick } from '../shared/construction-labels.js';
import { backtestSlotsOf } from '../shared/construction-slots.js';
import { call, carry, isZh, ownResult } from '../shared/plan-kit.js';
import type { Lang } from '../../vocab.js';

function runLine(x: BacktestRun, name: string, c: string): string {
  return `| ${name} | ${money(x.endValue, c)} | ${signedPct(x.totalReturn)} | ${pct(x.annualReturn)} | ${pct(x.annualVolatility)} | ${ratio(x.sharpe)} | ${pct(x.maxDrawdown)} | ${x.rebalances} | ${money(x.totalCost, c)} |`;
}

/** Strategy vs buy-and-hold. */
function composeBacktest(r: BacktestStrategyResult, lang: Lang): string {
  const c = r.currency;
  const s = pick(STRATEGY, r.strategy.strategy, lang);
  const bh = pick(STRATEGY, 'buy-and-hold', lang);
  const L: string[] = [
    isZh(lang)
      ? `回测区间 ${r.startDate} 至 ${r.endDate}，起始资金 ${money(r.startValue, c)}，${s}与${bh}对比：`
      : `Backtest from ${r.startDate} to ${r.endDate}, starting from ${money(r.startValue, c)}: ${s} vs ${bh}.`,
    isZh(lang)
      ? '| 策略 | 期末市值 | 累计收益 | 年化收益 | 年化波动 | 夏普 | 最大回撤 | 调仓次数 | 交易成本 |'
      : '| Strategy | End value | Total return | Annual return | Volatility | Sharpe | Max drawdown | Rebalances | Costs |',
    '|---|---|---|---|---|---|---|---|---|',
    runLine(r.strategy, s, c),
    runLine(r.buyAndHold, bh, c),
  ];
  const better = r.strategy.sharpe > r.buyAndHold.sharpe;
  L.push(
    isZh(lang)
      ? `在这段历史中，${better ? s : bh}的夏普比率更高（${ratio(Math.max(r.strategy.sharpe, r.buyAndHold.sharpe))}）。过往表现不代表未来。`
      : `Over this history, ${better ? s : bh} had the higher Sharpe ratio (${ratio(Math.max(r.strategy.sharpe, r.buyAndHold.sharpe))}). Past performance does not predict the future.`,
  );
  return L.join('\n');
}

interface BacktestMemory {
  [k: string]: unknown;
  runs?: { strategy: string; totalReturn: number; annualVolatility: number; maxDrawdown: number; sharpe: number }[];
}

/** Which of the two runs shown did better on the measure asked (drawdown, return, volatility, Sharpe). */
function compareRuns(u: Utterance, m: BacktestMemory): string | undefined {
  if (!/which|哪个|哪种|哪一个|更好|better|smaller|larger|lower|higher|小|大|低|高/.test(u.norm) || !m.runs || m.runs.length < 2) return undefined;
  const zh = isZh(u.lang);
  const measures: [RegExp, keyof NonNullable<BacktestMemory['runs']>[number], 'max' | 'min', string, string][] = [
    [/回撤|drawdown/, 'maxDrawdown', 'max', '最大回撤更小', 'had the smaller drawdown'],
    [/波动|volatil|\bvol\b/, 'annualVolatility', 'min', '波动更低', 'was less volatile'],
    [/夏普|sharpe/, 'sharpe', 'max', '夏普比率更高', 'had the higher Sharpe ratio'],
    [/收益|回报|return|earned|made more|赚/, 'totalReturn', 'max', '累计收益更高', 'returned more'],
  ];
  const hit = measures.find(([re]) => re.test(u.norm));
  if (!hit) return undefined;
  const [, key, dir, zhWhat, enWhat] = hit;
  const [a, b] = m.runs;
  const win = (dir === 'max' ? (a[key] as number) >= (b[key] as number) : (a[key] as number) <= (b[key] as number)) ? a : b;
  const fmt = (x: number) => (key === 'sharpe' ? x.toFixed(2) : key === 'totalReturn' ? signedPct(x) : pct(x));
  const name = (s: string) => pick(STRATEGY, s, u.lang);
  const both = m.runs.map((r) => `${name(r.strategy)} ${fmt(r[key] as number)}`).join(zh ? '，' : ', ');
  return zh
    ? `按刚才的回测，${name(win.strategy)}${zhWhat}（${both}）。历史回测不代表未来表现。`
    : `In the backtest just shown, ${name(win.strategy)} ${enWhat} (${both}). A backtest is not a guide to future returns.`;
}

export const backtestStrategyPlanner: ToolPlanner<BacktestStrategyResult> = {
  intents: [
    {
      id: 'backtest',
      label: { zh: '回测调仓策略', en: 'backtesting a rebalancing rule' },
      zh: [['回测', 4], ['历史模拟', 3], ['买入持有', 2.5], ['定期再平衡', 2], ['拿着不动', 3], ['一直拿着', 3], ['历史上', 2], ['效果会怎么样', 2], ['如果过去', 3], ['哪个收益高', 2], ['哪个好', 1.5], ['历史表现', 3.5], ['历史数据', 3], ['过去', 1], ['会怎样', 1.5], ['会怎么样', 1.5], ['测试一下', 1.5], ['模拟', 2]],
      en: [['backtest', 4], ['back test', 4], ['buy and hold', 2.5], ['historically would', 2.5], ['would have done', 2.5], ['have done', 2.5], ['have beaten', 3], ['just holding', 3], ['history', 1.5], ['historical', 1.5], ['rule on', 1.5], ['what if i had', 3], ['if i had', 2.5], ['had rebalanced', 3], ['would have', 2.5], ["if i'd", 2.5], ['have helped', 2.5], ['have done', 2.5], ['test a', 2], ['simulate', 2.5]],
      productsAreArgs: true,
      // "would quarterly rebalancing have beaten holding?" asks about the past: a backtest.
      bias: (_u, score) => (score('backtest') >= 1.5 && score('rebalance') > 0 ? score('rebalance') : 0),
    },
  ],
  plan: (u, intent) => call(intent, 'backtest_strategy', backtestSlotsOf(u.norm, u.slots.horizonYears)),
  followUp(u, prev, env) {
    // "which one had the smaller drawdown?": the two runs just shown
    const m = env.dialogue.memory.backtest_strategy as BacktestMemory | undefined;
    const names = backtestSlotsOf(u.norm).strategy !== 'quarterly' || /季度|按季|quarter/.test(u.norm);
    const said = m?.runs && !names ? compareRuns(u, m) : undefined;
    if (said) return { kind: 'say', intent: 'backtest', text: said, from: 'backtest_strategy' };
    const next: Record<string, unknown> = { ...backtestSlotsOf(u.norm, u.slots.horizonYears) };
    const named = next.strategy !== 'quarterly' || /季度|按季|quarter/.test(u.norm);
    if (!named && !next.years && next.costBps === undefined) return undefined;
    // A new window or cost keeps the rule just tested unless another one is named.
    if (!named) delete next.strategy;
    return call('backtest', 'backtest_strategy', carry(prev, next, ['clientId', 'years', 'costBps', ...(named ? [] : ['strategy', 'band'])]));
  },
  compose(input) {
    const own = ownResult<BacktestStrategyResult>(input);
    return 'failed' in own ? own.failed : composeBacktest(own.result, input.lang);
  },
  remember: (r): BacktestMemory => ({
    strategy: r.strategy.strategy,
    sharpe: r.strategy.sharpe,
    buyAndHoldSharpe: r.buyAndHold.sharpe,
    runs: [r.strategy, r.buyAndHold].map((x) => ({ strategy: x.strategy, totalReturn: x.totalReturn, annualVolatility: x.annualVolatility, maxDrawdown: x.maxDrawdown, sharpe: x.sharpe })),
  }),
};
