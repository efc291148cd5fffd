/**
 * The evidence bundle as a PDF (pdfkit): header, conversation facts, review record, each
 * turn (masked question, tool calls with results, guard decisions, answer), the audit
 * events with their hashes and the chain proof. Chinese text needs a CJK font: the Noto
 * CJK fonts from `fonts-noto-cjk` (or any `fc-list :lang=zh` font); without one the PDF
 * says so on its first page and CJK characters are replaced by "?".
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { EvidenceBundle } from './bundle.js';

const CANDIDATES: [string, string | undefined][] = [
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'],
  ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WenQuanYi Micro Hei'],
  ['/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', undefined],
];

let cached: { path: string; family?: string } | null | undefined;

/** A CJK-capable font on this machine, or null. */
export function findCjkFont(): { path: string; family?: string } | null {
  if (cached !== undefined) return cached;
  for (const [path, family] of CANDIDATES) if (existsSync(path)) return (cached = { path, family });
  const r = spawnSync('fc-list', [':lang=zh', 'file'], { encoding: 'utf8', timeout: 3000 });
  const file = r.status === 0 ? r.stdout.split('\n').map((l) => l.replace(/:\s*$/, '').trim()).find((l) => /\.(ttf|otf)$/i.test(l)) : undefined;
  return (cached = file ? { path: file } : null);
}

const short = (v: unknown, n = 600) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > n ? `${s.slice(0, n)} …` : s;
};

/** Renders the bundle; resolves to the PDF bytes. */
export function renderEvidencePdf(b: EvidenceBundle): Promise<Buffer> {
  const font = findCjkFont();
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `Evidence ${b.timeline.conversation.id}`, Author: 'WealthDesk compliance' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const clean = (s: string) => (font ? s : s.replace(/[^\x20-\x7e\n]/g, '?'));
  if (font && font.family) doc.font(font.path, font.family);
  else if (font) doc.font(font.path);
  else doc.font('Helvetica');
  const w = doc.page.width - 96;
  const h = (t: string, size = 13) => doc.moveDown(0.6).fontSize(size).fillColor('#0b2545').text(clean(t), { width: w }).fillColor('#111');
  const p = (t: string, size = 9) => doc.fontSize(size).text(clean(t), { width: w });

  doc.fontSize(18).fillColor('#0b2545').text(clean('WealthDesk — 合规证据包 / Compliance evidence'), { width: w });
  p(`Conversation ${b.timeline.conversation.id} · exported ${b.exportedAt} by ${JSON.stringify(b.exportedBy)}`);
  if (!font) p('NOTE: no CJK font found on this machine (install fonts-noto-cjk); Chinese characters are shown as "?". The JSON export is complete.', 10);
  const c = b.timeline.conversation;
  h('Conversation / 会话');
  p(`Principal: ${c.principalRole}:${c.principalId} · Client: ${c.clientId ?? '-'} ${c.clientName ?? ''} · Advisor: ${c.advisorId ?? '-'} · Started: ${c.createdAt}`);
  const r = b.timeline.review;
  if (r) {
    h('Review / 复核');
    p(`State: ${r.state} · Disposition: ${r.disposition ?? '-'} · Flags: ${r.flagTypes.join(', ')}`);
    for (const a of r.actions) p(`${a.at} ${a.reviewerId} ${a.action} ${a.fromState ?? ''}→${a.toState ?? ''} ${a.disposition ?? ''} ${a.notes ?? ''} (audit #${a.auditSeq ?? '-'})`);
  }
  h('Turns / 对话轮次');
  b.timeline.turns.forEach((t, i) => {
    doc.moveDown(0.4);
    p(`#${i + 1} · ${t.at} · model ${t.model} · ${t.latencyMs ?? '-'} ms · ${t.status}`, 10);
    p(`Q: ${t.userText}`);
    for (const tc of t.toolCalls) p(`  tool ${tc.name}(${short(tc.args, 200)}) ${tc.ok ? 'ok' : 'FAILED'} ${tc.ms} ms → ${short(tc.result, 400)}`, 8);
    p(`Guard: ${short(t.guard, 300)}  Flags: ${t.flags.join(', ') || '-'}`, 8);
    p(`A: ${t.answer ?? ''}`);
  });
  h('Audit events and chain proof / 审计事件与链证明');
  const pf = b.proof;
  p(`Chain at export: ${pf.chain.ok ? 'INTACT' : `BROKEN at event ${pf.chain.firstBadEventId} (${pf.chain.reason ?? ''})`} · ${pf.chain.events} events · head #${pf.head.seq} ${pf.head.hash}`);
  p(`Events of this conversation: ${pf.events.length}, all hashes and links valid: ${pf.allEventsValid ? 'yes' : 'NO'} · key ${pf.keyId}`);
  b.timeline.events.forEach((e, i) => p(`#${e.seq} ${e.at} ${e.kind}  prev ${e.prevHash.slice(0, 16)}…  hash ${e.hash.slice(0, 16)}…  ${pf.events[i]?.hashValid && pf.events[i]?.linkValid ? 'ok' : 'BAD'}`, 7.5));
  h('Bundle signature / 签名', 11);
  p(`SHA-256 ${b.digest}\nHMAC-SHA256 ${b.signature}`, 8);
  doc.end();
  return done;
}
