/**
 * The generic engine: follow-ups against the dialogue state, clarifying questions with
 * options, whose data an advisor means, third person read like first person, and the
 * engine holding no tool name of its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogProducts } from '../../rag/product-names.js';
import type { DialogueView, PlanEnv, Step } from '../../tools/planning.js';
import { TOOLS, toolsFor } from '../../tools/registry.js';
import { decide } from './engine.js';

const env = (role: 'client' | 'advisor', dialogue: DialogueView = { memory: {} }, lang: 'zh' | 'en' = 'en'): PlanEnv => ({
  role,
  lang,
  tools: new Set(toolsFor(role).map((t) => t.name)),
  products: catalogProducts(),
  knownClients: role === 'advisor' ? [{ id: 'C0003', name: '陈美玲', nameEn: 'Chen Meiling' }, { id: 'C0017', name: '马东宇', nameEn: 'Ma Dongyu' }] : undefined,
  dialogue,
});
const calls = (s: Step) => (s.kind === 'call' ? s.calls.map((c) => [c.tool, c.args] as const) : s.kind);

describe('offline planner engine', () => {
  it('names no tool: every tool name comes from the registry', () => {
    const src = ['engine.ts', 'model.ts', 'intent.ts', 'replies.ts'].map((f) => readFileSync(new URL(`./${f}`, import.meta.url), 'utf8')).join('\n');
    for (const t of TOOLS) expect(src, t.name).not.toContain(`'${t.name}'`);
  });

  it('asks one short question with options when unsure, and a reply picks an option', () => {
    const ask = decide('hmm', env('client'));
    expect(ask.kind).toBe('ask');
    if (ask.kind !== 'ask') return;
    expect(ask.options?.length).toBeGreaterThanOrEqual(2);
    expect(ask.text.en).toMatch(/1\. .+\n2\. /);
    const picked = decide('2', env('client', { memory: {}, pending: { options: ask.options! } }));
    expect(picked).toEqual(ask.options![1].step);
  });

  it('an advisor is asked which client instead of getting a tool error, and the reply completes the request', () => {
    const ask = decide('how risky is the portfolio?', env('advisor'));
    expect(ask).toMatchObject({ kind: 'ask', resume: { needs: 'client' } });
    if (ask.kind !== 'ask') return;
    const done = decide('C0017', env('advisor', { memory: {}, pending: { options: [], resume: ask.resume } }));
    expect(calls(done)).toEqual([['portfolio_risk', { clientId: 'C0017' }]]);
  });

  it('reads an advisor\u2019s third person like a client\u2019s first person, with the client in focus', () => {
    const d: DialogueView = { memory: {}, subject: { clientId: 'C0003' } };
    expect(calls(decide('how did she do last year?', env('advisor', d)))).toEqual([['get_performance', { periods: [String(new Date().getUTCFullYear() - 1)], clientId: 'C0003' }]]);
    expect(calls(decide('她的持仓', env('advisor', d, 'zh')))).toEqual([['get_portfolio', { clientId: 'C0003' }]]);
    expect(calls(decide("Show me C0017's portfolio", env('advisor', d)))).toEqual([['get_portfolio', { clientId: 'C0017' }]]);
  });

  it('"the second one" after a list is the second client listed; "what about C0017?" repeats the request for C0017', () => {
    const d: DialogueView = { memory: {}, listed: ['C0017', 'C0003'] };
    expect(calls(decide('show me the second one\u2019s holdings', env('advisor', d)))).toEqual([['get_portfolio', { clientId: 'C0003' }]]);
    const last: DialogueView = { memory: {}, subject: { clientId: 'C0003' }, last: { intent: 'performance', calls: [{ tool: 'get_performance', args: { periods: ['1Y'], clientId: 'C0003' } }], mode: 'tool' } };
    expect(calls(decide('what about C0017?', env('advisor', last)))).toEqual([['get_performance', { periods: ['1Y'], clientId: 'C0017' }]]);
  });

  it('a client never passes a clientId, whatever the words', () => {
    expect(calls(decide("what is C0017's portfolio worth?", env('client')))).toEqual([['get_portfolio', {}]]);
    expect(calls(decide('C0017最近一年收益怎么样', env('client', { memory: {} }, 'zh')))).toEqual([['get_performance', { periods: ['1Y'] }]]);
  });

  it('a follow-up goes to the last tool only when it adds something that tool uses', () => {
    const d: DialogueView = { memory: {}, last: { intent: 'performance', calls: [{ tool: 'get_performance', args: { periods: ['YTD'] } }], mode: 'tool' } };
    expect(calls(decide('and 2024?', env('client', d)))).toEqual([['get_performance', { periods: ['2024'] }]]);
    expect(calls(decide('in USD?', env('client', d)))).toEqual([['get_performance', { currency: 'USD', periods: ['YTD'] }]]);
    // A clear new request is a new request.
    expect(calls(decide('what is my max drawdown?', env('client', d)))).toEqual([['portfolio_risk', {}]]);
  });
});
