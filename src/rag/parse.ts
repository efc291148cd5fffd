/**
 * One entry point from bytes to a {@link ParsedDocument}: format by extension, checked
 * against the content (magic bytes / UTF-8), size limit before anything is parsed, and
 * a clear WD_ERR_DOCUMENT for anything that cannot be trusted to yield text.
 *
 * The PDF, DOCX and HTML parsers (unpdf, mammoth, node-html-parser) are imported when a
 * document of that format is parsed, not at start: a server whose library comes from its
 * snapshot never loads them.
 */
import { WealthDeskError } from '../errors.js';
import { MAX_DOCUMENT_BYTES, MIN_DOCUMENT_CHARS } from './limits.js';
import { parseMarkdown } from './parse-markdown.js';
import type { DocFormat, ParsedDocument } from './types.js';

const reject = (message: string) => new WealthDeskError('WD_ERR_DOCUMENT', message);

/** Format from a file name; undefined when unsupported. */
export function formatOf(name: string): DocFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  switch (ext) {
    case 'md':
    case 'markdown':
      return 'md';
    case 'html':
    case 'htm':
      return 'html';
    case 'pdf':
      return 'pdf';
    case 'docx':
      return 'docx';
    case 'jsonl':
      return 'jsonl';
    case 'txt':
      return 'txt';
    default:
      return undefined;
  }
}

/** Decodes UTF-8 text, rejecting binary content (NUL bytes, invalid sequences). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw reject('Binary content where text was expected');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw reject('Text is not valid UTF-8 (binary junk?)');
  }
}

/** Plain text → blocks: blank-line paragraphs; short numbered lines as headings. */
export function parsePlainText(text: string, title = ''): ParsedDocument {
  if (/^#{1,6}\s/m.test(text)) return { ...parseMarkdown(text), title: title || parseMarkdown(text).title };
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n|\n(?=\s*(?:第[一二三四五六七八九十\d]+[章节条]|[一二三四五六七八九十]+、))/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .map((p) =>
      p.length <= 30 && /^(?:第[一二三四五六七八九十\d]+[章节条]|[一二三四五六七八九十]+、)/.test(p)
        ? ({ kind: 'heading', level: 2, text: p } as const)
        : ({ kind: 'para', text: p } as const),
    );
  return { title, blocks, meta: {} };
}

/** Extracted text length (for the emptiness check). */
export function textLength(doc: ParsedDocument): number {
  let n = 0;
  for (const b of doc.blocks) n += b.kind === 'table' ? [...b.header, ...b.rows.flat()].join('').length : b.text.length;
  return n;
}

/** Parses one non-JSONL document. Throws WD_ERR_DOCUMENT when it is unusable. */
export async function parseDocument(bytes: Uint8Array, format: Exclude<DocFormat, 'jsonl'>): Promise<ParsedDocument> {
  if (bytes.length === 0) throw reject('Empty file');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw reject(`File is ${(bytes.length / 1048576).toFixed(1)} MB, over the ${MAX_DOCUMENT_BYTES / 1048576} MB limit`);
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  let doc: ParsedDocument;
  if (format === 'pdf') {
    if (head !== '%PDF-') throw reject('Not a PDF (missing %PDF- header)');
    doc = await (await import('./parse-pdf.js')).parsePdf(bytes);
  } else if (format === 'docx') {
    if (!head.startsWith('PK')) throw reject('Broken DOCX (not a ZIP container)');
    doc = await (await import('./parse-docx.js')).parseDocx(bytes);
  } else {
    const text = decodeText(bytes);
    doc = format === 'html' ? (await import('./parse-html.js')).parseHtml(text) : format === 'md' ? parseMarkdown(text) : parsePlainText(text);
  }
  if (textLength(doc) < MIN_DOCUMENT_CHARS) throw reject('Document has no usable text');
  return doc;
}
