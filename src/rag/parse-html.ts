/**
 * HTML → blocks with node-html-parser: scripts, styles, navigation, headers, footers
 * and asides are dropped; h1–h6 become headings, p/li/dd/blockquote paragraphs, tables
 * header + rows. `<meta name="wd:key" content>` tags become metadata.
 */
import { parse, type HTMLElement, NodeType } from 'node-html-parser';
import type { Block, ParsedDocument } from './types.js';

const DROP = new Set(['head', 'title', 'script', 'style', 'nav', 'header', 'footer', 'aside', 'noscript', 'template', 'iframe', 'svg', 'form', 'button']);
const PARA = new Set(['p', 'li', 'dd', 'dt', 'blockquote', 'pre', 'figcaption', 'caption']);

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

function table(el: HTMLElement): Block {
  const trs = el.querySelectorAll('tr');
  const rows = trs.map((tr) => tr.querySelectorAll('th,td').map((c) => clean(c.text)));
  const headerIsTh = trs[0]?.querySelector('th') !== null && trs[0] !== undefined;
  const header = headerIsTh ? rows[0]! : [];
  return { kind: 'table', header, rows: (headerIsTh ? rows.slice(1) : rows).filter((r) => r.some(Boolean)) };
}

function walk(el: HTMLElement, out: Block[]): void {
  let loose: string[] = [];
  const flush = () => {
    const t = clean(loose.join(' '));
    if (t) out.push({ kind: 'para', text: t });
    loose = [];
  };
  for (const n of el.childNodes) {
    if (n.nodeType === NodeType.TEXT_NODE) {
      loose.push(n.text);
      continue;
    }
    if (n.nodeType !== NodeType.ELEMENT_NODE) continue;
    const c = n as HTMLElement;
    const tag = c.rawTagName?.toLowerCase() ?? '';
    if (DROP.has(tag)) continue;
    if (/^h[1-6]$/.test(tag)) {
      flush();
      const t = clean(c.text);
      if (t) out.push({ kind: 'heading', level: Number(tag[1]), text: t });
    } else if (tag === 'table') {
      flush();
      out.push(table(c));
    } else if (PARA.has(tag) && !c.querySelector('table,p,li,h1,h2,h3,h4,h5,h6')) {
      flush();
      const t = clean(c.text);
      if (t) out.push({ kind: 'para', text: t });
    } else if (['span', 'a', 'b', 'strong', 'em', 'i', 'u', 'sup', 'sub', 'small', 'code', 'br'].includes(tag)) {
      loose.push(c.text);
    } else {
      flush();
      walk(c, out);
    }
  }
  flush();
}

export function parseHtml(src: string): ParsedDocument {
  const root = parse(src, { comment: false, blockTextElements: { script: false, style: false, pre: true } });
  const meta: Record<string, string> = {};
  for (const m of root.querySelectorAll('meta')) {
    const name = m.getAttribute('name') ?? '';
    const content = m.getAttribute('content');
    if (name.startsWith('wd:') && content !== undefined) meta[name.slice(3)] = content;
  }
  const lang = root.querySelector('html')?.getAttribute('lang');
  if (lang && !meta.lang) meta.lang = lang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const blocks: Block[] = [];
  walk(root.querySelector('body') ?? root, blocks);
  const title = clean(root.querySelector('title')?.text ?? '') || (blocks.find((b) => b.kind === 'heading') as { text?: string } | undefined)?.text || '';
  return { title, blocks, meta };
}
