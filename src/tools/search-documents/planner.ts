/**
 * What the offline planner knows of search_documents: questions about products and
 * their documents (fees, strategy, lock-up, manager, how two products differ), answered
 * with quoted, cited passages.
 */
import type { Step, ToolPlanner } from '../planning.js';
import { composeDocuments, documentsCall } from './compose.js';
import type { SearchDocumentsResult } from './index.js';

/** Product and document questions: the facts of up to two named products and the passages that answer. */
export function productStep(u: Parameters<ToolPlanner['plan']>[0], products: readonly string[], env: Parameters<ToolPlanner['plan']>[2]): Step {
  const calls = [];
  if (env.tools.has('get_product')) for (const id of products.slice(0, 2)) calls.push({ tool: 'get_product', args: { query: id } });
  if (env.tools.has('search_documents')) calls.push(documentsCall(u, products));
  if (calls.length === 0) return { kind: 'say', intent: 'documents', text: '' };
  return { kind: 'call', intent: 'documents', calls };
}

export const searchDocumentsPlanner: ToolPlanner<SearchDocumentsResult> = {
  intents: [
    {
      id: 'documents',
      label: { zh: '产品资料（费率、策略、封闭期等）', en: 'product documents (fees, strategy, lock-up)' },
      zh: [['说明书', 3], ['费率', 3], ['管理费', 3], ['申购费', 3], ['赎回费', 2.5], ['封闭期', 3], ['锁定期', 3], ['基金经理', 3], ['投资范围', 3], ['投什么', 2.5], ['风险揭示', 3], ['产品介绍', 2], ['区别', 2], ['投资策略', 3], ['起购', 2.5], ['收费', 2.5], ['怎么收', 2], ['货币基金', 1.5], ['指数基金', 1.5], ['债券基金', 1], ['业绩比较基准', 3], ['常见问题', 3], ['研究报告', 3], ['研报', 3], ['报告', 1.5], ['风险揭示书', 1], ['到账', 2], ['一般投资', 2], ['有什么区别', 1], ['有啥不同', 2.5], ['什么区别', 1], ['规则', 1.5], ['什么策略', 2.5], ['策略', 1]],
      en: [['prospectus', 3], ['fee', 3], ['fees', 3], ['lock-up', 3], ['lockup', 3], ['fund manager', 3], ['invest in', 1.5], ['what does', 1], ['strategy', 2], ['difference between', 2.5], ['fact sheet', 3], ['minimum purchase', 3], ['document', 2], ['charge', 2.5], ['money market', 1.5], ['index fund', 1.5], ['bond fund', 1], ['faq', 3], ['research', 2.5], ['research note', 3], ['disclosure', 3], ['risk disclosure', 1], ['different from', 2.5], ['differ', 2], ['compare the', 1.5], ['explain', 1.5], ['settle', 1.5], ['redemption', 1.5], ['what do', 0.5]],
    },
    {
      id: 'product',
      label: { zh: '产品信息', en: 'product facts' },
      zh: [['产品', 1.5], ['这只', 1], ['有哪些产品', 2.5], ['推荐', 1.5], ['理财产品', 1], ['风险等级是r', 2], ['有没有+基金', 2.5], ['有没有+产品', 2.5], ['有什么+产品', 2], ['你们+卖', 1.5]],
      en: [['product', 1.5], ['fund', 1], ['recommend', 1.5], ['tell me about', 1.5], ['details of', 2], ['who manages', 2], ['risk level of', 2], ['do you have any', 3], ['do you guys have', 3], ['do you offer', 3], ['do you sell', 3], ['could look at', 1]],
    },
  ],
  plan: (u, _intent, env) => productStep(u, [], env),
  followUp(u, prev, env) {
    // "它的管理费呢？" after a product answer: the same product, the new question.
    const product = typeof prev.args.product === 'string' ? prev.args.product : env.dialogue.products?.[0];
    if (!(u.refers || u.elliptical) || !product || u.products.length > 0) return undefined;
    return productStep(u, [product], env);
  },
  compose: composeDocuments,
  remember: (r, args) => ({ products: typeof args.product === 'string' ? [args.product] : [], passages: r.passages.length }),
};
