/**
 * What the server may write to its logs and echo back in error messages. Logs are read
 * by operators, not by the compliance role, so they carry no bearer tokens, no message
 * bodies and no unmasked PII: URLs keep their path (PII masked) and only the NAMES of
 * query parameters (`?token=[redacted]`), errors keep their type, code and stack frames
 * with the message masked. Echoed input is short and masked.
 */
import { maskPii } from '../compliance/pii/mask.js';

/** Longest echo of user input in an error message, characters. */
export const MAX_ECHO_CHARS = 80;

/** `s` with PII masked (`[PHONE_1]`…) and cut to `max` characters (an ellipsis marks the cut). */
export function safeEcho(s: string, max = MAX_ECHO_CHARS): string {
  // Mask first (a cut could leave half an identifier the detector no longer recognises).
  const masked = maskPii(s.length > max * 4 ? s.slice(0, max * 4) : s).masked;
  const chars = [...masked];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : masked;
}

/** A request URL for the log: the path (percent-decoded where possible, PII masked, ≤ 200 chars) and query names only. */
export function logSafeUrl(url: string): string {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    /* keep it encoded */
  }
  const out = safeEcho(path, 200);
  if (q < 0) return out;
  const names = [...new URLSearchParams(url.slice(q + 1)).keys()].slice(0, 20).map((k) => `${safeEcho(k, 40)}=[redacted]`);
  return names.length > 0 ? `${out}?${names.join('&')}` : out;
}

/** An error for the log: type, code, masked message and the stack frames (never the message text twice). */
export function logSafeError(e: unknown, depth = 0): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e, message: safeEcho(String(e), 300) };
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 15).join('\n');
  const code = (e as { code?: unknown }).code;
  const cause = e.cause instanceof Error && e.cause !== e && depth < 3 ? logSafeError(e.cause, depth + 1) : undefined;
  return {
    type: e.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: safeEcho(e.message, 300),
    stack: frames,
    ...(cause ? { cause } : {}),
  };
}
