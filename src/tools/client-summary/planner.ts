/**
 * What the offline planner knows of client_summary (advisors): a summary of one client —
 * "summarize C0003", "讲讲陈美玲的情况", "tell me about client C0017", "她的整体情况" — a
 * summary word with a client named or in focus, and no single topic (holdings, returns,
 * risk: those are the client tools'). The engine supplies the client (named, pointed at
 * in the last list, or in focus) or asks which one. The answer speaks of the client in the
 * third person, by name and id.
 */
import { label, money, pct, periodLabel, signedMoney, signedPct } from '../../lang/format.js';
import type { Utterance } from '../../lang/utterance.js';
import type { PlanEnv, ToolPlanner } from '../planning.js';
import { type Lexicon, features, mentions, namesClient, pointsAtClient } from '../shared/book-cues.js';
import { call, isZh, ownResult } from '../shared/plan-kit.js';
import type { ClientSummaryResult } from './schema.js';

/** Asking for the whole picture of one client. */
const SUMMARY_WORDS: Lexicon = {
  zh: ['概况', '看一下', '看看', '了解下', '讲讲', '说说', '介绍一下', '介绍下', '总结', '摘要', '简报', '整体情况', '基本情况', '综合情况', '全面', '近况', '全貌', '画像', '情况', '什么情况', '怎么样了', '了解一下', '汇报'],
  en: ['summarize', 'summarise', 'pull up', 'look at', 'check on', 'summary', 'tell me about', 'overview', 'rundown', 'run down', 'brief me', 'briefing', 'snapshot', 'catch me up', 'what should i know',
    'what do i need to know', 'everything about', 'full picture', 'big picture', 'the story', 'profile of', 'status of', "what's going on with", 'how is client', 'update on'],
};

/** One topic asked about: the client tools answer it ("C0003的持仓情况", "summary of her risk"). */
const TOPIC = /今年|去年|本月|this year|last year|ytd|组合|账户|资产|持仓|仓位|收益|回报|业绩|表现|风险(?!测评)|波动|回撤|配置|偏离|再平衡|调仓|优化|目标|退休|测评|费用|产品|基金|portfolio|account|holdings?\b|positions?\b|returns?\b|performance|\brisk\b|volatil|drawdown|\bvar\b|allocation|drift|rebalanc|optimi|goal|retire|fees?\b|fund\b|product/;

function summaryOf(u: Utterance, env: PlanEnv): boolean {
  if (env.role !== 'advisor' || !mentions(u, SUMMARY_WORDS)) return false;
  // a client named or pointed at ("her", "the second one"); the engine fills in who, or asks
  if (!(namesClient(u, env) || pointsAtClient(u))) return false;
  return !TOPIC.test(u.norm) || /整体|全面|综合|everything|overall|whole|full picture/.test(u.norm);
}

const SW = features(SUMMARY_WORDS, 2.5);

export const clientSummaryPlanner: ToolPlanner<ClientSummaryResult> = {
  intents: [
    {
      id: 'client_summary',
      label: { zh: '客户概况', en: 'a client summary' },
      zh: SW.zh.map(([w, x]) => [w, w === '情况' || w === '怎么样了' ? 1.5 : x] as const),
      en: SW.en,
      bias: (u, _score, env) => (env.role !== 'advisor' ? -12 : summaryOf(u, env) ? 4 : -5),
    },
  ],
  plan: () => call('client_summary', 'client_summary', {}),
  compose(input) {
    const own = ownResult<ClientSummaryResult>(input);
    if ('failed' in own) return own.failed;
    return composeSummary(own.result, isZh(input.lang));
  },
  remember: (r) => ({ clientId: r.clientId, asOf: r.asOf, subject: { clientId: r.clientId, name: r.name }, products: r.topHoldings.slice(0, 1).map((h) => h.instrumentId) }),
};

