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
  resume: { step: { kind: 'call', intent: 'goal', calls: [{ tool: 'project_goal', args: {} }] }, needs: 'details' },
};

/**
 * Goal projection by Monte Carlo: the probability as it may be shown (never 0% or 100%),
 * the assumptions behind it, the 10th–90th percentile range and what would change it.
 * Every figure is copied from the result (the output guard withholds any other figure).
 */
function composeGoal(r: ProjectGoalResult, input: ComposeInput): string {
  const zh = isZh(input.lang);
  const c = r.currency;
  const a = r.assumptions;
  const prob = r.probabilityDisplay.text;
  const L: string[] = [
    zh
      ? `按 ${a.paths} 条蒙特卡洛模拟路径测算：起始资金 ${money(a.initialAmount, c)}，每月投入 ${money(a.monthlyContribution, c)}，${r.years} 年后（${r.horizonDate}）达到 ${money(r.targetAmount, c)} 的估计概率：${prob}。`
      : `From ${a.paths} Monte Carlo paths: starting with ${money(a.initialAmount, c)} and adding ${money(a.monthlyContribution, c)} a month, the estimated probability of reaching ${money(r.targetAmount, c)} in ${r.years} years (${r.horizonDate}) is ${prob}.`,
  ];
  L.push(zh ? `- 假设：${assumptionText(r, true)}` : `- Assumptions: ${assumptionText(r, false)}`);
  const o = r.outcomeRange;
  L.push(
    zh
      ? `- 结果区间：10% 的情况下低于 ${money(o.p10, c)}，10% 的情况下高于 ${money(o.p90, c)}；到期资产中位数：${money(r.medianFinal, c)}`
      : `- Range of outcomes: a 10% chance of ending below ${money(o.p10, c)} and a 10% chance of ending above ${money(o.p90, c)}; median value at the horizon: ${money(r.medianFinal, c)}`,
  );
  L.push(zh ? `- 什么会改变结果：${contributionLever(r, true)}${yearsLever(r, true)}` : `- What would change it: ${contributionLever(r, false)} ${yearsLever(r, false)}`);
  L.push(
    zh
      ? '概率和区间来自模型模拟，而非对未来的预测；市场的实际走势可能超出这一区间。'
      : 'The probability and range come from a model simulation, not a forecast; markets can move outside this range.',
  );
  return L.join('\n');
}

/** The return and volatility used, and where each came from. */
function assumptionText(r: ProjectGoalResult, zh: boolean): string {
  const a = r.assumptions;
  const cma = zh ? `按当前组合的资产配置，资本市场假设 ${a.cmaVersion}，为长期假设，并非预测` : `for the current asset mix, capital-market assumptions ${a.cmaVersion}, not a forecast`;
  const yours = zh ? '按您给出的数字' : 'as you gave it';
  const ret = zh ? `预期年化收益 ${pct(a.expectedReturn)}` : `expected annual return ${pct(a.expectedReturn)}`;
  const vol = zh ? `年化波动率 ${pct(a.volatility)}` : `annual volatility ${pct(a.volatility)}`;
  const sep = zh ? '，' : ', ';
  let text: string;
  if (a.source === 'cma') text = zh ? `${ret}${sep}${vol}（${cma}）` : `${ret}${sep}${vol} (${cma})`;
  else if (a.source === 'given') text = zh ? `${ret}${sep}${vol}（${yours}）` : `${ret}${sep}${vol} (as you gave them)`;
  else {
    const from = (k: 'expectedReturn' | 'volatility') => (a.statedByUser.includes(k) ? yours : cma);
    text = zh ? `${ret}（${from('expectedReturn')}）${sep}${vol}（${from('volatility')}）` : `${ret} (${from('expectedReturn')})${sep}${vol} (${from('volatility')})`;
  }
  const infl = a.inflation === null ? '' : zh ? `；已扣除每年 ${pct(a.inflation)} 的通胀，金额均按今天的购买力计` : `; net of ${pct(a.inflation)} inflation a year, all amounts in today's money`;
  return `${text}${infl}${zh ? '。' : '.'}`;
}

/** Contribution lever: the monthly amounts for a 50% and a 75% chance at this horizon. */
function contributionLever(r: ProjectGoalResult, zh: boolean): string {
  const c = r.currency;
  const lv = r.levers;
  const m50 = Number(lv.monthlyFor50) === 0;
  const m75 = Number(lv.monthlyFor75) === 0;
  if (m75) return zh ? '即使不再追加投入，达成概率也至少为 75%。' : 'even without further contributions the chance is at least 75%.';
  if (m50) {
    return zh
      ? `不再追加投入也有 50% 的把握；若要达到 75% 的概率，每月需投入约 ${money(lv.monthlyFor75, c)}。`
      : `even without further contributions the chance is at least 50%; for a 75% chance you would invest about ${money(lv.monthlyFor75, c)} a month.`;
  }
  return zh
    ? `若每月投入约 ${money(lv.monthlyFor50, c)}，达成概率约为 50%；每月约 ${money(lv.monthlyFor75, c)} 则约为 75%。`
    : `investing about ${money(lv.monthlyFor50, c)} a month gives about a 50% chance, and about ${money(lv.monthlyFor75, c)} a month about 75%.`;
}

