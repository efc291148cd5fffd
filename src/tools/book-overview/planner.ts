/**
 * What the offline planner knows of book_overview (advisors): the book as a whole —
 * "我的客户总资产多少", "give me an overview of my book", "管理规模", "how is my book split" —
 * with no client named and no ranking or criterion (those are screen_book's). A currency
 * named ("in USD", "用美元") is the report currency; a follow-up may change it.
 */
import { label, money, pct } from '../../lang/format.js';
import type { Utterance } from '../../lang/utterance.js';
import type { PlanEnv, ToolPlanner } from '../planning.js';
import { type Lexicon, features, mentions, namesClient, pointsAtClient } from '../shared/book-cues.js';
import { call, carry, isZh, ownResult } from '../shared/plan-kit.js';
import { screenOf } from '../screen-book/planner.js';
import { RANKING_WORDS } from '../screen-book/words.js';
import type { BookOverviewResult } from './index.js';

/** The book as a whole: its size, its total, an overview. */
const OVERVIEW_WORDS: Lexicon = {
  zh: ['总资产', '资产总额', '总规模', '管理规模', '管理的资产', '资产规模', '总市值', '概况', '总览', '概览', '全貌', '整体情况', '总体情况', '整体', '汇总', '合计', '一共', '总共', '加起来', '分布', '盘子', '家底'],
  en: ['overview', 'big picture', 'at a glance', 'total aum', 'aum', 'total assets', 'assets under management', 'how big', 'overall', 'in total', 'altogether', 'sum', 'snapshot', 'summary of my book', 'book summary', 'summarize my book', 'state of my book', 'breakdown', 'split'],
};
/** The advisor's own book named: "我的客户", "名下", "my book", "my clients". */
const MY_BOOK: Lexicon = {
  zh: ['我的客户', '我名下', '名下', '我管的', '我管理的', '我负责的', '客户总', '所有客户', '全部客户', '客户们', '我的账本', '整个客户'],
  en: ['my book', 'my clients', 'my client base', 'my customers', 'all my clients', 'whole book', 'entire book', 'the book', 'my practice', 'my portfolio of clients'],
};

/** What an advisor manages, named as such ("my total AUM", "管理规模"): the book by definition. */
const AUM_WORDS: Lexicon = { zh: ['管理规模', '管理资产', '资产管理规模'], en: ['aum', 'assets under management'] };

/** What needs attention across the book: the overview's attention counts answer it. */
const ATTENTION_WORDS: Lexicon = {
  zh: ['需要关注', '重点关注', '关注一下', '需要注意', '要关注', '要注意', '需要跟进', '要跟进', '需要处理', '要处理', '预警', '待办', '有什么问题', '有哪些问题', '有没有问题', '风险提示'],
  en: ['need attention', 'needs attention', 'need my attention', 'attention', 'flagged', 'red flag', 'red flags', 'follow up', 'follow-up', 'action items', 'to-do', 'todo', 'alerts', 'issues', 'problems', 'anything i should', 'look at first'],
};
/** Clients in general ("客户", "clients"): with an overview word and no ranking, the book. */
const CLIENTS: Lexicon = { zh: ['客户'], en: ['clients', 'customers', 'book'] };

function overviewOf(u: Utterance, env: PlanEnv): boolean {
  if (env.role !== 'advisor' || namesClient(u, env) || pointsAtClient(u) || screenOf(u, env)) return false;
  if (mentions(u, ATTENTION_WORDS) && (mentions(u, CLIENTS) || mentions(u, MY_BOOK) || !env.dialogue.subject)) return true;
  if (!mentions(u, OVERVIEW_WORDS) || !(mentions(u, MY_BOOK) || mentions(u, AUM_WORDS) || mentions(u, CLIENTS))) return false;
  // "最多 / top / who / which": a ranking, not the whole
  return !mentions(u, { zh: RANKING_WORDS.zh, en: RANKING_WORDS.en.filter((w) => !['above', 'over', 'more than', 'below', 'sort', 'sorted', 'order'].includes(w)) });
}

