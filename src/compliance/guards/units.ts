/**
 * Splits an answer into the units the output guard judges one at a time: a sentence of
 * prose, a whole Markdown list item, or a whole table row. Whatever lies between units
 * is whitespace (line breaks included), so the text is exactly its units and the gaps
 * between them, and withholding one unit leaves every other byte as it was.
 *
 * A sentence ends after 。！？!?；; (with any run of terminators and stray closing
 * quotes/brackets that follow), after "." followed by whitespace (not after "e.g.",
 * "i.e.", "vs." …), and at a line break. It does not end inside a pair of quotes or
 * brackets that closes on the same line — “…” 「…」 『…』 《…》 （…） (…) 【…】 "…" — so
 * a quoted question stays one unit. An opener that never closes on its line protects
 * nothing.
 *
 * The scan is line-local and works on a line that is still arriving: it reports only
 * the units that no later text can change (see {@link scanLine}), which is what the
 * streaming guard releases.
 */

export type UnitKind = 'prose' | 'list' | 'table';

/** A unit: `text.slice(start, end)`; never starts or ends with whitespace, never holds a line break. */
export interface Unit {
  start: number;
  end: number;
  kind: UnitKind;
  /** Whether nothing but indentation precedes it on its line. */
  lineFirst: boolean;
}

export interface LineScan {
  /** Units of the line that later text cannot change, in order. */
  units: Unit[];
  /** Start of the first character not yet in a final unit (the pending unit, if any). */
  pendingStart: number;
  /** Kind of the pending unit when known (a line longer than a list marker). */
  pendingKind?: UnitKind;
}

const TERM = new Set(['。', '！', '？', '!', '?', '；', ';']);
const CLOSER_OF: Record<string, string> = { '”': '“', '」': '「', '』': '『', '》': '《', '）': '（', ')': '(', '】': '【' };
const OPENERS = new Set(Object.values(CLOSER_OF));
/** Closing marks absorbed into the sentence they end (only unmatched ones reach this point). */
const ABSORB = new Set([...TERM, ...Object.keys(CLOSER_OF), '’']);
const LIST_ITEM = /^(?:[-*+•]|\d{1,3}[.)、])[ \t]/;
/** A line start that may still turn into a list item once more text arrives. */
const LIST_MAYBE = /^(?:[-*+•]|\d{1,3}[.)、]?)$/;
const ABBREV = /(?:^|[^A-Za-z])(?:e\.g|i\.e|vs|approx|incl|cf)\.$/i;
const WS = /\s/;

/** List-item marker with the spacing after it ("- ", "12. "), or '' for other units. */
export function listMarker(unitText: string): string {
  return /^(?:[-*+•]|\d{1,3}[.)、])[ \t]+/.exec(unitText)?.[0] ?? '';
}

/** Positions in [from, to) enclosed by a pair that closes on the line, and the first opener still open. */
function enclosure(text: string, from: number, to: number): { inside: Uint8Array; firstOpen: number } {
  const depth = new Int32Array(to - from + 1);
  const stack: { ch: string; pos: number }[] = [];
  const close = (opener: string, pos: number): boolean => {
    for (let s = stack.length - 1; s >= 0; s--) {
      if (stack[s].ch !== opener) continue;
      depth[stack[s].pos + 1 - from] += 1;
      depth[pos - from] -= 1;
      stack.length = s; // openers inside a closed pair stay unmatched for good
      return true;
    }
    return false;
  };
  for (let k = from; k < to; k++) {
    const c = text[k];
    if (c === '"') {
      if (!close('"', k)) stack.push({ ch: c, pos: k });
    } else if (OPENERS.has(c)) stack.push({ ch: c, pos: k });
    else if (CLOSER_OF[c]) close(CLOSER_OF[c], k);
  }
  const inside = new Uint8Array(to - from);
  let d = 0;
  for (let k = 0; k < to - from; k++) {
    d += depth[k];
    inside[k] = d > 0 ? 1 : 0;
  }
  return { inside, firstOpen: stack.length > 0 ? stack[0].pos : Infinity };
}

/** The unit `text[start, end)` without its surrounding whitespace; `first` is where the line's text begins. */
function trimmed(text: string, start: number, end: number, kind: UnitKind, first: number): Unit | null {
  while (start < end && WS.test(text[start])) start++;
  while (end > start && WS.test(text[end - 1])) end--;
  return end > start ? { start, end, kind, lineFirst: start === first } : null;
}

/**
 * Units of the line `text[from, to)` (no line break inside). With `complete` false the
 * line may still grow: a boundary counts only when the character after it is known and
 * no quote or bracket opened before it is still waiting for its closer, and a list item
 * or table row is final only at its line break. Units reported for a partial line are
 * exactly the ones the complete line yields at the same positions.
 *
 * `resumeAt` (a streaming shortcut) starts the scan at the end of a unit this line
 * already yielded as final prose: nothing before it can change what follows, since a
 * final boundary has no quote or bracket still open before it.
 */
export function scanLine(text: string, from: number, to: number, complete: boolean, resumeAt?: number): LineScan {
  let first = from;
  while (first < to && WS.test(text[first])) first++;
  if (first === to) return { units: [], pendingStart: to };
  let i = first;
  if (resumeAt !== undefined && resumeAt > first) i = Math.min(resumeAt, to);
  else {
    const rest = text.slice(i, Math.min(to, i + 6));
    if (text[i] === '|' || LIST_ITEM.test(rest)) {
      const kind: UnitKind = text[i] === '|' ? 'table' : 'list';
      if (!complete) return { units: [], pendingStart: i, pendingKind: kind };
      const u = trimmed(text, i, to, kind, first);
      return { units: u ? [u] : [], pendingStart: to };
    }
    if (!complete && LIST_MAYBE.test(text.slice(i, to))) return { units: [], pendingStart: i };
  }

  const { inside, firstOpen } = enclosure(text, i, to);
  const units: Unit[] = [];
  let segStart = i;
  for (let k = i; k < to; k++) {
    if (inside[k - i]) continue;
    const c = text[k];
    let e: number;
    if (TERM.has(c)) {
      e = k + 1;
      while (e < to && ABSORB.has(text[e])) e++;
      if (e === to && !complete) break; // the next character may still belong to this sentence end
    } else if (c === '.') {
      if (k + 1 === to) {
        if (!complete) break;
        e = to;
      } else if (!WS.test(text[k + 1]) || text[k - 1] === '.' || ABBREV.test(text.slice(Math.max(i, k - 7), k + 1))) continue;
      else e = k + 1;
    } else continue;
    if (!complete && firstOpen < k) break; // a later closer could put this end inside quotes
    const u = trimmed(text, segStart, e, 'prose', first);
    if (u) units.push(u);
    segStart = e;
    k = e - 1;
  }
  if (complete) {
    const u = trimmed(text, segStart, to, 'prose', first);
    if (u) units.push(u);
    return { units, pendingStart: to };
  }
  let p = segStart;
  while (p < to && WS.test(text[p])) p++;
  return { units, pendingStart: p, pendingKind: 'prose' };
}

/** All units of a finished text, in order. */
export function splitUnits(text: string): Unit[] {
  const out: Unit[] = [];
  let from = 0;
  while (from <= text.length) {
    const nl = text.indexOf('\n', from);
    const to = nl === -1 ? text.length : nl;
    out.push(...scanLine(text, from, to, true).units);
    if (nl === -1) break;
    from = nl + 1;
  }
  return out;
}
