/** Shared shapes of the RAG pipeline: parsed documents, blocks and chunks. */
import type { Lang } from '../vocab.js';

export type DocFormat = 'md' | 'html' | 'pdf' | 'docx' | 'jsonl' | 'txt';

export const DOC_TYPES = [
  'prospectus',
  'fact_sheet',
  'risk_disclosure',
  'research',
  'faq',
  'announcement',
  'annual_report',
  'other',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** One structural unit of a parsed document. */
export type Block =
  | { kind: 'heading'; text: string; level: number; page?: number }
  | { kind: 'para'; text: string; page?: number }
  | { kind: 'table'; header: string[]; rows: string[][]; page?: number };

/** A document after parsing, before chunking. */
export interface ParsedDocument {
  title: string;
  blocks: Block[];
  /** Number of pages (PDF). */
  pages?: number;
  /** Metadata found inside the document (Markdown front matter, HTML meta). */
  meta: Record<string, string>;
}

/** Metadata stored with a document (all optional except id/title/lang at store time). */
export interface DocMeta {
  id: string;
  title: string;
  lang: Lang;
  docType: DocType;
  productIds: string[];
  riskLevel?: number | null;
  publishedAt?: string | null;
  sourcePath?: string | null;
  format: DocFormat;
  metadata?: Record<string, unknown>;
}

/** A chunk ready to embed and store. */
export interface ChunkDraft {
  ordinal: number;
  section: string | null;
  page: number | null;
  text: string;
}