const OV = features({ zh: [...OVERVIEW_WORDS.zh, ...ATTENTION_WORDS.zh], en: [...OVERVIEW_WORDS.en, ...ATTENTION_WORDS.en] }, 2);
const MB = features(MY_BOOK, 1.5);

interface OverviewMemory {
  [k: string]: unknown;
  asOf: string;
  currency: string;
  byRiskProfile: BookOverviewResult['byRiskProfile'];
  byAssetClass: BookOverviewResult['byAssetClass'];
  attention: BookOverviewResult['attention'];
  thresholds: BookOverviewResult['thresholds'];
}

const CLASS_KEYS: [RegExp, string][] = [
  [/私募|private/, 'private'], [/理财|wealth/, 'wealth'], [/债|bond|fixed income/, 'bond'], [/现金|cash/, 'cash'], [/reit|不动产/, 'reit'],
  [/美股|us (stocks|equit)/, 'equity_us'], [/港股|hk (stocks|equit)|hong kong/, 'equity_hk'], [/a股|a-share|china a/, 'equity_cn'], [/基金|mutual fund|\bfunds?\b/, 'fund'],
];

/** "按风险等级分布是怎样的", "what share is in private funds" from the overview just shown. */
function splitText(u: Utterance, m: OverviewMemory): string | undefined {
  const zh = u.lang === 'zh';
  if (/风险等级|风险分布|risk (profile|level)s?|by profile/.test(u.norm)) {
    const rows = m.byRiskProfile.map((p) => `- ${p.profile ? `C${p.profile}` : zh ? '未测评' : 'no profile'}: ${p.clients} ${zh ? '位' : 'client(s)'}, ${money(p.aum, m.currency)} (${pct(p.weight)})`);
    return [zh ? `按刚才的总览（截至 ${m.asOf}），按风险等级：` : `From the overview just shown (as of ${m.asOf}), by risk profile:`, ...rows].join('\n');
  }
  // "哪类资产最多", "which asset class is the biggest": the largest slice
  if (/哪(类|一类|种)资产.{0,4}(最多|最大|最高)|which (asset )?class.{0,20}(most|biggest|largest)|largest (asset )?class/.test(u.norm) && m.byAssetClass.length > 0) {
    const top = [...m.byAssetClass].sort((a, b) => b.weight - a.weight)[0];
    return zh
      ? `按刚才的总览（截至 ${m.asOf}），占比最大的资产类别是${label(top.key, 'zh')}：${money(top.value, m.currency)}，占 ${pct(top.weight)}。`
      : `From the overview just shown (as of ${m.asOf}), the largest asset class is ${label(top.key, 'en')}: ${money(top.value, m.currency)}, ${pct(top.weight)} of your book.`;
  }
  const key = CLASS_KEYS.find(([re]) => re.test(u.norm))?.[1];
  if (!key || !/占|多少|比例|share|how much|weight|percent|%/.test(u.norm)) return undefined;
  const s = m.byAssetClass.find((x) => x.key === key);
  if (!s) return zh ? `按刚才的总览（截至 ${m.asOf}），您名下客户没有持有${label(key, 'zh')}。` : `From the overview just shown (as of ${m.asOf}), your book holds no ${label(key, 'en')}.`;
  return zh
    ? `按刚才的总览（截至 ${m.asOf}），${label(key, 'zh')}合计 ${money(s.value, m.currency)}，占您名下资产的 ${pct(s.weight)}。`
    : `From the overview just shown (as of ${m.asOf}), ${label(key, 'en')} total ${money(s.value, m.currency)}, ${pct(s.weight)} of your book.`;
}

