/** Metadata filters of a search, as SQL over `rag_documents d` (both legs use them). */
import type { DocType } from './types.js';

export interface SearchFilters {
  /** Product ids: a document matches when it covers any of them. */
  productIds?: string[];
  docType?: DocType | DocType[];
  lang?: 'zh' | 'en';
  /** Highest product risk level (1–5) of documents to include. */
  maxRiskLevel?: number;
  /** Inclusive bounds on the publication date, 'YYYY-MM-DD'. */
  publishedFrom?: string;
  publishedTo?: string;
}

/** ` AND …` conditions on `d` for the filters, pushing their values onto `params`. */
export function filterSql(f: SearchFilters | undefined, params: unknown[]): string {
  const w: string[] = [];
  if (!f) return '';
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.productIds?.length) w.push(`d.product_ids && ${p(f.productIds)}::text[]`);
  if (f.docType) w.push(`d.doc_type = ANY(${p(Array.isArray(f.docType) ? f.docType : [f.docType])}::text[])`);
  if (f.lang) w.push(`d.lang = ${p(f.lang)}`);
  if (f.maxRiskLevel !== undefined) w.push(`(d.risk_level IS NULL OR d.risk_level <= ${p(f.maxRiskLevel)})`);
  if (f.publishedFrom) w.push(`d.published_at >= ${p(f.publishedFrom)}::date`);
  if (f.publishedTo) w.push(`d.published_at <= ${p(f.publishedTo)}::date`);
  return w.length ? ` AND ${w.join(' AND ')}` : '';
}
