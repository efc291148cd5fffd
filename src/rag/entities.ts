/**
 * The entity leg of hybrid search: which products a query names (full or short name,
 * code), resolved against the products the library covers — `rag_documents.product_ids`,
 * named by `instruments` (zh/en) and by the titles of single-product documents. Matching
 * reuses the planner's alias rules ({@link productsIn}: names without issuer, share class
 * or type suffix; bare exchange codes).
 */
import type { Queryable } from '../db/db.js';
import { productsIn, type ProductName } from './product-names.js';

const TTL_MS = 30_000;
const cache = new WeakMap<object, { at: number; products: ProductName[] }>();

/** "景和清洁能源REIT（508066.SH）产品概要" → "景和清洁能源REIT": the title before its code. */
export function titleName(title: string): string {
  const at = title.search(/[（(][^（()）]*\d[^（()）]*[)）]/);
  return (at > 0 ? title.slice(0, at) : '').trim();
}

const squash = (s: string) => s.toLowerCase().replace(/[\s()（）\-_.·,，]/g, '');

/** Generic trailing words of English product names. */
const EN_GENERIC = new Set(['a', 'c', 'fund', 'funds', 'qdii', '(qdii)', 'class', 'usd', 'equity', 'hybrid', 'commercial', 'reit', 'product', 'securities', 'private', 'no.1', 'no.2', 'etf', 'index']);

/**
 * Shorter English names a client uses: generic tail words dropped ("Harbour Link
 * Commercial REIT" → "Harbour Link"), with and without the issuer's first word
 * ("Jinghe Nasdaq-100 Index Fund (QDII) A" → "Nasdaq-100"). At least 6 letters.
 */
export function shortEnglishNames(name: string): string[] {
  if (/[\u4e00-\u9fff]/.test(name)) return [];
  const words = name.toLowerCase().replace(/\s+no\.?\s*(\d+)$/, ' no.$1').split(/\s+/).filter(Boolean);
  let end = words.length;
  while (end > 1 && EN_GENERIC.has(words[end - 1]!)) end--;
  const out = [words.slice(0, end).join(' '), words.slice(1, end).join(' ')];
  return out.filter((n) => squash(n).length >= 6 && n !== name.toLowerCase());
}

/** Product names the library knows (cached per store for {@link TTL_MS}; see {@link forgetLibraryProducts}). */
export async function libraryProducts(db: Queryable): Promise<ProductName[]> {
  const hit = cache.get(db);
  if (hit && performance.now() - hit.at < TTL_MS) return hit.products;
  const r = await db.query<{ id: string; names: string[] }>(
    `WITH p AS (SELECT DISTINCT unnest(product_ids) AS id FROM rag_documents)
     SELECT p.id, array_remove(array_cat(ARRAY[i.name, i.name_en],
              coalesce((SELECT array_agg(d.title ORDER BY d.id) FROM rag_documents d WHERE d.product_ids = ARRAY[p.id]), '{}')), NULL) AS names
       FROM p LEFT JOIN instruments i ON i.id = p.id ORDER BY p.id`,
  );
  const products = r.rows.map((x) => {
    const names = [...new Set(x.names.map((n, i) => (i < 2 && !/[（(]/.test(n) ? n : titleName(n) || n)).filter((n) => n.length >= 2))];
    return { id: x.id, names: [...names, ...names.flatMap(shortEnglishNames)] };
  });
  // A short name two products share ("Jinghe Bond") names neither.
  const seen = new Map<string, number>();
  for (const p of products) for (const n of new Set(p.names.map(squash))) seen.set(n, (seen.get(n) ?? 0) + 1);
  for (const p of products) p.names = p.names.filter((n) => seen.get(squash(n)) === 1);
  cache.set(db, { at: performance.now(), products });
  return products;
}

/** Drops the cached product names (after an ingest changed the library). */
export function forgetLibraryProducts(db: Queryable): void {
  cache.delete(db);
}

/** Product ids the query names, first mention first. */
export async function namedProducts(db: Queryable, query: string): Promise<string[]> {
  return productsIn(query, await libraryProducts(db));
}

/**
 * Entity match of a document (0–1): the share of its products the query names, so a
 * fact sheet of the named product (1 of 1) outranks a research note covering it among
 * five (1 of 5). 0 when the query names no product or the document covers none.
 */
export function entityMatch(named: readonly string[], productIds: readonly string[]): number {
  if (!named.length || !productIds.length) return 0;
  let hit = 0;
  for (const p of productIds) if (named.includes(p)) hit++;
  return hit / productIds.length;
}
