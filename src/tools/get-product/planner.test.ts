/** get_product's planner knowledge: named, short-named and pointed-at products; comparisons; suitability in the answer. */
import { describe, expect, it } from 'vitest';
import { decide } from '../../agents/offline-planner/engine.js';
import { catalogProducts } from '../../rag/product-names.js';
import type { DialogueView, PlanEnv, Step } from '../planning.js';
import { toolsFor } from '../registry.js';
import { getProductPlanner } from './planner.js';
import type { GetProductResult } from './index.js';

const env = (lang: 'zh' | 'en', dialogue: DialogueView = { memory: {} }, role: 'client' | 'advisor' = 'client'): PlanEnv => ({
  role,
  lang,
  tools: new Set(toolsFor(role).map((t) => t.name)),
  products: catalogProducts(),
  dialogue,
});
const products = (s: Step) => (s.kind === 'call' ? s.calls.filter((c) => c.tool === 'get_product').map((c) => c.args.query) : s.kind);

describe('get_product planner', () => {
  it('compares two named products even when other words point elsewhere', () => {
    expect(products(decide('鼎元稳健纯债和长澜双利增强债哪个好点？帮我对比下', env('zh')))).toEqual(['018201', '018203']);
  });

  it('finds products by a short form of the name', () => {
    expect(products(decide('what about the Qingsong 90-day one', env('en')))).toEqual(['WM-2024-045']);
    expect(products(decide('is there a lock-up on the Yuanlan multi-strategy fund?', env('en')))).toEqual(['PF-2022-030']);
  });

  it('"这只基金" / "它" / "长澜那只" refer to the product in focus; "the fee on the fund" with none in focus asks which', () => {
    const focus: DialogueView = { memory: {}, products: ['018102'] };
    expect(products(decide('这只基金的经理是谁', env('zh', focus)))).toEqual(['018102']);
    expect(products(decide('它管理费收多少', env('zh', focus)))).toEqual(['018102']);
    const two: DialogueView = { memory: {}, products: ['018201', '018203'] };
    expect(products(decide('长澜那只的招募说明书里赎回费怎么规定的', env('zh', two)))).toEqual(['018203']);
    expect(decide('whats the fee on the fund?', env('en'))).toMatchObject({ kind: 'ask' });
  });

  it('a follow-up after a product answer stays on that product', () => {
    const last: DialogueView = { memory: {}, products: ['018101'], last: { intent: 'documents', calls: [{ tool: 'get_product', args: { query: '018101' } }, { tool: 'search_documents', args: { query: 'fees', product: '018101' } }], mode: 'tool' } };
    expect(products(decide("who's the manager", env('en', last)))).toEqual(['018101']);
  });

  it('"who holds X" is no product question for an advisor; "X适合我吗" is one for a client', () => {
    expect(products(decide('景和科技创新股票A适合我吗？', env('zh')))).toHaveLength(1);
    expect(getProductPlanner.preempt!({ raw: '', norm: '', scoring: '', lang: 'zh', slots: { amounts: [], percents: [], periods: [], bareYears: [], tickers: [], clientIds: [] }, products: ['018201'], elliptical: false, refers: false, person: false, other: false }, { intent: 'optimize', score: 5, spec: { id: 'optimize', zh: [], en: [], productsAreArgs: true } }, env('zh'))).toBeUndefined();
  });

  it('tells the client plainly when a product is above their profile', () => {
    const r: GetProductResult = {
      product: { id: '018104', name: '景和科技创新股票A', nameEn: 'Jinghe Tech Innovation Equity Fund A', assetClass: 'fund', productType: 'equity_fund', currency: 'CNY', riskLevel: 4, minPurchase: '10', issuer: '景和基金', launchDate: null, description: null, documents: [] },
      otherMatches: [],
      suitability: { clientLevel: 3, expired: false, suitable: false },
    };
    const zh = getProductPlanner.compose({ q: '景和科技创新股票a适合我吗？', lang: 'zh', role: 'client', intent: 'documents', outcomes: [{ tool: 'get_product', args: { query: '018104' }, result: r }] });
    expect(zh).toContain('该产品风险等级 R4，高于您的风险承受能力（C3），不适合您购买。');
    const en = getProductPlanner.compose({ q: 'is it right for me?', lang: 'en', role: 'client', intent: 'documents', outcomes: [{ tool: 'get_product', args: { query: '018104' }, result: { ...r, suitability: { clientLevel: 5, expired: false, suitable: true } } }] });
    expect(en).toContain('Suitability: rated R4, within your risk profile (C5).');
  });

  it('compares two products fact by fact, saying which is lower and which fits the client', () => {
    const base = { assetClass: 'fund', productType: 'bond_fund', currency: 'CNY', launchDate: null, description: null, documents: [], issuer: null };
    const a: GetProductResult = { product: { ...base, id: '018201', name: '鼎元稳健纯债债券A', nameEn: 'Dingyuan Steady Pure Bond Fund A', riskLevel: 2, minPurchase: '10', fees: { management: '0.003' } }, otherMatches: [], suitability: { clientLevel: 2, expired: false, suitable: true } };
    const b: GetProductResult = { product: { ...base, id: '018203', name: '长澜双利增强债券A', nameEn: 'Changlan Dual Income Enhanced Bond Fund A', riskLevel: 3, minPurchase: '10', fees: { management: '0.006' } }, otherMatches: [], suitability: { clientLevel: 2, expired: false, suitable: false } };
    const zh = getProductPlanner.compose({ q: '哪个好', lang: 'zh', role: 'client', intent: 'documents', outcomes: [{ tool: 'get_product', args: { query: '018201' }, result: a }, { tool: 'get_product', args: { query: '018203' }, result: b }] });
    expect(zh).toContain('- 风险等级：鼎元稳健纯债债券A R2，长澜双利增强债券A R3，鼎元稳健纯债债券A更低。');
    expect(zh).toContain('- 管理费：鼎元稳健纯债债券A 0.30%，长澜双利增强债券A 0.60%，鼎元稳健纯债债券A更低。');
    expect(zh).toContain('- 起购金额：鼎元稳健纯债债券A 10 CNY，长澜双利增强债券A 10 CNY，两者相同。');
    expect(zh).toContain('- 适当性：只有鼎元稳健纯债债券A在您的风险承受能力（C2）范围内。');
  });
});
