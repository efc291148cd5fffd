import { HumanMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { PRODUCTS } from '../../db/seed/catalog.js';
import { OfflinePlannerModel } from './model.js';
import { catalogProducts, productsByNameWordsScored, productsIn } from '../../rag/product-names.js';
import { goalSlotsOf, maxWeightOf, optimizeSlotsOf, viewsOf } from '../../tools/shared/construction-slots.js';
import { normalize } from '../../lang/text.js';

const ALL = ['get_portfolio', 'get_performance', 'assess_risk_profile', 'portfolio_risk', 'optimize_portfolio', 'check_rebalance', 'project_goal', 'backtest_strategy', 'search_documents', 'get_product'];
const planner = new OfflinePlannerModel({ role: 'client', products: catalogProducts() }).bindTools(ALL.map((name) => ({ name })) as never);
const decide = (t: string) => planner.decide([new HumanMessage(t)]);

describe('construction slots', () => {
  it('reads relative and absolute market views in both languages', () => {
    expect(viewsOf(normalize('我觉得科技股明年会跑赢债券3%'))).toEqual([{ type: 'relative', asset: 'technology', versus: 'bond', return: 0.03 }]);
    expect(viewsOf(normalize('I think tech will beat bonds by 3% next year'))).toEqual([{ type: 'relative', asset: 'technology', versus: 'bond', return: 0.03 }]);
    expect(viewsOf(normalize('I expect US stocks to fall 5% next year'))).toEqual([{ type: 'absolute', asset: 'equity_us', return: -0.05 }]);
    expect(viewsOf(normalize('科技股明年会涨吗'))).toEqual([]); // no figure: not a view
  });
  it('maps objective words and targets', () => {
    expect(optimizeSlotsOf(normalize('最大化夏普'))).toEqual({ objective: 'max-sharpe' });
    expect(optimizeSlotsOf(normalize('最低风险的配置'))).toEqual({ objective: 'min-volatility' });
    expect(optimizeSlotsOf(normalize('风险平价'))).toEqual({ objective: 'risk-parity' });
    expect(optimizeSlotsOf(normalize('目标波动率8%'))).toEqual({ objective: 'efficient-risk', targetVolatility: 0.08 });
    expect(optimizeSlotsOf(normalize('target return of 7.5%'))).toEqual({ objective: 'efficient-return', targetReturn: 0.075 });
  });
  it('reads goal amounts (万, k, million), contributions, starting amount and horizon', () => {
    expect(goalSlotsOf(normalize('我每月投5000，20年后能到500万吗'), 20)).toEqual({ monthlyContribution: '5000', targetAmount: '5000000', years: 20 });
    expect(goalSlotsOf(normalize('现在45岁，想60岁退休时有300万'))).toEqual({ targetAmount: '3000000', years: 15 });
    expect(goalSlotsOf(normalize('到2040年能不能有1000万'))).toEqual({ targetAmount: '10000000', targetDate: '2040-12-31' });
    expect(goalSlotsOf(normalize('starting with 200k and adding 1,000 a month, can I hit 1.5 million'))).toEqual({
      initialAmount: '200000',
      monthlyContribution: '1000',
      targetAmount: '1500000',
    });
    expect(goalSlotsOf(normalize('每月定投2000到2035年攒够80万'))).toEqual({ monthlyContribution: '2000', targetAmount: '800000', targetDate: '2035-12-31' });
  });
});

describe('product names from the catalog', () => {
  it('recognises every catalog product by full Chinese name, English name and code', () => {
    for (const p of PRODUCTS) {
      expect(productsIn(`${p.name}怎么样`, catalogProducts())).toEqual([p.id]);
      expect(productsIn(`tell me about ${p.nameEn}`, catalogProducts())).toEqual([p.id]);
      expect(productsIn(`${p.id} 的费率`, catalogProducts())).toEqual([p.id]);
    }
  });
  it('takes short names and two products in order, and nothing from plain words', () => {
    expect(productsIn('鼎元天天利货币和景和现金宝货币有什么区别', catalogProducts())).toEqual(['018301', '018302']);
    expect(productsIn('纳斯达克100那只基金', catalogProducts())).toEqual(['018501']);
    expect(productsIn('我的组合值多少钱，债券基金和货币基金各占多少', catalogProducts())).toEqual([]);
    expect(productsIn('I have 300000 in bonds', catalogProducts())).toEqual([]);
  });
});

describe('routing of issue-3/4 questions (paraphrases outside the eval set)', () => {
  it.each([
    ['有没有更好的资产配置方案', 'optimize_portfolio', {}],
    ['把组合调成波动最低的那种', 'optimize_portfolio', { objective: 'min-volatility' }],
    ['我认为港股明年比美股好5%，组合怎么调', 'optimize_portfolio', { objective: 'black-litterman', views: [{ type: 'relative', asset: 'equity_hk', versus: 'equity_us', return: 0.05 }] }],
    ['do I need to rebalance my portfolio', 'check_rebalance', {}],
    ['我想10年后有200万养老，每月存3000行不行', 'project_goal', { targetAmount: '2000000', monthlyContribution: '3000', years: 10 }],
    ['what if I had rebalanced every month for the past two years', 'backtest_strategy', { strategy: 'monthly', years: 2 }],
  ])('%s → %s', (text, tool, args) => {
    const d = decide(text);
    expect(d).toMatchObject({ kind: 'tool_calls', calls: [{ name: tool, args }] });
  });
  it('a product question calls get_product and search_documents (filtered to the product)', () => {
    const d = decide('景和短债债券A的赎回费是多少');
    expect(d).toMatchObject({
      kind: 'tool_calls',
      calls: [
        { name: 'get_product', args: { query: '018202' } },
        { name: 'search_documents', args: { query: '景和短债债券A的赎回费是多少', product: '018202' } },
      ],
    });
    expect(decide('what do money market funds usually charge?')).toMatchObject({ calls: [{ name: 'search_documents' }] });
  });
  it('a goal question without a target amount asks for it instead of guessing', () => {
    const d = decide('我想退休，每月投5000够吗');
    expect(d.kind).toBe('text');
    expect(d.kind === 'text' && d.text).toMatch(/目标金额/);
  });
  it('an order for a named product is still refused, not looked up', () => {
    expect(decide('帮我买10万景和科技创新股票A').kind).toBe('text');
  });
});

describe('phrasings from a blind development set (dev3)', () => {
  const call = (t: string) => {
    const d = decide(t) as { kind: string; calls?: { name: string; args: Record<string, unknown> }[] };
    return d.kind === 'tool_calls' ? d.calls!.map((c) => [c.name, c.args]) : d.kind;
  };
  it('reads caps, volatility and product short names', () => {
    expect(maxWeightOf(normalize('ok risk parity but max 25% in any one product'))).toBe(0.25);
    expect(maxWeightOf(normalize('optimize my portfolio but keep any one stock under 15%'))).toBe(0.15);
    // a percent for something else is not the cap that follows it
    expect(maxWeightOf(normalize('turnover under 20% and no single holding above 10%'))).toBe(0.1);
    expect(goalSlotsOf(normalize('and with 12% volatility'))).toEqual({ volatility: 0.12 });
    expect(productsByNameWordsScored('美元债那只基金现在能买吗', catalogProducts()).ids).toEqual(['018503']);
  });
  it('routes first turns a person types', () => {
    expect(call('i want to have 1m in 10 years, will i make it')).toEqual([['project_goal', { targetAmount: '1000000', years: 10 }]]);
    expect(call('target 3% volatility and max the return')).toEqual([['optimize_portfolio', { objective: 'efficient-risk', targetVolatility: 0.03 }]]);
    expect(call('帮我测一下风险承受能力')).toEqual([['assess_risk_profile', { action: 'start' }]]);
    expect(call('my perf over 1 year pls')).toEqual([['get_performance', { periods: ['1Y'] }]]);
    expect(call('我纳斯达克那只基金仓位多少')).toEqual([['get_portfolio', {}]]);
    expect(call('should I buy bitcoin to boost returns?')).toEqual([['get_portfolio', {}], ['search_documents', { k: 3, query: 'should I buy bitcoin to boost returns?' }]]);
  });
});
