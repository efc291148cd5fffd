/**
 * Answers for the portfolio-construction tools: `optimize_portfolio` (current vs proposed
 * weights, expected return / volatility / Sharpe before → after, the main trades),
 * `check_rebalance` (drift per asset class, the trade list), `project_goal` (probability,
 * median and p5–p95 at the horizon, the contribution needed) and `backtest_strategy`
 * (strategy vs buy-and-hold). Every figure is copied from the result, never recomputed,
 * so the numeric-grounding guard can trace it.
 */
import type {
  BacktestRun,
  BacktestStrategyResult,
  CheckRebalanceResult,
  OptimizePortfolioResult,
  ProjectGoalResult,
} from '../../tools/contract-construction.js';
import type { Lang } from '../../tools/types.js';
import { label, money, pct, ratio, signedPct } from './format.js';

const zh = (lang: Lang) => lang === 'zh';

const OBJECTIVE: Record<string, [string, string]> = {
  'max-sharpe': ['最大化夏普比率', 'maximum Sharpe ratio'],
  'min-volatility': ['最小波动', 'minimum volatility'],
  'efficient-risk': ['目标波动率下收益最高', 'highest return at a target volatility'],
  'efficient-return': ['目标收益下风险最低', 'lowest risk for a target return'],
  'risk-parity': ['风险平价', 'risk parity'],
  hrp: ['层次风险平价', 'hierarchical risk parity'],
  'black-litterman': ['Black-Litterman（结合您的市场观点）', 'Black-Litterman (with your market views)'],
};

const STRATEGY: Record<string, [string, string]> = {
  'buy-and-hold': ['买入持有', 'buy-and-hold'],
  monthly: ['每月再平衡', 'monthly rebalancing'],
  quarterly: ['每季度再平衡', 'quarterly rebalancing'],
  annual: ['每年再平衡', 'annual rebalancing'],
  threshold: ['偏离阈值再平衡', 'threshold rebalancing'],
};

const pick = (m: Record<string, [string, string]>, k: string, lang: Lang) => m[k]?.[zh(lang) ? 0 : 1] ?? k;

