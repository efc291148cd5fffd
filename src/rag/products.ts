/**
 * Product lookup by code or name (zh/en, partial), over the `instruments` table with the
 * seed catalog as fallback for product facts the table does not hold (fees, manager,
 * liquidity).
 */
import { PRODUCTS } from '../db/seed/catalog.js';
import type { Queryable } from '../db/db.js';

export interface ProductRow {
  id: string;
  name: string;
  name_en: string;
  asset_class: string;
  currency: string;
  risk_level: number | null;
  product_type: string | null;
  min_purchase: string | null;
  issuer: string | null;
  launch_date: string | null;
  description: string | null;
}

const norm = (s: string) => s.toLowerCase().replace(/[\s()（）\-_.]/g, '');

/** Products whose code equals, or whose name contains, the query; best matches first. */
export async function findProducts(db: Queryable, query: string, limit = 5): Promise<ProductRow[]> {
  const q = query.trim();
  if (!q) return [];
  const r = await db.query<ProductRow>(
    `SELECT id, name, name_en, asset_class, currency, risk_level, product_type, min_purchase::text AS min_purchase, issuer, launch_date, description
       FROM instruments
      WHERE is_product AND (lower(id) = lower($1) OR name ILIKE '%' || $1 || '%' OR name_en ILIKE '%' || $1 || '%' OR $1 ILIKE '%' || name || '%' OR $1 ILIKE '%' || name_en || '%')
      ORDER BY (lower(id) = lower($1)) DESC, length(name) LIMIT $2`,
    [q, limit],
  );
  if (r.rows.length) return r.rows;
  // Catalog fallback (a store without the seed, or fuzzy spacing/brackets).
  const n = norm(q);
  return PRODUCTS.filter((p) => norm(p.id) === n || norm(p.name).includes(n) || norm(p.nameEn).includes(n) || n.includes(norm(p.name)) || (n.length >= 6 && n.includes(norm(p.nameEn))))
    .slice(0, limit)
    .map((p) => ({
      id: p.id, name: p.name, name_en: p.nameEn, asset_class: p.assetClass, currency: p.currency, risk_level: p.riskLevel,
      product_type: p.product.productType, min_purchase: p.minPurchase, issuer: p.product.issuer, launch_date: p.product.launchDate, description: p.description,
    }));
}

/** Product ids mentioned in free text (codes or full zh/en names) — for filters. */
export function productIdsIn(text: string): string[] {
  const n = norm(text);
  return PRODUCTS.filter((p) => n.includes(norm(p.id)) || n.includes(norm(p.name)) || n.includes(norm(p.nameEn))).map((p) => p.id);
}
