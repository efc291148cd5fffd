/**
 * PDF (pdfkit) and DOCX (docx) renderers of the {@link DocModel}. PDFs carry a running
 * header and a footer with the page number on every page, like real filings. Chinese
 * PDFs need a CJK font: Noto Sans CJK from the system (`fonts-noto-cjk`).
 */
import { existsSync } from 'node:fs';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import type { DocModel } from './doc-model.js';

export const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FIXED_DATE = new Date('2025-01-02T00:00:00Z');

export function cjkFontAvailable(): boolean {
  return existsSync(CJK_FONT);
}

export async function renderPdf(d: DocModel, opts: { userPassword?: string } = {}): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 60, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: d.title, CreationDate: FIXED_DATE, ModDate: FIXED_DATE, Producer: 'WealthDesk demo library' },
    ...(opts.userPassword ? { userPassword: opts.userPassword, ownerPassword: `${opts.userPassword}-owner` } : {}),
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((r) => pdf.on('end', () => r(Buffer.concat(chunks))));
  if (d.lang === 'zh') {
    if (!cjkFontAvailable()) throw new Error(`CJK font not found at ${CJK_FONT}`);
    pdf.font(CJK_FONT, 'NotoSansCJKsc-Regular');
  } else pdf.font('Helvetica');
  const width = pdf.page.width - 112;
  pdf.fontSize(17).text(d.title, { width });
  pdf.moveDown(0.6);
  for (const s of d.sections) {
    if (s.pageBreak) pdf.addPage();
    pdf.fontSize(s.level === 2 ? 12 : 14).text(s.heading, { width });
    pdf.moveDown(0.3);
    pdf.fontSize(10);
    for (const p of s.paras ?? []) {
      pdf.text(p, { width, lineGap: 2 });
      pdf.moveDown(0.4);
    }
    if (s.table) {
      const cols = s.table.header.length;
      const colW = width / cols;
      for (const r of [s.table.header, ...s.table.rows]) {
        if (pdf.y > pdf.page.height - 90) pdf.addPage();
        const y = pdf.y;
        r.forEach((c, i) => pdf.text(c, 56 + i * colW, y, { width: colW - 6, lineBreak: false }));
        pdf.x = 56;
        pdf.y = y + 15;
      }
      pdf.moveDown(0.6);
    }
  }
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const m = pdf.page.margins;
    pdf.page.margins = { ...m, top: 0, bottom: 0 };
    pdf.fontSize(8);
    if (d.runningHeader) pdf.text(d.runningHeader, 56, 28, { width, lineBreak: false });
    const footer = `${d.runningFooter ? `${d.runningFooter}    ` : ''}${d.lang === 'zh' ? `第 ${i + 1} 页 / 共 ${range.count} 页` : `Page ${i + 1} of ${range.count}`}`;
    pdf.text(footer, 56, pdf.page.height - 40, { width, lineBreak: false });
    pdf.page.margins = m;
  }
  pdf.end();
  return done;
}

export async function renderDocx(d: DocModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [new Paragraph({ text: d.title, heading: HeadingLevel.TITLE })];
  for (const s of d.sections) {
    children.push(new Paragraph({ text: s.heading, heading: s.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1 }));
    for (const p of s.paras ?? []) children.push(new Paragraph({ children: [new TextRun(p)] }));
    if (s.table) {
      const row = (cells: string[], bold: boolean) =>
        new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold })], alignment: AlignmentType.LEFT })] })) });
      children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(s.table.header, true), ...s.table.rows.map((r) => row(r, false))] }));
    }
  }
  const doc = new Document({ creator: 'WealthDesk demo library', title: d.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
