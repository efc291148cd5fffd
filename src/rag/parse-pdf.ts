/**
 * PDF → blocks from the text layer (unpdf / pdf.js), one page at a time so every block
 * keeps its page number. Running headers/footers are stripped; wrapped lines are
 * re-joined into paragraphs; numbered or short title-like lines become headings; runs
 * of column-like lines (several figures) become tables. Encrypted PDFs and PDFs with
 * no text layer are rejected.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { WealthDeskError } from '../errors.js';
import { stripPageFurniture } from './page-furniture.js';
import type { Block, ParsedDocument } from './types.js';

const HEADING = /^(?:第[一二三四五六七八九十百\d]+[章节部分条]|[一二三四五六七八九十]+、|\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+\S|(?:part|section|chapter|item|note)\s+[\dIVX]+\b|[IVX]+\.\s)/i;
const ENDS_SENTENCE = /[。！？；：.!?;:]$/;
const CJK = /\p{Script=Han}/u;

function isHeading(line: string): boolean {
  const t = line.trim();
  if (t.length > 60 || ENDS_SENTENCE.test(t)) return false;
  if (HEADING.test(t)) return t.length <= (CJK.test(t) ? 30 : 60);
  return false;
}

/** A line with ≥ 2 figure-like cells reads as a table row. */
function rowCells(line: string): string[] | null {
  const cells = line.trim().split(/\s{2,}|\t| (?=[-+(]?[\d,]+(?:\.\d+)?%?\)?(?:\s|$))/).map((c) => c.trim()).filter(Boolean);
  const figures = cells.filter((c) => /^[-+(]?[\d,]+(?:\.\d+)?%?\)?$/.test(c)).length;
  return cells.length >= 3 && figures >= 2 ? cells : null;
}

function joinLines(a: string, b: string): string {
  if (!a) return b;
  return CJK.test(a.slice(-1)) || CJK.test(b[0] ?? '') ? a + b : `${a} ${b}`;
}

/** Turns the cleaned lines of one page into blocks. */
export function pageBlocks(lines: string[], page: number): Block[] {
  const out: Block[] = [];
  let para = '';
  let table: { header: string[]; rows: string[][] } | null = null;
  const flushPara = () => {
    if (para.trim()) out.push({ kind: 'para', text: para.trim(), page });
    para = '';
  };
  const flushTable = () => {
    if (table) out.push({ kind: 'table', header: table.header, rows: table.rows, page });
    table = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\s+$/, '');
    if (isHeading(line)) {
      flushPara();
      flushTable();
      out.push({ kind: 'heading', level: /^(第|[一二三四五六七八九十]+、|part|chapter)/i.test(line) ? 1 : 2, text: line.trim(), page });
      continue;
    }
    const cells = rowCells(line);
    if (cells) {
      if (!table) {
        // a preceding short label line without figures is the table's header
        const prevHeader = para && !/\d/.test(para) && para.length < 80 ? para.split(/\s{2,}| /) : [];
        if (prevHeader.length >= 2) para = '';
        flushPara();
        table = { header: prevHeader.length >= 2 ? prevHeader : [], rows: [] };
      }
      table.rows.push(cells);
      continue;
    }
    flushTable();
    para = joinLines(para, line.trim());
    if (ENDS_SENTENCE.test(line) && line.trim().length < 25) flushPara();
  }
  flushPara();
  flushTable();
  return out;
}

export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') throw new WealthDeskError('WD_ERR_DOCUMENT', 'PDF is encrypted (password protected); decrypt it before ingesting');
    throw new WealthDeskError('WD_ERR_DOCUMENT', `Not a readable PDF: ${(e as Error).message}`, { cause: e });
  }
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  const info = (await pdf.getMetadata().catch(() => null))?.info as Record<string, unknown> | undefined;
  await pdf.destroy();
  const pages = stripPageFurniture((text as string[]).map((p) => p.split('\n')));
  if (pages.every((p) => p.join('').replace(/\s/g, '').length === 0)) {
    throw new WealthDeskError('WD_ERR_DOCUMENT', 'PDF has no text layer (scanned image?); OCR it before ingesting');
  }
  const blocks = pages.flatMap((lines, i) => pageBlocks(lines, i + 1));
  const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : '';
  const meta: Record<string, string> = {};
  if (typeof info?.Subject === 'string') meta.subject = info.Subject;
  if (typeof info?.Keywords === 'string') meta.keywords = info.Keywords;
  return { title, blocks, pages: totalPages, meta };
}
