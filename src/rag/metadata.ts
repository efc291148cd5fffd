/**
 * Document metadata: from a folder's `manifest.json`, from metadata inside the document
 * (Markdown front matter, HTML `wd:` meta tags), or inferred (id from the file name,
 * language from the text, document type from the title).
 */
import { basename, extname } from 'node:path';
import { isChinese } from './tokenize.js';
import { DOC_TYPES, type DocFormat, type DocMeta, type DocType, type ParsedDocument } from './types.js';

/** One manifest entry, keyed by file name in `manifest.json`. */
export interface ManifestEntry {
  id?: string;
  title?: string;
  docType?: DocType;
  productIds?: string[];
  lang?: 'zh' | 'en';
  riskLevel?: number | null;
  publishedAt?: string | null;
  metadata?: Record<string, unknown>;
}

/**
 * A document id from a file name: lower-case, unicode letters/digits kept, others '-',
 * with the extension kept (`report.pdf` → `report-pdf`) so a.md and a.pdf never collide.
 */
export function idFromPath(path: string): string {
  const ext = extname(path).slice(1).toLowerCase();
  const stem = basename(path, extname(path)).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80) || 'doc';
  return ext ? `${stem}-${ext}` : stem;
}

const TYPE_HINTS: [RegExp, DocType][] = [
  [/招募说明书|prospectus/i, 'prospectus'],
  [/风险揭示|risk disclosure/i, 'risk_disclosure'],
  [/产品说明书|产品概要|fact ?sheet|key facts/i, 'fact_sheet'],
  [/常见问题|faq|questions/i, 'faq'],
  [/年度报告|年报|annual report|10-k/i, 'annual_report'],
  [/公告|announcement|notice/i, 'announcement'],
  [/研究|研报|策略|research|outlook|strategy note/i, 'research'],
];

export function guessDocType(title: string): DocType {
  for (const [re, t] of TYPE_HINTS) if (re.test(title)) return t;
  return 'other';
}

function docText(doc: ParsedDocument): string {
  return doc.blocks
    .slice(0, 40)
    .map((b) => (b.kind === 'table' ? b.rows.flat().join(' ') : b.text))
    .join(' ');
}

/** Builds the stored metadata of a parsed document. */
export function resolveMeta(path: string, format: DocFormat, doc: ParsedDocument, entry: ManifestEntry = {}): DocMeta {
  const m = doc.meta;
  const title = entry.title ?? (doc.title || m.title || basename(path));
  const fromMetaType = m.doc_type ?? m.docType;
  const docType = entry.docType ?? (DOC_TYPES.includes(fromMetaType as DocType) ? (fromMetaType as DocType) : guessDocType(title));
  const products = entry.productIds ?? (m.products ? m.products.split(/[,，\s]+/).filter(Boolean) : []);
  const lang = entry.lang ?? (m.lang === 'zh' || m.lang === 'en' ? m.lang : isChinese(`${title} ${docText(doc)}`) ? 'zh' : 'en');
  const risk = entry.riskLevel ?? (m.risk_level ? Number(String(m.risk_level).replace(/^R/i, '')) : null);
  return {
    id: entry.id ?? m.id ?? idFromPath(path),
    title,
    lang,
    docType,
    productIds: products,
    riskLevel: risk && risk >= 1 && risk <= 5 ? risk : null,
    publishedAt: entry.publishedAt ?? m.published ?? m.published_at ?? null,
    sourcePath: path,
    format,
    metadata: entry.metadata ?? {},
  };
}
