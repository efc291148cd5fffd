/**
 * client_summary's planner knowledge through the real offline planner: a summary of one
 * client (named by id or name, pointed at in the last list, or in focus) routes to it;
 * one topic about a client stays the client tools'; without a client the planner asks
 * which one; the summary is remembered as the client in focus.
 */
import { HumanMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { OfflinePlannerModel } from '../../agents/offline-planner/model.js';
import { catalogProducts } from '../../rag/product-names.js';
import type { DialogueView } from '../planning.js';
import { toolsFor } from '../registry.js';
import { clientSummaryPlanner } from './planner.js';
import type { ClientSummaryResult } from './schema.js';

const KNOWN = [
  { id: 'C0003', name: '陈美玲', nameEn: 'Chan Mei Ling' },
  { id: 'C0017', name: '赵敏', nameEn: 'Zhao Min' },
  { id: 'C0002', name: 'Emily Chen', nameEn: 'Emily Chen' },
];

function model(role: 'advisor' | 'client' = 'advisor', dialogue?: DialogueView) {
  const tools = toolsFor(role).map((t) => ({ name: t.name }));
  return new OfflinePlannerModel({ role, products: catalogProducts(), knownClients: KNOWN, refYear: 2026, ...(dialogue ? { dialogue } : {}) }).bindTools(tools as never);
}
const decide = (text: string, m = model()) => m.decide([new HumanMessage(text)]);
const first = (d: ReturnType<typeof decide>) => (d.kind === 'tool_calls' ? d.calls[0] : undefined);

describe('client_summary routing', () => {
  it.each([
    ['summarize C0003', 'C0003'],
    ['summarise C0003 for me', 'C0003'],
    ['讲讲陈美玲的情况', 'C0003'],
    ['tell me about client C0017', 'C0017'],
    ['给我讲讲C0017', 'C0017'],
    ['介绍一下赵敏的基本情况', 'C0017'],
    ['brief me on Emily Chen', 'C0002'],
    ["what's the story with C0003?", 'C0003'],
    ['C0003的概况', 'C0003'],
  ])('%s → client_summary %s', (text, clientId) => {
    expect(first(decide(text))).toEqual({ id: expect.any(String), name: 'client_summary', args: { clientId } });
  });

  it('takes the client in focus or pointed at in the last list, and asks which client otherwise', () => {
    const focus = model('advisor', { memory: {}, subject: { clientId: 'C0017' } });
    expect(first(decide('她的整体情况怎么样', focus))).toMatchObject({ name: 'client_summary', args: { clientId: 'C0017' } });
    const listed = model('advisor', { memory: {}, listed: ['C0011', 'C0056'], last: { intent: 'book_screen', calls: [{ tool: 'screen_book', args: { criterion: 'cash' } }], mode: 'tool' } });
    expect(first(decide('summarize the second one', listed))).toMatchObject({ name: 'client_summary', args: { clientId: 'C0056' } });
    expect(decide('tell me about her', model())).toMatchObject({ kind: 'text', note: { mode: 'ask' } });
  });

  it('leaves one topic about a client, products and the book to their tools', () => {
    expect(first(decide('C0003的持仓情况'))).toMatchObject({ name: 'get_portfolio', args: { clientId: 'C0003' } });
    expect(first(decide('how is C0003 doing this year'))).toMatchObject({ name: 'get_performance', args: { clientId: 'C0003' } });
    expect(first(decide('tell me about 鼎元稳健纯债A'))?.name).toBe('get_product');
    expect(first(decide('give me an overview of my book'))?.name).toBe('book_overview');
    expect(first(decide('summarize my portfolio', model('client')))?.name).not.toBe('client_summary');
  });

  it('remembers the client summarized as the one in focus', () => {
    const r = { clientId: 'C0003', name: '陈美玲', asOf: '2026-11-20', topHoldings: [{ instrumentId: '018202' }] } as unknown as ClientSummaryResult;
    expect(clientSummaryPlanner.remember!(r, { clientId: 'C0003' })).toMatchObject({ subject: { clientId: 'C0003', name: '陈美玲' } });
  });
});
