/** Markdown and HTML renderers of the {@link DocModel}. */
import type { DocModel } from './doc-model.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderMarkdown(d: DocModel, front: Record<string, string> = {}): string {
  const fm = Object.keys(front).length ? `---\n${Object.entries(front).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n\n` : '';
  const out = [`${fm}# ${d.title}`];
  for (const s of d.sections) {
    out.push(`${'#'.repeat((s.level ?? 1) + 1)} ${s.heading}`);
    for (const p of s.paras ?? []) out.push(p);
    if (s.table) {
      out.push(
        [`| ${s.table.header.join(' | ')} |`, `|${s.table.header.map(() => '---').join('|')}|`, ...s.table.rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'),
      );
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** HTML with site navigation, a script and a footer around the article (the parser must drop them). */
export function renderHtml(d: DocModel, meta: Record<string, string> = {}): string {
  const zh = d.lang === 'zh';
  const body: string[] = [`<h1>${esc(d.title)}</h1>`];
  for (const s of d.sections) {
    const h = (s.level ?? 1) + 1;
    body.push(`<h${h}>${esc(s.heading)}</h${h}>`);
    for (const p of s.paras ?? []) body.push(`<p>${esc(p)}</p>`);
    if (s.table) {
      body.push(
        `<table><thead><tr>${s.table.header.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
          .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
    }
  }
  const metas = Object.entries(meta).map(([k, v]) => `<meta name="wd:${k}" content="${esc(v)}">`).join('\n');
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><title>${esc(d.title)}</title>
${metas}
<script>window.dataLayer = window.dataLayer || []; function track(){ dataLayer.push(arguments); }</script>
<style>body{font-family:sans-serif} table{border-collapse:collapse}</style></head>
<body>
<nav><a href="/">${zh ? '首页' : 'Home'}</a> | <a href="/products">${zh ? '产品中心' : 'Products'}</a> | <a href="/login">${zh ? '登录' : 'Sign in'}</a></nav>
<main><article>
${body.join('\n')}
</article></main>
<footer>${zh ? '© 演示数据，仅供测试。' : '© Demo data for testing only.'} <a href="/privacy">${zh ? '隐私政策' : 'Privacy'}</a></footer>
<script>track('page_view');</script>
</body></html>
`;
}
