/**
 * What the offline planner knows of get_product: a product named in the message (by
 * name, short name or code) — or pointed back at ("这只基金", "it") — makes the message a
 * question about that product, unless the product is an argument of what is asked
 * ("who holds X", a trade order). The answer states the product's facts, whether it
 * suits the asking client, and quotes the documents.
 */
import type { IntentSpec, ToolPlanner } from '../planning.js';
import { composeDocuments } from '../search-documents/compose.js';
import { productStep } from '../search-documents/planner.js';
import type { GetProductResult } from './index.js';

const ASKS_IF_ALLOWED = /能买吗|可以买吗|能不能买|适合我|适不适合|can i buy|could i buy|may i buy|should i buy|suitable|right for me|费|fee|多久|how long|限制|rule/;

/** Whether a message whose best intent is `spec` asks about the products it names. */
function asksAboutProducts(intent: string, spec: IntentSpec | undefined, norm: string): boolean {
  if (intent === 'trade') return ASKS_IF_ALLOWED.test(norm);
  return !spec?.productsAreArgs;
}

export const getProductPlanner: ToolPlanner<GetProductResult> = {
  intents: [],
  preempt(u, best, env) {
    if (u.products.length > 0) return asksAboutProducts(best.intent, best.spec, u.norm) ? productStep(u, u.products, env) : undefined;
    // "这只基金适合我吗？" / "what's its fee?" after a product was shown.
    const shown = env.dialogue.products ?? [];
    if (shown.length > 0 && u.refers && asksAboutProducts(best.intent, best.spec, u.norm) && /基金|产品|它|这只|那只|\bit\b|\bits\b|fund|product/.test(u.norm)) {
      return productStep(u, shown.slice(0, 1), env);
    }
    return undefined;
  },
  plan: (u, _intent, env) => productStep(u, u.products, env),
  compose: composeDocuments,
  remember: (r) => ({ products: [r.product.id] }),
};