const COUNT = /how many|number of|多少(位|个|人|名)|几(位|个|人|名)/;
const COUNTED: [RegExp, 'aboveProfile' | 'assessmentDue' | 'drift' | 'concentration'][] = [
  [/above (their|the)? ?(risk|profile)|mismatch|unsuitable|超出.{0,4}风险|高于.{0,4}风险|不匹配|适当性/, 'aboveProfile'],
  [/assessment|questionnaire|profile.{0,10}(expir|due)|expir|测评|问卷|过期|到期/, 'assessmentDue'],
  [/off target|drift|偏离|跑偏/, 'drift'],
  [/concentrat|single (holding|position)|集中|单一持仓|单只/, 'concentration'],
];

/** "how many of them are off target?" from the overview's attention counts, offering the list. */
function countText(u: Utterance, m: OverviewMemory): { text: string; offer: { tool: string; args: Record<string, unknown> } } | undefined {
  if (!COUNT.test(u.norm)) return undefined;
  const key = COUNTED.find(([re]) => re.test(u.norm))?.[1];
  if (!key) return undefined;
  const t = m.thresholds;
  const n = m.attention[key];
  const zh = u.lang === 'zh';
  const what = {
    aboveProfile: zh ? '持有高于自身风险等级的产品或测评过期/缺失' : 'hold products above their profile or have an expired or missing profile',
    assessmentDue: zh ? `风险测评缺失、过期或 ${t.withinDays} 天内到期` : `have a risk assessment missing, expired or due within ${t.withinDays} days`,
    drift: zh ? `有资产类别偏离目标超过 ${pct(t.drift)}` : `have an asset class more than ${pct(t.drift)} off target`,
    concentration: zh ? `单一持仓（不含现金）超过 ${pct(t.concentration)}` : `have a single holding (cash aside) above ${pct(t.concentration)}`,
  }[key];
  const offer = {
    aboveProfile: { criterion: 'above_profile' },
    assessmentDue: { criterion: 'assessment_due', withinDays: t.withinDays },
    drift: { criterion: 'drift', threshold: t.drift },
    concentration: { criterion: 'concentration', threshold: t.concentration },
  }[key];
  const text = zh
    ? `按刚才的总览（截至 ${m.asOf}），${what}的客户有 ${n} 位。问“是哪些？”可以看名单。`
    : `From the overview just shown (as of ${m.asOf}), ${n} client(s) ${what}. Ask "who are they?" for the names.`;
  return { text, offer: { tool: 'screen_book', args: { ...offer, ...(m.currency ? { currency: m.currency } : {}) } } };
}

function attentionText(m: OverviewMemory, lang: 'zh' | 'en'): string {
  const a = m.attention;
  const t = m.thresholds;
  return lang === 'zh'
    ? [
        `按刚才的总览（截至 ${m.asOf}），需要重点关注的客户：`,
        `- 持有高于自身风险等级的产品，或测评过期/缺失：${a.aboveProfile} 位`,
        `- 风险测评缺失、过期或 ${t.withinDays} 天内到期：${a.assessmentDue} 位`,
        `- 资产类别偏离目标超过 ${pct(t.drift)}：${a.drift} 位`,
        `- 单一持仓（不含现金）超过 ${pct(t.concentration)}：${a.concentration} 位`,
        '可以继续问我“哪些客户持有高于风险等级的产品”等，查看具体名单。',
      ].join('\n')
    : [
        `From the overview just shown (as of ${m.asOf}), clients needing attention:`,
        `- holding products above their profile, or with an expired or missing profile: ${a.aboveProfile}`,
        `- risk assessment missing, expired or due within ${t.withinDays} days: ${a.assessmentDue}`,
        `- an asset class more than ${pct(t.drift)} off target: ${a.drift}`,
        `- a single holding (cash aside) above ${pct(t.concentration)}: ${a.concentration}`,
        'Ask me, e.g., "which clients hold products above their risk level?" for the names.',
      ].join('\n');
}

