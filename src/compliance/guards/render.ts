/**
 * Rebuilds an answer from its units after the guard has judged them: each unit is kept,
 * replaced (an ungrounded figure: the "withheld" note, in the unit's own Markdown shape)
 * or dropped (a promise). The batch guard and the streaming guard feed the same
 * `Renderer` in the same order, so what the stream shows is what the final answer says.
 */
import type { Lang } from '../../vocab.js';
import { listMarker, type Unit } from './units.js';

/** The note shown in place of a unit whose figure could not be verified. */
export const WITHHELD: Record<Lang, string> = {
  zh: '（此处数据无法与系统记录核对，已隐去。）',
  en: '(A figure here could not be verified against our records and has been withheld.)',
};

/** The withheld note shaped like the unit it replaces: a list item keeps its marker, a table row its columns. */
export function withheldText(unit: Unit, unitText: string, lang: Lang): string {
  if (unit.kind === 'list') return `${listMarker(unitText)}${WITHHELD[lang]}`;
  if (unit.kind === 'table') {
    const cells = unitText.replace(/^\|/, '').replace(/\|$/, '').split('|').length;
    return `| ${WITHHELD[lang]} |${' |'.repeat(Math.max(0, cells - 1))}`;
  }
  return WITHHELD[lang];
}

/**
 * A unit cut to at most `max` characters for a review reason, keeping the figure in
 * view: the whole unit when short enough, else a window around the figure with "…"
 * where it was cut.
 */
export function snippet(unitText: string, at: number, max = 80): string {
  if (unitText.length <= max) return unitText;
  let start = Math.max(0, Math.min(at - 24, unitText.length - (max - 1)));
  if (start === 1) start = 0;
  const head = start > 0 ? '…' : '';
  const room = max - head.length;
  const body = unitText.slice(start, start + room);
  return start + room >= unitText.length ? head + body : `${head}${body.slice(0, room - 1)}…`;
}

const newlines = (s: string) => s.split('\n').length - 1;

/**
 * Emits units in order. Between two emitted units it writes the original whitespace;
 * across dropped units it keeps the gap with the most line breaks (the last such gap,
 * so the next line keeps its indentation), or, when no line break is involved, the gap
 * before the first dropped unit — so dropping never glues lines or leaves a blank line
 * where a list item was.
 */
export class Renderer {
  private prevEnd = 0;
  private gaps: string[] = [];
  private lastWithheldProse = false;
  /** Everything emitted so far. */
  out = '';

  /** `text` is the answer the units index into; the stream updates it as the answer grows. */
  constructor(public text: string) {}

  /** Drops a unit (nothing is written for it). */
  drop(unit: Pick<Unit, 'start' | 'end'>): void {
    this.gaps.push(this.text.slice(this.prevEnd, unit.start));
    this.prevEnd = unit.end;
  }

  /**
   * Writes `replacement` (or the unit's own text) after the whitespace that precedes
   * it; returns what was written. A withheld prose unit right after another on the same
   * line is dropped instead (one note covers both) and '' is returned.
   */
  emit(unit: Pick<Unit, 'start' | 'end'> & { kind?: Unit['kind'] }, replacement?: string): string {
    const gaps = [...this.gaps, this.text.slice(this.prevEnd, unit.start)];
    const withheldProse = replacement !== undefined && unit.kind === 'prose';
    if (withheldProse && this.lastWithheldProse && gaps.every((g) => !g.includes('\n'))) {
      this.drop(unit);
      return '';
    }
    let gap = gaps[gaps.length - 1];
    if (gaps.length > 1) {
      const most = Math.max(...gaps.map(newlines));
      gap = most === 0 ? gaps[0] : gaps.findLast((g) => newlines(g) === most)!;
    }
    const piece = gap + (replacement ?? this.text.slice(unit.start, unit.end));
    this.out += piece;
    this.gaps = [];
    this.prevEnd = unit.end;
    this.lastWithheldProse = withheldProse;
    return piece;
  }
}
