/**
 * What a turn's answer rests on: its citations, its grounding sources for the output
 * guard, and an advisor's client names replaced by ids before the model sees the text.
 */
import type { Citation, ToolCallRecord } from './types.js';

interface PassageLike {
  n?: number;
  docId: string;
  chunkId?: string;
  title: string;
  page?: number | null;
  section?: string | null;
  text?: string;
  flagged?: boolean;
}

/**
 * The turn's citations: passages of `search_documents` results (and any result carrying
 * `citations`), numbered across calls in order — passage n of the k-th search call is
 * n + the passages of the calls before it, the numbering the answer uses. Flagged
 * passages are never cited. When the answer cites [n], only those are returned.
 */
export function collectCitations(calls: readonly ToolCallRecord[], answer = ''): Citation[] {
  const out: Citation[] = [];
  let offset = 0;
  for (const c of calls) {
    const r = c.result as { citations?: PassageLike[]; passages?: PassageLike[] } | null;
    const list = Array.isArray(r?.passages) ? r.passages : Array.isArray(r?.citations) ? r.citations : [];
    list.forEach((x, i) => {
      if (x.flagged) return;
      const cit: Citation = { n: offset + (typeof x.n === 'number' ? x.n : i + 1), docId: x.docId, title: x.title };
      if (x.chunkId) cit.chunkId = x.chunkId;
      if (typeof x.page === 'number') cit.page = x.page;
      if (x.section) cit.section = x.section;
      if (x.text) cit.text = x.text;
      out.push(cit);
    });
    offset += list.length;
  }
  const cited = new Set([...answer.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1])));
  const used = out.filter((c) => cited.has(c.n));
  return used.length > 0 ? used : out;
}

/**
 * Every name of the advisor's book in `text` (Chinese names of two or more characters,
 * English names of three or more letters, case-blind, on word boundaries) replaced by the
 * client's id, longest names first so "Amy Lin" wins over a shorter name inside it.
 */
export function replaceBookNames(text: string, book: readonly { id: string; name: string; nameEn?: string }[]): string {
  const names: { name: string; id: string }[] = [];
  for (const c of book) {
    if (c.name && c.name.length >= 2) names.push({ name: c.name, id: c.id });
    if (c.nameEn && c.nameEn.length >= 3) names.push({ name: c.nameEn, id: c.id });
  }
  names.sort((a, b) => b.name.length - a.name.length);
  let out = text;
  for (const { name, id } of names) {
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = /[\u4e00-\u9fff]/.test(name) ? new RegExp(esc, 'g') : new RegExp(`(?<![A-Za-z])${esc}(?![A-Za-z])`, 'gi');
    out = out.replace(re, id);
  }
  return out;
}

/**
 * Tool results as grounding sources, plus the sentences of long text fields (passages,
 * descriptions) as separate strings: the guard reads figures out of strings only up to a
 * few hundred characters, and a quoted sentence must stay traceable to its passage.
 */
export function groundingSources(calls: readonly ToolCallRecord[]): unknown[] {
  const pieces: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 8 || v === null || v === undefined) return;
    if (typeof v === 'string') {
      if (v.length >= 300) for (const s of v.split(/(?<=[。！？；!?;\n])|(?<=\.)\s+/)) if (s.trim()) pieces.push(s.slice(0, 380));
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === 'object') for (const x of Object.values(v as Record<string, unknown>)) walk(x, depth + 1);
  };
  const results = calls.map((t) => t.result);
  for (const r of results) walk(r, 0);
  return pieces.length > 0 ? [...results, pieces] : results;
}
