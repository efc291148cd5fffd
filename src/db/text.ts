/**
 * What text the store can hold, checked where text enters (HTTP, socket.io, the CLI's
 * turns) so a bad character is a 400 with a code, not a failed write after the answer
 * was streamed. PostgreSQL refuses NUL (U+0000) in `text` and `jsonb`, and an unpaired
 * UTF-16 surrogate (U+D800–U+DFFF) in `jsonb`; in `text` the driver would silently turn
 * the surrogate into U+FFFD. Both are rejected, never normalized: a message the user did
 * not write must not be answered, stored or audited.
 */
import { WealthDeskError } from '../errors.js';

/** A surrogate not part of a pair (in /u mode a pair is one code point and does not match). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Characters that show nothing: white space, format characters (zero-width space and
 * joiners, word joiner, BOM, soft hyphen, bidi marks, tags), other controls, variation
 * selectors and the Hangul fillers.
 */
const INVISIBLE = /[\s\p{Cf}\p{Cc}\ufe00-\ufe0f\u{e0100}-\u{e01ef}\u115f\u1160\u3164\uffa0]/gu;

export interface UnstorableChar {
  /** UTF-16 index of the first bad character. */
  index: number;
  reason: 'NUL character' | 'unpaired surrogate';
}

/** The first character the store cannot hold, or undefined. */
export function findUnstorableChar(s: string): UnstorableChar | undefined {
  const nul = s.indexOf('\u0000');
  const surrogate = LONE_SURROGATE.exec(s)?.index ?? -1;
  if (nul < 0 && surrogate < 0) return undefined;
  if (nul >= 0 && (surrogate < 0 || nul < surrogate)) return { index: nul, reason: 'NUL character' };
  return { index: surrogate, reason: 'unpaired surrogate' };
}

/** Throws WD_ERR_BAD_TEXT (400) naming `path`, the reason and the position when `s` has a character the store cannot hold. */
export function assertStorableText(s: string, path: string): void {
  const bad = findUnstorableChar(s);
  if (bad) {
    throw new WealthDeskError('WD_ERR_BAD_TEXT', `${path}: contains a ${bad.reason} at position ${bad.index}`, {
      details: { path, reason: bad.reason, index: bad.index },
    });
  }
}

/** True when `s` has nothing visible in it (empty, white space, zero-width and other invisible characters only). */
export function isBlankText(s: string): boolean {
  return s.replace(INVISIBLE, '').length === 0;
}
