/**
 * Generalization pieces of the planner, on phrasings written for these tests (not the
 * eval lines): script/dialect folding end to end, tenths and basis points, turnover caps,
 * tax flags, goal assumptions, list limits and names, document kinds, questions vs orders.
 */
import { HumanMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { OfflinePlannerModel } from './model.js';
import { catalogProducts } from '../../rag/product-names.js';
import { clientNameQuery, extractSlots } from '../../lang/slots.js';
import { backtestSlotsOf, costBpsOf, goalSlotsOf, optimizeSlotsOf, rebalanceSlotsOf } from '../../tools/shared/construction-slots.js';
import { normalize } from '../../lang/text.js';

const ALL = ['get_portfolio', 'get_performance', 'assess_risk_profile', 'portfolio_risk', 'list_clients', 'optimize_portfolio', 'check_rebalance', 'project_goal', 'backtest_strategy', 'search_documents', 'get_product'].map((name) => ({ name }));
const client = new OfflinePlannerModel({ role: 'client', products: catalogProducts() }).bindTools(ALL as never);
const advisor = new OfflinePlannerModel({ role: 'advisor', products: catalogProducts() }).bindTools(ALL as never);
const first = (m: typeof client, t: string) => {
  const d = m.decide([new HumanMessage(t)]);
  return d.kind === 'tool_calls' ? d.calls[0] : null;
};

describe('number and rule slots', () => {
  it('tenths (成), basis points (bps, 万N, 万分之N, % next to a cost word)', () => {
    expect(optimizeSlotsOf(normalize('换手别超过三成')).maxTurnover).toBe(0.3);
    expect(optimizeSlotsOf(normalize('keep turnover below 15%')).maxTurnover).toBe(0.15);
    expect(optimizeSlotsOf(normalize('成本最低的方案')).maxTurnover).toBeUndefined();
    expect(costBpsOf(normalize('佣金万三'))).toBe(3);
    expect(costBpsOf(normalize('万分之二点五的手续费'))).toBe(2.5);
    expect(costBpsOf(normalize('trading costs of 15 bps'))).toBe(15);
    expect(costBpsOf(normalize('commission 0.2%'))).toBe(20);
    expect(costBpsOf(normalize('买十万块'))).toBeUndefined();
  });
  it('tax flags and bands do not take the cost percentage', () => {
    expect(rebalanceSlotsOf(normalize('别管税，偏离超过4%就调，佣金0.1%'))).toEqual({ taxAware: false, absoluteBand: 0.04, costBps: 10 });
    expect(rebalanceSlotsOf(normalize('do it tax-efficiently'))).toEqual({ taxAware: true });
  });
  it('goal return and inflation assumptions; horizon before an amount', () => {
    expect(goalSlotsOf(normalize('年化收益按4%，通胀2%，要到300万'))).toMatchObject({ expectedReturn: 0.04, inflation: 0.02, targetAmount: '3000000' });
    expect(extractSlots(normalize('八年300w')).horizonYears).toBe(8);
    expect(extractSlots(normalize('2030年5月')).horizonYears).toBeUndefined();
  });
  it('HRP is not plain risk parity; buy-and-hold is a rule of its own', () => {
    expect(optimizeSlotsOf(normalize('分层风险平价')).objective).toBe('hrp');
    expect(optimizeSlotsOf(normalize('风险平价')).objective).toBe('risk-parity');
    expect(backtestSlotsOf(normalize('拿着不动的历史表现')).strategy).toBe('buy-and-hold');
    expect(backtestSlotsOf(normalize('monthly vs buy and hold')).strategy).toBe('monthly');
  });
  it('list limits and client names', () => {
    expect(extractSlots(normalize('前二十位客户')).limit).toBe(20);
    expect(extractSlots(normalize('my top 3 accounts')).limit).toBe(3);
    expect(clientNameQuery('帮我找名叫李强的客户')).toBe('李强');
    expect(clientNameQuery('look up client Zhang Wei')).toBe('Zhang Wei');
    expect(clientNameQuery('show my clients')).toBeUndefined();
  });
});

describe('routing of unseen phrasings', () => {
  it.each([
    ['我嘅戶口仲有幾多現金', 'get_portfolio', {}],
    ['呢個月蝕咗幾多', 'get_performance', { periods: ['1M'] }],
    ['我可以买R5的私募吗', 'assess_risk_profile', { action: 'get' }],
    ['how exposed am i to a single stock', 'portfolio_risk', {}],
    ['foreign currency exposure too high?', 'portfolio_risk', {}],
    ['五年后想有八十万，够吗', 'project_goal', { targetAmount: '800000', years: 5 }],
    ['what does the fact sheet say about fees', 'search_documents', { docType: 'fact_sheet' }],
    ['赎回一般多久到账？', 'search_documents', {}],
  ])('%s → %s', (text, tool, args) => {
    expect(first(client, text)).toMatchObject({ name: tool, args });
  });
  it('orders stay orders; an advisor names a client to look up', () => {
    expect(first(client, '帮我赎回全部景和现金宝')).toBeNull();
    expect(first(client, 'sell my Apple shares please')).toBeNull();
    expect(first(advisor, '找一下名字叫陈美玲的客户')).toMatchObject({ name: 'list_clients', args: { query: '陈美玲' } });
  });
});