/** Time lever: the years from now after which the current contribution gives a 50% / 75% chance. */
function yearsLever(r: ProjectGoalResult, zh: boolean): string {
  const lv = r.levers;
  const y = (n: number | null) => (n === null ? (zh ? `${lv.maxYears} 年内都达不到` : `not within ${lv.maxYears} years`) : zh ? `约 ${n} 年` : `about ${n} years`);
  return zh
    ? `按目前的投入，达到 50% 的概率需要${y(lv.yearsFor50)}，达到 75% 需要${y(lv.yearsFor75)}。`
    : `At your current contribution, a 50% chance takes ${y(lv.yearsFor50)} and a 75% chance ${y(lv.yearsFor75)}.`;
}

interface GoalMemory {
  [k: string]: unknown;
  clientId: string;
  currency: string;
  targetAmount: string;
  years: number;
  probability: string;
  medianFinal: string;
  levers: ProjectGoalResult['levers'];
}

const HALF = /一半|五成|50\s*%|半数|half|50-50|even chance|coin ?flip/;
const THREE_QUARTERS = /七成|七成半|75\s*%|四分之三|3\/4|three[- ]quarters/;
const HOW_MUCH = /多少|how much|what (monthly|contribution)|需要(存|投)|need to (put in|save|invest|add|contribute)|put in (monthly|each month|a month|per month)/;
/** "is that good?", "够吗", "is it enough?": the chance just shown, judged plainly. */
const JUDGE = /is (that|it|this) (good|ok|okay|enough|realistic|bad|likely)|good enough|够吗|够不够|好不好|行不行|靠谱吗|算高吗|算好吗|有希望吗/;
const HOW_LONG = /多久|几年|多少年|多长时间|how long|how many years|when (will|would|could)/;

/** "每个月得存多少才有一半把握？" / "how long until it's 75%?" from the levers just shown. */
/** "what's the median outcome?", "中位数是多少": the middle of the simulated outcomes. */
const MEDIAN = /\bmedian\b|middle (outcome|case|scenario)|typical outcome|most likely (outcome|amount|value)|中位|中间情况|一般情况下能有多少/;

function leverAnswer(norm: string, m: GoalMemory, lang: 'zh' | 'en'): string | undefined {
  const zh = lang === 'zh';
  const chance = THREE_QUARTERS.test(norm) ? 75 : HALF.test(norm) ? 50 : undefined;
  const goal = zh ? `${m.years} 年后达到 ${money(m.targetAmount, m.currency)}` : `reach ${money(m.targetAmount, m.currency)} in ${m.years} years`;
  if (HOW_LONG.test(norm)) {
    const y = chance === 75 ? m.levers.yearsFor75 : m.levers.yearsFor50;
    const c = chance ?? 50;
    if (y === null) return zh ? `按目前的投入，${m.levers.maxYears} 年内都达不到 ${c}% 的概率。` : `At your current contribution, a ${c}% chance is not reached within ${m.levers.maxYears} years.`;
    return zh ? `按刚才的测算和目前的投入，达到 ${c}% 的概率需要约 ${y} 年（目标 ${money(m.targetAmount, m.currency)}）。` : `On the projection just shown and your current contribution, a ${c}% chance takes about ${y} years (target ${money(m.targetAmount, m.currency)}).`;
  }
  if (!chance && JUDGE.test(norm)) {
    const p = Number(/\d+/.exec(m.probability)?.[0] ?? 'NaN');
    const verdict = Number.isNaN(p) ? '' : p >= 75 ? (zh ? '把握较大' : 'a good chance') : p >= 50 ? (zh ? '略高于一半' : 'better than even, but far from certain') : zh ? '把握不大' : 'less likely than not';
    const lever = p < 75 && Number(m.levers.monthlyFor75) > 0
      ? zh ? `如果希望把概率提高到约 75%，每月需投入约 ${money(m.levers.monthlyFor75, m.currency)}。` : `To lift it to about 75%, you would invest about ${money(m.levers.monthlyFor75, m.currency)} a month. `
      : '';
    return zh
      ? `按刚才的测算，${goal}的估计概率是 ${m.probability}，${verdict}。${lever}这是基于长期假设的模拟，不是承诺。`
      : `On the projection just shown, the estimated chance to ${goal} is ${m.probability}: ${verdict}. ${lever}This is a simulation on long-run assumptions, not a promise.`;
  }
  if (MEDIAN.test(norm)) {
    return zh
      ? `按刚才的测算，${m.years} 年后组合价值的中位数约为 ${money(m.medianFinal, m.currency)}（一半的模拟情景高于它、一半低于它）；达成目标的估计概率是 ${m.probability}。这是模拟结果，不是承诺。`
      : `On the projection just shown, the median value after ${m.years} years is about ${money(m.medianFinal, m.currency)} (half the simulated paths end above it, half below); the estimated chance of reaching the target is ${m.probability}. A simulation, not a promise.`;
  }
  if (chance && HOW_MUCH.test(norm)) {
    const need = chance === 75 ? m.levers.monthlyFor75 : m.levers.monthlyFor50;
    if (Number(need) === 0) return zh ? `按刚才的测算，即使不再追加投入，${goal}的概率也已达到 ${chance}% 以上（目前估计 ${m.probability}）。` : `On the projection just shown, even without further contributions the chance to ${goal} is already above ${chance}% (now ${m.probability}).`;
    return zh ? `按刚才的测算，要让${goal}的概率约为 ${chance}%，每月需投入约 ${money(need, m.currency)}。` : `On the projection just shown, to ${goal} with about a ${chance}% chance you would invest about ${money(need, m.currency)} a month.`;
  }
  return undefined;
}

