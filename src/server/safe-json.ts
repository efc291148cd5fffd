/**
 * The one way untrusted JSON enters the server (STYLE.md 13): bytes must be valid UTF-8
 * (invalid bytes are refused, never silently replaced by U+FFFD), nesting is bounded, and
 * a `__proto__` key or a `constructor` object carrying `prototype` is refused (prototype
 * poisoning), at any depth. HTTP bodies go through {@link parseUntrustedJson} (installed as
 * Fastify's `application/json` parser); socket.io payloads, already parsed by socket.io,
 * go through {@link assertSafeJsonValue}; both are then validated with zod by the route.
 */
import { isUtf8 } from 'node:buffer';
import type { z } from 'zod';
import { assertStorableText } from '../db/text.js';
import { WealthDeskError } from '../errors.js';

/** Deepest nesting of arrays/objects accepted in an untrusted document. */
export const MAX_JSON_DEPTH = 32;

function poisoned(message: string): WealthDeskError {
  return new WealthDeskError('WD_ERR_BAD_JSON', message);
}

/**
 * Throws WD_ERR_BAD_JSON (400) when `value` (a parsed JSON value) nests deeper than
 * {@link MAX_JSON_DEPTH} or has an own `__proto__` key or a `constructor.prototype`, and
 * WD_ERR_BAD_TEXT (400) when a string or key holds a NUL or an unpaired surrogate (JSON
 * escapes like `"\u0000"` and `"\ud800"` parse to them; the store cannot hold them).
 * Iterative, so a hostile depth cannot overflow the stack.
 */
export function assertSafeJsonValue(value: unknown): void {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop()!;
    if (typeof v === 'string') {
      assertStorableText(v, path || 'body');
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) throw poisoned(`JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
    if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, depth + 1, `${path}${path ? '.' : ''}${i}`]));
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(v, '__proto__')) throw poisoned('JSON contains a forbidden "__proto__" key');
    const ctor = Object.prototype.hasOwnProperty.call(v, 'constructor') ? (v as Record<string, unknown>).constructor : undefined;
    if (ctor !== null && typeof ctor === 'object' && Object.prototype.hasOwnProperty.call(ctor, 'prototype')) {
      throw poisoned('JSON contains a forbidden "constructor.prototype" key');
    }
    for (const [k, x] of Object.entries(v)) {
      const at = `${path}${path ? '.' : ''}${safeKey(k)}`;
      assertStorableText(k, `${at} (key)`);
      stack.push([x, depth + 1, at]);
    }
  }
}

/** A key as it may appear in an error message: bounded, without the characters being refused. */
function safeKey(k: string): string {
  return k.slice(0, 40).replaceAll('\u0000', '?').replace(/\p{Cs}/gu, '?');
}

/** Throws WD_ERR_BAD_TEXT (400) when a query-string (or route parameter) key or value holds a NUL or an unpaired surrogate. */
export function assertSafeParams(where: 'query' | 'params', values: unknown): void {
  if (values === null || typeof values !== 'object') return;
  for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
    assertStorableText(k, `${where} (key)`);
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') assertStorableText(x, `${where}.${safeKey(k)}`);
  }
}

/**
 * Parses an untrusted JSON document (a Buffer is checked to be UTF-8 first) and, with a
 * schema, validates it. Throws WD_ERR_BAD_JSON for bytes, syntax, depth or poisoning
 * (messages never echo the input) and WD_ERR_VALIDATION naming the first bad path.
 */
export function parseUntrustedJson(raw: string | Buffer): unknown;
export function parseUntrustedJson<T>(raw: string | Buffer, schema: z.ZodType<T>): T;
export function parseUntrustedJson<T>(raw: string | Buffer, schema?: z.ZodType<T>): unknown {
  if (Buffer.isBuffer(raw) && !isUtf8(raw)) throw poisoned('Body is not valid UTF-8');
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
  if (text.trim().length === 0) throw poisoned('Body is empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw poisoned('Body is not valid JSON'); // JSON.parse quotes the input: never echo it
  }
  assertSafeJsonValue(value);
  if (!schema) return value;
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.join('.') || 'body';
    throw new WealthDeskError('WD_ERR_VALIDATION', `${path}: ${issue?.message ?? 'invalid'}`, { details: { path } });
  }
  return r.data;
}