/** Optimization proposal. */
export function composeOptimize(r: OptimizePortfolioResult, lang: Lang): string {
  const c = r.currency;
  const obj = pick(OBJECTIVE, r.objective, lang);
  const L: string[] = [];
  L.push(
    zh(lang)
      ? `按“${obj}”目标，基于截至 ${r.asOf} 的历史数据，对您的组合（市值 ${money(r.portfolioValue, c)}）的优化建议如下：`
      : `Optimizing for ${obj} on history to ${r.asOf}, here is the proposal for your portfolio (value ${money(r.portfolioValue, c)}):`,
  );
  const b = r.before;
  const a = r.after;
  L.push(
    zh(lang)
      ? `- 预期年化收益：${pct(b.expectedReturn)} → ${pct(a.expectedReturn)}\n- 年化波动率：${pct(b.volatility)} → ${pct(a.volatility)}\n- 夏普比率：${ratio(b.sharpe)} → ${ratio(a.sharpe)}`
      : `- Expected annual return: ${pct(b.expectedReturn)} → ${pct(a.expectedReturn)}\n- Annual volatility: ${pct(b.volatility)} → ${pct(a.volatility)}\n- Sharpe ratio: ${ratio(b.sharpe)} → ${ratio(a.sharpe)}`,
  );
  if (r.blackLitterman && r.blackLitterman.views.length > 0) {
    const v = r.blackLitterman.views
      .map((x) =>
        x.type === 'relative'
          ? zh(lang) ? `${label(x.asset, lang)}跑赢${label(x.versus ?? '', lang)} ${pct(x.return)}` : `${label(x.asset, lang)} beats ${label(x.versus ?? '', lang)} by ${pct(x.return)}`
          : zh(lang) ? `${label(x.asset, lang)}年回报 ${pct(x.return)}` : `${label(x.asset, lang)} returns ${pct(x.return)}`,
      )
      .join(zh(lang) ? '；' : '; ');
    L.push(zh(lang) ? `采用的观点：${v}。` : `Views used: ${v}.`);
  }
  L.push(zh(lang) ? '\n持仓权重（当前 → 建议）：' : '\nWeights (current → proposed):');
  L.push(zh(lang) ? '| 持仓 | 当前 | 建议 | 变化 |' : '| Holding | Current | Proposed | Change |', '|---|---|---|---|');
  const shown = [...r.holdings].sort((x, y) => Math.max(y.currentWeight, y.proposedWeight) - Math.max(x.currentWeight, x.proposedWeight)).slice(0, 10);
  for (const h of shown) L.push(`| ${h.name} (${h.instrumentId}) | ${pct(h.currentWeight)} | ${pct(h.proposedWeight)} | ${signedPct(h.change)} |`);
  if (r.holdings.length > shown.length) L.push(zh(lang) ? `（另有 ${r.holdings.length - shown.length} 个较小的持仓未列出）` : `(${r.holdings.length - shown.length} smaller holdings not shown)`);
  const moved = r.byAssetClass.filter((x) => Math.abs(x.change) >= 0.0005);
  if (moved.length > 0) {
    L.push(zh(lang) ? '\n按资产类别：' : '\nBy asset class:');
    for (const x of moved) L.push(`- ${label(x.assetClass, lang)}: ${pct(x.currentWeight)} → ${pct(x.proposedWeight)}`);
  }
  if (r.trades.length > 0) {
    L.push(zh(lang) ? '\n主要调整：' : '\nMain trades:');
    for (const t of [...r.trades].sort((x, y) => Number(y.amount) - Number(x.amount)).slice(0, 8)) {
      L.push(
        zh(lang)
          ? `- ${t.side === 'buy' ? '增持' : '减持'} ${t.name} ${t.quantity} 份/股，约 ${money(t.amount, c)}`
          : `- ${t.side === 'buy' ? 'Add' : 'Reduce'} ${t.name}: ${t.quantity} units, about ${money(t.amount, c)}`,
      );
    }
    const s = r.tradeSummary;
    L.push(
      zh(lang)
        ? `合计卖出 ${money(s.sells, c)}，买入 ${money(s.buys, c)}，现金变动 ${money(s.cashChange, c)}。`
        : `In total: sells ${money(s.sells, c)}, buys ${money(s.buys, c)}, cash change ${money(s.cashChange, c)}.`,
    );
  } else {
    L.push(zh(lang) ? '\n当前配置已接近该目标下的最优，无需交易。' : '\nYour current mix is already close to the optimum for this objective: no trades needed.');
  }
  for (const n of r.notes.slice(0, 3)) L.push(`- ${n}`);
  L.push(
    zh(lang)
      ? '以上为模型基于历史数据的测算，仅供参考；高于您风险等级的产品不会被增持。'
      : 'These are model estimates from history, for reference only; no product above your risk level is increased.',
  );
  return L.join('\n');
}

