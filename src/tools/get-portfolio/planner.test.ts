/** get_portfolio's planner knowledge: routing, answers from the figures shown, and questions we do not forecast. */
import { describe, expect, it } from 'vitest';
import { decide } from '../../agents/offline-planner/engine.js';
import { catalogProducts } from '../../rag/product-names.js';
import type { GetPortfolioResult } from '../contract.js';
import type { DialogueView, PlanEnv } from '../planning.js';
import { toolsFor } from '../registry.js';
import { getPortfolioPlanner } from './planner.js';

const result: GetPortfolioResult = {
  clientId: 'C0001',
  clientName: '王芳',
  asOf: '2026-11-20',
  baseCurrency: 'CNY',
  currency: 'CNY',
  fx: { CNY: '1' },
  totalValue: '1000000.00',
  totalCost: '900000.00',
  unrealizedPnl: '100000.00',
  unrealizedPnlPct: 0.1111,
  holdings: [
    { instrumentId: '018102', name: '鼎元科技成长股票A', nameEn: 'Dingyuan Tech Growth Equity Fund A', assetClass: 'fund', currency: 'CNY', region: 'CN', riskLevel: 4, quantity: '1000', price: '400', priceDate: '2026-11-20', marketValueLocal: '400000.00', marketValue: '400000.00', costBasis: '350000.00', unrealizedPnl: '50000.00', unrealizedPnlPct: 0.1429, weight: 0.4 },
    { instrumentId: 'AAPL.US', name: '苹果', nameEn: 'Apple', assetClass: 'equity_us', currency: 'USD', region: 'US', riskLevel: null, quantity: '300', price: '140', priceDate: '2026-11-20', marketValueLocal: '42000.00', marketValue: '294000.00', costBasis: '250000.00', unrealizedPnl: '44000.00', unrealizedPnlPct: 0.176, weight: 0.294 },
    { instrumentId: '018201', name: '鼎元稳健纯债债券A', nameEn: 'Dingyuan Steady Pure Bond Fund A', assetClass: 'bond', currency: 'CNY', region: 'CN', riskLevel: 2, quantity: '2000', price: '153', priceDate: '2026-11-20', marketValueLocal: '306000.00', marketValue: '306000.00', costBasis: '300000.00', unrealizedPnl: '6000.00', unrealizedPnlPct: 0.02, weight: 0.306 },
  ],
  allocation: {
    byAssetClass: [
      { key: 'fund', value: '400000.00', weight: 0.4 },
      { key: 'bond', value: '306000.00', weight: 0.306 },
      { key: 'equity_us', value: '294000.00', weight: 0.294 },
    ],
    byCurrency: [{ key: 'CNY', value: '706000.00', weight: 0.706 }, { key: 'USD', value: '294000.00', weight: 0.294 }],
    byRegion: [{ key: 'CN', value: '706000.00', weight: 0.706 }, { key: 'US', value: '294000.00', weight: 0.294 }],
  },
  targetAllocation: [{ assetClass: 'equity_us', weight: 0.25 }, { assetClass: 'bond', weight: 0.35 }, { assetClass: 'fund', weight: 0.4 }],
};

const memory = getPortfolioPlanner.remember!(result, {});
const after: DialogueView = { memory: { get_portfolio: memory }, last: { intent: 'portfolio', calls: [{ tool: 'get_portfolio', args: {} }], mode: 'tool' } };
const env = (lang: 'zh' | 'en', dialogue: DialogueView = { memory: {} }): PlanEnv => ({
  role: 'client',
  lang,
  tools: new Set(toolsFor('client').map((t) => t.name)),
  products: catalogProducts(),
  dialogue,
});

describe('get_portfolio planner', () => {
  it('answers "how much of that is in bonds?" and "哪个持仓最大？" from the figures just shown, naming the largest holding as the product in focus', () => {
    const bonds = decide('how much of that is in bonds?', env('en', after));
    expect(bonds).toMatchObject({ kind: 'say', from: 'get_portfolio' });
    if (bonds.kind === 'say') {
      expect(bonds.text).toContain('306,000.00 CNY, 30.60% (target 35.00%, below target)');
      expect(bonds.text).toContain('Dingyuan Steady Pure Bond Fund A (018201)');
    }
    const largest = decide('哪个持仓最大？', env('zh', after));
    expect(largest).toMatchObject({ kind: 'say', products: ['018102'] });
    if (largest.kind === 'say') expect(largest.text).toContain('最大的持仓是 鼎元科技成长股票A（018102），市值 400,000.00 CNY，占 40.00%');
  });

  it('"我的美股仓位是不是太重了？" shows the US share against its target', () => {
    const text = getPortfolioPlanner.compose({ q: '我的美股仓位是不是太重了？', lang: 'zh', role: 'client', intent: 'portfolio', outcomes: [{ tool: 'get_portfolio', args: {}, result }] });
    expect(text).toContain('美股: 294,000.00 CNY (29.40%)（目标 25.00%，高于目标）');
  });

  it('a rate question gets the bond exposure, the documents and a plain no-forecast statement, in the question\u2019s language', () => {
    const step = decide('美联储降息对我的债券基金有什么影响？', env('zh'));
    expect(step.kind === 'call' && step.calls.map((c) => c.tool)).toEqual(['get_portfolio', 'search_documents']);
    const zh = getPortfolioPlanner.compose({ q: '美联储降息对我的债券基金有什么影响？', lang: 'zh', role: 'client', intent: 'outlook', outcomes: [{ tool: 'get_portfolio', args: {}, result }] });
    expect(zh).toMatch(/^我们不对利率、汇率、市场或个别资产的走势做预测/);
    expect(zh).toContain('- 债券: 306,000.00 CNY (30.60%)');
    expect(zh).toContain('利率下行时已持有债券的价格上升');
    const en = getPortfolioPlanner.compose({ q: 'market outlook for a-shares next month?', lang: 'en', role: 'client', intent: 'outlook', outcomes: [{ tool: 'get_portfolio', args: {}, result }] });
    expect(en).toMatch(/^We don't forecast interest rates/);
    expect(en).toContain('Your portfolio holds none of these.');
  });
});
