/**
 * book_overview's planner knowledge through the real offline planner: the book as a
 * whole routes to the overview (with a currency when one is named); rankings stay the
 * screens', client questions the client tools', and a client never gets it.
 */
import { HumanMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { OfflinePlannerModel } from '../../agents/offline-planner/model.js';
import { catalogProducts } from '../../rag/product-names.js';
import type { DialogueView } from '../planning.js';
import { toolsFor } from '../registry.js';

function model(role: 'advisor' | 'client' = 'advisor', dialogue?: DialogueView) {
  const tools = toolsFor(role).map((t) => ({ name: t.name }));
  return new OfflinePlannerModel({ role, products: catalogProducts(), refYear: 2026, ...(dialogue ? { dialogue } : {}) }).bindTools(tools as never);
}
const decide = (text: string, m = model()) => m.decide([new HumanMessage(text)]);
const first = (d: ReturnType<typeof decide>) => (d.kind === 'tool_calls' ? d.calls[0] : undefined);

describe('book_overview routing', () => {
  it.each([
    ['我的客户总资产多少', {}],
    ['give me an overview of my book', {}],
    ['我名下客户一共管理多少资产', {}],
    ['我的客户整体情况怎么样', {}],
    ['what is my total AUM', {}],
    ['overview of my clients', {}],
    ['给我看一下客户总览', {}],
    ['how big is my book in USD', { currency: 'USD' }],
    ['我的客户总资产用港币算是多少', { currency: 'HKD' }],
    ['客户资产分布', {}],
    ['哪些客户需要关注', {}],
    ['who needs my attention today?', {}],
    ['anything in my book I should look at first?', {}],
  ])('%s → book_overview %j', (text, args) => {
    expect(first(decide(text))).toEqual(expect.objectContaining({ name: 'book_overview', args }));
  });

  it('leaves rankings, one client and the client role to the other tools', () => {
    expect(first(decide('谁的现金最多'))?.name).toBe('screen_book');
    expect(first(decide('rank my book by AUM'))?.name).toBe('list_clients');
    expect(first(decide('C0003的总资产多少'))).toMatchObject({ name: 'get_portfolio', args: { clientId: 'C0003' } });
    expect(first(decide('我的总资产多少', model('client')))?.name).toBe('get_portfolio');
  });

  it('changes the currency on a follow-up', () => {
    const after = model('advisor', { last: { intent: 'book_overview', calls: [{ tool: 'book_overview', args: {} }], mode: 'tool' }, memory: {} });
    expect(first(decide('in USD?', after))).toMatchObject({ name: 'book_overview', args: { currency: 'USD' } });
    expect(first(decide('用美元呢', after))).toMatchObject({ name: 'book_overview', args: { currency: 'USD' } });
  });
});
