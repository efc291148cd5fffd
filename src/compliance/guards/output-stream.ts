/**
 * The output guard over an answer that is still streaming, so the user can read it as
 * the model writes it without ever seeing what the guard would take out.
 *
 * `push` takes the model's text deltas and returns what may be shown now: whole units
 * (sentence, list item, table row — see `units.ts`) that no later text can change and
 * that passed the same checks as `checkOutputText`. A unit with an ungrounded figure is
 * shown as the withheld note the final answer carries in its place. The stream stops
 * releasing anything more (and `end` decides) at:
 * - a unit that names a product the client may not be offered (above the client's
 *   level, or any product when the profile is expired or missing) — whether or not it
 *   recommends it, so no breaching product name is ever shown;
 * - a unit that carries a promise of principal or returns.
 *
 * `end()` returns `checkOutputText(fullText, ctx)`: the authoritative answer, which
 * replaces the streamed text. Invariants (tested with fast-check over random splits):
 * - whatever the split, `end()` equals `checkOutputText(fullText, ctx)`;
 * - when that decision is allow, the concatenation of everything `push` returned is a
 *   prefix of `end().answer`; it never holds a withheld unit, a promise or a
 *   restricted product name, whatever the decision;
 * - text is released only up to a unit boundary, except a unit that runs on for more
 *   than {@link LONG_UNIT} characters without one: it is released up to a word or
 *   clause break at least {@link HOLD_BACK} characters behind the newest text, once
 *   everything of it received so far has no ungrounded figure, no promise and no
 *   restricted product. If the rest of such a unit then fails, the stream stops, and
 *   what it showed of that unit is a piece of a unit the final answer withholds.
 */
import { WealthDeskError } from '../../errors.js';
import type { OutputGuardResult, OutputGuardStream } from '../types.js';
import { isGrounded } from './grounding.js';
import { checkOutputText, namesRestricted, prepareOutputCheck, ungroundedInUnit, unitFigures, type OutputCheckContext } from './output-guard.js';
import { findPromises } from './promises.js';
import { Renderer, withheldText } from './render.js';
import { scanLine, type Unit } from './units.js';

/** A unit longer than this (characters) without a boundary may be released in parts. */
export const LONG_UNIT = 200;
/** A part of a long unit is released only this many characters behind the newest text. */
export const HOLD_BACK = 32;

/**
 * How far before a unit the promise check reads (non-space characters): far more than
 * the longest promise phrase with its negation context, so a phrase that runs into the
 * unit from released text is caught as the batch guard would.
 */
const PROMISE_REACH = 400;
const WS = /\s/;

/** Where to start reading so that PROMISE_REACH non-space characters before `pos` are included (runs of spaces collapse when matched). */
function reachBack(text: string, pos: number): number {
  let k = pos;
  for (let n = 0; k > 0 && n < PROMISE_REACH; k--) if (!WS.test(text[k - 1])) n++;
  return k;
}
const SOFT_BREAK = new Set(['，', '、', '：', ',', ':', '；']);
/** Every place a sentence could end, quotes or not: the finest split a pending unit may still get. */
const PIECE = /(?<=[。！？!?；;])|(?<=\.)(?=\s)/;

/**
 * Starts the streaming output guard for one answer (`ctx` as for `checkOutputText`,
 * products included). Feed every text delta to `push` in order and show what it
 * returns; call `end` once the model is done and show `end().answer` instead of the
 * streamed text. `push` after `end` throws WD_ERR_INTERNAL.
 */
export function createOutputGuardStream(ctx: OutputCheckContext): OutputGuardStream {
  const p = prepareOutputCheck(ctx);
  const r = new Renderer('');
  let buf = '';
  let lineStart = 0; // start of the line still arriving
  let cursor = 0; // end of the last unit judged
  let shownTo = 0; // how far a long unit has been released in parts
  let tried = 0; // buffer length at the last attempt to release a long unit in parts
  let halted = false;
  let result: OutputGuardResult | undefined;

  /** Judges one final unit; returns what to show for it. */
  const take = (u: Unit): string => {
    cursor = u.end;
    const text = buf.slice(u.start, u.end);
    if (namesRestricted(text, p) || findPromises(text).length > 0 || findPromises(buf.slice(reachBack(buf, u.start), u.end)).length > 0) {
      halted = true;
      return '';
    }
    const bad = p.grounding ? ungroundedInUnit(buf, u, p.grounding).length > 0 : false;
    if (shownTo > u.start) {
      // Part of it is already on screen: only the rest can follow, and only if it passes.
      if (bad) halted = true;
      if (bad || u.end <= shownTo) return '';
      return r.emit({ start: shownTo, end: u.end, kind: u.kind });
    }
    return r.emit(u, bad ? withheldText(u, text, p.lang) : undefined);
  };

  /** Releases part of a pending unit that has run on for more than LONG_UNIT characters. */
  const longUnit = (start: number, kind: Unit['kind']): string => {
    if (buf.length - start <= LONG_UNIT || buf.length - tried < HOLD_BACK) return '';
    tried = buf.length;
    const from = Math.max(start, shownTo);
    let cut = -1;
    for (let k = buf.length - HOLD_BACK; k > from; k--) {
      if (!WS.test(buf[k]) && (WS.test(buf[k - 1]) || SOFT_BREAK.has(buf[k - 1]))) {
        cut = k;
        break;
      }
    }
    if (cut <= from) return '';
    const sofar = buf.slice(start);
    // No promise in the text so far, nor in any piece of it that could still become a unit of its own.
    const context = buf.slice(reachBack(buf, start));
    if (namesRestricted(sofar, p) || findPromises(context).length > 0 || sofar.split(PIECE).some((s) => findPromises(s).length > 0)) return '';
    const lineFirst = buf.slice(lineStart, start).trim() === '';
    if (p.grounding && unitFigures(buf, { start, end: buf.length, kind, lineFirst }).some((f) => !isGrounded(f, p.grounding!))) return '';
    const piece = r.emit({ start: from, end: cut, kind });
    shownTo = cut;
    return piece;
  };

  return {
    push(textDelta: string): string {
      if (result) throw new WealthDeskError('WD_ERR_INTERNAL', 'output guard stream: push after end');
      buf += textDelta;
      r.text = buf;
      let out = '';
      const resume = () => (cursor > lineStart ? cursor : undefined);
      for (let nl = buf.indexOf('\n', lineStart); nl !== -1 && !halted; nl = buf.indexOf('\n', lineStart)) {
        for (const u of scanLine(buf, lineStart, nl, true, resume()).units) if (u.start >= cursor && !halted) out += take(u);
        lineStart = nl + 1;
      }
      if (halted) return out;
      const scan = scanLine(buf, lineStart, buf.length, false, resume());
      for (const u of scan.units) if (u.start >= cursor && !halted) out += take(u);
      if (!halted && scan.pendingKind) out += longUnit(scan.pendingStart, scan.pendingKind);
      return out;
    },
    end(): OutputGuardResult {
      result ??= checkOutputText(buf, ctx);
      return result;
    },
  };
}