function composeSummary(r: ClientSummaryResult, zh: boolean): string {
  const c = r.currency;
  const lang = zh ? 'zh' : 'en';
  const who = zh ? `${r.name}（${r.clientId}）` : `${r.name} (${r.clientId})`;
  const L: string[] = [zh ? `${who}概况（截至 ${r.asOf}，金额以 ${c} 计）：` : `${who} at a glance (as of ${r.asOf}, in ${c}):`];
  const p = r.profile;
  const expiry = p.expiresAt?.slice(0, 10);
  L.push(
    p.level === null
      ? zh ? '- 风险等级：尚未做过风险测评' : '- Risk profile: never assessed'
      : zh
        ? `- 风险等级：C${p.level}，${p.expired ? `测评已于 ${expiry} 过期` : `测评有效期至 ${expiry}（还有 ${p.daysLeft} 天）`}`
        : `- Risk profile: C${p.level}, ${p.expired ? `expired on ${expiry}` : `valid until ${expiry} (${p.daysLeft} days left)`}`,
  );
  L.push(
    zh
      ? `- 总资产 ${money(r.value, c)}，成本 ${money(r.cost, c)}，浮动盈亏 ${signedMoney(r.unrealizedPnl, c)}（${signedPct(r.unrealizedPnlPct)}）`
      : `- Value ${money(r.value, c)}, cost ${money(r.cost, c)}, unrealized P&L ${signedMoney(r.unrealizedPnl, c)} (${signedPct(r.unrealizedPnlPct)})`,
  );
  const alloc = r.allocation.map((a) => {
    const t = a.target === null ? '' : zh ? `，目标 ${pct(a.target)}` : `, target ${pct(a.target)}`;
    return zh ? `${label(a.assetClass, lang)} ${pct(a.weight)}${t}` : `${label(a.assetClass, lang)} ${pct(a.weight)}${t}`;
  });
  if (alloc.length) L.push(zh ? `- 资产配置：${alloc.join('；')}` : `- Allocation: ${alloc.join('; ')}`);
  if (r.performance) {
    const b = zh ? r.performance.benchmark.name : r.performance.benchmark.nameEn;
    const per = r.performance.periods.map((x) => {
      const vs = x.benchmarkReturn === null ? '' : zh ? `（基准 ${signedPct(x.benchmarkReturn)}）` : ` (benchmark ${signedPct(x.benchmarkReturn)})`;
      return `${periodLabel(x.period, lang)} ${signedPct(x.return)}${vs}`;
    });
    L.push(zh ? `- 收益（时间加权）：${per.join('；')}。基准：${b}` : `- Time-weighted return: ${per.join('; ')}. Benchmark: ${b}`);
  }
  if (r.risk) {
    L.push(
      zh
        ? `- 风险（现有持仓，近3年）：年化波动率 ${pct(r.risk.annualVolatility)}，最大回撤 ${pct(r.risk.maxDrawdown)}`
        : `- Risk (today's holdings, last 3 years): annualized volatility ${pct(r.risk.annualVolatility)}, maximum drawdown ${pct(r.risk.maxDrawdown)}`,
    );
  }
  const a = r.attention;
  const items: string[] = [];
  if (a.aboveProfile.length) {
    const names = a.aboveProfile.map((h) => (zh ? `${h.name}（${h.instrumentId}，R${h.riskLevel}，${pct(h.weight)}）` : `${h.name} (${h.instrumentId}, R${h.riskLevel}, ${pct(h.weight)})`));
    items.push(zh ? `持有高于其风险等级的产品：${names.join('、')}` : `holds products above the profile: ${names.join(', ')}`);
  }
  if (a.assessment) {
    const due = a.assessment;
    const on = due.expiresAt?.slice(0, 10);
    items.push(
      due.state === 'missing'
        ? zh ? '尚未做风险测评' : 'no risk assessment on file'
        : due.state === 'expired'
          ? zh ? `风险测评已过期（${on}）` : `risk assessment expired (${on})`
          : zh ? `风险测评将于 ${on} 到期（还有 ${due.daysLeft} 天）` : `risk assessment expires on ${on} (in ${due.daysLeft} days)`,
    );
  }
  if (a.drift) {
    items.push(
      zh
        ? `${label(a.drift.assetClass, lang)}偏离目标 ${pct(a.drift.drift)}（实际 ${pct(a.drift.actual)}，目标 ${pct(a.drift.target)}，阈值 ${pct(r.thresholds.drift)}）`
        : `${label(a.drift.assetClass, lang)} is ${pct(a.drift.drift)} off target (${pct(a.drift.actual)} vs ${pct(a.drift.target)}; threshold ${pct(r.thresholds.drift)})`,
    );
  }
  if (a.concentration) {
    items.push(
      zh
        ? `单一持仓 ${a.concentration.name}（${a.concentration.instrumentId}）占 ${pct(a.concentration.weight)}，超过 ${pct(r.thresholds.concentration)}`
        : `single holding ${a.concentration.name} (${a.concentration.instrumentId}) is ${pct(a.concentration.weight)}, above ${pct(r.thresholds.concentration)}`,
    );
  }
  L.push(items.length ? (zh ? `- 需要关注：${items.join('；')}` : `- Needs attention: ${items.join('; ')}`) : zh ? '- 需要关注：暂无' : '- Needs attention: nothing flagged');
  if (r.topHoldings.length) {
    const top = r.topHoldings.map((h) => (zh ? `${h.name}（${h.instrumentId}）${money(h.value, c)}，${pct(h.weight)}` : `${h.name} (${h.instrumentId}) ${money(h.value, c)}, ${pct(h.weight)}`));
    L.push(zh ? `- 主要持仓（共 ${r.holdings} 项）：${top.join('；')}` : `- Largest holdings (of ${r.holdings}): ${top.join('; ')}`);
  }
  L.push(zh ? `- 近 ${r.conversations.days} 天与该客户的对话：${r.conversations.count} 次` : `- Conversations with the client in the last ${r.conversations.days} days: ${r.conversations.count}`);
  return L.join('\n');
}
