/**
 * screen_book's planner knowledge through the real offline planner: book questions in
 * both languages (colloquial, typos) route to the screen with the criterion and its
 * parameters; client questions, drift and plain lists keep their tools; follow-ups refine
 * the last screen; the clients listed are remembered in order.
 */
import { HumanMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { OfflinePlannerModel } from '../../agents/offline-planner/model.js';
import { readUtterance } from '../../lang/utterance.js';
import { catalogProducts } from '../../rag/product-names.js';
import type { DialogueView } from '../planning.js';
import { toolsFor } from '../registry.js';
import { screenBookPlanner } from './planner.js';
import type { ScreenBookResult } from './schema.js';

const KNOWN = [
  { id: 'C0003', name: '陈美玲', nameEn: 'Chan Mei Ling' },
  { id: 'C0017', name: '赵敏', nameEn: 'Zhao Min' },
];

function model(role: 'advisor' | 'client' = 'advisor', dialogue?: DialogueView) {
  const tools = toolsFor(role).map((t) => ({ name: t.name }));
  return new OfflinePlannerModel({ role, products: catalogProducts(), knownClients: KNOWN, refYear: 2026, ...(dialogue ? { dialogue } : {}) }).bindTools(tools as never);
}
const decide = (text: string, m = model()) => m.decide([new HumanMessage(text)]);

describe('screen_book routing', () => {
  it.each([
    ['谁的现金最多', { criterion: 'cash' }],
    ['who has the most cash', { criterion: 'cash' }],
    ['哪个客户手上闲钱最多？', { criterion: 'cash' }],
    ['which clients are sitting on the most cash?', { criterion: 'cash' }],
    ['现金最少的客户', { criterion: 'cash', order: 'asc' }],
    ['哪些客户权益仓位最重', { criterion: 'equity', basis: 'weight' }],
    ['who has the biggest stock allocation', { criterion: 'equity' }],
    ['top 5 clients by equity weight', { criterion: 'equity', basis: 'weight', limit: 5 }],
    ['债券配置最多的是哪几位', { criterion: 'bond' }],
    ['谁持有鼎元稳健纯债A', { criterion: 'holds_product', product: '018201' }],
    ['有哪些客户买了鼎元稳健纯债A', { criterion: 'holds_product', product: '018201' }],
    ['who holds WM-2024-045?', { criterion: 'holds_product', product: 'WM-2024-045' }],
    ['which clients hold products above their risk level', { criterion: 'above_profile' }],
    ['有没有客户买了和风险等级不匹配的产品', { criterion: 'above_profile' }],
    ['suitability breaches in my book', { criterion: 'above_profile' }],
    ['谁超出风险限额', { criterion: 'risk_limit' }],
    ['which clients are over their risk limit?', { criterion: 'risk_limit' }],
    ['哪些客户的风险测评快过期了', { criterion: 'assessment_due' }],
    ['clients with expired risk profiles', { criterion: 'assessment_due' }],
    ['whose risk profiles expire in the next 60 days?', { criterion: 'assessment_due', withinDays: 60 }],
    ['下个月哪些客户测评到期', { criterion: 'assessment_due', withinDays: 30 }],
    ['who underperformed the benchmark this year', { criterion: 'underperformed', period: 'YTD' }],
    ['who underperfomed ytd', { criterion: 'underperformed', period: 'YTD' }],
    ['去年跑输基准的客户', { criterion: 'underperformed', period: '2025' }],
    ['2024年跑输基准的客户有哪些', { criterion: 'underperformed', period: '2024' }],
    ['which clients lagged their benchmark over the last 12 months', { criterion: 'underperformed', period: '1Y' }],
    ['concentrated portfolios above 30%', { criterion: 'concentration', threshold: 0.3 }],
    ['哪些客户持仓过于集中', { criterion: 'concentration' }],
    ['单一持仓超过25%的C4客户', { criterion: 'concentration', threshold: 0.25, riskProfile: 4 }],
    ['股票占比超过50%的客户', { criterion: 'equity', basis: 'weight', threshold: 0.5 }],
    ['who has more than 20% in cash', { criterion: 'cash', basis: 'weight', threshold: 0.2 }],
    ["which clients haven't done a risk assessment", { criterion: 'assessment_due' }],
    ['any suitability issues?', { criterion: 'above_profile' }],
    ['谁的持仓风险超出了他的承受能力', { criterion: 'above_profile' }],
  ])('%s → screen_book %j', (text, args) => {
    const d = decide(text);
    expect(d.kind).toBe('tool_calls');
    if (d.kind !== 'tool_calls') return;
    expect(d.calls).toHaveLength(1);
    expect(d.calls[0].name).toBe('screen_book');
    expect(d.calls[0].args).toEqual(args);
  });

  it.each([
    ['偏离超过5%的客户', 'list_clients', { minDrift: 0.05 }],
    ['which of my clients drifted more than 5%?', 'list_clients', { minDrift: 0.05 }],
    ['rank my book by AUM', 'list_clients', { sortBy: 'value' }],
    ['按资产规模排一下我的客户', 'list_clients', { sortBy: 'value' }],
    ['list my C3 clients', 'list_clients', { riskProfile: 3 }],
    ['find client Emily Chen', 'list_clients', { query: 'Emily Chen' }],
    ['C0003的现金有多少', 'get_portfolio', { clientId: 'C0003' }],
    ['陈美玲的现金有多少', 'get_portfolio', { clientId: 'C0003' }],
    ['C0017 跑输基准了吗', 'get_performance', { clientId: 'C0017' }],
    ["what's C0003's max drawdown", 'portfolio_risk', { clientId: 'C0003' }],
    ['鼎元稳健纯债A的管理费是多少', 'get_product', { query: '018201' }],
  ])('keeps %s on %s', (text, tool, args) => {
    const d = decide(text);
    expect(d.kind).toBe('tool_calls');
    if (d.kind === 'tool_calls') expect(d.calls[0]).toMatchObject({ name: tool, args });
  });

  it('asks which client for one portfolio when none is named or in focus', () => {
    expect(decide('is the portfolio too concentrated?')).toMatchObject({ kind: 'text', note: { mode: 'ask' } });
  });

  it('takes the product in focus as the one held ("哪些客户持有它？" after a product answer)', () => {
    const m = model('advisor', { memory: {}, products: ['018201'], last: { intent: 'documents', calls: [{ tool: 'get_product', args: { query: '018201' } }], mode: 'tool' } });
    for (const text of ['哪些客户持有它？', 'who else holds it?', '谁买了这只基金']) {
      expect(decide(text, m)).toMatchObject({ calls: [{ name: 'screen_book', args: { criterion: 'holds_product', product: '018201' } }] });
    }
    const fee = decide('它的管理费是多少', m);
    expect(fee.kind === 'tool_calls' ? fee.calls[0].name : fee.kind).toBe('get_product');
  });

  it('never screens for a client, whatever the words', () => {
    for (const text of ['谁的现金最多', 'who underperformed the benchmark this year']) {
      const d = decide(text, model('client'));
      expect(d.kind === 'tool_calls' ? d.calls.map((c) => c.name) : []).not.toContain('screen_book');
    }
    expect(decide('我的现金有多少', model('client'))).toMatchObject({ calls: [{ name: 'get_portfolio' }] });
  });
});

describe('screen_book follow-ups', () => {
  const listed = ['C0011', 'C0056', 'C0003'];
  const after = (args: Record<string, unknown>) =>
    model('advisor', { last: { intent: 'book_screen', calls: [{ tool: 'screen_book', args }], mode: 'tool' }, memory: { screen_book: { total: 44 } }, listed });
  const next = (args: Record<string, unknown>, text: string) => decide(text, after(args));

  it.each([
    [{ criterion: 'cash' }, 'top 3 only', { criterion: 'cash', limit: 3 }],
    [{ criterion: 'cash' }, '只看前三个', { criterion: 'cash', limit: 3 }],
    [{ criterion: 'cash' }, '只看C2的', { criterion: 'cash', riskProfile: 2 }],
    [{ criterion: 'cash' }, 'just the C4 ones', { criterion: 'cash', riskProfile: 4 }],
    [{ criterion: 'cash' }, 'by weight instead', { criterion: 'cash', basis: 'weight' }],
    [{ criterion: 'cash', basis: 'weight' }, '按金额呢', { criterion: 'cash', basis: 'amount' }],
    [{ criterion: 'cash' }, '最少的呢', { criterion: 'cash', order: 'asc' }],
    [{ criterion: 'cash', limit: 3 }, 'what about bonds?', { criterion: 'bond', limit: 3 }],
    [{ criterion: 'cash' }, '那股票呢', { criterion: 'equity' }],
    [{ criterion: 'underperformed', period: 'YTD' }, 'and over last year?', { criterion: 'underperformed', period: '2025' }],
    [{ criterion: 'underperformed', period: 'YTD' }, 'and over the last 12 months?', { criterion: 'underperformed', period: '1Y' }],
    [{ criterion: 'underperformed' }, '那去年呢', { criterion: 'underperformed', period: '2025' }],
    [{ criterion: 'concentration', threshold: 0.3 }, '超过10%的呢', { criterion: 'concentration', threshold: 0.1 }],
    [{ criterion: 'concentration' }, 'what about above 40%?', { criterion: 'concentration', threshold: 0.4 }],
    [{ criterion: 'assessment_due' }, 'within 90 days?', { criterion: 'assessment_due', withinDays: 90 }],
    [{ criterion: 'concentration' }, 'and drift?', { criterion: 'drift' }],
    [{ criterion: 'cash', limit: 3 }, 'show me all of them', { criterion: 'cash', limit: 44 }],
    [{ criterion: 'cash', limit: 3 }, '全部列出来', { criterion: 'cash', limit: 44 }],
    [{ criterion: 'drift' }, '按规模呢', { criterion: 'aum' }],
  ])('%j + "%s" → %j', (prev, text, args) => {
    expect(next(prev, text)).toMatchObject({ kind: 'tool_calls', calls: [{ name: 'screen_book', args }] });
  });

  it('hands a question about one client of the list to the client tools ("the second one"); "她" among several asks which', () => {
    expect(next({ criterion: 'cash' }, '第二个客户的持仓呢')).toMatchObject({ calls: [{ name: 'get_portfolio', args: { clientId: 'C0056' } }] });
    expect(next({ criterion: 'cash' }, '她的收益怎么样')).toMatchObject({ kind: 'text', note: { mode: 'ask', resume: { needs: 'client' } } });
    expect(next({ criterion: 'cash' }, 'summarize the second one')).toMatchObject({ calls: [{ name: 'client_summary', args: { clientId: 'C0056' } }] });
  });

  it('remembers the clients listed, in order (and the one client when only one is shown)', () => {
    const row = (clientId: string) => ({ clientId, name: clientId, riskProfile: 3, profileExpired: false, baseCurrency: 'CNY' as const, value: '1.00', metric: 0.1, detail: {} });
    const r = { rows: ['C0056', 'C0011'].map(row), criterion: 'cash' } as unknown as ScreenBookResult;
    expect(screenBookPlanner.remember!({ ...r, total: 2 }, {})).toMatchObject({ criterion: 'cash', total: 2, clients: ['C0056', 'C0011'], positions: [] });
    const one = { rows: [row('C0003')], criterion: 'drift' } as unknown as ScreenBookResult;
    expect(screenBookPlanner.remember!(one, {})).toMatchObject({ clients: ['C0003'], subject: { clientId: 'C0003' } });
  });
});

describe('screen_book answers from the rows shown', () => {
  it('"陈美玲持有多少" after "who holds X" gives her position from the rows, without a new call', () => {
    const r = {
      advisorId: 'A001',
      criterion: 'holds_product',
      asOf: '2026-11-20',
      currency: 'CNY',
      product: { id: '018202', name: '景和短债债券A', nameEn: 'Jinghe Short-term Bond Fund A', riskLevel: 2 },
      rows: [{ clientId: 'C0003', name: '陈美玲', riskProfile: 3, profileExpired: false, baseCurrency: 'CNY', value: '120000.00', metric: 0.08, detail: { weight: 0.08 } }],
      total: 1,
    } as unknown as ScreenBookResult;
    const memory = screenBookPlanner.remember!(r, {});
    const step = screenBookPlanner.followUp!(
      readUtterance('C0003持有多少', { advisor: true }),
      { tool: 'screen_book', args: { criterion: 'holds_product', product: '018202' } },
      { role: 'advisor', lang: 'zh', tools: new Set(['screen_book']), dialogue: { memory: { screen_book: memory } } },
      { intent: 'portfolio', score: 2.5 },
    );
    expect(step).toMatchObject({ kind: 'say', text: '截至 2026-11-20，陈美玲（C0003）持有景和短债债券A（018202）市值 120,000.00 CNY，占其组合 8.00%。' });
  });

  it('"C0003还剩几天" after the assessments-due screen, and "which class?" after the drift screen, from the rows', () => {
    const rows = (detail: object) => [
      { clientId: 'C0003', name: '陈美玲', riskProfile: 3, profileExpired: false, baseCurrency: 'CNY', value: '1.00', metric: 12, detail },
      { clientId: 'C0017', name: '赵敏', riskProfile: 2, profileExpired: true, baseCurrency: 'CNY', value: '1.00', metric: -3, detail: { ...detail, daysLeft: -3, expiresAt: '2026-11-17' } },
    ];
    const ask = (criterion: string, detail: object, text: string, lang: 'zh' | 'en') =>
      screenBookPlanner.followUp!(
        readUtterance(text, { advisor: true }),
        { tool: 'screen_book', args: { criterion } },
        { role: 'advisor', lang, tools: new Set(['screen_book']), dialogue: { memory: { screen_book: screenBookPlanner.remember!({ criterion, asOf: '2026-11-20', currency: 'CNY', rows: rows(detail), total: 2 } as unknown as ScreenBookResult, {}) } } },
        { intent: 'portfolio', score: 1.5 },
      );
    expect(ask('assessment_due', { daysLeft: 12, expiresAt: '2026-12-02' }, 'C0003还剩几天', 'zh')).toMatchObject({ kind: 'say', text: '按刚才的筛选（截至 2026-11-20），陈美玲（C0003）的风险测评还剩 12 天，2026-12-02 到期。' });
    expect(ask('assessment_due', { daysLeft: 12, expiresAt: '2026-12-02' }, 'how many days left for the second one?', 'en')).toMatchObject({
      kind: 'say',
      text: "From the screen just shown (as of 2026-11-20), 赵敏 (C0017)'s risk assessment expired on 2026-11-17, 3 days ago.",
    });
    expect(ask('drift', { assetClass: 'equity_cn', actual: 0.42, target: 0.3 }, 'C0003 drift is in which asset class', 'en')).toMatchObject({ kind: 'say', text: expect.stringContaining('42.00% against a target of 30.00%') });
  });
});
