import { describe, expect, it } from 'vitest';
import { logSafeError, logSafeUrl, safeEcho } from './log-safety.js';

describe('log safety', () => {
  it('masks PII and cuts echoes', () => {
    expect(safeEcho('手机13812345678')).toBe('手机[PHONE_1]');
    const long = safeEcho('a'.repeat(500), 20);
    expect([...long]).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });

  it('keeps the path (decoded, masked) and only the names of query parameters', () => {
    expect(logSafeUrl('/api/v1/x/13812345678?token=abc.def&q=%E7%8E%8B')).toBe('/api/v1/x/[PHONE_1]?token=[redacted]&q=[redacted]');
    expect(logSafeUrl('/api/v1/%E0%A4%A')).toBe('/api/v1/%E0%A4%A');
    expect(logSafeUrl('/healthz?')).toBe('/healthz');
  });

  it('logs errors with a masked message and stack frames only', () => {
    const e = new Error('bad phone 13812345678', { cause: new Error('inner 11010519491231002X') });
    const out = logSafeError(e);
    expect(out.message).toBe('bad phone [PHONE_1]');
    expect(String(out.stack)).toMatch(/^\s+at /);
    expect(JSON.stringify(out)).not.toMatch(/13812345678|11010519491231002X/);
  });
});
