/**
 * Writes the demo product library (`demo/library/`) from the seed catalog: per product a
 * Chinese and an English document, plus research notes, FAQs and risk disclosures, as
 * Markdown, HTML, PDF and DOCX, and `manifest.json` with each file's metadata.
 *
 *   npx tsx scripts/make-library.ts [outDir] [--snapshot-only]
 *
 * Then it writes `snapshot.jsonl` (`src/rag/snapshot.ts`): the documents parsed, chunked
 * and embedded with the offline embedder, so the first start only inserts rows.
 * `--snapshot-only` rebuilds just the snapshot of the existing files (run it after any
 * change to parsing, chunking, segmentation or the offline embedder).
 *
 * Deterministic content; PDFs carry a fixed creation date. Chinese PDFs need the Noto
 * Sans CJK font (Debian `fonts-noto-cjk`).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCTS } from '../src/db/seed/catalog.js';
import type { DocModel } from '../src/rag/demo/doc-model.js';
import { generalDocs } from '../src/rag/demo/general-docs.js';
import { enProductDoc, zhProductDoc, type Product } from '../src/rag/demo/product-docs.js';
import { renderDocx, renderPdf } from '../src/rag/demo/render-binary.js';
import { renderHtml, renderMarkdown } from '../src/rag/demo/render-text.js';
import type { ManifestEntry } from '../src/rag/metadata.js';
import { hashingEmbedder } from '../src/rag/hashing-embedder.js';
import { writeSnapshot } from '../src/rag/snapshot.js';
import type { DocType } from '../src/rag/types.js';

type Fmt = 'md' | 'html' | 'pdf' | 'docx';
const FORMATS: Record<string, [Fmt, Fmt]> = {
  public_fund: ['md', 'html'],
  bank_wealth: ['pdf', 'docx'],
  private_fund: ['docx', 'pdf'],
  reit: ['md', 'html'],
  bond: ['md', 'html'],
};
const GENERAL_FORMATS: Record<string, Fmt> = {
  'research-bond-outlook-zh': 'md',
  'research-equity-funds-en': 'html',
  'research-reits-zh': 'pdf',
  'research-private-strategies-en': 'docx',
  'research-cash-tools-zh': 'docx',
  'research-investing-abroad-en': 'md',
  'faq-zh': 'md',
  'faq-en': 'html',
  'risk-disclosure-bank-wealth-zh': 'pdf',
  'risk-disclosure-private-fund-zh': 'docx',
  'risk-disclosure-public-fund-zh': 'md',
};

async function render(model: DocModel, fmt: Fmt): Promise<Buffer | string> {
  if (fmt === 'md') return renderMarkdown(model);
  if (fmt === 'html') return renderHtml(model);
  if (fmt === 'pdf') return renderPdf(model);
  return renderDocx(model);
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function docTypeOf(p: Product, lang: 'zh' | 'en'): DocType {
  if (p.product.productType === 'public_fund') return 'prospectus';
  return lang === 'zh' || p.product.productType !== 'bond' ? 'fact_sheet' : 'fact_sheet';
}

/** Publication date: deterministic per document, within 2024–2025. */
function published(i: number): string {
  const month = (i % 12) + 1;
  const day = ((i * 7) % 27) + 1;
  return `${i % 3 === 0 ? 2024 : 2025}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export async function makeLibrary(out: string): Promise<number> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const manifest: Record<string, ManifestEntry> = {};
  let n = 0;
  for (const p of PRODUCTS as readonly Product[]) {
    const [zf, ef] = FORMATS[p.product.productType]!;
    for (const [lang, fmt, model] of [['zh', zf, zhProductDoc(p)], ['en', ef, enProductDoc(p)]] as const) {
      const docType = docTypeOf(p, lang);
      const id = `${docType === 'prospectus' ? 'prospectus' : 'factsheet'}-${slug(p.id)}-${lang}`;
      const file = `${id}.${fmt}`;
      writeFileSync(join(out, file), await render(model, fmt));
      manifest[file] = { id, title: model.title, docType, productIds: [p.id], lang, riskLevel: p.riskLevel, publishedAt: published(n) };
      n++;
    }
  }
  for (const g of generalDocs()) {
    const fmt = GENERAL_FORMATS[g.key] ?? 'md';
    const file = `${g.key}.${fmt}`;
    writeFileSync(join(out, file), await render(g.model, fmt));
    manifest[file] = { id: g.key, title: g.model.title, docType: g.docType, productIds: g.productIds, lang: g.model.lang, riskLevel: null, publishedAt: published(n) };
    n++;
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  return n;
}

const isEntry = process.argv[1]?.endsWith('make-library.ts');
if (isEntry) {
  const args = process.argv.slice(2);
  const out = args.find((a) => !a.startsWith('--')) ?? join(process.cwd(), 'demo', 'library');
  if (!args.includes('--snapshot-only')) {
    const n = await makeLibrary(out);
    process.stderr.write(`wrote ${n} documents to ${out}\n`);
  }
  const s = await writeSnapshot(out, hashingEmbedder());
  process.stderr.write(`wrote the snapshot of ${s} documents\n`);
}
