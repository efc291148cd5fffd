/**
 * `createGuards({ db })`: the `Guards` the turn runner calls on both sides of the
 * model. Product risk levels for suitability are read once from `instruments` and
 * cached; everything else is pure and synchronous. `createOutputStream` gives the
 * streaming form of the output guard (see `output-stream.ts`) with the same products.
 */
import type { Db } from '../../db/db.js';
import type { Guards } from '../types.js';
import { checkInputText, checkRetrievedText } from './input-guard.js';
import { checkOutputText } from './output-guard.js';
import { createOutputGuardStream } from './output-stream.js';
import type { ProductRef } from './suitability.js';

export { checkInputText, checkRetrievedText } from './input-guard.js';
export { checkOutputText } from './output-guard.js';
export { createOutputGuardStream } from './output-stream.js';
export { RISK_DISCLOSURE } from './disclosures.js';

export async function loadProducts(db: Db): Promise<ProductRef[]> {
  const r = await db.query<{ id: string; name: string; name_en: string; risk_level: number }>(
    `SELECT id, name, name_en, risk_level FROM instruments WHERE risk_level IS NOT NULL AND asset_class <> 'index'`,
  );
  return r.rows.map((p) => ({ id: p.id, name: p.name, nameEn: p.name_en, riskLevel: Number(p.risk_level) }));
}

export function createGuards(opts: { db?: Db; products?: ProductRef[] } = {}): Guards {
  let products: Promise<ProductRef[]> | undefined = opts.products ? Promise.resolve(opts.products) : undefined;
  const getProducts = () => {
    products ??= opts.db ? loadProducts(opts.db).catch(() => []) : Promise.resolve([]);
    return products;
  };
  return {
    async checkInput(text, ctx) {
      return checkInputText(text, { role: ctx.principal.role, lang: ctx.lang });
    },
    async checkOutput(answer, ctx) {
      return checkOutputText(answer, { ...ctx, products: await getProducts() });
    },
    async createOutputStream(ctx) {
      return createOutputGuardStream({ ...ctx, products: await getProducts() });
    },
    checkRetrieved: checkRetrievedText,
  };
}