/** Drift against the target and the trades that restore it. */
export function composeRebalance(r: CheckRebalanceResult, lang: Lang): string {
  const c = r.currency;
  const band = pct(r.rule.absoluteBand);
  const rel = pct(r.rule.relativeBand);
  const L: string[] = [
    r.rebalanceNeeded
      ? zh(lang)
        ? `截至 ${r.asOf}，您的组合（市值 ${money(r.portfolioValue, c)}）有资产类别超出再平衡区间（绝对偏离 ${band} 或相对偏离 ${rel}），建议再平衡：`
        : `As of ${r.asOf}, your portfolio (value ${money(r.portfolioValue, c)}) has asset classes outside the bands (${band} absolute or ${rel} relative drift): a rebalance is due.`
      : zh(lang)
        ? `截至 ${r.asOf}，您的组合（市值 ${money(r.portfolioValue, c)}）各资产类别都在再平衡区间内（绝对偏离 ${band}、相对偏离 ${rel}），暂不需要再平衡。`
        : `As of ${r.asOf}, every asset class of your portfolio (value ${money(r.portfolioValue, c)}) is within the bands (${band} absolute, ${rel} relative drift): no rebalance is needed.`,
  ];
  L.push(zh(lang) ? '\n| 资产类别 | 当前 | 目标 | 偏离 |' : '\n| Asset class | Current | Target | Drift |', '|---|---|---|---|');
  for (const d of r.drift) {
    const mark = d.breach ? (zh(lang) ? ' ⚠ 超限' : ' ⚠ outside band') : '';
    L.push(`| ${label(d.assetClass, lang)} | ${pct(d.currentWeight)} | ${pct(d.targetWeight)} | ${signedPct(d.drift)}${mark} |`);
  }
  if (r.trades.length > 0) {
    L.push(
      r.rebalanceNeeded
        ? zh(lang) ? '\n调整清单：' : '\nTrade list:'
        : zh(lang) ? '\n如仍希望回到目标配置，可参考以下调整：' : '\nIf you still want to move exactly back to target, these trades would do it:',
    );
    for (const t of r.trades) {
      const what = t.name ?? (zh(lang) ? `一只适合您风险等级的${label(t.assetClass, lang)}产品` : `a ${label(t.assetClass, lang)} product suited to your risk level`);
      const qty = t.quantity ? (zh(lang) ? ` ${t.quantity} 份/股` : ` ${t.quantity} units`) : '';
      const tax = t.estimatedTax && Number(t.estimatedTax) !== 0 ? (zh(lang) ? `，预估税费 ${money(t.estimatedTax, c)}` : `, estimated tax ${money(t.estimatedTax, c)}`) : '';
      L.push(
        zh(lang)
          ? `- ${t.side === 'buy' ? '增配' : '减持'} ${what}${qty}：${money(t.amount, c)}（交易成本 ${money(t.cost, c)}${tax}）`
          : `- ${t.side === 'buy' ? 'Increase' : 'Reduce'} ${what}${qty}: ${money(t.amount, c)} (cost ${money(t.cost, c)}${tax})`,
      );
    }
    const s = r.totals;
    L.push(
      zh(lang)
        ? `合计卖出 ${money(s.sells, c)}、买入 ${money(s.buys, c)}，交易成本 ${money(s.costs, c)}，预估税费 ${money(s.estimatedTax, c)}，剩余现金 ${money(s.cashLeft, c)}。`
        : `Totals: sells ${money(s.sells, c)}, buys ${money(s.buys, c)}, costs ${money(s.costs, c)}, estimated tax ${money(s.estimatedTax, c)}, cash left ${money(s.cashLeft, c)}.`,
    );
  }
  if (r.tlhCandidates.length > 0 && r.tax.tlhAllowed) {
    const names = r.tlhCandidates.slice(0, 3).map((x) => `${x.name} (${money(x.unrealizedLoss, c)})`).join(zh(lang) ? '、' : ', ');
    L.push(zh(lang) ? `可考虑税损收割的持仓：${names}。` : `Tax-loss harvesting candidates: ${names}.`);
  }
  if (r.tax.rule) L.push(r.tax.rule);
  return L.join('\n');
}

