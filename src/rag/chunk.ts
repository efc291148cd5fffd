/**
 * Chunking that respects structure:
 *  - a heading closes the current chunk; the heading trail becomes the chunk's section;
 *  - a page change (PDF) closes it too, so every chunk cites exactly one page;
 *  - paragraphs are cut only at sentence ends (。！？；!? and ". "), over-long sentences
 *    at a hard limit;
 *  - a table stays whole when it fits; otherwise it is split into row groups, each
 *    repeating the header row;
 *  - consecutive chunks of one section overlap by the trailing sentences (≤ overlap chars).
 * Sizes are in characters (a Chinese character is roughly one token).
 */
import type { Block, ChunkDraft, ParsedDocument } from './types.js';

export interface ChunkOptions {
  /** Target maximum characters per chunk (default 700). */
  maxChars?: number;
  /** Characters of trailing context repeated at the start of the next chunk (default 120). */
  overlap?: number;
}

/** Splits text into sentences, keeping end punctuation. */
export function sentences(text: string): string[] {
  return text
    .replace(/([。！？；!?]+["”’）)]*)/g, '$1\u0000')
    .replace(/([a-z0-9)%]\.["”’)]?)\s+(?=[A-Z“"(\d])/g, '$1\u0000')
    .split('\u0000')
    .map((s) => s.trim())
    .filter(Boolean);
}

function hardSplit(s: string, max: number): string[] {
  if (s.length <= max) return [s];
  const out: string[] = [];
  let rest = s;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = rest.lastIndexOf('，', max) + 1 || max;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

export function chunkDocument(doc: ParsedDocument, opts: ChunkOptions = {}): ChunkDraft[] {
  const max = opts.maxChars ?? 700;
  const overlap = opts.overlap ?? 120;
  const out: ChunkDraft[] = [];
  const trail: { level: number; text: string }[] = [];
  let parts: string[] = [];
  let len = 0;
  let page: number | null = null;
  let fresh = true; // the chunk holds only overlap so far

  const section = () => (trail.length ? trail.slice(-2).map((h) => h.text).join(' > ') : null);
  const emit = (text: string) => {
    if (text.trim()) out.push({ ordinal: out.length, section: section(), page, text: text.trim() });
  };
  const flush = (keepOverlap: boolean) => {
    if (!fresh) emit(parts.join(CJK_JOIN(parts)));
    let carry: string[] = [];
    if (keepOverlap && !fresh) {
      let n = 0;
      for (let i = parts.length - 1; i >= 0 && n + parts[i]!.length <= overlap && !parts[i]!.startsWith('|'); i--) {
        carry.unshift(parts[i]!);
        n += parts[i]!.length;
      }
      if (carry.length === parts.length) carry = [];
    }
    parts = carry;
    len = carry.reduce((a, s) => a + s.length, 0);
    fresh = true;
  };
  const add = (s: string) => {
    if (!fresh && len + s.length > max) flush(true);
    parts.push(s);
    len += s.length;
    fresh = false;
  };

  for (const b of doc.blocks as Block[]) {
    const bp = b.page ?? null;
    if (bp !== page) {
      flush(false);
      parts = [];
      len = 0;
      page = bp;
    }
    if (b.kind === 'heading') {
      flush(false);
      parts = [];
      len = 0;
      while (trail.length && trail[trail.length - 1]!.level >= b.level) trail.pop();
      trail.push({ level: b.level, text: b.text });
    } else if (b.kind === 'para') {
      for (const s of sentences(b.text)) for (const piece of hardSplit(s, max)) add(piece);
    } else {
      const header = b.header.length ? row(b.header) : '';
      const lines = b.rows.map(row);
      const whole = [header, ...lines].filter(Boolean).join('\n');
      if (whole.length + len <= max || (fresh && whole.length <= max)) {
        add(whole);
        continue;
      }
      flush(false);
      parts = [];
      len = 0;
      let group: string[] = [];
      let glen = header.length;
      for (const l of lines) {
        if (group.length && glen + l.length + 1 > max) {
          emit([header, ...group].filter(Boolean).join('\n'));
          group = [];
          glen = header.length;
        }
        group.push(l);
        glen += l.length + 1;
      }
      if (group.length) emit([header, ...group].filter(Boolean).join('\n'));
    }
  }
  flush(false);
  return out;
}

/** Chinese sentences join without a space, others with one; tables on their own lines. */
function CJK_JOIN(parts: string[]): string {
  return parts.some((p) => p.startsWith('|')) ? '\n' : /\p{Script=Han}/u.test(parts.join('').slice(0, 50)) ? '' : ' ';
}
