/**
 * Markdown → blocks: ATX headings, paragraphs, list items, pipe tables (header kept
 * with its rows), optional `---` front matter (`key: value` lines) as metadata.
 */
import type { Block, ParsedDocument } from './types.js';

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

function inline(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .trim();
}

export function parseMarkdown(src: string): ParsedDocument {
  const meta: Record<string, string> = {};
  let text = src.replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (fm) {
    for (const l of fm[1]!.split('\n')) {
      const m = /^([\w-]+)\s*:\s*(.*)$/.exec(l);
      if (m) meta[m[1]!] = m[2]!.replace(/^["']|["']$/g, '');
    }
    text = text.slice(fm[0].length);
  }
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'para', text: inline(para.join(' ')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      blocks.push({ kind: 'heading', level: h[1]!.length, text: inline(h[2]!) });
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line) && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1] ?? '')) {
      flush();
      const header = cells(line).map(inline);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i]!)) rows.push(cells(lines[i++]!).map(inline));
      i--;
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const li = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (li) {
      flush();
      blocks.push({ kind: 'para', text: inline(li[1]!) });
      continue;
    }
    para.push(line.trim());
  }
  flush();
  const first = blocks.find((b) => b.kind === 'heading');
  return { title: meta.title ?? (first && first.kind === 'heading' ? first.text : ''), blocks, meta };
}
