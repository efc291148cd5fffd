/**
 * Argument matching shared by the routing and conversation evals: expected arguments are a
 * subset of the produced ones; numbers match decimal strings; arrays of scalars match in
 * any order; `{"$in": [...]}` accepts any listed value; a product argument may name the
 * product by any of its names or codes.
 */
import { Decimal } from 'decimal.js';
import { PRODUCTS } from '../src/db/seed/catalog.js';

const squash = (s: string) => s.toLowerCase().replace(/[\s()（）\-_.·,，]/g, '');

/**
 * The catalog product a get_product `query` names: its id or code, or a product whose
 * zh/en name contains the query (the tool accepts either, so either counts).
 */
function productOf(q: string): string | undefined {
  const k = squash(q);
  return PRODUCTS.find((p) => squash(p.id) === k || squash(p.id.replace(/\.(SH|SZ|HK|IB)$/, '')) === k)?.id ??
    PRODUCTS.find((p) => squash(p.name).includes(k) || squash(p.nameEn).includes(k))?.id;
}

/** A money argument: the contract takes a JSON number or a decimal string, so 3000 = "3000". */
const isDecimalString = (g: unknown): g is string => typeof g === 'string' && /^\+?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(g.trim());

/** Deep equality where expected object keys must match and extra produced keys are allowed. */
function valueMatch(v: unknown, g: unknown): boolean {
  if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as { $in?: unknown }).$in)) return (v as { $in: unknown[] }).$in.some((x) => valueMatch(x, g));
  if (typeof v === 'number' && typeof g === 'number') return Math.abs(v - g) < 1e-9;
  if (typeof v === 'number' && isDecimalString(g)) return new Decimal(g.trim()).eq(v);
  if (Array.isArray(v) && Array.isArray(g)) {
    if (v.length !== g.length) return false;
    if (v.every((x) => typeof x !== 'object')) return v.every((x) => g.includes(x)); // periods: any order
    return v.every((x, i) => valueMatch(x, g[i]));
  }
  if (v && typeof v === 'object' && g && typeof g === 'object') return argsMatch(v as Record<string, unknown>, g as Record<string, unknown>);
  return JSON.stringify(v) === JSON.stringify(g);
}

/** Every expected argument equals the produced one (order-insensitive for arrays of periods). */
export function argsMatch(want: Record<string, unknown>, got: Record<string, unknown>, tool?: string | null): boolean {
  return Object.entries(want).every(([k, v]) => {
    // A product argument may name the product by any of its names or codes.
    if ((k === 'product' || (k === 'query' && tool === 'get_product')) && typeof got[k] === 'string') {
      const ids = typeof v === 'string' ? [v] : Array.isArray((v as { $in?: unknown })?.$in) ? ((v as { $in: unknown[] }).$in as string[]) : undefined;
      if (ids) {
        const id = productOf(got[k] as string);
        // a listed stock ("META") is no catalog product: then the code itself must match
        return id !== undefined ? ids.some((x) => productOf(x) === id) : ids.some((x) => squash(x) === squash(got[k] as string));
      }
    }
    return valueMatch(v, got[k]);
  });
}