/** Goal projection by Monte Carlo. */
export function composeGoal(r: ProjectGoalResult, lang: Lang): string {
  const c = r.currency;
  const at = (p: number) => r.percentiles.find((x) => x.p === p)?.values.at(-1);
  const p5 = at(5);
  const p95 = at(95);
  const a = r.assumptions;
  const L: string[] = [
    zh(lang)
      ? `按 ${a.paths} 条蒙特卡洛模拟路径测算：起始资金 ${money(a.initialAmount, c)}，每月投入 ${money(a.monthlyContribution, c)}，${r.years} 年后（${r.horizonDate}）达到 ${money(r.targetAmount, c)} 的概率约为 ${pct(r.probability)}。`
      : `From ${a.paths} Monte Carlo paths: starting with ${money(a.initialAmount, c)} and adding ${money(a.monthlyContribution, c)} a month, the probability of reaching ${money(r.targetAmount, c)} in ${r.years} years (${r.horizonDate}) is about ${pct(r.probability)}.`,
    zh(lang) ? `- 到期资产中位数：${money(r.medianFinal, c)}` : `- Median value at the horizon: ${money(r.medianFinal, c)}`,
  ];
  if (p5 && p95) L.push(zh(lang) ? `- 区间（p5–p95）：${money(p5, c)} ～ ${money(p95, c)}` : `- Range (p5–p95): ${money(p5, c)} to ${money(p95, c)}`);
  L.push(
    Number(r.requiredMonthlyFor50) === 0
      ? zh(lang) ? '- 按中位数测算，目前的投入已足以达到目标。' : '- On the median path your current plan already reaches the goal.'
      : zh(lang)
        ? `- 若想让中位数结果达到目标，每月需投入约 ${money(r.requiredMonthlyFor50, c)}。`
        : `- For the median outcome to reach it, you would need to invest about ${money(r.requiredMonthlyFor50, c)} a month.`,
  );
  L.push(
    zh(lang)
      ? `假设：预期年化收益 ${pct(a.expectedReturn)}，年化波动率 ${pct(a.volatility)}（${a.source === 'given' ? '按您给出的假设' : '来自您组合的历史数据'}）。`
      : `Assumptions: expected annual return ${pct(a.expectedReturn)}, annual volatility ${pct(a.volatility)} (${a.source === 'given' ? 'as you gave them' : "from your portfolio's history"}).`,
  );
  return L.join('\n');
}

function runLine(x: BacktestRun, name: string, c: string): string {
  return `| ${name} | ${money(x.endValue, c)} | ${signedPct(x.totalReturn)} | ${pct(x.annualReturn)} | ${pct(x.annualVolatility)} | ${ratio(x.sharpe)} | ${pct(x.maxDrawdown)} | ${x.rebalances} | ${money(x.totalCost, c)} |`;
}

/** Strategy vs buy-and-hold. */
export function composeBacktest(r: BacktestStrategyResult, lang: Lang): string {
  const c = r.currency;
  const s = pick(STRATEGY, r.strategy.strategy, lang);
  const bh = pick(STRATEGY, 'buy-and-hold', lang);
  const L: string[] = [
    zh(lang)
      ? `回测区间 ${r.startDate} 至 ${r.endDate}，起始资金 ${money(r.startValue, c)}，${s}与${bh}对比：`
      : `Backtest from ${r.startDate} to ${r.endDate}, starting from ${money(r.startValue, c)}: ${s} vs ${bh}.`,
    zh(lang)
      ? '| 策略 | 期末市值 | 累计收益 | 年化收益 | 年化波动 | 夏普 | 最大回撤 | 调仓次数 | 交易成本 |'
      : '| Strategy | End value | Total return | Annual return | Volatility | Sharpe | Max drawdown | Rebalances | Costs |',
    '|---|---|---|---|---|---|---|---|---|',
    runLine(r.strategy, s, c),
    runLine(r.buyAndHold, bh, c),
  ];
  const better = r.strategy.sharpe > r.buyAndHold.sharpe;
  L.push(
    zh(lang)
      ? `在这段历史中，${better ? s : bh}的夏普比率更高（${ratio(Math.max(r.strategy.sharpe, r.buyAndHold.sharpe))}）。过往表现不代表未来。`
      : `Over this history, ${better ? s : bh} had the higher Sharpe ratio (${ratio(Math.max(r.strategy.sharpe, r.buyAndHold.sharpe))}). Past performance does not predict the future.`,
  );
  return L.join('\n');
}
