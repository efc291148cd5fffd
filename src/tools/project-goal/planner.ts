/**
 * What the offline planner knows of project_goal: a target amount with a horizon (years,
 * a target year or ages), a monthly contribution and a starting amount; without a
 * target it asks for one. Follow-ups are what-ifs on the same goal ("如果每月投8000呢",
 * "what about 15 years?", "目标改成300万").
 */
import { money, pct } from '../../lang/format.js';
import type { ProjectGoalResult } from '../contract-construction.js';
import type { ComposeInput, Step, ToolPlanner } from '../planning.js';
import { goalSlotsOf } from '../shared/construction-slots.js';
import { call, carry, isZh, ownResult } from '../shared/plan-kit.js';

const ASK_AMOUNT: Step = {
  kind: 'ask',
  text: {
    zh: '可以帮您测算目标达成的概率。请告诉我目标金额和期限，例如：“我每月投5000，20年后能到500万吗？”',
    en: 'I can estimate your chances of reaching a goal. Tell me the target amount and the horizon, e.g. "If I invest 5,000 a month, will I have 5 million in 20 years?"',
  },
};

/** Goal projection by Monte Carlo. */
function composeGoal(r: ProjectGoalResult, input: ComposeInput): string {
  const lang = input.lang;
  const c = r.currency;
  const at = (p: number) => r.percentiles.find((x) => x.p === p)?.values.at(-1);
  const p5 = at(5);
  const p95 = at(95);
  const a = r.assumptions;
  const L: string[] = [
    isZh(lang)
      ? `按 ${a.paths} 条蒙特卡洛模拟路径测算：起始资金 ${money(a.initialAmount, c)}，每月投入 ${money(a.monthlyContribution, c)}，${r.years} 年后（${r.horizonDate}）达到 ${money(r.targetAmount, c)} 的概率约为 ${pct(r.probability)}。`
      : `From ${a.paths} Monte Carlo paths: starting with ${money(a.initialAmount, c)} and adding ${money(a.monthlyContribution, c)} a month, the probability of reaching ${money(r.targetAmount, c)} in ${r.years} years (${r.horizonDate}) is about ${pct(r.probability)}.`,
    isZh(lang) ? `- 到期资产中位数：${money(r.medianFinal, c)}` : `- Median value at the horizon: ${money(r.medianFinal, c)}`,
  ];
  if (p5 && p95) L.push(isZh(lang) ? `- 区间（p5–p95）：${money(p5, c)} ～ ${money(p95, c)}` : `- Range (p5–p95): ${money(p5, c)} to ${money(p95, c)}`);
  L.push(
    Number(r.requiredMonthlyFor50) === 0
      ? isZh(lang) ? '- 按中位数测算，目前的投入已足以达到目标。' : '- On the median path your current plan already reaches the goal.'
      : isZh(lang)
        ? `- 若想让中位数结果达到目标，每月需投入约 ${money(r.requiredMonthlyFor50, c)}。`
        : `- For the median outcome to reach it, you would need to invest about ${money(r.requiredMonthlyFor50, c)} a month.`,
  );
  L.push(
    isZh(lang)
      ? `假设：预期年化收益 ${pct(a.expectedReturn)}，年化波动率 ${pct(a.volatility)}（${a.source === 'given' ? '按您给出的假设' : '来自您组合的历史数据'}）。`
      : `Assumptions: expected annual return ${pct(a.expectedReturn)}, annual volatility ${pct(a.volatility)} (${a.source === 'given' ? 'as you gave them' : "from your portfolio's history"}).`,
  );
  return L.join('\n');
}


export const projectGoalPlanner: ToolPlanner<ProjectGoalResult> = {
  intents: [
    {
      id: 'goal',
      label: { zh: '理财目标测算', en: 'projecting a savings goal' },
      zh: [['退休', 3], ['能到', 2], ['目标', 1], ['年后', 2], ['年以后', 2], ['每月投', 2.5], ['每个月投', 2.5], ['每个月再存', 2.5], ['定投', 2], ['攒', 2], ['实现', 1], ['够不够', 2], ['概率', 1.5], ['养老', 3], ['教育金', 3], ['买房', 2.5], ['首付', 2.5], ['达到', 1.5], ['能不能达到', 2.5], ['能有多少钱', 2.5], ['来得及', 2], ['上大学', 2], ['存够', 3], ['攒够', 3], ['储', 2], ['买楼', 2.5], ['首期', 2.5], ['年内', 1.5], ['达成', 2], ['学费', 2.5], ['够吗', 2], ['能实现', 2.5]],
      en: [['retire', 3], ['retirement', 3], ['goal', 2.5], ['reach', 2], ['per month', 2], ['a month', 1.5], ['monthly', 2], ['each month', 1.5], ['save', 1.5], ['by the time', 2], ['enough', 1.5], ['probability', 1.5], ['chances', 2], ['odds', 2], ['on track', 2.5], ['put away', 2.5], ['hitting', 1.5], ['project', 1.5], ['college', 2.5], ['will i have', 2.5], ['house deposit', 3], ['deposit', 1.5], ['uni', 2], ['university', 2.5], ['tuition', 2.5], ['target of', 1.5], ['doable', 1.5], ['get to', 1.5]],
      productsAreArgs: true,
      late: true,
      // An amount with a horizon is a goal projection, unless the past is asked about (a backtest).
      bias: (u, score) => (u.slots.amounts.length > 0 && u.slots.horizonYears && score('backtest') < 2 ? 1.5 : 0),
    },
  ],
  plan(u, intent) {
    const a = goalSlotsOf(u.norm, u.slots.horizonYears);
    return a.targetAmount ? call(intent, 'project_goal', { ...a }) : ASK_AMOUNT;
  },
  followUp(u, prev) {
    const next = goalSlotsOf(u.norm, u.slots.horizonYears);
    if (Object.keys(next).length === 0) return undefined;
    const keep = ['clientId', 'targetAmount', 'monthlyContribution', 'initialAmount', 'expectedReturn', 'inflation', ...(next.years || next.targetDate ? [] : ['years', 'targetDate'])];
    return call('goal', 'project_goal', carry(prev, { ...next }, keep));
  },
  compose(input) {
    const own = ownResult<ProjectGoalResult>(input);
    return 'failed' in own ? own.failed : composeGoal(own.result, input);
  },
  remember: (r) => ({ clientId: r.clientId, targetAmount: r.targetAmount, years: r.years, probability: r.probability, medianFinal: r.medianFinal }),
};