export const projectGoalPlanner: ToolPlanner<ProjectGoalResult> = {
  intents: [
    {
      id: 'goal',
      label: { zh: '理财目标测算', en: 'projecting a savings goal' },
      zh: [['退休', 3], ['能到', 2], ['目标', 1], ['年后', 2], ['年以后', 2], ['每月投', 2.5], ['每个月投', 2.5], ['每个月再存', 2.5], ['定投', 2], ['攒', 2], ['实现', 1], ['够不够', 2], ['概率', 1.5], ['养老', 3], ['教育金', 3], ['买房', 2.5], ['首付', 2.5], ['达到', 1.5], ['能不能达到', 2.5], ['能有多少钱', 2.5], ['来得及', 2], ['上大学', 2], ['存够', 3], ['攒够', 3], ['储', 2], ['买楼', 2.5], ['首期', 2.5], ['年内', 1.5], ['达成', 2], ['学费', 2.5], ['够吗', 2], ['能实现', 2.5]],
      en: [['retire', 3], ['down payment', 3], ['get there', 2], ['afford', 2], ['retirement', 3], ['goal', 2.5], ['reach', 2], ['per month', 2], ['a month', 1.5], ['monthly', 2], ['each month', 1.5], ['save', 1.5], ['by the time', 2], ['enough', 1.5], ['probability', 1.5], ['chances', 2], ['odds', 2], ['on track', 2.5], ['put away', 2.5], ['hitting', 1.5], ['project', 1.5], ['college', 2.5], ['will i have', 2.5], ['house deposit', 3], ['deposit', 1.5], ['uni', 2], ['university', 2.5], ['tuition', 2.5], ['target of', 1.5], ['doable', 1.5], ['get to', 1.5], ['make it', 1.5], ['will i make', 2], ['want to have', 2]],
      productsAreArgs: true,
      late: true,
      // An amount with a horizon is a goal projection, unless the past is asked about (a backtest).
      bias: (u, score) => (u.slots.amounts.length > 0 && u.slots.horizonYears && score('backtest') < 2 ? 1.5 : 0),
    },
  ],
  plan(u, intent) {
    const a = goalSlotsOf(u.norm, u.slots.horizonYears);
    const currency = u.slots.amounts.find((x) => x.currency)?.currency ?? u.slots.currency;
    return a.targetAmount ? call(intent, 'project_goal', { ...a, ...(currency ? { currency } : {}) }) : ASK_AMOUNT;
  },
  followUp(u, prev, env) {
    const next = goalSlotsOf(u.norm, u.slots.horizonYears);
    const m = env.dialogue.memory.project_goal as GoalMemory | undefined;
    if (Object.keys(next).length === 0 && m && (env.role !== 'advisor' || m.clientId === prev.args.clientId)) {
      const text = leverAnswer(u.norm, m, u.lang);
      if (text) return { kind: 'say', intent: 'goal', text, from: 'project_goal' };
    }
    if (Object.keys(next).length === 0) return undefined;
    const named = u.slots.amounts.find((x) => x.currency)?.currency;
    if (named) (next as Record<string, unknown>).currency = named;
    const keep = ['clientId', 'currency', 'targetAmount', 'monthlyContribution', 'initialAmount', 'expectedReturn', 'volatility', 'inflation', ...(next.years || next.targetDate ? [] : ['years', 'targetDate'])];
    return call('goal', 'project_goal', carry(prev, { ...next }, keep));
  },
  compose(input) {
    const own = ownResult<ProjectGoalResult>(input);
    return 'failed' in own ? own.failed : composeGoal(own.result, input);
  },
  remember: (r): GoalMemory => ({
    clientId: r.clientId,
    currency: r.currency,
    targetAmount: r.targetAmount,
    years: r.years,
    probability: r.probabilityDisplay.text,
    medianFinal: r.medianFinal,
    levers: r.levers,
    // The chances the levers are defined at (the answer names them).
    leverChances: [0.5, 0.75],
  }),
};
