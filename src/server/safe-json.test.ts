import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assertSafeJsonValue, MAX_JSON_DEPTH, parseUntrustedJson } from './safe-json.js';

describe('parseUntrustedJson', () => {
  it('parses and validates', () => {
    const schema = z.strictObject({ a: z.number() });
    expect(parseUntrustedJson(Buffer.from('{"a":1}'), schema)).toEqual({ a: 1 });
    expect(() => parseUntrustedJson('{"a":"x"}', schema)).toThrow(expect.objectContaining({ code: 'WD_ERR_VALIDATION', details: { path: 'a' } }));
  });

  it('refuses poisoning at any depth, bad bytes, empty and malformed input, without echoing it', () => {
    for (const s of ['{"__proto__":{"x":1}}', '{"a":[{"constructor":{"prototype":{"x":1}}}]}', '{"\\u005f_proto__":1}']) {
      expect(() => parseUntrustedJson(s)).toThrow(expect.objectContaining({ code: 'WD_ERR_BAD_JSON' }));
    }
    expect(() => parseUntrustedJson(Buffer.from([0x7b, 0xff, 0x7d]))).toThrow('Body is not valid UTF-8');
    expect(() => parseUntrustedJson('  ')).toThrow('Body is empty');
    expect(() => parseUntrustedJson('{"secret13812345678')).toThrow(/^Body is not valid JSON$/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('bounds nesting at MAX_JSON_DEPTH levels, iteratively', () => {
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(() => parseUntrustedJson(nest(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => parseUntrustedJson(nest(MAX_JSON_DEPTH + 1))).toThrow(/nests deeper/);
    expect(() => parseUntrustedJson(nest(50_000))).toThrow(/nests deeper/);
  });

  it('accepts keys that only look like the dangerous ones', () => {
    expect(() => assertSafeJsonValue({ constructor: 'a string', proto: 1, prototype: {} })).not.toThrow();
    expect(() => assertSafeJsonValue({ constructor: { name: 'x' } })).not.toThrow();
  });
});