export const bookOverviewPlanner: ToolPlanner<BookOverviewResult> = {
  intents: [
    {
      id: 'book_overview',
      offer: ['advisor'],
      label: { zh: '客户总览（总资产、分布与待关注事项）', en: 'an overview of your book' },
      zh: [...OV.zh, ...MB.zh],
      en: [...OV.en, ...MB.en],
      bias: (u, _score, env) => (env.role !== 'advisor' ? -12 : overviewOf(u, env) ? 5 : -5),
    },
  ],
  plan: (u, intent) => call(intent, 'book_overview', u.slots.currency ? { currency: u.slots.currency } : {}),
  followUp(u, prev, env) {
    if (prev.tool !== 'book_overview') return undefined;
    if (u.slots.currency) return call('book_overview', 'book_overview', carry(prev, { currency: u.slots.currency }, []));
    // "有几个需要重点关注的" right after the overview: its attention counts answer it.
    const m = env.dialogue.memory.book_overview as OverviewMemory | undefined;
    if (!m) return undefined;
    const counted = countText(u, m);
    if (counted) return { kind: 'say', intent: 'book_overview', text: counted.text, from: 'book_overview', offer: counted.offer };
    if (mentions(u, ATTENTION_WORDS)) return { kind: 'say', intent: 'book_overview', text: attentionText(m, u.lang), from: 'book_overview' };
    const split = splitText(u, m);
    return split ? { kind: 'say', intent: 'book_overview', text: split, from: 'book_overview' } : undefined;
  },
  compose(input) {
    const own = ownResult<BookOverviewResult>(input);
    if ('failed' in own) return own.failed;
    const r = own.result;
    const zh = isZh(input.lang);
    const c = r.currency;
    if (r.clients === 0) return zh ? `截至 ${r.asOf}，您名下还没有客户。` : `As of ${r.asOf}, your book has no clients yet.`;
    const prof = r.byRiskProfile.map((p) => {
      const name = p.profile ? `C${p.profile}` : zh ? '未测评' : 'no profile';
      return zh ? `${name} ${p.clients} 位（${money(p.aum, c)}，${pct(p.weight)}）` : `${name}: ${p.clients} (${money(p.aum, c)}, ${pct(p.weight)})`;
    });
    const cls = r.byAssetClass.map((s) => (zh ? `${label(s.key, 'zh')} ${money(s.value, c)}（${pct(s.weight)}）` : `${label(s.key, 'en')} ${money(s.value, c)} (${pct(s.weight)})`));
    const a = r.attention;
    const t = r.thresholds;
    const lines = zh
      ? [
          `截至 ${r.asOf}，您名下共有 ${r.clients} 位客户，管理资产合计 ${money(r.aum, c)}。`,
          `- 按风险等级：${prof.join('、')}`,
          `- 按资产类别：${cls.join('、')}`,
          `- 需要关注：持有高于自身风险等级产品或测评过期/缺失 ${a.aboveProfile} 位；风险测评缺失、过期或 ${t.withinDays} 天内到期 ${a.assessmentDue} 位；` +
            `资产类别偏离目标超过 ${pct(t.drift)} 的 ${a.drift} 位；单一持仓（不含现金）超过 ${pct(t.concentration)} 的 ${a.concentration} 位。`,
        ]
      : [
          `As of ${r.asOf}, your book has ${r.clients} clients with ${money(r.aum, c)} in total.`,
          `- By risk profile: ${prof.join('; ')}`,
          `- By asset class: ${cls.join('; ')}`,
          `- Needing attention: ${a.aboveProfile} hold products above their profile or have an expired or missing profile; ${a.assessmentDue} have a risk assessment ` +
            `missing, expired or due within ${t.withinDays} days; ${a.drift} have an asset class more than ${pct(t.drift)} off target; ${a.concentration} have a single ` +
            `holding (cash aside) above ${pct(t.concentration)}.`,
        ];
    return lines.join('\n');
  },
  remember: (r): OverviewMemory => ({ asOf: r.asOf, attention: r.attention, thresholds: r.thresholds, currency: r.currency, byRiskProfile: r.byRiskProfile, byAssetClass: r.byAssetClass }),
};
