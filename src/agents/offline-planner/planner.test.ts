import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { OfflinePlannerModel } from './model.js';
import { extractSlots } from '../../lang/slots.js';
import { normalize } from '../../lang/text.js';

const TOOLS = ['get_portfolio', 'get_performance', 'assess_risk_profile', 'portfolio_risk'].map((name) => ({ name }));
const planner = new OfflinePlannerModel({ role: 'client' }).bindTools(TOOLS as never);
const call = (msgs: (HumanMessage | AIMessage | ToolMessage)[]) => planner.decide(msgs);

describe('slots', () => {
  it.each([
    ['我有50万', '500000'],
    ['1.2亿', '120000000'],
    ['三千块', '3000'],
    ['五十万', '500000'],
    ['$10k', '10000'],
    ['10,000 USD', '10000'],
    ['1.5m', '1500000'],
  ])('amount %s → %s', (t, v) => expect(extractSlots(normalize(t)).amounts[0].value).toBe(v));
  it('percent, horizon, age, currency, period, confidence, risk-free rate, tickers', () => {
    expect(extractSlots(normalize('百分之五')).percents).toEqual([0.05]);
    expect(extractSlots(normalize('投20年')).horizonYears).toBe(20);
    expect(extractSlots(normalize('到60岁')).targetAge).toBe(60);
    expect(extractSlots(normalize('用美金')).currency).toBe('USD');
    expect(extractSlots(normalize('港元')).currency).toBe('HKD');
    expect(extractSlots(normalize('过去12个月')).periods).toEqual(['1Y']);
    expect(extractSlots(normalize('since inception')).periods).toEqual(['SI']);
    expect(extractSlots(normalize('99%置信度')).confidence).toBe(0.99);
    expect(extractSlots(normalize('无风险利率2%')).riskFreeRate).toBe(0.02);
    expect(extractSlots(normalize('0700.HK 00700 600519')).tickers).toEqual(['0700.HK', '00700', '600519']);
  });
});

describe('routing', () => {
  it.each([
    ['我的组合现在值多少钱？', 'get_portfolio', {}],
    ['how much is my porfolio worth', 'get_portfolio', {}],
    ['我今年收益怎么样？', 'get_performance', { periods: ['YTD'] }],
    ['帮我做一下风险测评', 'assess_risk_profile', { action: 'start' }],
    ['what is my risk profile?', 'assess_risk_profile', { action: 'get' }],
    ["what's my 95% VaR?", 'portfolio_risk', {}],
  ])('%s → %s', (text, tool, args) => {
    const d = call([new HumanMessage(text)]);
    expect(d).toMatchObject({ kind: 'tool_calls', calls: [{ name: tool, args }] });
  });
  it('answers trades, transfers and small talk directly, and never calls an unbound tool', () => {
    for (const t of ['buy 50 shares of AAPL', '帮我转账5万', '讲个笑话', 'hello']) expect(call([new HumanMessage(t)]).kind).toBe('text');
    expect(call([new HumanMessage("I don't want to buy anything, show my holdings")])).toMatchObject({ calls: [{ name: 'get_portfolio' }] });
    expect(call([new HumanMessage('which of my clients drifted more than 5%?')]).kind).toBe('text');
  });
  it('follow-ups reuse the previous tool with the new slot (read from the dialogue state)', () => {
    const after = (tool: string, args: Record<string, unknown>, memory: Record<string, Record<string, unknown>> = {}) =>
      new OfflinePlannerModel({ role: 'client', dialogue: { last: { intent: tool, calls: [{ tool, args }], mode: 'tool' }, memory } }).bindTools(TOOLS as never);
    expect(after('get_portfolio', {}).decide([new HumanMessage('and in USD?')])).toMatchObject({ calls: [{ name: 'get_portfolio', args: { currency: 'USD' } }] });
    expect(after('get_performance', { periods: ['YTD'] }).decide([new HumanMessage('what about 3 months?')])).toMatchObject({
      calls: [{ name: 'get_performance', args: { periods: ['3M'] } }],
    });
    expect(after('get_performance', { periods: ['YTD'] }).decide([new HumanMessage('那去年呢？')])).toMatchObject({
      calls: [{ name: 'get_performance', args: { periods: [String(new Date().getUTCFullYear() - 1)] } }],
    });
    const open = new OfflinePlannerModel({
      role: 'client',
      dialogue: { last: { intent: 'profile_start', calls: [{ tool: 'assess_risk_profile', args: { action: 'start' } }], mode: 'tool' }, memory: {}, flow: { tool: 'assess_risk_profile' } },
    }).bindTools(TOOLS as never);
    expect(open.decide([new HumanMessage('C')])).toMatchObject({ calls: [{ name: 'assess_risk_profile', args: { action: 'answer', answer: 'C' } }] });
  });
});
