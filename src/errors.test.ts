import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, WealthDeskError, toWealthDeskError } from './errors.js';

describe('error registry', () => {
  it('maps categories to HTTP statuses and serializes to {code, message}', () => {
    const e = new WealthDeskError('WD_ERR_UNKNOWN_CLIENT', 'No client C9999', { details: { id: 'C9999' } });
    expect(e.statusCode).toBe(404);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: 'WD_ERR_UNKNOWN_CLIENT', message: 'No client C9999', details: { id: 'C9999' } });
    expect(new WealthDeskError('WD_ERR_MESSAGE_TOO_LONG').statusCode).toBe(413);
    expect(toWealthDeskError(new Error('x')).code).toBe('WD_ERR_INTERNAL');
  });

  it('every code is listed in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const missing = Object.keys(ERROR_CODES).filter((c) => !readme.includes(`\`${c}\``));
    expect(missing).toEqual([]);
  });
});
