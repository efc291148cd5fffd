/**
 * Repeated page furniture (running headers/footers, page numbers) in paginated text.
 * A line among the first or last {@link EDGE} lines of a page is furniture when, with
 * digits masked, it recurs on at least 40% of the pages (and at least two), or
 * when it is a bare page number ("12", "- 12 -", "Page 12 of 150", "第12页").
 */
const EDGE = 3;
const PAGE_NO = /^(?:[-–—\s]*\d{1,4}[-–—\s]*|page\s+\d+(?:\s+of\s+\d+)?|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/i;

const mask = (l: string) => l.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();

/** Removes running headers/footers and page numbers from each page's lines. */
export function stripPageFurniture(pages: string[][]): string[][] {
  const counts = new Map<string, number>();
  if (pages.length >= 2) {
    for (const lines of pages) {
      const seen = new Set<string>();
      const edges = [...lines.slice(0, EDGE), ...lines.slice(Math.max(EDGE, lines.length - EDGE))];
      for (const l of edges) seen.add(mask(l));
      for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const threshold = Math.max(2, Math.ceil(pages.length * 0.4));
  return pages.map((lines) =>
    lines.filter((l, i) => {
      const t = l.trim();
      if (!t) return false;
      const atEdge = i < EDGE || i >= lines.length - EDGE;
      if (!atEdge) return true;
      if (PAGE_NO.test(t)) return false;
      return (counts.get(mask(t)) ?? 0) < threshold;
    }),
  );
}
